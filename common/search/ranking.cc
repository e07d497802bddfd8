#include "search/ranking.h"

#include "store/schema.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <system_error>
#include <unordered_map>
#include <vector>

namespace news {
namespace {

// Article ranking, measured with bench/relevance (docs/benchmarks.md):
// BM25 over the articles' own statistics (article_bm25), k1 1.5, b 0.75.
constexpr double kArticleBm25K1 = 1.5;
constexpr double kArticleBm25B = 0.75;
// The floor BM25 puts under a document's length norm.
constexpr double kBm25MinNormLength = 0.5;
// Passages are weighed against their article's average passage.  A word
// counts nearly in full at its first mention (k1 0.2), and length only
// half (b 0.5): the paragraph holding more of the query, and its rarer
// words, beats a short lead holding the few words that name the story.
// On bench/known_items (docs/benchmarks.md) passage-hit rose from 0.792
// to 0.814 against k1 1.0, b 1.0 (the sentence that says it beats the
// long paragraph), with the same for k1 0.1-0.3 and b 0.5-0.75.
constexpr double kPassageBm25K1 = 0.2;
constexpr double kPassageBm25B = 0.5;
// A passage holding one of the query's phrases as written (quoted, or a
// compound's parts) counts the phrase's words twice: the reader remembered
// those words together.
constexpr double kHeldPhraseWeight = 2.0;
// Feedback, measured with bench/relevance (docs/benchmarks.md): a relevance
// model (RM3) of the 10 best articles, each weighed by 1 / its rank, gives
// the 30 words most frequent in them, the query's own among them, at up to
// 0.8 of the query's weight.  Words in more than a fifth of the articles are
// left out: the model weighs a word by its share of the feedback articles'
// text, with no idf, so without the cut "the" and "said" would lead it.
// Against Xapian's expand set ("trad", k 8, 0.6 of the query's weight),
// MAP: CISI 0.190 -> 0.195, Cranfield 0.455 -> 0.468, MEDLINE 0.578 ->
// 0.589, TIME 0.705 -> 0.712 with its judgments read right (0.638 -> 0.636
// with the two merged records' shift uncorrected; docs/benchmarks.md).
constexpr Xapian::doccount kFeedbackArticles = 10;
constexpr Xapian::termcount kFeedbackTerms = 30;
constexpr double kFeedbackWeight = 0.8;
constexpr double kFeedbackMaxArticleShare = 0.2;
constexpr Xapian::doccount kFeedbackMinMatchesRatio = 4;

// BM25's idf with Xapian's fix for words in most documents: never negative.
double bm25_idf(double documents, double termfreq) {
    const double n = std::min(termfreq, documents);
    double odds = (documents - n + 0.5) / (n + 0.5);
    if (odds < 2) odds = odds * 0.5 + 1;
    return std::log(odds);
}

// Xapian's BM25Weight, with parameters that make it weigh an article's
// length against the articles' own average, not the database's.  The
// database also holds the duplicates' empty documents, which pull its
// average length down by the share of documents that are articles, r =
// articles / documents: Xapian's length norm k1'((1 - b') + b' L / (r avg))
// equals ours, k1((1 - b) + b L / avg), when k1' = k1(1 - b + b r) and b' =
// k1 b r / k1', and our floor under the norm is Xapian's floor on
// L / (r avg) at (floor - 1 + b) / (b r).  (Xapian multiplies by its
// k1' + 1, not k1 + 1: with duplicates, every score of a database is the
// textbook one times the same factor, the ranking the same.)  A built-in
// scheme, so that xapian-tcpsrv, which knows no weight of ours, ranks
// remote shards exactly as one database is ranked; only the idf still
// counts the duplicates' documents with the articles (docs/benchmarks.md:
// MAP unchanged to the third decimal place).
std::unique_ptr<Xapian::Weight> article_bm25(double k1, double b, double article_share) {
    if (b <= 0) return std::make_unique<Xapian::BM25Weight>(k1, 0, 1, 0, 0);
    const double r = article_share > 0 && article_share <= 1 ? article_share : 1.0;
    const double k1_db = k1 * (1 - b + b * r);
    const double b_db = k1_db > 0 ? k1 * b * r / k1_db : b;
    const double floor_db = std::max(0.0, (kBm25MinNormLength - 1 + b) / (b * r));
    return std::make_unique<Xapian::BM25Weight>(k1_db, 0, 1, b_db, floor_db);
}

struct WeightedWord {
    std::string term;
    double weight = 0;
};

// The relevance model of the best articles: each word's share of each
// article's length, summed with the article's weight 1 / rank (the first
// article is the likeliest to be on topic; weighing by BM25 score or
// equally did worse), strongest first, at most kFeedbackTerms words.
// Only the articles' words count, not field or filter terms.
std::vector<WeightedWord> relevance_model(const Xapian::Database& db, const Xapian::MSet& top, double articles) {
    std::unordered_map<std::string, double> weight_by_term;
    double rank = 0;
    for (auto item = top.begin(); item != top.end(); ++item) {
        const double article_weight = 1.0 / ++rank;
        const double length = db.get_doclength(*item);
        if (length <= 0) continue;
        for (auto term = db.termlist_begin(*item); term != db.termlist_end(*item); ++term) {
            if (!schema::is_word_term(*term)) continue;
            weight_by_term[*term] += article_weight * term.get_wdf() / length;
        }
    }
    std::vector<WeightedWord> candidates;
    candidates.reserve(weight_by_term.size());
    for (auto& [term, weight] : weight_by_term) candidates.push_back({term, weight});
    // Ties broken by the word, so a query ranks the same on every run.
    std::sort(candidates.begin(), candidates.end(), [](const WeightedWord& a, const WeightedWord& b) {
        return a.weight > b.weight || (a.weight == b.weight && a.term < b.term);
    });
    // Strongest first, so the document frequencies looked up are those of
    // the words kept and the few frequent ones passed over, not of all.
    const double max_articles = kFeedbackMaxArticleShare * articles;
    std::vector<WeightedWord> model;
    for (WeightedWord& word : candidates) {
        if (model.size() == kFeedbackTerms) break;
        if (db.get_termfreq(word.term) <= max_articles) model.push_back(std::move(word));
    }
    return model;
}

}  // namespace

ArticleStatistics ArticleStatistics::read(const Xapian::Database& db, const DatabaseShards& shards) {
    // Duplicates' documents hold boolean terms only (length 0), so the
    // database's total length is the articles'.  Both figures are
    // Xapian's own over every shard, local or remote.
    const double articles = count_articles(db, shards);
    const double documents = db.get_doccount();
    const double total_length = static_cast<double>(db.get_total_length());
    ArticleStatistics statistics;
    statistics.articles = articles;
    statistics.article_share = documents > 0 ? articles / documents : 1.0;
    statistics.average_length = articles > 0 ? total_length / articles : 0.0;
    return statistics;
}

std::unique_ptr<Xapian::Weight> article_weighting(const ArticleStatistics& statistics) {
    return article_bm25(kArticleBm25K1, kArticleBm25B, statistics.article_share);
}

Xapian::Query with_relevance_feedback(const Xapian::Database& db, const ArticleStatistics& statistics,
                                      const Xapian::Enquire& enquire, FeedbackExpansion* expansion) {
    const Xapian::Query query = enquire.get_query();
    // Feedback from most of what matches would only reorder it by itself.
    const Xapian::MSet top = enquire.get_mset(0, kFeedbackArticles, kFeedbackArticles * kFeedbackMinMatchesRatio);
    if (expansion != nullptr) {
        expansion->matching_at_least = top.get_matches_lower_bound();
        expansion->matching_needed = kFeedbackArticles * kFeedbackMinMatchesRatio;
    }
    if (top.get_matches_lower_bound() < kFeedbackArticles * kFeedbackMinMatchesRatio) return query;
    const std::vector<WeightedWord> model = relevance_model(db, top, statistics.articles);
    if (model.empty()) return query;
    const double strongest = model.front().weight;
    std::vector<Xapian::Query> terms;
    terms.reserve(model.size());
    for (const WeightedWord& word : model) {
        const double weight = kFeedbackWeight * word.weight / strongest;
        terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(word.term), weight);
        if (expansion != nullptr) expansion->words.emplace_back(word.term, weight);
    }
    if (expansion != nullptr) expansion->applied = true;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                         Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
}

std::string describe_article_weighting(const ArticleStatistics& statistics) {
    auto number = [](double value, int decimals) {
        char text[64];
        std::snprintf(text, sizeof text, "%.*f", decimals, value);
        return std::string(text);
    };
    return "BM25 (k1 " + number(kArticleBm25K1, 1) + ", b " + number(kArticleBm25B, 2) + ") over " +
           number(statistics.articles, 0) + " articles of average length " + number(statistics.average_length, 1) +
           " words";
}

PassageScorer::PassageScorer(const Xapian::Database& db, const ArticleStatistics& statistics,
                             std::unordered_set<std::string> words, std::vector<std::string> wildcards)
    : db_(db), scored_{std::move(words), std::move(wildcards)}, articles_(statistics.articles) {}

void PassageScorer::learn_frequencies(const Xapian::MSet& page) {
    for (const std::string& term : scored_.terms) {
        if (!idf_by_term_.contains(term)) idf_by_term_.emplace(term, bm25_idf(articles_, page.get_termfreq(term)));
    }
}

double PassageScorer::idf(const std::string& term) {
    auto known = idf_by_term_.find(term);
    if (known == idf_by_term_.end()) {
        known = idf_by_term_.emplace(term, bm25_idf(articles_, db_.get_termfreq(term))).first;
    }
    return known->second;
}

namespace {

// A compound as the searcher asks for it (text/analysis.h,
// compounds_either_way): its joined word or the phrase of its parts.
bool is_compound_either_way(const Xapian::Query& query) {
    return query.get_type() == Xapian::Query::OP_OR && query.get_num_subqueries() == 2 &&
           query.get_subquery(0).get_type() == Xapian::Query::LEAF_TERM &&
           query.get_subquery(1).get_type() == Xapian::Query::OP_PHRASE;
}

}  // namespace

void PassageScorer::collect_phrases(const Xapian::Query& query) {
    if (is_compound_either_way(query)) {
        phrases_.push_back({query.get_subquery(1), *query.get_subquery(0).get_terms_begin()});
        return;
    }
    switch (query.get_type()) {
        case Xapian::Query::OP_PHRASE: phrases_.push_back({query, {}}); return;
        case Xapian::Query::OP_AND_NOT:
            if (query.get_num_subqueries() > 0) collect_phrases(query.get_subquery(0));
            return;
        default:
            for (size_t i = 0; i < query.get_num_subqueries(); ++i) collect_phrases(query.get_subquery(i));
    }
}

void PassageScorer::weigh_phrases(const Xapian::Query& query) {
    phrases_.clear();
    collect_phrases(query);
}

template <typename Add>
void PassageScorer::each_part(const TermPositions& passage, double average_words, Add&& add) {
    if (average_words <= 0) average_words = 1;
    const double norm = std::max(kBm25MinNormLength, 1 - kPassageBm25B + kPassageBm25B * passage.words / average_words);
    std::unordered_set<std::string> in_phrase;
    std::unordered_set<std::string> counted_as_parts;
    for (const auto& [phrase, joined] : phrases_) {
        // The passage's own positions of the phrase's words: not its
        // title's or byline's (`shared`), and not a copy of all its words.
        TermPositions own;
        for (auto term = phrase.get_unique_terms_begin(); term != phrase.get_unique_terms_end(); ++term) {
            if (const auto found = passage.positions.find(*term); found != passage.positions.end()) {
                own.positions.insert(*found);
            }
        }
        if (!PassageMatcher::holds(phrase, own)) continue;
        for (const auto& [term, positions] : own.positions) in_phrase.insert(term);
        if (!joined.empty()) counted_as_parts.insert(joined);
    }
    for (const auto& found : passage.positions) {
        if (!scored_.contains(found.first) || counted_as_parts.contains(found.first)) continue;
        const double wdf = static_cast<double>(found.second.size());
        const double held = in_phrase.contains(found.first) ? kHeldPhraseWeight : 1;
        add(found.first, held * idf(found.first) * wdf * (kPassageBm25K1 + 1) / (wdf + kPassageBm25K1 * norm));
    }
}

double PassageScorer::score(const TermPositions& passage, double average_words) {
    double total = 0;
    each_part(passage, average_words, [&total](const std::string&, double part) { total += part; });
    return total;
}

std::vector<std::pair<std::string, double>> PassageScorer::score_parts(const TermPositions& passage,
                                                                       double average_words) {
    std::vector<std::pair<std::string, double>> parts;
    each_part(passage, average_words, [&parts](const std::string& term, double part) { parts.emplace_back(term, part); });
    return parts;
}

}  // namespace news
