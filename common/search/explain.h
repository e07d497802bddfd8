// --explain: how the query was read and why each hit came where it did,
// gathered beside a query run (search/searcher.cc) only when asked.  A
// hit's score is taken apart by evaluating each word of the query alone on
// that article with the same weighting, so the parts are the matcher's own
// numbers and add up to the score.
#pragma once

#include "search/ranking.h"
#include "search/search_results.h"

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace news {

// The tiers of a query run, by the names --explain gives them.
inline constexpr std::string_view kTierAllWords = "all words";
inline constexpr std::string_view kTierSomeWords = "some words";
inline constexpr std::string_view kTierFeedback = "feedback";

// The tier that ranks articles (or passages) matched as `kind` says.
inline std::string_view tier_of(MatchKind kind) {
    return kind == MatchKind::kPartial ? kTierSomeWords : kTierAllWords;
}

// How the query run chose to rank (QueryRun::run).
struct RankingPlan {
    bool plain = false;        // plain keywords: may be relaxed to some of them
    size_t words = 0;          // the query's distinct words
    size_t max_all_words = 0;  // the most words a plain query must match all of
    bool by_any_word = false;  // --any or a longer plain query: any word, with feedback
    bool relax = false;        // the "some words" tier may follow "all words"
    bool all_passages = false;
    bool count_only = false;
    bool like = false;  // --like: ranked by an article's telling words
};

// A passage the shown passages were chosen among, as the searcher scored
// it: its score and that score word by word (term, part).
struct RankedPassage {
    double score = 0;
    std::vector<std::pair<std::string, double>> parts;
};

// The query in plain words: "all of (attacks, paris)", "the phrase
// "global coalition"", "words starting with terror".  `typed` gives, for a
// term, the word the user typed for it ("attacks" for "attack").
std::string describe_query(const Xapian::Query& query, const std::unordered_map<std::string, std::string>& typed);

class ExplainCollector {
public:
    // `weighting`: the one the articles are ranked by.
    ExplainCollector(const Xapian::Database& db, const Xapian::Weight& weighting, const ArticleStatistics& statistics,
                     std::string query);

    // After the parser read `parsed`: the stopwords it dropped and the word
    // typed for each term.
    void read_parser(const Xapian::QueryParser& parser, const Xapian::Query& parsed);
    void set_plan(const RankingPlan& plan, const Xapian::Query& all, const Xapian::Query& some);
    // Handed to with_relevance_feedback, which says what it added.
    FeedbackExpansion& feedback() { return feedback_; }
    void tier_ran(std::string_view tier);

    // The article `docid` (key `article_key`) was ranked by the enquire's
    // `query` in `tier`.  Its score is taken apart word by word in
    // finish(), for every hit of the page at once: one match per word, not
    // one per word and hit.
    [[nodiscard]] HitExplanation explain_article(const Xapian::Query& query, Xapian::docid docid,
                                                 std::uint32_t article_key, std::string_view tier);
    // A passage ranked alone (--all-passages): its score is the passage's;
    // it came `rank`th of the `ranked` passages of the best articles that
    // hold the words, the next scoring `next_score`.
    [[nodiscard]] HitExplanation explain_passage(const RankedPassage& passage, std::string_view tier, size_t rank,
                                                 size_t ranked, std::optional<double> next_score) const;

    // Why the first `shown` of `ranked` (the passages the rule allowed,
    // best first) were shown, of the article's `passages`, `holding_all` of
    // which hold the whole query and `holding_some` some of it (or all).
    [[nodiscard]] std::vector<PassageChoice> passage_choices(const std::vector<RankedPassage>& ranked, size_t shown,
                                                             size_t passages, size_t holding_all,
                                                             size_t holding_some) const;

    // Everything gathered, with the counts and page of `results`, into
    // it: the query's explanation, and each article hit's score parts.
    void finish(SearchResults& results) const;

private:
    using PartsByArticle = std::unordered_map<Xapian::docid, std::vector<ScorePart>>;
    // The articles ranked by one enquire's query.
    struct RankedArticles {
        Xapian::Query query;
        std::string description;  // tells one query from the next
        std::vector<Xapian::docid> docids;
    };

    [[nodiscard]] QueryExplanation explanation(const SearchResults& results) const;
    void add_parts(const Xapian::Query& query, const std::vector<Xapian::docid>& docids, bool known_to_match,
                   bool feedback, PartsByArticle& parts) const;
    // The weight of `query` in each of `docids` it matches.
    [[nodiscard]] std::unordered_map<Xapian::docid, double> weights_in(const Xapian::Query& query,
                                                                       const std::vector<Xapian::docid>& docids) const;
    [[nodiscard]] std::string shown_term(const std::string& term) const;
    [[nodiscard]] std::vector<ScorePart> passage_parts(const RankedPassage& passage) const;

    const Xapian::Database& db_;
    const Xapian::Weight& weighting_;
    std::string weighting_description_;
    std::string query_;
    std::unordered_map<std::string, std::string> typed_;  // term -> the word typed for it
    std::vector<std::string> term_order_;                 // the query's terms, as they came
    std::vector<std::string> stopwords_;
    RankingPlan plan_;
    std::string all_;   // the queries in plain words
    std::string some_;
    std::vector<std::string> filters_;
    std::vector<std::string> tiers_ran_;
    FeedbackExpansion feedback_;
    std::vector<RankedArticles> ranked_;
    std::unordered_map<Xapian::docid, std::string> key_terms_;  // of the articles ranked
    std::unordered_map<std::uint32_t, Xapian::docid> docid_of_;  // article key -> document
};

}  // namespace news
