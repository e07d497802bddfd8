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
// BM25 over the articles' own statistics (ArticleBM25Weight), k1 1.5, b 0.75.
constexpr double kArticleBm25K1 = 1.5;
constexpr double kArticleBm25B = 0.75;
// Databases indexed before the articles' lengths were recorded fall back to
// Xapian's BM25 over the whole database's statistics, tuned for those.
constexpr double kBm25K1 = 1.0;
constexpr double kBm25K2 = 0.0;
constexpr double kBm25K3 = 1.0;
constexpr double kBm25B = 0.75;
constexpr double kBm25MinNormLength = 0.5;
// Passages are weighed against their article's average passage, fully
// length-normalised: the sentence that says it beats the long paragraph
// that mentions it.
constexpr double kPassageBm25K1 = 1.0;
constexpr double kPassageBm25B = 1.0;
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

// BM25 over the article documents with the articles' own statistics.
// Xapian's BM25 takes the document count and average length of the whole
// database, passages included: on TIME (423 articles of ~11 passages) that
// made an article look 5.6 times longer than average and every word's idf
// that of a collection 11 times larger, so its k1 and b meant something
// different on each collection (in effect k1 4.5, b 0.94 on TIME; k1 1.3,
// b 0.8 on CISI).  Same formula as Xapian's BM25 with k2 0, k3 1.
class ArticleBM25Weight final : public Xapian::Weight {
public:
    ArticleBM25Weight(double k1, double b, double articles, double average_length)
        : k1_(k1), b_(b), articles_(articles), average_length_(average_length) {
        need_stat(TERMFREQ);
        need_stat(WDF);
        need_stat(WDF_MAX);
        need_stat(DOC_LENGTH);
        need_stat(DOC_LENGTH_MIN);
        need_stat(WQF);
    }

    [[nodiscard]] Xapian::Weight* clone() const override {
        return new ArticleBM25Weight(k1_, b_, articles_, average_length_);
    }
    [[nodiscard]] std::string name() const override { return "news::ArticleBM25Weight"; }

    void init(double factor) override {
        if (factor == 0) {
            scale_ = 0;
            return;
        }
        const double wqf = get_wqf();
        scale_ = factor * bm25_idf(articles_, get_termfreq()) * (2.0 * wqf / (1.0 + wqf)) * (k1_ + 1);
    }

    [[nodiscard]] double get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen,
                                     Xapian::termcount /*uniqterms*/) const override {
        if (scale_ == 0 || wdf == 0) return 0;
        const double norm = std::max(kBm25MinNormLength, 1 - b_ + b_ * doclen / average_length_);
        return scale_ * wdf / (wdf + k1_ * norm);
    }
    // Most frequent in the shortest article: a bound the matcher can prune by.
    [[nodiscard]] double get_maxpart() const override {
        if (scale_ == 0) return 0;
        const double wdf = get_wdf_upper_bound();
        if (wdf == 0) return 0;
        const double norm = std::max(kBm25MinNormLength, 1 - b_ + b_ * get_doclength_lower_bound() / average_length_);
        return scale_ * wdf / (wdf + k1_ * norm);
    }
    [[nodiscard]] double get_sumextra(Xapian::termcount /*doclen*/, Xapian::termcount /*uniqterms*/) const override {
        return 0;
    }
    [[nodiscard]] double get_maxextra() const override { return 0; }

private:
    double k1_;
    double b_;
    double articles_;
    double average_length_;
    double scale_ = 0;
};

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

ArticleStatistics ArticleStatistics::read(const Xapian::Database& db) {
    // "ARTICLES TOTAL_LENGTH", as news-index writes it.
    const std::string recorded = db.get_metadata(std::string(schema::kMetaArticleLengths));
    const char* const end = recorded.data() + recorded.size();
    double articles = 0;
    double total_length = 0;
    const auto count = std::from_chars(recorded.data(), end, articles);
    if (count.ec == std::errc{} && count.ptr != end && *count.ptr == ' ') {
        const auto length = std::from_chars(count.ptr + 1, end, total_length);
        if (length.ec == std::errc{} && length.ptr == end && articles > 0 && total_length > 0) {
            return {articles, total_length / articles, true};
        }
    }
    return {static_cast<double>(db.get_doccount()), db.get_avlength(), false};
}

std::unique_ptr<Xapian::Weight> article_weighting(const ArticleStatistics& statistics) {
    if (!statistics.recorded) {
        return std::make_unique<Xapian::BM25Weight>(kBm25K1, kBm25K2, kBm25K3, kBm25B, kBm25MinNormLength);
    }
    return std::make_unique<ArticleBM25Weight>(kArticleBm25K1, kArticleBm25B, statistics.articles,
                                               statistics.average_length);
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
    if (!statistics.recorded) {
        return "BM25 (k1 " + number(kBm25K1, 1) + ", b " + number(kBm25B, 2) + ") over the database's " +
               number(statistics.articles, 0) + " documents of average length " +
               number(statistics.average_length, 1) + " (no article statistics recorded: an older index)";
    }
    return "BM25 (k1 " + number(kArticleBm25K1, 1) + ", b " + number(kArticleBm25B, 2) + ") over " +
           number(statistics.articles, 0) + " articles of average length " + number(statistics.average_length, 1) +
           " words";
}

PassageScorer::PassageScorer(const Xapian::Database& db, const ArticleStatistics& statistics,
                             std::unordered_set<std::string> words, std::vector<std::string> wildcards)
    : db_(db), scored_{std::move(words), std::move(wildcards)}, articles_(statistics.articles) {}

double PassageScorer::idf(const std::string& term) {
    auto known = idf_by_term_.find(term);
    if (known == idf_by_term_.end()) {
        known = idf_by_term_.emplace(term, bm25_idf(articles_, db_.get_termfreq(term))).first;
    }
    return known->second;
}

template <typename Add>
void PassageScorer::each_part(const TermPositions& passage, double average_words, Add&& add) {
    if (average_words <= 0) average_words = 1;
    const double norm = std::max(kBm25MinNormLength, 1 - kPassageBm25B + kPassageBm25B * passage.words / average_words);
    for (const auto& found : passage.positions) {
        if (!scored_.contains(found.first)) continue;
        const double wdf = static_cast<double>(found.second.size());
        add(found.first, idf(found.first) * wdf * (kPassageBm25K1 + 1) / (wdf + kPassageBm25K1 * norm));
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
