#include "passage_matcher.h"

#include "schema.h"

#include <gtest/gtest.h>

#include <memory>

namespace news {
namespace {

// Evaluates queries as news-query parses them on passages of one article.
class PassageMatcherTest : public ::testing::Test {
protected:
    PassageMatcherTest() : analyzer_(AnalysisSettings{}) {
        article_.title = "Oil prices climb";
        article_.author = "Jane Doe";
        article_.source = "Reuters";
        article_.section = "business";
    }

    bool holds(const std::string& query_text, const std::string& passage_text) {
        Xapian::QueryParser parser;
        analyzer_.configure(parser);
        parser.add_prefix("title", std::string(schema::kTitlePrefix));
        parser.add_prefix("author", std::string(schema::kAuthorPrefix));
        parser.add_boolean_prefix("section", std::string(schema::kSectionPrefix));
        parser.set_default_op(Xapian::Query::OP_AND);
        const Xapian::Query query = parser.parse_query(
            query_text, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PURE_NOT);
        std::unordered_set<std::string> terms(query.get_unique_terms_begin(), query.get_unique_terms_end());
        PassageMatcher matcher(analyzer_, terms, {"terror"});
        const TermPositions fields = matcher.article_fields(article_);
        return PassageMatcher::holds(query, matcher.passage(passage_text, fields));
    }

    Analyzer analyzer_;
    ArticleRecord article_;
};

TEST_F(PassageMatcherTest, AllTheWordsOrNot) {
    EXPECT_TRUE(holds("interest rates", "The bank raised interest rates again."));
    EXPECT_TRUE(holds("interest rates", "Rates rose; interest followed."));
    EXPECT_FALSE(holds("interest rates", "The bank raised rates again."));
    EXPECT_TRUE(holds("interest OR gold", "Gold fell."));
    EXPECT_FALSE(holds("rates -bank", "The bank raised rates."));
    EXPECT_TRUE(holds("rates -bank", "The Fed raised rates."));
    EXPECT_TRUE(holds("NOT bank", "The Fed raised rates."));
}

TEST_F(PassageMatcherTest, PhrasesNeedTheWordsInOrderSideBySide) {
    EXPECT_TRUE(holds("\"interest rates\"", "Higher interest rates hurt."));
    EXPECT_FALSE(holds("\"interest rates\"", "Rates of interest hurt."));
    EXPECT_FALSE(holds("\"interest rates\"", "Interest in the new rates."));
    EXPECT_TRUE(holds("interest NEAR rates", "Rates, the bank says, and interest too."));
    EXPECT_FALSE(holds("interest NEAR/2 rates", "Interest was one thing, but the rates were another."));
}

TEST_F(PassageMatcherTest, TheArticlesFieldsHoldInEveryPassage) {
    EXPECT_TRUE(holds("oil rates", "The bank raised rates."));
    EXPECT_TRUE(holds("\"oil prices\" rates", "The bank raised rates."));
    EXPECT_FALSE(holds("\"prices oil\" rates", "The bank raised rates."));
    EXPECT_TRUE(holds("title:oil", "Nothing here."));
    EXPECT_FALSE(holds("title:rates", "The bank raised rates."));
    EXPECT_TRUE(holds("author:doe rates", "The bank raised rates."));
    EXPECT_TRUE(holds("section:business rates", "The bank raised rates."));
    EXPECT_FALSE(holds("section:sport rates", "The bank raised rates."));
}

TEST_F(PassageMatcherTest, WildcardsMatchEveryWordTheyBeginAndNoOther) {
    Xapian::QueryParser parser;
    analyzer_.configure(parser);
    const Xapian::Query query(Xapian::Query::OP_WILDCARD, "terror");
    PassageMatcher matcher(analyzer_, {}, {"terror"});
    const TermPositions fields = matcher.article_fields(article_);
    EXPECT_TRUE(PassageMatcher::holds(query, matcher.passage("Terrorists struck.", fields)));
    EXPECT_FALSE(PassageMatcher::holds(query, matcher.passage("Nothing struck.", fields)));
}

TEST_F(PassageMatcherTest, CountsThePassagesWordsAndWhereTheQuerysAre) {
    PassageMatcher matcher(analyzer_, {"rate"}, {});
    const TermPositions fields = matcher.article_fields(article_);
    const TermPositions passage = matcher.passage("Rates rose, and rates fell.", fields);
    EXPECT_EQ(passage.words, 5U);
    EXPECT_EQ(passage.positions_of("rate"), (std::vector<Xapian::termpos>{0, 3}));
}

}  // namespace
}  // namespace news
