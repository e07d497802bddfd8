// What a search returns, the printers' whole view of it: no Xapian type
// here, so output/ formats results without seeing the engine
// (docs/architecture.md, "Wings").
#pragma once

#include "store/article_record.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace news {

// Xapian::doccount, which searcher.cc checks it matches.
using ArticleCount = std::uint32_t;

// How an article came to match, best first.
enum class MatchKind {
    kPassage,  // one passage holds the whole query
    kArticle,  // the words are spread over several passages of the article
    kPartial,  // some of the words (only for plain keyword queries)
};
inline std::string_view to_string(MatchKind kind) {
    switch (kind) {
        case MatchKind::kPassage: return "passage";
        case MatchKind::kArticle: return "article";
        case MatchKind::kPartial: return "partial";
    }
    return "passage";
}

struct PassageHit {
    std::string text;
    unsigned line = 0;
    double score = 0;
    std::vector<std::pair<size_t, size_t>> matches;  // byte ranges [begin, end) in text
};

// --explain (docs/output.md, "Explain"): how the query was read and why
// each hit came where it did.  Filled only when asked.

// One part of a score: a word of the query (or a phrase's word, a
// wildcard's expansions taken as one) and the weight it added.  A hit's
// parts add up to its score.
struct ScorePart {
    std::string what;  // for people: the word as typed, field first ("title:paris"), "terror*"
    std::string term;  // as indexed ("Spari"); "" for a group of terms
    double weight = 0;
    bool feedback = false;  // a word pseudo-relevance feedback added
};

// Why a passage is the one shown: the rule that picked it and its score
// against the article's other passages.
struct PassageChoice {
    std::string rule;       // "holds all the words", "holds some of the words", "the article's opening"
    size_t rank = 0;        // its place among the passages the rule allowed, best first
    size_t candidates = 0;  // how many the rule allowed
    size_t passages = 0;    // the article's passages
    size_t holding_all = 0;
    size_t holding_some = 0;  // some or all of the words
    double score = 0;
    std::optional<double> next_score;  // the best passage the rule allowed that is not shown
    std::vector<ScorePart> parts;      // add up to `score`
};

struct HitExplanation {
    std::string tier;                 // the tier that found it: "all words", "some words"
    std::vector<ScorePart> parts;     // add up to the hit's score
    double unexplained = 0;           // the score less the parts: 0 but for rounding
    std::vector<PassageChoice> passages;  // one per shown passage, in order
};

// An article folded into a hit for having its text.
struct TextCopy {
    ArticleRecord article;
    unsigned line = 0;  // where its text starts (its first passage's line)
};

// An article of the same story as a hit (text/story_sketch.h: a wire copy
// printed by another outlet, a later UPDATE), matching the query too and
// folded into the hit.
struct SimilarArticle {
    ArticleRecord article;
    unsigned line = 0;  // where its text starts (its first passage's line)
    double score = 0;   // its own score for the query
};

struct SearchHit {
    size_t rank = 0;  // 1-based, counting from the first result, not the offset
    double score = 0;
    MatchKind match = MatchKind::kPassage;
    uint32_t article_id = 0;  // the article's key (schema::ArticleKey)
    ArticleRecord article;
    std::vector<PassageHit> passages;  // best first
    std::optional<HitExplanation> explanation;  // --explain
    // Other articles with the same text (a record copied into another
    // dump, a file saved twice in two forms), folded into this hit: at most
    // kMaxCopiesListed of them, `copies_total` in all.
    std::vector<TextCopy> copies;
    size_t copies_total = 0;
    // Other versions of its story among the matches, best first: at most
    // kMaxCopiesListed of them, `similar_total` in all.
    std::vector<SimilarArticle> similar;
    size_t similar_total = 0;
};
inline constexpr size_t kMaxCopiesListed = 10;

// How many matching articles carry one value of a field ("Reuters", "2006-10").
struct ValueCount {
    std::string value;
    ArticleCount count = 0;
};

// One --facets field over every matching article.  Dates (year, month,
// day) are listed in date order, every value; other fields most frequent
// first, the first kFacetValuesShown.
struct FacetCounts {
    std::string field;  // "source", "section", "author", "lang", "year", "month", "day"
    bool exact = true;  // false: counted over the matches Xapian checked, an estimate
    ArticleCount articles = 0;    // matching articles holding a value of the field
    std::vector<ValueCount> values;
    size_t values_left_out = 0;   // values past kFacetValuesShown
};
inline constexpr size_t kFacetValuesShown = 20;

// --timeline: matching articles per period, every period from the first to
// the last (empty ones too).  Periods are named "2006" (year), "2006-10"
// (month), "2006-10-16" (day, and week by its Monday).
struct TimelineCounts {
    std::string period;  // "day", "week", "month" or "year"
    bool exact = true;
    std::vector<ValueCount> buckets;
};

// --top-words: a word of the best matches and how strongly it sets them
// apart from the rest of the database (Xapian's expand weight).
struct WeightedTerm {
    std::string word;  // the commonest form of it in the best matches
    std::string term;  // as indexed (stemmed)
    double weight = 0;
};

// --explain: How the query was read, before the hits.
struct StemmedWord {
    std::string word;   // as typed (folded)
    std::string stem;   // what the stemmer made of it
    std::string term;   // as searched: the stem, field prefix first
    std::string field;  // "" for the article's words, else "title", "author", "source"
};

struct TierRun {
    std::string name;   // "all words", "some words", "feedback"
    bool ran = false;
    std::string query;  // what it searched for, in plain words ("" when it did not run)
    std::optional<ArticleCount> matching;  // articles (passages with --all-passages) it matched
    bool exact = true;                     // false: `matching` is Xapian's estimate
    size_t shown = 0;   // hits on this page it found
    std::string why;    // why it ran or did not
};

struct QueryExplanation {
    std::string query;     // as typed
    std::string read_as;   // the query searched first, in plain words
    std::vector<StemmedWord> stems;
    std::vector<std::string> stopwords;  // dropped from the query
    std::vector<std::string> filters;    // what restricts the matches without scoring
    std::string weighting;               // the article weighting and its statistics
    std::vector<TierRun> tiers;
    // Pseudo-relevance feedback's words, the weight each was given (a
    // share of the query's weight), strongest first; empty when it did not run.
    std::vector<WeightedTerm> feedback_words;
};

// Did-you-mean: the query with each word the index does not hold (at most
// kMaxWordsCorrected of them) replaced by the nearest word it does hold,
// from the database's spelling data (search/spelling.h).
struct SpellingCorrection {
    std::string word;        // as typed
    std::string suggestion;  // a word of the index, lower-case (capitalised when the typed word was)
};
struct SpellingSuggestion {
    std::string query;       // as typed
    std::string suggestion;  // the query with the corrections made
    std::vector<SpellingCorrection> corrections;
    // Nothing matched the query as typed, so the results are the
    // suggestion's.
    bool searched = false;
};

struct SearchResults {
    std::vector<SearchHit> hits;
    // Articles (or passages, with all_passages) matching the whole query,
    // and those matching some of its words; counts are exact unless
    // `counts_exact` is false.
    ArticleCount matching = 0;
    ArticleCount matching_some = 0;
    bool counts_exact = true;
    // How many stories the matching articles tell (versions of one story
    // and copies of one text once): counted when every match is checked
    // (--count-only, --facets, --timeline), estimated past a bound.
    std::optional<ArticleCount> stories;
    bool stories_exact = true;
    double seconds = 0;
    // How the query was read where that may surprise ("terror* matches
    // more than 1000 words; ..."): shown to the user, never fatal.
    std::vector<std::string> notes;
    std::vector<FacetCounts> facets;
    std::optional<TimelineCounts> timeline;
    std::vector<WeightedTerm> top_words;
    size_t top_words_from = 0;  // how many of the best matches the words were taken from
    std::optional<QueryExplanation> explanation;  // --explain
    std::optional<SpellingSuggestion> spelling;
};

}  // namespace news
