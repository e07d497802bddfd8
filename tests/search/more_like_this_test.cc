#include "search/more_like_this.h"

#include "search/searcher.h"
#include "store/errors.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace news {
namespace {

using test::make_article;

const std::string kBid =
    "Imperial Chemical Industries rejected a bid approach from Dutch paints group Akzo Nobel, saying the offer for "
    "the maker of Dulux paints undervalued the company, and its shares jumped to an eight-year high in London.";

Article dated(Article article, const std::string& date) {
    article.date = date;
    return article;
}

// A record of a dump whose text starts on `line` of the file.
Article record(const std::string& key, unsigned line, const std::string& title, const std::string& text) {
    Article article = make_article("/d/dump.jsonl", title, {text});
    article.record = key;
    article.title_line = line;
    article.paragraphs[0].line_starts = {{0, line}};
    return article;
}

class MoreLikeThisTest : public ::testing::Test {
protected:
    MoreLikeThisTest()
        : index_(test::make_index({
              dated(make_article("/c/akzo.txt", "ICI rejects Akzo approach", {kBid}), "2007-06-18"),
              // Its UPDATE: a version of it, left out with it.
              dated(make_article("/c/akzo-update.txt", "UPDATE 1-ICI rejects Akzo approach",
                                 {kBid, "Analysts said Akzo could come back with a higher offer within weeks."}),
                    "2007-06-19"),
              dated(make_article("/c/akzo-raised.txt", "ICI opens books to Akzo",
                                 {"Akzo Nobel raised its offer for Imperial Chemical Industries, the Dulux paints "
                                  "maker, which agreed to open its books to the Dutch group."}),
                    "2007-08-06"),
              dated(make_article("/c/oil.txt", "Oil rises",
                                 {"Oil prices rose on Monday as a pipeline outage in Canada cut supply to refineries."}),
                    "2007-06-18"),
              record("1", 1, "Paint sales", "Dulux paint sales rose in Britain as the housing market recovered."),
              record("2", 2, "Cup final", "Chelsea won the cup final at Wembley after extra time on Saturday."),
          })),
          db_(index_.db) {}

    ReadableIndex index_;
    Xapian::Database db_;
};

TEST_F(MoreLikeThisTest, FindsTheArticleByThePlaceNewsQueryShows) {
    const Xapian::docid akzo = find_article(db_, "/c/akzo.txt");
    EXPECT_EQ(db_.get_document(akzo).get_value(3), "/c/akzo.txt");
    EXPECT_EQ(find_article(db_, "/c/akzo.txt:3"), akzo) << "a file of one article, with the line shown";
    const Xapian::docid second = find_article(db_, "/d/dump.jsonl:2");
    EXPECT_EQ(find_article(db_, "/d/dump.jsonl//2"), second);
    EXPECT_NE(find_article(db_, "/d/dump.jsonl:1"), second);
}

TEST_F(MoreLikeThisTest, SaysWhenThePlaceNamesNoOneArticle) {
    EXPECT_THROW(find_article(db_, "/c/missing.txt"), UserError);
    EXPECT_THROW(find_article(db_, ""), UserError);
    try {
        find_article(db_, "/d/dump.jsonl");
        FAIL() << "a dump of two records names no one article";
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("holds 2 articles"), std::string::npos) << e.what();
    }
}

TEST_F(MoreLikeThisTest, RanksByItsWordsLeavingOutItselfAndItsVersions) {
    Searcher searcher(std::move(index_));
    SearchOptions options;
    options.like = "/c/akzo.txt";
    const SearchResults results = searcher.search(options);
    ASSERT_FALSE(results.hits.empty());
    EXPECT_EQ(results.hits[0].article.path, "/c/akzo-raised.txt");
    std::set<std::string> shown;
    for (const SearchHit& hit : results.hits) {
        shown.insert(hit.article.path);
        for (const SimilarArticle& similar : hit.similar) shown.insert(similar.article.path);
    }
    EXPECT_FALSE(shown.contains("/c/akzo.txt"));
    EXPECT_FALSE(shown.contains("/c/akzo-update.txt"));
    EXPECT_FALSE(shown.contains("/c/oil.txt"));
    ASSERT_FALSE(results.notes.empty());
    EXPECT_NE(results.notes[0].find("akzo"), std::string::npos) << results.notes[0];

    // Typed words narrow it; date filters and sorting combine.
    options.query = "dulux";
    options.sort = SortOrder::kNewest;
    const SearchResults narrowed = searcher.search(options);
    ASSERT_FALSE(narrowed.hits.empty());
    for (const SearchHit& hit : narrowed.hits) EXPECT_NE(hit.article.path, "/c/akzo.txt");
}

TEST(MoreLikeThis, AnArticleWithoutTellingWordsFindsNothingAndSaysWhy) {
    Searcher searcher(test::make_index({
        make_article("/c/numbers.txt", "2007", {"2007 14.2 600 634.5 16"}),
        make_article("/c/words.txt", "Paint", {"Akzo Nobel bid for the paints maker on 16 June 2007."}),
    }));
    SearchOptions options;
    options.like = "/c/numbers.txt";
    const SearchResults results = searcher.search(options);
    EXPECT_TRUE(results.hits.empty());
    ASSERT_FALSE(results.notes.empty());
    EXPECT_NE(results.notes[0].find("no word of it sets it apart"), std::string::npos) << results.notes[0];
}

}  // namespace
}  // namespace news
