#include "search/searcher.h"

#include "search/query_text.h"
#include "store/errors.h"
#include "text/news_date.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <set>

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

// Past 1,000 matches a count is exact when checking every match reads few
// postings, judged by the whole database's frequencies: so the same
// articles split into shards count the same as one database.
TEST(SearcherCounts, AreExactAndTheSameOnShardsWhenFewPostingsDecide) {
    std::vector<Article> first;
    std::vector<Article> second;
    for (int i = 0; i < 2400; ++i) {
        std::string text = "n" + std::to_string(i) + (i % 3 == 0 ? " alpha " : " gamma ") + (i % 5 == 0 ? "beta" : "delta");
        for (int extra = 0; extra < i % 11; ++extra) text += " filler";
        (i % 4 == 0 ? first : second)
            .push_back(make_article("/c/" + std::to_string(i) + ".txt", "Item " + std::to_string(i), {padded(text)}));
    }
    std::vector<Article> all = first;
    all.insert(all.end(), second.begin(), second.end());
    ReadableIndex one = test::make_index(all);
    ReadableIndex shards = test::make_index(first);
    shards.db.add_database(test::make_index(second).db);
    shards.shards.count = 2;
    for (const auto& [query, matching] : std::vector<std::pair<std::string, ArticleCount>>{
             {"alpha OR gamma", 2400}, {"alpha OR beta", 1120}, {"gamma delta", 1280}}) {
        for (ReadableIndex* index : {&one, &shards}) {
            SearchOptions options;
            options.query = query;
            options.count = 1;
            options.fold = false;
            const SearchResults results = Searcher(*index).search(options);
            EXPECT_TRUE(results.counts_exact) << query << (index == &one ? "" : " on shards");
            EXPECT_EQ(results.matching, matching) << query << (index == &one ? "" : " on shards");
        }
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

// The passage a reader came for, one case per query of bench/known_items
// it was chosen on: the articles, then each query with the line of the
// passage it must show (paragraphs start on lines 3, 5, 7).
struct PassageCase {
    const char* why;
    std::vector<Article> articles;
    std::vector<std::pair<std::string, size_t>> line_shown_for;
};

TEST(SearcherPassages, TheOneAReaderCameFor) {
    const std::vector<PassageCase> cases{
        {"b18 (BBC entertainment/371.txt): the lead names the story; the second paragraph holds more of the query "
         "and its rarer words",
         {make_article("/c/film/arnold.txt", "Arnold congratulated on Oscar win",
                       {"Oscar-winner Andrea Arnold has been congratulated by the UK Film Council, the organisation "
                        "which partly funded her project.",
                        "Arnold's film Wasp won the best live action short film award on Sunday. \"The UK Film "
                        "Council spends millions of pounds of lottery investment on short filmmaking in Britain every "
                        "year,\" said chief executive officer John Woodward. \"It certainly pays off when you see new "
                        "film-makers winning such prestigious awards,\" he added."}),
          make_article("/c/film/festival.txt", "Film festival", {"The festival showed a short film from Wales."}),
          make_article("/c/film/oscars.txt", "Oscars", {"Her film was not nominated for an Oscar this year."}),
          make_article("/c/film/box-office.txt", "Box office", {"A film about a bank robbery led the box office."})},
         {{"andrea arnold wasp short film", 5}, {"andrea arnold film council", 3}}},
        {"b31: the player's name is in the lead; the phrase the reader remembers, in quotes, in the third paragraph",
         {make_article("/c/rugby/oconnor.txt", "O'Connor in for Ireland",
                       {"Johnny O'Connor is determined to make a big impression when he makes his debut for Ireland "
                        "on Saturday.",
                        "The coach said the squad was settled after a week of training in Limerick, and named it "
                        "early.",
                        "O'Connor knows the Munster man will be pushing for a recall: it is horses for courses."}),
          make_article("/c/rugby/other.txt", "Scotland team", {"Scotland named two new caps for Saturday."}),
          make_article("/c/racing/horses.txt", "Racing", {"Horses ran on soft courses all week."})},
         {{"johnny o'connor \"horses for courses\"", 7}}},
        {"r38: \"spin-off\" is looked for as \"spinoff\" or the phrase \"spin off\"; a passage writing it with "
         "its hyphen holds both, and counts it once, so the passage holding the rarer word wins",
         {make_article("/c/deals/loews.txt", "Conglomerate's plan",
                       {"Loews shares rose on talk of a spin-off this year, and traders bought them all through the "
                        "day.",
                        "The Lorillard tobacco unit will spin off this year, the company said in a statement on "
                        "Monday."}),
          make_article("/c/deals/loews-hotels.txt", "Hotels", {"Loews Hotels opened in Miami."}),
          make_article("/c/deals/spin.txt", "Spin", {"The spin off the pitch was sharp."})},
         {{"loews lorillard spin-off", 5}}},
        {"r24: the lead and a later, slightly shorter paragraph hold the same words; news puts the fact first",
         {make_article("/c/courts/plea.txt", "Mortgage fraud",
                       {"ALEXANDRIA (Reuters) - Whitaker's former finance chief pleaded guilty on Tuesday to fraud "
                        "charges in the collapse of the mortgage lender, prosecutors said.",
                        "The collapse was the largest of its kind; Whitaker's chairman pleaded not guilty last year "
                        "to the same charges.",
                        "Sentencing was set for June, and the lender's former treasurer is to be tried in the "
                        "autumn."}),
          make_article("/c/courts/other.txt", "Court", {"A judge heard the case on Monday."})},
         {{"whitaker guilty", 3}}},
        {"b29: \"how much\" asks for the number; the lead that gives it holds every word of the question",
         {make_article("/c/sport/bellamy.txt", "Bellamy fined after row",
                       {"Newcastle have fined their striker Craig Bellamy two weeks' wages - about 80,000 pounds.",
                        "This club means so much to me. I could not come back and play against Newcastle."}),
          make_article("/c/sport/other.txt", "Newcastle win", {"Newcastle beat Arsenal at home."})},
         {{"how much was bellamy fined by newcastle?", 3}}},
    };
    for (const PassageCase& c : cases) {
        Searcher searcher(test::make_index(c.articles));
        for (const auto& [query, line] : c.line_shown_for) {
            SearchOptions options;
            options.query = query;
            const SearchResults results = searcher.search(options);
            ASSERT_FALSE(results.hits.empty()) << query;
            ASSERT_FALSE(results.hits[0].passages.empty()) << query;
            EXPECT_EQ(results.hits[0].passages[0].line, line) << query << "\n" << c.why;
        }
    }
}

// bench/known_items, b51: "1:47.97" is read as the phrase "1 47.97"; no
// article holds all the words, and among those holding some, the one
// writing "one minute, 47.97 seconds" holds the time.
TEST(SearcherQueriesAsTyped, SomeOfTheWordsCountsAPunctuatedNumbersParts) {
    Searcher searcher(test::make_index({
        make_article("/c/athletics/streak.txt", "McIlroy continues winning streak",
                     {"James McIlroy stormed to his second international victory in less than a week, claiming the "
                      "men's 800m in Erfurt. McIlroy led the 800m from the gun."}),
        make_article("/c/athletics/title.txt", "McIlroy wins indoor title",
                     {"McIlroy won the 800m title in Birmingham in one minute, 47.97 seconds, ahead of Neil Speaight."}),
        make_article("/c/athletics/other.txt", "Relay", {"The relay team ran 1 lap too many."}),
    }));
    SearchOptions options;
    options.query = "McIlroy 800m 1:47.97";
    const SearchResults results = searcher.search(options);
    ASSERT_FALSE(results.hits.empty());
    EXPECT_EQ(results.hits[0].article.path, "/c/athletics/title.txt");
    EXPECT_EQ(results.matching, 0U) << "no article holds the time as written";
    EXPECT_GE(results.matching_some, results.hits.size()) << "the count counts what is ranked";
}

TEST(SearcherQueriesAsTyped, InitialsInLowerCaseFindTheAbbreviationWrittenEitherWay) {
    Searcher searcher(test::make_index(
        {make_article("/c/dots.txt", "Troops", {"U.S. troops crossed the border at dawn."}),
         make_article("/c/plain.txt", "Army", {"US troops left the base on Friday."}),
         make_article("/c/other.txt", "Navy", {"British troops stayed in port."})}));
    for (const char* typed : {"u.s. troops", "U.S. troops", "US troops"}) {
        SearchOptions options;
        options.query = typed;
        const SearchResults results = searcher.search(options);
        EXPECT_EQ(results.matching, 2U) << typed;
        std::set<std::string> paths;
        for (const SearchHit& hit : results.hits) {
            if (hit.match != MatchKind::kPartial) paths.insert(hit.article.path);
        }
        EXPECT_EQ(paths, (std::set<std::string>{"/c/dots.txt", "/c/plain.txt"})) << typed << ": both words";
    }
}

TEST(SearcherQueriesAsTyped, CompoundsMeetWrittenJoinedHyphenatedOrApart) {
    Searcher searcher(test::make_index(
        {make_article("/c/hyphen.txt", "DVD review: Spider-Man 2", {"The counter-terrorism unit sent an e-mail."}),
         make_article("/c/joined.txt", "Spiderman sequel", {"A counterterrorism adviser read the email."}),
         make_article("/c/apart.txt", "Spider man", {"Police counter terrorism teams read email too."}),
         make_article("/c/other.txt", "Terrorism", {"A man was arrested; the counter was closed."})}));
    auto found = [&](const std::string& query) {
        SearchOptions options;
        options.query = query;
        std::set<std::string> paths;
        for (const SearchHit& hit : searcher.search(options).hits) {
            if (hit.match != MatchKind::kPartial) paths.insert(hit.article.path);
        }
        return paths;
    };
    EXPECT_EQ(found("spiderman"), (std::set<std::string>{"/c/hyphen.txt", "/c/joined.txt"}));
    // Typed with its hyphen, the parts apart match too.
    for (const char* query : {"spider-man", "Spider-Man"}) {
        EXPECT_EQ(found(query), (std::set<std::string>{"/c/hyphen.txt", "/c/joined.txt", "/c/apart.txt"})) << query;
    }
    for (const char* query : {"counterterrorism", "counter-terrorism"}) {
        EXPECT_TRUE(found(query).contains("/c/hyphen.txt")) << query;
        EXPECT_TRUE(found(query).contains("/c/joined.txt")) << query;
        EXPECT_FALSE(found(query).contains("/c/other.txt")) << query << ": both words, not together";
    }
    EXPECT_EQ(found("email"), (std::set<std::string>{"/c/hyphen.txt", "/c/joined.txt", "/c/apart.txt"}));
    EXPECT_EQ(found("e-mail"), (std::set<std::string>{"/c/hyphen.txt", "/c/joined.txt", "/c/apart.txt"}));
    EXPECT_EQ(found("\"spider-man 2\""), (std::set<std::string>{"/c/hyphen.txt"})) << "a phrase of its parts";
}

TEST(SearcherQueriesAsTyped, AQueryThatFindsNothingAsWrittenIsReadAsWords) {
    Searcher searcher(test::make_index(
        {make_article("/c/jet.txt", "Jet interference", {"Experimental papers on jet interference with supersonic flow."}),
         make_article("/c/other.txt", "Wings", {"Swept wings at high speed."})}));
    SearchOptions options;
    options.query = "jet interference with supersonic flow -dash experimental papers tables";
    const SearchResults results = searcher.search(options);
    ASSERT_FALSE(results.hits.empty());
    EXPECT_EQ(results.hits[0].article.path, "/c/jet.txt");
    ASSERT_FALSE(results.notes.empty());
    EXPECT_NE(results.notes[0].find("read as words"), std::string::npos) << results.notes[0];
    // A slash between words names two words, not a phrase of them.
    options.query = "interference/supersonic";
    ASSERT_FALSE(searcher.search(options).hits.empty());
    // A phrase typed in a short query is meant: not there, nothing is found.
    options.query = "jet interference \"linguistic filter\" supersonic flow";
    EXPECT_TRUE(searcher.search(options).hits.empty());
    // In a pasted paragraph (CISI's query 81, an abstract) quotes are punctuation.
    options.query =
        "the jet interference problems in supersonic flow are created by the necessity of handling a great "
        "number of papers and their relations. the subsystem plays the role of a \"linguistic filter\" in a "
        "broad sense for experimental papers on jet interference with supersonic flow.";
    const SearchResults pasted = searcher.search(options);
    ASSERT_FALSE(pasted.hits.empty());
    EXPECT_EQ(pasted.hits[0].article.path, "/c/jet.txt");
    ASSERT_FALSE(pasted.notes.empty());
    EXPECT_NE(pasted.notes[0].find("read as words"), std::string::npos) << pasted.notes[0];
    // A query whose syntax finds something is left as written.
    options.query = "jet -wings";
    const SearchResults kept = searcher.search(options);
    ASSERT_EQ(kept.hits.size(), 1U);
    EXPECT_TRUE(kept.notes.empty());
}

TEST(SearcherCopies, ArticlesWithOneTextAreOneResultAndCountOnceInFacets) {
    const std::string text =
        "The harbour board voted on Monday to close the old north pier for repairs that engineers say will take "
        "most of next year, moving the ferries to the south quay and the fishing boats to the river moorings "
        "while the work goes on, the board's chairman told reporters after a long meeting.";
    std::vector<Article> articles{make_article("/c/a.txt", "Pier to close", {text}),
                                  make_article("/c/b.txt", "North pier closes for a year", {text}),
                                  make_article("/c/c.txt", "Ferries move", {"The ferries move to the south quay."})};
    for (Article& article : articles) {
        article.source = "Harbour News";
        article.date = "2020-05-04";
    }
    Searcher searcher(test::make_index(articles));
    SearchOptions options;
    options.query = "pier";
    options.facets = {FacetField::kSource, FacetField::kMonth};
    const SearchResults results = searcher.search(options);
    ASSERT_EQ(results.hits.size(), 1U) << "a.txt and b.txt have one text";
    EXPECT_EQ(results.hits[0].copies_total, 1U);
    EXPECT_EQ(results.matching, 2U) << "the count counts articles";
    ASSERT_EQ(results.facets.size(), 2U);
    ASSERT_EQ(results.facets[0].values.size(), 1U);
    EXPECT_EQ(results.facets[0].values[0].count, 1U) << "the facets count what is listed";
    EXPECT_EQ(results.facets[1].values[0].count, 1U);
    // --no-fold lists each copy, and counts each.
    options.fold = false;
    const SearchResults unfolded = searcher.search(options);
    EXPECT_EQ(unfolded.hits.size(), 2U);
    EXPECT_EQ(unfolded.facets[0].values[0].count, 2U);
}

TEST(SearcherStories, VersionsOfAStoryFoldUnderTheBestAndNoFoldListsEach) {
    const std::string lead =
        "The harbour board voted on Monday to close the old north pier for repairs that engineers say will take "
        "most of next year, moving the ferries to the south quay and the fishing boats to the river moorings "
        "while the work goes on, the board's chairman told reporters after a long meeting in the town hall.";
    const std::string more =
        "Fishermen said the moorings were too shallow at low tide and asked the board to dredge the river first.";
    Article wire = make_article("/c/wire.txt", "Harbour board to close north pier", {lead});
    wire.source = "Wire";
    wire.date = "2020-05-04";
    Article update = make_article("/c/update.txt", "UPDATE 1-Harbour board to close north pier", {lead, more});
    update.source = "Wire";
    update.date = "2020-05-05";
    Article reissued = make_article("/c/reissued.txt", "Pier closure: the board's decision",
                                    {lead, "The board first discussed the pier in March."});
    reissued.source = "Gazette";
    reissued.date = "2020-09-01";  // months later: news again, not a version
    Article other = make_article("/c/other.txt", "Ferries move",
                                 {"The ferries will use the south quay during the works."});
    other.date = "2020-05-04";
    Searcher searcher(test::make_index({wire, update, reissued, other}));

    SearchOptions options;
    options.query = "north pier";
    SearchResults results = searcher.search(options);
    ASSERT_EQ(results.hits.size(), 2U);
    const SearchHit& first = results.hits[0];
    const SearchHit& second = results.hits[1];
    const SearchHit& folded = first.similar_total == 1 ? first : second;
    ASSERT_EQ(folded.similar_total, 1U);
    ASSERT_EQ(folded.similar.size(), 1U);
    EXPECT_EQ(std::set<std::string>({folded.article.path, folded.similar[0].article.path}),
              (std::set<std::string>{"/c/wire.txt", "/c/update.txt"}));
    EXPECT_EQ(folded.similar[0].article.source, "Wire");
    EXPECT_GT(folded.similar[0].score, 0);
    EXPECT_EQ((&folded == &first ? second : first).article.path, "/c/reissued.txt");
    EXPECT_EQ(results.matching, 3U) << "the count counts articles";

    options.count_only = true;
    results = searcher.search(options);
    ASSERT_TRUE(results.stories.has_value());
    EXPECT_EQ(*results.stories, 2U);
    EXPECT_TRUE(results.stories_exact);

    options.count_only = false;
    options.all_passages = true;
    results = searcher.search(options);
    std::set<std::string> shown;
    for (const SearchHit& hit : results.hits) shown.insert(hit.article.path);
    EXPECT_EQ(shown.size(), 2U) << "a passage of a version folds too";

    options.all_passages = false;
    options.fold = false;
    results = searcher.search(options);
    EXPECT_EQ(results.hits.size(), 3U);
    for (const SearchHit& hit : results.hits) EXPECT_EQ(hit.similar_total, 0U);
}

TEST(SearcherFeedback, ReordersWhatMatchesButNeverAddsArticles) {
    // Enough matches for feedback to run (4 per feedback article): its words
    // (opec, crude, barrel) mark the best articles, and also the one article
    // without "oil".
    std::vector<Article> articles = test::opec_and_market_articles(35);
    articles.push_back(make_article("/c/no-oil.txt", "Opec output", {"Opec crude barrel prices fell again."}));
    Searcher searcher(test::make_index(articles));
    SearchOptions options;
    options.query = "oil";
    options.any = true;
    options.count = 100;
    options.fold = false;  // the reports are one template: versions of one story
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
    // A parenthesis of words is how people write, not an operator.
    EXPECT_TRUE(is_plain_keyword_query("(paris)"));
    EXPECT_TRUE(is_plain_keyword_query("tss (time sharing system), an os"));
    EXPECT_FALSE(is_plain_keyword_query("(paris OR london) attacks"));
    EXPECT_FALSE(is_plain_keyword_query("(-paris) london"));
    EXPECT_FALSE(is_plain_keyword_query("-paris"));
    EXPECT_FALSE(is_plain_keyword_query("paris\t+london"));
    EXPECT_FALSE(is_plain_keyword_query("NOT paris"));
    EXPECT_FALSE(is_plain_keyword_query("paris NEAR/3 london"));
    EXPECT_TRUE(is_plain_keyword_query("ANDREW ORLEANS NOTE"));
    EXPECT_TRUE(is_plain_keyword_query("paris - london"));
    EXPECT_TRUE(is_plain_keyword_query(""));
}

// Articles with known days, sources and bylines, for date filters, sorting
// and counts.
class DatedSearcherTest : public ::testing::Test {
protected:
    static Article dated(const std::string& name, const std::string& date, const std::string& source,
                         const std::string& author) {
        Article article = make_article("/d/" + name + ".txt", "Euro " + name, {padded("The euro moved on " + name + ".")});
        article.date = date;
        article.source = source;
        article.author = author;
        return article;
    }

    DatedSearcherTest()
        : searcher_(test::make_index({
              dated("january", "2010-01-15", "Reuters", "Ann Lee"),
              dated("march", "2010-03-31T23:30:00-05:00", "AFP", "Ann Lee and Bo Chan"),
              dated("april", "2010-04-01T09:00:00Z", "Reuters", ""),
              dated("recent", "2026-03-28", "AFP", "Bo Chan"),
              dated("undated", "", "Reuters", ""),
          })) {}

    std::vector<std::string> titles(const std::string& query, SearchOptions options = {}) {
        options.query = query;
        options.count = 100;
        options.today = test_today_;
        std::vector<std::string> out;
        for (const SearchHit& hit : searcher_.search(options).hits) out.push_back(hit.article.title);
        return out;
    }

    SearchResults search(const std::string& query, SearchOptions options = {}) {
        options.query = query;
        options.today = test_today_;
        return searcher_.search(options);
    }

    const long long test_today_ = days_from_civil(2026, 3, 31);
    Searcher searcher_;
};

using Titles = std::vector<std::string>;

SearchOptions sorted(SortOrder order, bool all_passages = false) {
    SearchOptions options;
    options.sort = order;
    options.all_passages = all_passages;
    return options;
}

TEST_F(DatedSearcherTest, DateInTheQueryFiltersByTheDayTheSourceWrote) {
    // 23:30 on 31 March at UTC-5 is 1 April in UTC: it stays in March.
    EXPECT_EQ(titles("euro date:2010-03"), Titles{"Euro march"});
    EXPECT_EQ(titles("euro date:2010-04-01"), Titles{"Euro april"});
    EXPECT_EQ(titles("date:2010", sorted(SortOrder::kOldest)), (Titles{"Euro january", "Euro march", "Euro april"}));
    EXPECT_EQ(titles("euro date:..2010-01-31"), Titles{"Euro january"});
    EXPECT_EQ(titles("euro date:7d.."), Titles{"Euro recent"});
    EXPECT_TRUE(titles("euro date:2011").empty());
    EXPECT_THROW(titles("euro date:2015-13-45"), UserError);
    EXPECT_THROW(titles("euro date:2020..2010"), UserError);
}

TEST_F(DatedSearcherTest, ADateFilterIsNoWordOfTheQuery) {
    // Many day terms (15 January to 20 June) neither make the query a long
    // one ranked by any word nor stop a passage holding the whole query.
    const SearchResults results = search("euro moved date:2010-01-15..2010-06-20");
    ASSERT_EQ(results.hits.size(), 3u);
    for (const SearchHit& hit : results.hits) {
        EXPECT_EQ(hit.match, MatchKind::kPassage) << hit.article.title;
        ASSERT_FALSE(hit.passages.empty());
        EXPECT_EQ(hit.passages[0].matches.size(), 2u) << "euro and moved marked, nothing else";
    }
}

TEST_F(DatedSearcherTest, SinceAndUntilLeaveOutUndatedArticlesAndSaySo) {
    SearchOptions options;
    options.dates.first_day = days_from_civil(2010, 3, 1);
    const SearchResults results = search("euro", options);
    EXPECT_EQ(results.matching, 3u);
    ASSERT_EQ(results.notes.size(), 1u);
    EXPECT_EQ(results.notes[0], "a date filter leaves out the 1 article of the database without a date");
    options.dates.last_day = days_from_civil(2010, 12, 31);
    EXPECT_EQ(search("", options).matching, 2u) << "no words: every article of those days";
}

TEST_F(DatedSearcherTest, SortsByTheMomentWithUndatedArticlesLast) {
    EXPECT_EQ(titles("euro", sorted(SortOrder::kNewest)),
              (Titles{"Euro recent", "Euro april", "Euro march", "Euro january", "Euro undated"}));
    EXPECT_EQ(titles("euro", sorted(SortOrder::kOldest)),
              (Titles{"Euro january", "Euro march", "Euro april", "Euro recent", "Euro undated"}));
    EXPECT_EQ(titles("euro", sorted(SortOrder::kNewest, true)),
              (Titles{"Euro recent", "Euro april", "Euro march", "Euro january", "Euro undated"}));
}

TEST_F(DatedSearcherTest, FacetsCountEveryMatchAndEachAuthorOfAByline) {
    SearchOptions options;
    options.count = 1;
    options.facets = {FacetField::kSource, FacetField::kAuthor, FacetField::kMonth};
    const SearchResults results = search("euro", options);
    EXPECT_EQ(results.hits.size(), 1u);
    EXPECT_EQ(results.matching, 5u);
    ASSERT_EQ(results.facets.size(), 3u);
    auto values = [](const FacetCounts& facet) {
        std::vector<std::pair<std::string, ArticleCount>> out;
        for (const ValueCount& value : facet.values) out.emplace_back(value.value, value.count);
        return out;
    };
    using Counts = std::vector<std::pair<std::string, ArticleCount>>;
    EXPECT_EQ(results.facets[0].field, "source");
    EXPECT_TRUE(results.facets[0].exact);
    EXPECT_EQ(values(results.facets[0]), (Counts{{"Reuters", 3}, {"AFP", 2}}));
    EXPECT_EQ(values(results.facets[1]), (Counts{{"Ann Lee", 2}, {"Bo Chan", 2}}));
    EXPECT_EQ(results.facets[1].articles, 3u);
    EXPECT_EQ(values(results.facets[2]), (Counts{{"2010-01", 1}, {"2010-03", 1}, {"2010-04", 1}, {"2026-03", 1}}));
}

TEST_F(DatedSearcherTest, TheTimelineCoversTheFilterRangeAndCountOnlyListsNoHits) {
    SearchOptions options;
    options.count_only = true;
    options.timeline = TimelinePeriod::kMonth;
    options.dates = {days_from_civil(2009, 12, 1), days_from_civil(2010, 5, 31)};
    const SearchResults results = search("euro", options);
    EXPECT_TRUE(results.hits.empty());
    EXPECT_EQ(results.matching, 3u);
    ASSERT_TRUE(results.timeline.has_value());
    EXPECT_EQ(results.timeline->period, "month");
    std::vector<ArticleCount> counts;
    for (const ValueCount& bucket : results.timeline->buckets) counts.push_back(bucket.count);
    EXPECT_EQ(counts, (std::vector<ArticleCount>{0, 1, 0, 1, 1, 0}));
    EXPECT_EQ(results.timeline->buckets.front().value, "2009-12");
}

TEST(SearcherTopWords, AreTheWordsOfTheBestMatchesRareElsewhereInTheirCommonestForm) {
    Searcher searcher(test::make_index({
        make_article("/v/1.txt", "Volcano erupts", {padded("Ash from the volcano grounded flights across Europe.")}),
        make_article("/v/2.txt", "Volcano ash", {padded("Flights stay grounded as the volcano keeps erupting ash.")}),
        make_article("/e/1.txt", "Euro falls", {padded("The euro fell as the bank kept rates on hold.")}),
        make_article("/e/2.txt", "Bank rates", {padded("The bank kept rates steady and the euro rose.")}),
    }));
    SearchOptions options;
    options.query = "volcano";
    options.top_words = 3;
    const SearchResults results = searcher.search(options);
    EXPECT_EQ(results.top_words_from, 2u);
    std::vector<std::string> words;
    for (const WeightedTerm& word : results.top_words) {
        words.push_back(word.word);
        EXPECT_GT(word.weight, 0);
    }
    ASSERT_EQ(words.size(), 3u);
    EXPECT_EQ(std::count(words.begin(), words.end(), "volcano"), 0) << "the query's own word";
    EXPECT_EQ(std::count(words.begin(), words.end(), "euro"), 0) << "a word only of articles that do not match";
    EXPECT_EQ(std::count(words.begin(), words.end(), "ash"), 1);
    // The index holds the stem "flight": shown as the matches write it.
    EXPECT_EQ(std::count(words.begin(), words.end(), "flights"), 1);
}

TEST(SearchOptionNames, EachOptionListsWhatItTakes) {
    EXPECT_EQ(parse_sort_order("newest"), SortOrder::kNewest);
    EXPECT_EQ(parse_facet_fields("source,month,source"), (std::vector<FacetField>{FacetField::kSource, FacetField::kMonth}));
    EXPECT_EQ(parse_timeline_period("week"), TimelinePeriod::kWeek);
    try {
        parse_facet_fields("source,nosuchfield");
        ADD_FAILURE();
    } catch (const UserError& e) {
        EXPECT_STREQ(e.what(), "--facets takes author, day, lang, month, section, source, year, not 'nosuchfield'");
    }
    EXPECT_THROW(parse_sort_order("sideways"), UserError);
    EXPECT_THROW(parse_timeline_period("fortnight"), UserError);
    EXPECT_THROW(parse_facet_fields(""), UserError);
}

}  // namespace
}  // namespace news
