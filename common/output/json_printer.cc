#include "output/result_printer.h"
#include "output/terminal_text.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace news {
namespace {

nlohmann::ordered_json or_null(const std::string& text) {
    return text.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(text);
}

template <typename Number>
nlohmann::ordered_json or_null(const std::optional<Number>& number) {
    return number ? nlohmann::ordered_json(*number) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json passage_json(const PassageHit& passage) {
    const ShownText shown = shown_text(passage.text);
    nlohmann::ordered_json matches = nlohmann::ordered_json::array();
    for (const auto& [begin, end] : passage.matches) {
        if (end > shown.text.size()) break;
        matches.push_back({begin, end});
    }
    return {{"text", shown.text},
            {"truncated", shown.truncated},
            {"line", passage.line},
            {"score", passage.score},
            {"matches", matches}};
}

nlohmann::ordered_json value_counts(const std::vector<ValueCount>& counts, const char* key) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const ValueCount& count : counts) out.push_back({{key, count.value}, {"count", count.count}});
    return out;
}

// --explain (docs/output.md, "Explain").
nlohmann::ordered_json score_parts_json(const std::vector<ScorePart>& parts) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const ScorePart& part : parts) {
        out.push_back({{"what", part.what}, {"term", or_null(part.term)}, {"weight", part.weight},
                       {"feedback", part.feedback}});
    }
    return out;
}

nlohmann::ordered_json hit_explanation_json(const HitExplanation& explanation) {
    nlohmann::ordered_json passages = nlohmann::ordered_json::array();
    for (const PassageChoice& choice : explanation.passages) {
        passages.push_back({{"rule", choice.rule},
                            {"rank", choice.rank},
                            {"candidates", choice.candidates},
                            {"passages", choice.passages},
                            {"holding_all", choice.holding_all},
                            {"holding_some", choice.holding_some},
                            {"score", choice.score},
                            {"next_score", or_null(choice.next_score)},
                            {"score_parts", score_parts_json(choice.parts)}});
    }
    return {{"tier", explanation.tier},
            {"score_parts", score_parts_json(explanation.parts)},
            {"unexplained", explanation.unexplained},
            {"passages", std::move(passages)}};
}

nlohmann::ordered_json query_explanation_json(const QueryExplanation& explanation) {
    nlohmann::ordered_json stems = nlohmann::ordered_json::array();
    for (const StemmedWord& word : explanation.stems) {
        stems.push_back({{"word", word.word}, {"stem", word.stem}, {"term", word.term}, {"field", or_null(word.field)}});
    }
    nlohmann::ordered_json tiers = nlohmann::ordered_json::array();
    for (const TierRun& tier : explanation.tiers) {
        tiers.push_back({{"name", tier.name},
                         {"ran", tier.ran},
                         {"query", or_null(tier.query)},
                         {"matching", or_null(tier.matching)},
                         {"exact", tier.exact},
                         {"shown", tier.shown},
                         {"why", tier.why}});
    }
    nlohmann::ordered_json feedback = nlohmann::ordered_json::array();
    for (const WeightedTerm& word : explanation.feedback_words) {
        feedback.push_back({{"word", word.word}, {"term", word.term}, {"weight", word.weight}});
    }
    return {{"type", "explain"},
            {"version", kJsonOutputVersion},
            {"query", explanation.query},
            {"read_as", explanation.read_as},
            {"stems", std::move(stems)},
            {"stopwords", explanation.stopwords},
            {"filters", explanation.filters},
            {"weighting", explanation.weighting},
            {"tiers", std::move(tiers)},
            {"feedback_words", std::move(feedback)}};
}

class JsonPrinter final : public ResultPrinter {
public:
    explicit JsonPrinter(std::ostream& out) : out_(out) {}

    void start(const SearchResults& results) override {
        if (results.explanation) write(query_explanation_json(*results.explanation));
    }

    void print_spelling(const SpellingSuggestion& spelling) override {
        nlohmann::ordered_json corrections = nlohmann::ordered_json::array();
        for (const SpellingCorrection& correction : spelling.corrections) {
            corrections.push_back({{"word", correction.word}, {"suggestion", correction.suggestion}});
        }
        write({{"type", "spelling"},
               {"version", kJsonOutputVersion},
               {"query", spelling.query},
               {"suggestion", spelling.suggestion},
               {"corrections", std::move(corrections)},
               {"searched", spelling.searched}});
    }

    void print_hit(const SearchHit& hit) override {
        const ArticleRecord& article = hit.article;
        const ShownText title = shown_text(article.title);
        nlohmann::ordered_json json{
            {"type", "hit"},
            {"version", kJsonOutputVersion},
            {"rank", hit.rank},
            {"score", hit.score},
            {"match", to_string(hit.match)},
            {"article_id", hit.article_id},
            {"path", article.path},
            // Null for a file that is one article.
            {"record", or_null(article.record)},
            {"member", or_null(article.member)},
            {"title", title.text},
            {"title_truncated", title.truncated},
            {"date", article.date},
            {"source", article.source},
            {"section", article.section},
            {"author", article.author},
            {"url", article.url},
            {"place", article.place},
            {"language", article.language},
        };
        nlohmann::ordered_json passages = nlohmann::ordered_json::array();
        for (const PassageHit& passage : hit.passages) passages.push_back(passage_json(passage));
        // Version 1 printed the best passage twice, as "passage" and as
        // passages[0]: a hit of a 200 MB passage was 421 MB.
        json["passages"] = std::move(passages);
        if (hit.explanation) json["explain"] = hit_explanation_json(*hit.explanation);
        nlohmann::ordered_json copies = nlohmann::ordered_json::array();
        for (const TextCopy& copy : hit.copies) {
            copies.push_back({{"path", copy.article.path},
                              {"record", or_null(copy.article.record)},
                              {"member", or_null(copy.article.member)},
                              {"line", copy.line},
                              {"date", copy.article.date},
                              {"source", copy.article.source}});
        }
        json["copies"] = std::move(copies);
        json["copies_total"] = hit.copies_total;
        nlohmann::ordered_json similar = nlohmann::ordered_json::array();
        for (const SimilarArticle& version : hit.similar) {
            similar.push_back({{"path", version.article.path},
                               {"record", or_null(version.article.record)},
                               {"member", or_null(version.article.member)},
                               {"line", version.line},
                               {"title", shown_text(version.article.title).text},
                               {"date", version.article.date},
                               {"source", version.article.source},
                               {"score", version.score}});
        }
        json["similar"] = std::move(similar);
        json["similar_total"] = hit.similar_total;
        write(json);
    }

    void finish(const SearchResults& results) override {
        for (const FacetCounts& facet : results.facets) {
            write({{"type", "facets"},
                   {"version", kJsonOutputVersion},
                   {"field", facet.field},
                   {"exact", facet.exact},
                   {"articles", facet.articles},
                   {"values", value_counts(facet.values, "value")},
                   {"values_left_out", facet.values_left_out}});
        }
        if (results.timeline) {
            write({{"type", "timeline"},
                   {"version", kJsonOutputVersion},
                   {"period", results.timeline->period},
                   {"exact", results.timeline->exact},
                   {"counts", value_counts(results.timeline->buckets, "period")}});
        }
        if (!results.top_words.empty() || results.top_words_from > 0) {
            nlohmann::ordered_json words = nlohmann::ordered_json::array();
            for (const WeightedTerm& word : results.top_words) {
                words.push_back({{"word", word.word}, {"term", word.term}, {"weight", word.weight}});
            }
            write({{"type", "top_words"},
                   {"version", kJsonOutputVersion},
                   {"from_best", results.top_words_from},
                   {"words", std::move(words)}});
        }
        write({{"type", "summary"},
               {"version", kJsonOutputVersion},
               {"hits", results.hits.size()},
               {"matching", results.matching},
               {"matching_some", results.matching_some},
               {"counts_exact", results.counts_exact},
               {"stories", results.stories ? nlohmann::ordered_json(*results.stories) : nlohmann::ordered_json()},
               {"stories_exact", results.stories_exact},
               {"seconds", results.seconds}});
    }

private:
    void write(const nlohmann::ordered_json& json) {
        // Text from files that were not valid UTF-8 everywhere (paths) must
        // not make the output invalid JSON.
        // The writer escapes C0 controls only; C1 and bidirectional controls
        // become \u escapes too, so the output is safe to view (docs/output.md).
        out_ << escape_terminal_controls_in_json(
                    json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace))
             << '\n';
    }

    std::ostream& out_;
};

}  // namespace

std::unique_ptr<ResultPrinter> make_json_printer(std::ostream& out) { return std::make_unique<JsonPrinter>(out); }

}  // namespace news
