#include "search/passage_matcher.h"

#include "store/schema.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <memory>

namespace news {
namespace {

// Evaluates queries as news-query parses them on the one passage of an
// article written as news-index writes it.
class PassageMatcherTest : public ::testing::Test {
protected:
    bool holds(const std::string& query_text, const std::string& passage_text) {
        Article article = test::make_article("/c/business/1.txt", "Oil prices climb", {passage_text}, "business");
        article.author = "Jane Doe";
        article.source = "Reuters";
        const ReadableIndex index = test::make_index({article});
        const Analyzer analyzer(index.analysis);
        Xapian::QueryParser parser;
        analyzer.configure(parser);
        parser.add_prefix("title", std::string(schema::kTitlePrefix));
        parser.add_prefix("author", std::string(schema::kAuthorPrefix));
        parser.add_boolean_prefix("section", std::string(schema::kSectionPrefix));
        parser.set_default_op(Xapian::Query::OP_AND);
        const Xapian::Query query = parser.parse_query(
            query_text, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PURE_NOT);
        std::unordered_set<std::string> terms(query.get_unique_terms_begin(), query.get_unique_terms_end());
        return holds_in(index.db, query, terms, {});
    }

    static bool holds_in(const Xapian::Database& db, const Xapian::Query& query,
                         const std::unordered_set<std::string>& terms, const std::vector<std::string>& wildcards) {
        const std::string data = unpack_article_data(db.get_document(1).get_data());
        const std::vector<StoredPassage> passages = stored_passages(data);
        const PassageMatcher matcher(db, terms, wildcards);
        ArticleTerms found;
        matcher.read(1, ArticleRecord::parse(data), passages, found);
        EXPECT_EQ(found.passages.size(), 1U);
        return PassageMatcher::holds(query, found.passages.at(0));
    }
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
    const Xapian::Query query(Xapian::Query::OP_WILDCARD, "terror");
    EXPECT_TRUE(holds_in(test::make_index({test::make_article("/c/1.txt", "T", {"Terrorists struck."})}).db, query,
                         {}, {"terror"}));
    EXPECT_FALSE(holds_in(test::make_index({test::make_article("/c/1.txt", "T", {"Nothing struck."})}).db, query,
                          {}, {"terror"}));
}

// "bank* banke*": a word both patterns match counts once, and every
// word each matches is found.
TEST_F(PassageMatcherTest, OverlappingWildcardsReadEachWordOnce) {
    const ReadableIndex index = test::make_index({test::make_article(
        "/c/1.txt", "T", {"Banking and bankers: the banks said banking rules bind bankrupt lenders."})});
    const std::string data = unpack_article_data(index.db.get_document(1).get_data());
    const std::vector<StoredPassage> passages = stored_passages(data);
    const PassageMatcher matcher(index.db, {}, {"banke", "bank", "lend"});
    ArticleTerms found;
    matcher.read(1, ArticleRecord::parse(data), passages, found);
    ASSERT_EQ(found.passages.size(), 1U);
    const auto& positions = found.passages[0].positions;
    EXPECT_EQ(positions.at("bank").size(), 3U) << "Banking, banks, banking";
    EXPECT_EQ(positions.at("banker").size(), 1U) << "matched by both patterns";
    EXPECT_EQ(positions.at("bankrupt").size(), 1U);
    EXPECT_EQ(positions.at("lender").size(), 1U);
}

TEST_F(PassageMatcherTest, CutsTheArticlesPositionsAtItsPassages) {
    const ReadableIndex index = test::make_index({test::make_article(
        "/c/1.txt", "Rates",
        {"Rates rose, and rates fell, and the bank said nothing about what it would do next year at all.",
         "No such word here in this one, which is long enough to stand as a passage of its own today."})});
    const std::string data = unpack_article_data(index.db.get_document(1).get_data());
    const std::vector<StoredPassage> passages = stored_passages(data);
    ASSERT_EQ(passages.size(), 2U);
    const PassageMatcher matcher(index.db, {"rate"}, {});
    ArticleTerms found;
    matcher.read(1, ArticleRecord::parse(data), passages, found);
    ASSERT_EQ(found.passages.size(), 2U);
    EXPECT_EQ(found.passages[0].words, 19U);
    EXPECT_EQ(found.passages[0].positions.at("rate").size(), 2U);
    EXPECT_TRUE(found.passages[1].positions.empty());
    EXPECT_EQ(found.fields.positions.at("rate").size(), 1U) << "the title's";
    EXPECT_TRUE(found.passages[1].has("rate")) << "the title counts in every passage";
}

}  // namespace
}  // namespace news
