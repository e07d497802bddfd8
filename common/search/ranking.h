// The weighting models news-query ranks by: BM25 for articles over the
// articles' own statistics, BM25 for passages.  Their parameters were
// measured with bench/relevance (docs/benchmarks.md).
#pragma once

#include "search/passage_matcher.h"
#include "search/term_set.h"
#include "store/news_database.h"

#include <xapian.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace news {

// The article documents' count and average length: every article and
// passage weight is computed over them, not over the whole database's
// (which counts the duplicates' empty documents too).
struct ArticleStatistics {
    double articles = 0;
    double average_length = 0;
    double article_share = 1;  // articles / documents

    // Xapian's statistics, over every shard: read once per query and
    // passed around.
    static ArticleStatistics read(const Xapian::Database& db, const DatabaseShards& shards = {});
};

// BM25 over the articles' own statistics, as a scheme Xapian has built in
// (so remote shards weigh as local ones do).
std::unique_ptr<Xapian::Weight> article_weighting(const ArticleStatistics& statistics);

// What feedback did, for --explain: the words it added with the weight
// each was given (a share of the query's weight), strongest first, or why
// it added none.
struct FeedbackExpansion {
    bool applied = false;
    Xapian::doccount matching_at_least = 0;  // of the query, when feedback looked
    Xapian::doccount matching_needed = 0;    // the fewest it expands from
    std::vector<std::pair<std::string, double>> words;
};

// Pseudo-relevance feedback: the enquire's query joined by AND_MAYBE to the
// words that mark its best articles, weighed by how much of those articles'
// text they make up, so they only reorder what the query matches.  The
// query as it is when too few articles match for feedback to mean anything.
// `expansion`, when given, is told what was added.
Xapian::Query with_relevance_feedback(const Xapian::Database& db, const ArticleStatistics& statistics,
                                      const Xapian::Enquire& enquire, FeedbackExpansion* expansion = nullptr);

// The article weighting in words, with its statistics ("BM25 (k1 1.5,
// b 0.75) over 1,000 articles ..."), for --explain.
std::string describe_article_weighting(const ArticleStatistics& statistics);

// Scores an article's passages for a query's words when it is shown: BM25
// with each word's idf over the articles and the passage's length against
// the article's average passage.
class PassageScorer {
public:
    // `words`: the query's unprefixed terms outside any NOT; `wildcards`:
    // its unprefixed wildcard patterns.
    PassageScorer(const Xapian::Database& db, const ArticleStatistics& statistics,
                  std::unordered_set<std::string> words, std::vector<std::string> wildcards);

    // Takes the words' frequencies from a page of matches for the query,
    // which Xapian gathered with it, rather than asking the database again
    // (over remote shards an exchange with every shard per word).
    void learn_frequencies(const Xapian::MSet& page);

    // The query's phrases (quoted, or a compound's parts): a passage that
    // holds one as written has its words count again.
    void weigh_phrases(const Xapian::Query& query);

    [[nodiscard]] double score(const TermPositions& passage, double average_words);
    // The same score word by word (term, its part), in the passage's
    // order of terms, for --explain: the parts add up to score().
    [[nodiscard]] std::vector<std::pair<std::string, double>> score_parts(const TermPositions& passage,
                                                                         double average_words);

private:
    double idf(const std::string& term);
    // Calls `add(term, part)` for each scored word the passage holds.
    template <typename Add>
    void each_part(const TermPositions& passage, double average_words, Add&& add);

    const Xapian::Database& db_;
    void collect_phrases(const Xapian::Query& query);

    TermSet scored_;
    struct Phrase {
        Xapian::Query query;
        // The joined word of a compound searched either way ("spinoff" for
        // "spin-off"), empty for a quoted phrase.  Written with its
        // hyphen, a compound is indexed as both: its words count once.
        std::string joined;
    };
    std::vector<Phrase> phrases_;
    double articles_;
    std::unordered_map<std::string, double> idf_by_term_;
};

}  // namespace news
