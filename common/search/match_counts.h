// Counting the matches of a search: how exactly a page's count is taken
// (matches_counted), and by the values of a slot (--facets, --timeline): a
// match spy that counts each item of a list value, and articles with one
// text once, as the results list them.
#pragma once

#include "search/search_options.h"
#include "search/search_results.h"
#include "store/news_database.h"

#include <xapian.h>

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace news {

// Of articles with one text (store/text_copies.h), shown as one result,
// the first met counts; the others are passed over, so that the counts
// agree with the results listed.  Asked by each spy about the same
// document in turn, it reads the document's digest once.
class FirstOfEachText {
public:
    bool counts(const Xapian::Document& document);

private:
    std::unordered_set<std::string> seen_;
    std::string last_article_;  // the key of the document asked about last
    bool last_answer_ = true;
};

// Counts the values of one slot over the matches Xapian checks, each item
// of a list value (schema.h kListSeparator) on its own: Xapian's
// ValueCountMatchSpy would count "Steve Stecklow\x1fMelanie Lee" as one.
class ListCountSpy final : public Xapian::MatchSpy {
public:
    // `texts` is null when the database holds no two articles with one text.
    ListCountSpy(Xapian::valueno slot, FirstOfEachText* texts) : slot_(slot), texts_(texts) {}

    void operator()(const Xapian::Document& document, double weight) override;

    [[nodiscard]] const std::unordered_map<std::string, ArticleCount>& counts() const { return counts_; }
    [[nodiscard]] ArticleCount documents() const { return documents_; }

private:
    Xapian::valueno slot_;
    FirstOfEachText* texts_;
    ArticleCount documents_ = 0;
    std::unordered_map<std::string, ArticleCount> counts_;
};

// What counting every match gives: the articles, the stories they tell,
// and the facets and timeline asked for.
struct EveryMatchCount {
    // What could not be counted as asked, for the user (remote shards).
    std::vector<std::string> notes;
    ArticleCount matching = 0;
    bool exact = true;  // false: Xapian's estimate
    std::optional<ArticleCount> stories;  // with folding on
    bool stories_exact = true;
    std::vector<FacetCounts> facets;
    std::optional<TimelineCounts> timeline;
};

// Every article `query` matches (articles only), counted once, with the
// fields --facets and --timeline ask for: Xapian checks every match
// (check_at_least = the database's size), so the counts are exact.  The
// timeline covers the date filters' range where they give one.
// Over remote shards (`shards.remote`), whose server runs only the match
// spies Xapian has built in, the values are counted by Xapian's
// ValueCountMatchSpy and their lists split afterwards (the same counts),
// but copies of one text are counted each and stories not at all: the
// notes say so.
EveryMatchCount count_every_match(const Xapian::Database& db, const Xapian::Query& query,
                                  const SearchOptions& options, const std::vector<DateRange>& date_filters,
                                  const DatabaseShards& shards = {});

// The first `size` matches, and the count exact when at most 1,000 match
// or when checking every match reads at most 5,000 postings.  A single term's count is its
// frequency, which Xapian knows without checking; other counts cost
// checking matches, a tenth of a broad query, so they are checked only
// when the terms' frequencies say it is cheap or Xapian's estimate says
// the count could be small.  The postings are the whole database's, so a
// database split into shards counts a query exactly just when one database
// would; Xapian's estimate, summed from shards, is not.
// Locally the frequencies come from a pass that matches nothing, before
// the page (finding the page first and checking after, when still unsure,
// matched many queries twice: docs/benchmarks.md).  Over remote shards
// every pass is a round trip to each server, so the page comes first and
// its frequencies decide whether a second pass is worth it.
Xapian::MSet matches_counted(const Xapian::Enquire& enquire, Xapian::doccount size, bool remote);

}  // namespace news
