// The weighting models news-query ranks by: BM25 for articles over the
// articles' own statistics, BM25 for passages.  Their parameters were
// measured with bench/relevance (docs/benchmarks.md).
#pragma once

#include "search/passage_matcher.h"
#include "search/term_set.h"

#include <xapian.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace news {

// The article documents' count and average length, which news-index records
// in the metadata: every article and passage weight is computed over them,
// not over the whole database's (which counts passages too).  A database
// indexed before they were recorded gives its document count, unrecorded.
struct ArticleStatistics {
    double articles = 0;
    double average_length = 0;
    bool recorded = false;

    // One metadata lookup: read once per query and passed around.
    static ArticleStatistics read(const Xapian::Database& db);
};

// BM25 over the articles' own statistics; without them, Xapian's BM25 over
// the whole database's.
std::unique_ptr<Xapian::Weight> article_weighting(const ArticleStatistics& statistics);

// Pseudo-relevance feedback: the enquire's query joined by AND_MAYBE to the
// words that mark its best articles, weighed by how much of those articles'
// text they make up, so they only reorder what the query matches.  The
// query as it is when too few articles match for feedback to mean anything.
Xapian::Query with_relevance_feedback(const Xapian::Database& db, const ArticleStatistics& statistics,
                                      const Xapian::Enquire& enquire);

// Scores an article's passages for a query's words when it is shown: BM25
// with each word's idf over the articles and the passage's length against
// the article's average passage.
class PassageScorer {
public:
    // `words`: the query's unprefixed terms outside any NOT; `wildcards`:
    // its unprefixed wildcard patterns.
    PassageScorer(const Xapian::Database& db, const ArticleStatistics& statistics,
                  std::unordered_set<std::string> words, std::vector<std::string> wildcards);

    [[nodiscard]] double score(const TermPositions& passage, double average_words);

private:
    double idf(const std::string& term);

    const Xapian::Database& db_;
    TermSet scored_;
    double articles_;
    std::unordered_map<std::string, double> idf_by_term_;
};

}  // namespace news
