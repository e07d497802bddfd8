#include "output/explanation_text.h"

#include "output/terminal_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace news {
namespace {

// Feedback may add 30 words, a long query hundreds: the strongest are
// named, the rest summed.
constexpr size_t kFeedbackPartsNamed = 5;
constexpr size_t kQueryPartsNamed = 10;

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", value);
    return text;
}

std::string ordinal(size_t n) {
    const size_t last_two = n % 100;
    const char* suffix = last_two >= 11 && last_two <= 13 ? "th"
                         : n % 10 == 1                    ? "st"
                         : n % 10 == 2                    ? "nd"
                         : n % 10 == 3                    ? "rd"
                                                          : "th";
    return std::to_string(n) + suffix;
}

std::string plural(size_t count, const std::string& noun) {
    return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

// "attacks 1.902 + paris 2.311", the first `named` parts by name and the
// rest as "N more 0.420".
std::string sum_of(const std::vector<const ScorePart*>& parts, size_t named) {
    std::string out;
    double rest = 0;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i >= named) {
            rest += parts[i]->weight;
            continue;
        }
        if (!out.empty()) out += " + ";
        out += terminal_safe(parts[i]->what) + " " + number(parts[i]->weight);
    }
    if (parts.size() > named) out += " + " + std::to_string(parts.size() - named) + " more " + number(rest);
    return out.empty() ? "nothing" : out;
}

// Parts that add up to more than rounding would leave are said to.
std::string unexplained_note(double unexplained, double score) {
    if (std::abs(unexplained) <= 1e-6 * std::max(1.0, std::abs(score))) return "";
    return " (" + number(unexplained) + " not accounted for by the words)";
}

}  // namespace

std::string query_explanation_lines(const QueryExplanation& explanation, const TextStyle& style) {
    std::string out;
    auto line = [&](const std::string& label, const std::string& text) {
        out += painted(style, kAnsiBold, label + ":") + " " + text + "\n";
    };
    line("query", terminal_safe(explanation.query));
    line("read as", terminal_safe(explanation.read_as));
    std::string stems;
    for (const StemmedWord& word : explanation.stems) {
        if (!stems.empty()) stems += ", ";
        const std::string searched = (word.field.empty() ? "" : word.field + ":") + word.word;
        stems += terminal_safe(searched);
        if (word.stem != word.word) stems += " \u2192 " + terminal_safe(word.stem);
    }
    if (!stems.empty()) line("words", stems);
    std::string stopwords;
    for (const std::string& word : explanation.stopwords) stopwords += (stopwords.empty() ? "" : ", ") + terminal_safe(word);
    line("stopwords dropped", stopwords.empty() ? "none" : stopwords);
    std::string filters;
    for (const std::string& filter : explanation.filters) filters += (filters.empty() ? "" : "; ") + terminal_safe(filter);
    if (!filters.empty()) line("filters (not scored)", filters);
    line("ranking", explanation.weighting);
    out += painted(style, kAnsiBold, "tiers:") + "\n";
    for (const TierRun& tier : explanation.tiers) {
        std::string text = "  " + tier.name + ": ";
        if (tier.ran) {
            text += "ran";
            if (tier.matching) text += std::string(", ") + (tier.exact ? "" : "about ") + std::to_string(*tier.matching) + " matching";
            text += ", " + plural(tier.shown, "hit") + " shown";
            if (!tier.query.empty() && tier.query != explanation.read_as) text += "; " + terminal_safe(tier.query);
            text += "; " + tier.why;
        } else {
            text += "not run; " + tier.why;
        }
        out += text + "\n";
    }
    if (!explanation.feedback_words.empty()) {
        std::string words;
        for (const WeightedTerm& word : explanation.feedback_words) {
            if (!words.empty()) words += ", ";
            words += terminal_safe(word.term) + " " + number(word.weight);
        }
        line("feedback words (stem, weight as a share of a query word's)", words);
    }
    return out;
}

std::string hit_score_lines(const HitExplanation& explanation, double score, const TextStyle& style) {
    std::vector<const ScorePart*> query_parts;
    std::vector<const ScorePart*> feedback_parts;
    double feedback = 0;
    for (const ScorePart& part : explanation.parts) {
        (part.feedback ? feedback_parts : query_parts).push_back(&part);
        if (part.feedback) feedback += part.weight;
    }
    // Up to kQueryPartsNamed in the query's order; more, the strongest.
    if (query_parts.size() > kQueryPartsNamed) {
        std::stable_sort(query_parts.begin(), query_parts.end(),
                         [](const ScorePart* a, const ScorePart* b) { return a->weight > b->weight; });
    }
    std::string out = "   " + painted(style, kAnsiDim, "score " + number(score) + " (" + explanation.tier + ") = " +
                                                      sum_of(query_parts, kQueryPartsNamed) +
                                                      (feedback_parts.empty() ? "" : " + feedback " + number(feedback)) +
                                                      unexplained_note(explanation.unexplained, score)) +
                      "\n";
    if (!feedback_parts.empty()) {
        out += "   " + painted(style, kAnsiDim, "feedback " + number(feedback) + " = " +
                                                     sum_of(feedback_parts, kFeedbackPartsNamed)) +
               "\n";
    }
    return out;
}

std::string passage_choice_line(const PassageChoice& choice, const TextStyle& style) {
    std::vector<const ScorePart*> parts;
    double sum = 0;
    for (const ScorePart& part : choice.parts) {
        parts.push_back(&part);
        sum += part.weight;
    }
    std::string text = "why this passage: " + choice.rule + "; " + ordinal(choice.rank) + " of " +
                       std::to_string(choice.candidates) + " by passage score";
    text += " (" + plural(choice.passages, "passage") + " in all: " + std::to_string(choice.holding_all) +
            " with all the words, " + std::to_string(choice.holding_some - choice.holding_all) + " with only some)";
    if (parts.size() > kQueryPartsNamed) {
        std::stable_sort(parts.begin(), parts.end(),
                         [](const ScorePart* a, const ScorePart* b) { return a->weight > b->weight; });
    }
    text += "; score " + number(choice.score) + " = " + sum_of(parts, kQueryPartsNamed) +
            unexplained_note(choice.score - sum, choice.score);
    if (choice.next_score) text += "; next " + number(*choice.next_score);
    return "   " + painted(style, kAnsiDim, text) + "\n";
}

}  // namespace news
