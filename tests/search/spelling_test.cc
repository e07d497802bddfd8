#include "search/spelling.h"

#include "index/document_builder.h"
#include "search/searcher.h"
#include "store/schema.h"
#include "text/content_hash.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

namespace news {
namespace {

using test::make_article;
using test::spelling_frequency;

// Xapian keeps spelling data only on disk (the in-memory backend has none):
// each test writes a small glass database as news-index would.
class SpellingTest : public ::testing::Test {
protected:
    void build(const std::vector<Article>& articles, bool with_spelling = true) {
        Xapian::WritableDatabase db(path(), Xapian::DB_CREATE_OR_OVERWRITE);
        db.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
        db.set_metadata(std::string(schema::kMetaAnalysis), AnalysisSettings{}.serialise());
        if (with_spelling) db.set_metadata(std::string(schema::kMetaSpelling), "1");
        DocumentBuilder builder(analyzer_, with_spelling);
        SpellingTally spelling;
        schema::ArticleKey key = 0;
        for (const Article& article : articles) {
            ArticleDocument built = builder.build(article, {article.path, 1, 1, content_hash(article.path)});
            store_article(db, built, ++key);
            spelling.add(built.spelling_words);
        }
        spelling.write_to(db);
        db.commit();
    }

    static std::vector<Article> news() {
        return {
            make_article("/c/obama.txt", "Obama meets Hollande",
                         {"Barack Obama and Francois Hollande discussed the coalition in Washington."}),
            make_article("/c/obama2.txt", "Obama on climate", {"President Obama spoke about the climate summit."}),
            make_article("/c/holland.txt", "Floods in Holland",
                         {"Holland braced for floods. In Holland the dykes held, and Holland waited."}),
            make_article("/c/tulips.txt", "Tulip exports", {"Holland sold more tulips abroad."}),
            make_article("/c/economy.txt", "Economy grows", {"The economy grew 2.5 percent in the third quarter."}),
        };
    }

    std::string path() const { return (scratch_.path() / "news.db").string(); }

    SearchResults search(const std::string& query) {
        Searcher searcher(open_readable_index(path()));
        SearchOptions options;
        options.query = query;
        return searcher.search(options);
    }

    std::optional<SpellingSuggestion> suggest(const std::string& query) {
        return suggest_spelling(Xapian::Database(path()), analyzer_, query);
    }

    test::ScratchDir scratch_;
    Analyzer analyzer_{AnalysisSettings{}};
};

TEST_F(SpellingTest, AMisspeltWordIsCorrectedAndItsResultsShownWhenNothingMatched) {
    build(news());
    const SearchResults results = search("obma climate");
    ASSERT_TRUE(results.spelling.has_value());
    EXPECT_EQ(results.spelling->query, "obma climate");
    EXPECT_EQ(results.spelling->suggestion, "obama climate");
    ASSERT_EQ(results.spelling->corrections.size(), 1U);
    EXPECT_EQ(results.spelling->corrections[0].word, "obma");
    EXPECT_EQ(results.spelling->corrections[0].suggestion, "obama");
    // "obma climate" matches "climate" alone (some of the words): something
    // was found, so the results stay those of the query as typed.
    EXPECT_FALSE(results.spelling->searched);

    const SearchResults corrected = search("Obma");
    ASSERT_TRUE(corrected.spelling.has_value());
    EXPECT_EQ(corrected.spelling->suggestion, "Obama");  // the capital kept
    EXPECT_TRUE(corrected.spelling->searched);
    ASSERT_EQ(corrected.hits.size(), 2U);
    for (const SearchHit& hit : corrected.hits) EXPECT_NE(hit.article.title.find("Obama"), std::string::npos);
}

// "obama tulips": each word is in an article, no article holds both.
TEST_F(SpellingTest, ASuggestionWhoseWordsNoArticleHoldsTogetherIsOnlySaid) {
    build(news());
    const SearchResults results = search("obma tulpis");
    ASSERT_TRUE(results.spelling.has_value());
    EXPECT_EQ(results.spelling->suggestion, "obama tulips");
    EXPECT_FALSE(results.spelling->searched);
    EXPECT_TRUE(results.hits.empty());
}

TEST_F(SpellingTest, AWordTheIndexHoldsIsNeverCorrected) {
    build(news());
    // "hollande" is in one article and "holland" in two: Xapian alone
    // would offer the commoner word.
    EXPECT_EQ(Xapian::Database(path()).get_spelling_suggestion("hollande"), "holland");
    EXPECT_FALSE(suggest("hollande").has_value());
    const SearchResults results = search("Hollande");
    EXPECT_FALSE(results.spelling.has_value());
    // (English stemming makes "hollande" "holland": both are found.)
    EXPECT_TRUE(std::any_of(results.hits.begin(), results.hits.end(),
                            [](const SearchHit& hit) { return hit.article.path == "/c/obama.txt"; }));
}

TEST_F(SpellingTest, OnlyTheWordsMissingFromTheIndexAreReplacedInTheQueryAsTyped) {
    build(news());
    const auto suggestion = suggest("\"barack obma\" AND hollande -clmate");
    ASSERT_TRUE(suggestion.has_value());
    EXPECT_EQ(suggestion->suggestion, "\"barack obama\" AND hollande -clmate");
}

TEST_F(SpellingTest, FieldsOperatorsDatesWildcardsAndNumbersAreLeftAlone) {
    build(news());
    for (const std::string query :
         {"title:obma", "title:\"obma hollande\"", "section:wrld", "date:2015", "date:2015..2016", "obm*",
          "NOT clmate", "-clmate", "2.7 percen7", "NEAR/3"}) {
        EXPECT_FALSE(suggest(query).has_value()) << query;
    }
    // The words around them still are.
    const auto suggestion = suggest("title:obma clmate NEAR/3 date:2015");
    ASSERT_TRUE(suggestion.has_value());
    EXPECT_EQ(suggestion->suggestion, "title:obma climate NEAR/3 date:2015");
}

TEST_F(SpellingTest, ADatabaseWithoutSpellingDataSuggestsNothing) {
    build(news(), /*with_spelling=*/false);
    EXPECT_FALSE(suggest("obma").has_value());
    const SearchResults results = search("obma");
    EXPECT_FALSE(results.spelling.has_value());
    EXPECT_TRUE(results.hits.empty());
}

TEST_F(SpellingTest, AWordWhoseArticlesAreGoneIsNotSuggested) {
    build(news());
    {
        // An article deleted without its words being taken back (as an
        // older news-index would leave it): "climate" stays in the
        // spelling data, and no article holds it.
        Xapian::WritableDatabase db(path(), Xapian::DB_OPEN);
        db.delete_document(2);
        db.commit();
    }
    EXPECT_EQ(Xapian::Database(path()).get_spelling_suggestion("climat"), "climate");
    EXPECT_FALSE(suggest("climat").has_value());
}

TEST_F(SpellingTest, RemovingAnArticleTakesItsWordsOutOfTheSpellingData) {
    build(news());
    {
        Xapian::WritableDatabase db(path(), Xapian::DB_OPEN);
        remove_article_spelling(db, 2, analyzer_);  // "Obama on climate"
        db.delete_document(2);
        db.commit();
    }
    const Xapian::Database db(path());
    EXPECT_EQ(spelling_frequency(db, "climate"), 0U);
    EXPECT_EQ(spelling_frequency(db, "summit"), 0U);
    EXPECT_EQ(spelling_frequency(db, "obama"), 1U);  // still in the other article
}

TEST_F(SpellingTest, SpellingDataCountsArticlesAndLeavesOutNumbersAndShortWords) {
    build(news());
    const Xapian::Database db(path());
    EXPECT_EQ(spelling_frequency(db, "holland"), 2U);  // five times, in two articles
    EXPECT_EQ(spelling_frequency(db, "obama"), 2U);
    EXPECT_EQ(spelling_frequency(db, "francois"), 1U);  // folded as the index is
    EXPECT_EQ(spelling_frequency(db, "2.5"), 0U);
    EXPECT_EQ(spelling_frequency(db, "in"), 0U);
}

TEST_F(SpellingTest, AThousandWordQueryLooksUpAFewMissingWordsOnly) {
    build(news());
    // Words no article holds and nothing is near: each costs a lookup.
    std::string query = "clmate obma";
    for (int i = 0; i < 998; ++i) {
        query += " zq";
        for (int n = i, letters = 0; letters < 3; ++letters, n /= 26) query += static_cast<char>('a' + n % 26);
    }
    const auto started = std::chrono::steady_clock::now();
    const SearchResults results = search(query);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    ASSERT_TRUE(results.spelling.has_value());
    ASSERT_EQ(results.spelling->corrections.size(), 2U);
    EXPECT_EQ(results.spelling->corrections[0].suggestion, "climate");
    EXPECT_EQ(results.spelling->corrections[1].suggestion, "obama");
    EXPECT_LT(seconds, 2.0);

    // Past kMaxWordsCorrected missing words, the rest are not looked up.
    std::string many_missing;
    for (size_t i = 0; i < kMaxWordsCorrected; ++i) {
        many_missing += "zqx" + std::string(1, static_cast<char>('a' + i)) + " ";
    }
    EXPECT_FALSE(suggest(many_missing + "clmate").has_value());
    EXPECT_TRUE(suggest("clmate " + many_missing).has_value());
}

}  // namespace
}  // namespace news
