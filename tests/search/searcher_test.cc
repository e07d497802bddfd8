#include "search/searcher.h"

#include "store/errors.h"
#include "test_support.h"

#include <gtest/gtest.h>

namespace news {
namespace {

using test::make_article;

// Paragraphs over 80 bytes stay passages of their own.
std::string padded(const std::string& text) { return text + " " + std::string(90, 'z') + "."; }

class SearcherTest : public ::testing::Test {
protected:
    SearcherTest()
        : searcher_(test::make_index({
              make_article("/c/world/paris.txt", "Paris attacks: France seeks coalition",
                           {padded("Fran\xC3\xA7ois Hollande called for a global coalition against terrorism."),
                            padded("The president spoke at Versailles.")},
                           "world"),
              make_article("/c/world/obama.txt", "Obama and Hollande talk",
                           {padded("Francois Hollande phoned Barack Obama."), padded("They discussed the climate summit.")},
                           "world"),
              make_article("/c/sport/mutu.txt", "Chelsea sack Mutu",
                           {padded("Chelsea sacked Adrian Mutu after a drugs test."),
                            padded("The club said the global game needs clean players.")},
                           "sport"),
              make_article("/c/business/spread.txt", "Markets",
                           {padded("Oil prices rose sharply in Asia."), padded("Analysts blamed the weather in Texas.")},
                           "business"),
          })) {}

    SearchResults search(const std::string& query, SearchOptions options = {}) {
        options.query = query;
        return searcher_.search(options);
    }

    static std::vector<std::string> paths(const SearchResults& results) {
        std::vector<std::string> out;
        for (const SearchHit& hit : results.hits) out.push_back(hit.article.path);
        return out;
    }

    Searcher searcher_;
};

TEST_F(SearcherTest, AccentsDoNotMatter) {
    const auto expected = std::vector<std::string>{"/c/world/paris.txt", "/c/world/obama.txt"};
    for (const std::string query : {"fran\xC3\xA7ois", "francois", "Fran\xC3\xA7ois", "FRANCOIS"}) {
        auto found = paths(search(query));
        std::sort(found.begin(), found.end());
        auto sorted = expected;
        std::sort(sorted.begin(), sorted.end());
        EXPECT_EQ(found, sorted) << query;
    }
}

TEST_F(SearcherTest, PhraseMatchesWordsInOrderOnly) {
    EXPECT_EQ(paths(search("\"global coalition\"")), (std::vector<std::string>{"/c/world/paris.txt"}));
    EXPECT_TRUE(search("\"coalition global\"").hits.empty());
}

TEST_F(SearcherTest, ShowsTheMatchingPassageWithItsLineAndMarks) {
    const SearchResults results = search("drugs");
    ASSERT_EQ(results.hits.size(), 1U);
    const PassageHit& passage = results.hits[0].passages.at(0);
    EXPECT_EQ(passage.line, 3U);
    ASSERT_EQ(passage.matches.size(), 1U);
    EXPECT_EQ(passage.text.substr(passage.matches[0].first, passage.matches[0].second - passage.matches[0].first),
              "drugs");
    EXPECT_EQ(results.matching, 1U);
}

TEST_F(SearcherTest, ArticlesWithAllTheWordsComeFirstShownByThePassageHoldingThem) {
    // "global" and "coalition" meet in a Paris passage; Chelsea has only
    // "global".  "oil" and "texas" are in two passages of one article.
    const SearchResults results = search("global coalition");
    ASSERT_EQ(results.hits.size(), 2U);
    EXPECT_EQ(results.hits[0].article.path, "/c/world/paris.txt");
    EXPECT_EQ(results.hits[0].match, MatchKind::kPassage);
    EXPECT_EQ(results.hits[1].article.path, "/c/sport/mutu.txt");
    EXPECT_EQ(results.hits[1].match, MatchKind::kPartial);
    EXPECT_EQ(results.matching, 1U);
    EXPECT_EQ(results.matching_some, 2U);
    // Each passage marks the query's words it holds, and only those.
    auto marked = [](const PassageHit& passage) {
        std::vector<std::string> words;
        for (const auto& [begin, end] : passage.matches) words.push_back(passage.text.substr(begin, end - begin));
        return words;
    };
    EXPECT_EQ(marked(results.hits[0].passages.at(0)), (std::vector<std::string>{"global", "coalition"}));
    EXPECT_EQ(marked(results.hits[1].passages.at(0)), (std::vector<std::string>{"global"}));

    const SearchResults spread = search("oil texas");
    ASSERT_EQ(spread.hits.size(), 1U);
    EXPECT_EQ(spread.hits[0].match, MatchKind::kArticle);
    EXPECT_EQ(spread.matching, 1U);
}

TEST_F(SearcherTest, AnyRanksByAnyWord) {
    SearchOptions options;
    options.any = true;
    const SearchResults results = search("global coalition", options);
    ASSERT_EQ(results.hits.size(), 2U);
    EXPECT_EQ(results.hits[0].match, MatchKind::kPassage);
    EXPECT_EQ(results.hits[1].match, MatchKind::kPartial);
    EXPECT_EQ(results.matching, 2U);
}

// One word's count comes from its frequency, the others' from checking the
// matches when Xapian, having found the page, is unsure of the count: both
// exact when the page is shorter, as long as fewer than 1,000 match.
TEST(SearcherCounts, AreExactWhenThePageIsShorter) {
    std::vector<Article> articles;
    for (int i = 0; i < 400; ++i) {
        // Lengths and word counts vary, so the matcher could stop early.
        std::string text = "alpha " + std::string(i % 7 == 0 ? "alpha " : "") + "beta";
        for (int extra = 0; extra < i % 13; ++extra) text += " filler";
        articles.push_back(make_article("/c/" + std::to_string(i) + ".txt", "Item " + std::to_string(i),
                                        {padded(text)}));
    }
    Searcher searcher(test::make_index(articles));
    for (const std::string query : {"alpha", "alpha beta", "alpha OR beta", "title:item"}) {
        SearchOptions options;
        options.query = query;
        options.count = 1;
        const SearchResults results = searcher.search(options);
        EXPECT_EQ(results.hits.size(), 1U) << query;
        EXPECT_TRUE(results.counts_exact) << query;
        EXPECT_EQ(results.matching, 400U) << query;
    }
}

TEST_F(SearcherTest, FieldsRestrictWhereWordsAreLooked_for) {
    EXPECT_EQ(paths(search("title:hollande")), (std::vector<std::string>{"/c/world/obama.txt"}));
    EXPECT_EQ(paths(search("global section:sport")), (std::vector<std::string>{"/c/sport/mutu.txt"}));
}

TEST_F(SearcherTest, TitleWordsFindEveryPassageButPreferOnesWithTheWord) {
    const SearchResults results = search("chelsea");
    ASSERT_EQ(results.hits.size(), 1U);
    EXPECT_EQ(results.hits[0].passages.at(0).line, 3U);
}

TEST_F(SearcherTest, BooleanOperatorsAreObeyed) {
    EXPECT_EQ(paths(search("hollande NOT obama")), (std::vector<std::string>{"/c/world/paris.txt"}));
    EXPECT_EQ(paths(search("hollande -obama")), (std::vector<std::string>{"/c/world/paris.txt"}));
    EXPECT_EQ(search("mutu OR texas").hits.size(), 2U);
    // A pure NOT: every other article, each once.
    auto others = paths(search("NOT obama"));
    std::sort(others.begin(), others.end());
    EXPECT_EQ(others, (std::vector<std::string>{"/c/business/spread.txt", "/c/sport/mutu.txt", "/c/world/paris.txt"}));
}

TEST_F(SearcherTest, WildcardsExpandAndAreMarked) {
    const SearchResults results = search("terror*");
    ASSERT_EQ(results.hits.size(), 1U);
    const PassageHit& passage = results.hits[0].passages.at(0);
    ASSERT_EQ(passage.matches.size(), 1U);
    EXPECT_EQ(passage.text.substr(passage.matches[0].first, passage.matches[0].second - passage.matches[0].first),
              "terrorism");
}

TEST_F(SearcherTest, PerArticleAndAllPassages) {
    SearchOptions options;
    options.per_article = 2;
    const SearchResults grouped = search("hollande", options);
    ASSERT_FALSE(grouped.hits.empty());
    for (const SearchHit& hit : grouped.hits) EXPECT_LE(hit.passages.size(), 2U);
    EXPECT_EQ(grouped.hits.size(), 2U);

    options = {};
    options.all_passages = true;
    const SearchResults passages = search("hollande", options);
    // Title words count: both passages of the article with Hollande in its
    // title, and the one Paris passage that names him.
    EXPECT_EQ(passages.hits.size(), 3U);
    for (const SearchHit& hit : passages.hits) EXPECT_EQ(hit.passages.size(), 1U);
}

TEST_F(SearcherTest, OffsetPagesThroughResultsWithStableRanks) {
    const SearchResults all = search("hollande");
    ASSERT_EQ(all.hits.size(), 2U);
    SearchOptions options;
    options.count = 1;
    options.offset = 1;
    const SearchResults second = search("hollande", options);
    ASSERT_EQ(second.hits.size(), 1U);
    EXPECT_EQ(second.hits[0].rank, 2U);
    EXPECT_EQ(second.hits[0].article.path, all.hits[1].article.path);
}

TEST_F(SearcherTest, NoMatchIsEmptyNotAnError) {
    const SearchResults results = search("zeppelin");
    EXPECT_TRUE(results.hits.empty());
    EXPECT_EQ(results.matching, 0U);
}

TEST_F(SearcherTest, SaysHowAnUnbalancedQueryWasRead) {
    const SearchResults results = search("\"global coalition");
    ASSERT_EQ(results.notes.size(), 1U);
    EXPECT_NE(results.notes[0].find("unbalanced quote"), std::string::npos);
    EXPECT_EQ(results.hits.size(), 1U);
    EXPECT_TRUE(search("global coalition").notes.empty());
}

TEST(SearcherPassages, TheSentenceThatSaysItBeatsALongParagraphThatMentionsIt) {
    Searcher searcher(test::make_index({
        make_article("/c/sport/mutu.txt", "Chelsea sack Mutu",
                     {"Chelsea have sacked Adrian Mutu after he failed a drugs test.",
                      "The striker tested positive in October and Chelsea decided to write off the fee paid for "
                      "Mutu, who now faces a ban. Chelsea said the club will not tolerate drugs among its players "
                      "or staff, that Mutu had been told, and that Chelsea took the decision as a whole board."}),
        make_article("/c/sport/other.txt", "Arsenal win", {"Arsenal beat Everton at home in the league on Sunday."}),
    }));
    SearchOptions options;
    options.query = "chelsea mutu";
    const SearchResults results = searcher.search(options);
    ASSERT_EQ(results.hits.size(), 1U);
    ASSERT_EQ(results.hits[0].passages.size(), 1U);
    EXPECT_EQ(results.hits[0].passages[0].line, 3U);
}

TEST(SearcherFeedback, ReordersWhatMatchesButNeverAddsArticles) {
    // Enough matches for feedback to run (4 per feedback article): its words
    // (opec, crude, barrel) mark the best articles, and also the one article
    // without "oil".
    std::vector<Article> articles;
    for (int i = 0; i < 10; ++i) {
        articles.push_back(make_article("/c/opec" + std::to_string(i) + ".txt", "Opec output",
                                        {"Opec raised oil output; crude barrel prices fell on day " + std::to_string(i) + "."}));
    }
    for (int i = 0; i < 35; ++i) {
        articles.push_back(make_article("/c/market" + std::to_string(i) + ".txt", "Market report",
                                        {"Shares and bonds moved while oil was quiet in market report " + std::to_string(i) + "."}));
    }
    articles.push_back(make_article("/c/no-oil.txt", "Opec output", {"Opec crude barrel prices fell again."}));
    Searcher searcher(test::make_index(articles));
    SearchOptions options;
    options.query = "oil";
    options.any = true;
    options.count = 100;
    const SearchResults results = searcher.search(options);
    EXPECT_EQ(results.hits.size(), 45U);
    for (const SearchHit& hit : results.hits) EXPECT_NE(hit.article.path, "/c/no-oil.txt");
    EXPECT_EQ(results.hits.front().article.title, "Opec output");
}

TEST_F(SearcherTest, UnparsableQueryIsAUserError) { EXPECT_THROW(search("AND"), UserError); }

static std::vector<std::string> sorted(std::vector<std::string> paths) {
    std::sort(paths.begin(), paths.end());
    return paths;
}

// Regression: "-chelsea" alone returned exactly the Chelsea article (Xapian
// read it again as plain "chelsea").  Only excluded words mean everything
// but them, as NOT does, within any filter beside them.
TEST_F(SearcherTest, ExcludedWordsAloneMatchEverythingElse) {
    const std::vector<std::string> not_chelsea{"/c/business/spread.txt", "/c/world/obama.txt", "/c/world/paris.txt"};
    EXPECT_EQ(sorted(paths(search("NOT chelsea"))), not_chelsea);
    EXPECT_EQ(sorted(paths(search("-chelsea"))), not_chelsea);
    EXPECT_EQ(sorted(paths(search("-title:chelsea"))), not_chelsea);
    EXPECT_EQ(sorted(paths(search("-\"adrian mutu\""))), not_chelsea);
    EXPECT_EQ(sorted(paths(search("-chelsea -oil"))),
              (std::vector<std::string>{"/c/world/obama.txt", "/c/world/paris.txt"}));
    EXPECT_EQ(sorted(paths(search("-(chelsea OR oil)"))),
              (std::vector<std::string>{"/c/world/obama.txt", "/c/world/paris.txt"}));
    EXPECT_EQ(paths(search("section:world -obama")), (std::vector<std::string>{"/c/world/paris.txt"}));
    EXPECT_EQ(paths(search("-obama section:world")), (std::vector<std::string>{"/c/world/paris.txt"}));
    EXPECT_EQ(sorted(paths(search("-section:world"))),
              (std::vector<std::string>{"/c/business/spread.txt", "/c/sport/mutu.txt"}));
    EXPECT_EQ(search("-chelsea").matching, 3U);
}

// Regression: each repetition of a wildcard was expanded and matched again.
TEST_F(SearcherTest, ARepeatedWildcardIsSearchedOnceWithANote) {
    std::string repeated;
    for (int i = 0; i < 1000; ++i) repeated += " hol*";
    const SearchResults results = search(repeated);
    EXPECT_EQ(sorted(paths(results)), sorted(paths(search("hol*"))));
    ASSERT_FALSE(results.notes.empty());
    EXPECT_EQ(results.notes[0], "'hol*' appears 1000 times; it is searched once");
}

// Regression: the 1,000-word cut counted OR as a word and left the query
// ending in OR, which could not be parsed.
TEST_F(SearcherTest, ALongQueryOfWildcardsJoinedByOrIsCutToAValidQuery) {
    std::string query;
    for (int i = 0; i < 1200; ++i) query += (query.empty() ? "w" : " OR w") + std::to_string(i) + "*";
    SearchResults results;
    EXPECT_NO_THROW(results = search(query));
    EXPECT_NE(std::find(results.notes.begin(), results.notes.end(),
                        "the query has more than 1000 words; only the first 1000 are used"),
              results.notes.end());
    for (const std::string& note : results.notes) EXPECT_LT(note.size(), 200U) << note;
}

TEST_F(SearcherTest, AParseErrorQuotesTheQueryOnOneShortLine) {
    const std::string query = std::string(5000, 'x') + "\n AND";
    try {
        search(query);
        ADD_FAILURE() << "no error";
    } catch (const UserError& e) {
        const std::string message = e.what();
        EXPECT_LT(message.size(), 200U) << message;
        EXPECT_EQ(message.find('\n'), std::string::npos);
        EXPECT_NE(message.find("cannot parse query 'xxx"), std::string::npos);
        EXPECT_NE(message.find("(5005 bytes)"), std::string::npos) << message;
    }
}

TEST(IsPlainKeywordQuery, TellsKeywordsFromStructuredQueries) {
    EXPECT_TRUE(is_plain_keyword_query("paris attacks"));
    EXPECT_TRUE(is_plain_keyword_query("title:paris terror*"));
    EXPECT_TRUE(is_plain_keyword_query("co-operation and trade"));
    EXPECT_FALSE(is_plain_keyword_query("\"paris attacks\""));
    EXPECT_FALSE(is_plain_keyword_query("paris -attacks"));
    EXPECT_FALSE(is_plain_keyword_query("paris OR london"));
    EXPECT_FALSE(is_plain_keyword_query("(paris)"));
    EXPECT_FALSE(is_plain_keyword_query("-paris"));
    EXPECT_FALSE(is_plain_keyword_query("paris\t+london"));
    EXPECT_FALSE(is_plain_keyword_query("NOT paris"));
    EXPECT_FALSE(is_plain_keyword_query("paris NEAR/3 london"));
    EXPECT_TRUE(is_plain_keyword_query("ANDREW ORLEANS NOTE"));
    EXPECT_TRUE(is_plain_keyword_query("paris - london"));
    EXPECT_TRUE(is_plain_keyword_query(""));
}

}  // namespace
}  // namespace news
