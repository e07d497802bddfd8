// --explain: what it says about how a query was read and each hit scored
// must be true of the search itself: the parts of a score add up to it.
#include "search/explain.h"
#include "search/searcher.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace news {
namespace {

using test::make_article;

// Paragraphs over 80 bytes stay passages of their own.
std::string padded(const std::string& text) { return text + " " + std::string(90, 'z') + "."; }

double sum_of(const std::vector<ScorePart>& parts) {
    double sum = 0;
    for (const ScorePart& part : parts) sum += part.weight;
    return sum;
}

const ScorePart* part_named(const std::vector<ScorePart>& parts, const std::string& what, bool feedback = false) {
    for (const ScorePart& part : parts) {
        if (part.what == what && part.feedback == feedback) return &part;
    }
    return nullptr;
}

const TierRun& tier(const QueryExplanation& explanation, std::string_view name) {
    for (const TierRun& run : explanation.tiers) {
        if (run.name == name) return run;
    }
    throw std::runtime_error("no tier " + std::string(name));
}

// Every hit's parts add up to its score, as the matcher computed it.
void expect_parts_add_up(const SearchResults& results) {
    ASSERT_FALSE(results.hits.empty());
    for (const SearchHit& hit : results.hits) {
        ASSERT_TRUE(hit.explanation) << hit.article.path;
        EXPECT_NEAR(sum_of(hit.explanation->parts), hit.score, 1e-9 * std::max(1.0, hit.score)) << hit.article.path;
        EXPECT_NEAR(hit.explanation->unexplained, 0, 1e-9) << hit.article.path;
        for (const PassageChoice& choice : hit.explanation->passages) {
            EXPECT_NEAR(sum_of(choice.parts), choice.score, 1e-9 * std::max(1.0, choice.score)) << hit.article.path;
        }
    }
}

class ExplainTest : public ::testing::Test {
protected:
    ExplainTest()
        : searcher_(test::make_index({
              make_article("/c/world/paris.txt", "Paris: France seeks coalition",
                           {padded("Hollande called for a global coalition against terrorism after the attacks."),
                            padded("The president spoke at Versailles."),
                            padded("Paris mourned the dead of the attacks.")},
                           "world"),
              make_article("/c/world/obama.txt", "Obama and Hollande talk",
                           {padded("Hollande phoned Barack Obama about the attacks."),
                            padded("They discussed the climate summit.")},
                           "world"),
              make_article("/c/sport/mutu.txt", "Chelsea sack Mutu",
                           {padded("Chelsea sacked Adrian Mutu after a drugs test."),
                            padded("The club said the global game needs clean players.")},
                           "sport"),
              make_article("/c/business/oil.txt", "Markets",
                           {padded("Oil prices rose sharply in Asia."), padded("Analysts blamed the weather in Texas.")},
                           "business"),
          })) {}

    SearchResults search(const std::string& query, SearchOptions options = {}) {
        options.query = query;
        options.explain = true;
        return searcher_.search(options);
    }

    Searcher searcher_;
};

TEST_F(ExplainTest, EachWordsPartAddsUpToTheScore) {
    for (const std::string query : {"hollande attacks", "hollande", "title:paris attacks", "\"global coalition\" OR drugs",
                                    "attacks -obama", "attack* hollande", "hollande section:world", "global OR paris"}) {
        SCOPED_TRACE(query);
        expect_parts_add_up(search(query));
    }
}

TEST_F(ExplainTest, PartsNameTheWordsAsTypedAndTheirField) {
    const SearchResults results = search("title:paris attacks");
    ASSERT_FALSE(results.hits.empty());
    EXPECT_EQ(results.hits[0].article.path, "/c/world/paris.txt");
    const std::vector<ScorePart>& parts = results.hits[0].explanation->parts;
    ASSERT_NE(part_named(parts, "title:paris"), nullptr);
    EXPECT_EQ(part_named(parts, "title:paris")->term, "Spari");
    ASSERT_NE(part_named(parts, "attacks"), nullptr);
    EXPECT_EQ(part_named(parts, "attacks")->term, "attack");
    EXPECT_GT(part_named(parts, "attacks")->weight, 0);
}

TEST_F(ExplainTest, AWordOfAnOrTheArticleLacksAddsNothing) {
    const SearchResults results = search("drugs OR versailles");
    ASSERT_EQ(results.hits.size(), 2U);
    for (const SearchHit& hit : results.hits) EXPECT_EQ(hit.explanation->parts.size(), 1U) << hit.article.path;
}

TEST_F(ExplainTest, ReportsStemsAndTheStopwordsDropped) {
    const SearchResults results = search("the attacks of paris");
    ASSERT_TRUE(results.explanation);
    const QueryExplanation& explanation = *results.explanation;
    EXPECT_EQ(explanation.stopwords, (std::vector<std::string>{"the", "of"}));
    ASSERT_EQ(explanation.stems.size(), 2U);
    EXPECT_EQ(explanation.stems[0].word, "attacks");
    EXPECT_EQ(explanation.stems[0].stem, "attack");
    EXPECT_EQ(explanation.stems[1].word, "paris");
    EXPECT_EQ(explanation.stems[1].stem, "pari");
    EXPECT_EQ(explanation.read_as, "all of (attacks, paris)");
    EXPECT_EQ(explanation.query, "the attacks of paris");
}

TEST_F(ExplainTest, FiltersAreListedAndScoreNothing) {
    const SearchResults results = search("hollande section:world");
    ASSERT_TRUE(results.explanation);
    EXPECT_EQ(results.explanation->filters, (std::vector<std::string>{"section world"}));
    for (const SearchHit& hit : results.hits) {
        for (const ScorePart& part : hit.explanation->parts) EXPECT_EQ(part.what, "hollande");
    }
}

TEST_F(ExplainTest, SaysWhichTiersRanAndWhy) {
    // Two articles hold both words; the page of 10 is then filled from
    // those holding some.
    const SearchResults results = search("hollande global");
    const QueryExplanation& explanation = *results.explanation;
    const TierRun& all = tier(explanation, kTierAllWords);
    EXPECT_TRUE(all.ran);
    EXPECT_EQ(all.matching, std::optional<ArticleCount>(1));
    EXPECT_EQ(all.shown, 1U);
    const TierRun& some = tier(explanation, kTierSomeWords);
    EXPECT_TRUE(some.ran);
    EXPECT_EQ(some.why, "the first tier left the page short");
    EXPECT_EQ(some.shown, 2U);
    EXPECT_FALSE(tier(explanation, kTierFeedback).ran);
    EXPECT_EQ(results.hits[0].explanation->tier, kTierAllWords);
    EXPECT_EQ(results.hits[1].explanation->tier, kTierSomeWords);

    SearchOptions one;
    one.count = 1;
    const SearchResults filled = search("hollande global", one);
    EXPECT_FALSE(tier(*filled.explanation, kTierSomeWords).ran);
    EXPECT_EQ(tier(*filled.explanation, kTierSomeWords).why, "the first tier filled the page");

    EXPECT_FALSE(tier(*search("\"global coalition\"").explanation, kTierSomeWords).ran) << "not plain keywords";
}

TEST_F(ExplainTest, TellsWhyThePassageWasChosen) {
    SearchOptions two;
    two.per_article = 2;
    const SearchResults results = search("attacks", two);
    const SearchHit& paris = *std::find_if(results.hits.begin(), results.hits.end(),
                                           [](const SearchHit& hit) { return hit.article.path == "/c/world/paris.txt"; });
    const std::vector<PassageChoice>& choices = paris.explanation->passages;
    ASSERT_EQ(choices.size(), 2U);
    EXPECT_EQ(choices[0].rule, "holds all the words");
    EXPECT_EQ(choices[0].rank, 1U);
    EXPECT_EQ(choices[1].rank, 2U);
    EXPECT_EQ(choices[0].passages, 3U);
    EXPECT_EQ(choices[0].holding_all, 2U) << "the two passages naming the attacks";
    EXPECT_EQ(choices[0].candidates, 2U);
    EXPECT_GE(choices[0].score, choices[1].score);
    EXPECT_EQ(choices[0].score, paris.passages[0].score);
    EXPECT_FALSE(choices[0].next_score) << "both passages allowed are shown";
    expect_parts_add_up(results);

    const SearchResults one = search("attacks");
    const SearchHit& first = *std::find_if(one.hits.begin(), one.hits.end(),
                                           [](const SearchHit& hit) { return hit.article.path == "/c/world/paris.txt"; });
    ASSERT_TRUE(first.explanation->passages.at(0).next_score);
    EXPECT_LE(*first.explanation->passages[0].next_score, first.explanation->passages[0].score);
}

TEST_F(ExplainTest, APassageOfSomeWordsSaysNoneHoldsThemAll) {
    // Both words are in the article, in different passages.
    const SearchResults results = search("versailles terrorism");
    ASSERT_EQ(results.hits.size(), 1U);
    const PassageChoice& choice = results.hits[0].explanation->passages.at(0);
    EXPECT_EQ(choice.holding_all, 0U);
    EXPECT_EQ(choice.holding_some, 2U);
    EXPECT_EQ(choice.rule, "holds some of the words (none holds them all)");
}

TEST_F(ExplainTest, PassagesRankedAloneAreExplainedByTheirOwnScore) {
    SearchOptions options;
    options.all_passages = true;
    const SearchResults results = search("attacks", options);
    expect_parts_add_up(results);
    for (const SearchHit& hit : results.hits) {
        ASSERT_EQ(hit.explanation->passages.size(), 1U);
        EXPECT_EQ(hit.explanation->passages[0].score, hit.score);
    }
    EXPECT_EQ(tier(*results.explanation, kTierFeedback).why, "not used with --all-passages");
}

TEST_F(ExplainTest, EveryOtherOptionKeepsTheExplanationTrue) {
    SearchOptions newest;
    newest.sort = SortOrder::kNewest;
    expect_parts_add_up(search("hollande attacks", newest));
    SearchOptions offset;
    offset.offset = 1;
    const SearchResults paged = search("attacks", offset);
    expect_parts_add_up(paged);
    EXPECT_EQ(paged.hits.front().rank, 2U);
    SearchOptions any;
    any.any = true;
    const SearchResults by_any = search("hollande drugs", any);
    expect_parts_add_up(by_any);
    EXPECT_FALSE(tier(*by_any.explanation, kTierAllWords).ran);
    EXPECT_EQ(by_any.explanation->read_as, "any of (hollande, drugs)");
    SearchOptions counted;
    counted.count_only = true;
    counted.facets = {FacetField::kSection};
    counted.timeline = TimelinePeriod::kAuto;
    counted.top_words = 3;
    const SearchResults counts = search("hollande", counted);
    EXPECT_TRUE(counts.hits.empty());
    ASSERT_TRUE(counts.explanation);
    EXPECT_EQ(tier(*counts.explanation, kTierAllWords).matching, std::optional<ArticleCount>(2));
}

TEST_F(ExplainTest, CostsNothingUnlessAsked) {
    SearchOptions plain;
    plain.query = "hollande attacks";
    const SearchResults results = searcher_.search(plain);
    EXPECT_FALSE(results.explanation);
    for (const SearchHit& hit : results.hits) EXPECT_FALSE(hit.explanation);
    // And asking changes nothing of the results.
    const SearchResults explained = search("hollande attacks");
    ASSERT_EQ(explained.hits.size(), results.hits.size());
    for (size_t i = 0; i < results.hits.size(); ++i) {
        EXPECT_EQ(explained.hits[i].article.path, results.hits[i].article.path);
        EXPECT_EQ(explained.hits[i].score, results.hits[i].score);
    }
}

TEST(ExplainFeedback, ListsTheWordsFeedbackAddedAndTheirPartOfEachScore) {
    // Enough matches for feedback to run (4 per feedback article), and
    // "opec" in few enough of them (at most a fifth) to be one of its words.
    Searcher searcher(test::make_index(test::opec_and_market_articles(50)));
    SearchOptions options;
    options.query = "oil";
    options.any = true;
    options.explain = true;
    const SearchResults results = searcher.search(options);
    const QueryExplanation& explanation = *results.explanation;
    EXPECT_TRUE(tier(explanation, kTierFeedback).ran);
    ASSERT_FALSE(explanation.feedback_words.empty());
    const auto opec = std::find_if(explanation.feedback_words.begin(), explanation.feedback_words.end(),
                                   [](const WeightedTerm& word) { return word.term == "opec"; });
    ASSERT_NE(opec, explanation.feedback_words.end()) << "the word of the best articles";
    EXPECT_GT(opec->weight, 0);
    EXPECT_LE(opec->weight, 0.8 + 1e-12) << "at most 0.8 of the query's weight";
    expect_parts_add_up(results);
    const SearchHit& best = results.hits.front();
    EXPECT_EQ(best.article.title, "Opec output");
    EXPECT_NE(part_named(best.explanation->parts, "opec", true), nullptr) << "feedback's part of the best hit";
    EXPECT_NE(part_named(best.explanation->parts, "oil", false), nullptr);

    // Too few matches: feedback says why it did not run.
    options.query = "opec";
    const SearchResults few = searcher.search(options);
    EXPECT_FALSE(tier(*few.explanation, kTierFeedback).ran);
    EXPECT_EQ(tier(*few.explanation, kTierFeedback).why, "only 10 articles match; feedback needs 40");
    EXPECT_TRUE(few.explanation->feedback_words.empty());
}

TEST(DescribeQuery, SaysTheQueryInPlainWords) {
    const std::unordered_map<std::string, std::string> typed{{"attack", "attacks"}, {"pari", "paris"}};
    const Xapian::Query attack("attack");
    const Xapian::Query paris("pari");
    EXPECT_EQ(describe_query(Xapian::Query(Xapian::Query::OP_AND, attack, paris), typed), "all of (attacks, paris)");
    EXPECT_EQ(describe_query(Xapian::Query(Xapian::Query::OP_AND_NOT, attack, paris), typed), "attacks but not paris");
    EXPECT_EQ(describe_query(Xapian::Query(Xapian::Query::OP_PHRASE, attack, paris), typed),
              "the phrase \"attacks paris\"");
    EXPECT_EQ(describe_query(Xapian::Query("Sking"), typed), "title:king");
    EXPECT_EQ(describe_query(Xapian::Query(Xapian::Query::OP_FILTER, attack, Xapian::Query("XSECTIONworld")), typed),
              "attacks, only section world");
    const std::vector<Xapian::Query> days{Xapian::Query("XD20141231"), Xapian::Query("XY2015"), Xapian::Query("XM201601")};
    EXPECT_EQ(describe_query(Xapian::Query(Xapian::Query::OP_OR, days.begin(), days.end()), typed),
              "dated 2014-12-31 to 2016-01");
    EXPECT_EQ(describe_query(Xapian::Query::MatchAll, typed), "every article");
}

}  // namespace
}  // namespace news
