#include "output/count_charts.h"

#include "output/terminal_text.h"

#include <algorithm>
#include <cstdio>
#include <string_view>

namespace news {
namespace {

// U+2588 FULL BLOCK, then U+258F ONE EIGHTH BLOCK .. U+2589 SEVEN EIGHTHS.
constexpr std::string_view kFullBlock = "\u2588";
constexpr std::string_view kEighths[8] = {"", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b", "\u258a", "\u2589"};
constexpr std::string_view kPeak = "peak";
constexpr size_t kMinBarColumns = 10;

// Columns a UTF-8 string takes: one per character (the values are names
// and dates, not wide scripts, often enough; a wide name only shifts its
// own line).
size_t columns(std::string_view text) {
    size_t n = 0;
    for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

std::string padded(const std::string& text, size_t width) {
    const size_t used = columns(text);
    return text + std::string(width > used ? width - used : 0, ' ');
}

std::string right_aligned(const std::string& text, size_t width) {
    return std::string(width > text.size() ? width - text.size() : 0, ' ') + text;
}

// A bar of `eighths` eighth-columns.
std::string bar(size_t eighths) {
    std::string out;
    for (size_t i = 0; i < eighths / 8; ++i) out += kFullBlock;
    out += kEighths[eighths % 8];
    return out;
}

}  // namespace

std::string with_thousands(unsigned long long number) {
    std::string digits = std::to_string(number);
    for (size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
    return digits;
}

std::string facet_table(const FacetCounts& facet, const TextStyle& style) {
    std::string out = painted(style, kAnsiBold, facet.field) + " " +
                      painted(style, kAnsiDim,
                            std::string("(") + (facet.exact ? "exact counts" : "estimated counts") + " over " +
                                with_thousands(facet.articles) + " article" + (facet.articles == 1 ? "" : "s") +
                                " with one)") +
                      "\n";
    size_t value_width = 0;
    size_t count_width = 0;
    for (const ValueCount& value : facet.values) {
        value_width = std::max(value_width, columns(terminal_safe(value.value)));
        count_width = std::max(count_width, with_thousands(value.count).size());
    }
    for (const ValueCount& value : facet.values) {
        char share[16];
        std::snprintf(share, sizeof share, "%5.1f%%",
                      facet.articles == 0 ? 0.0 : 100.0 * value.count / static_cast<double>(facet.articles));
        out += "  " + padded(terminal_safe(value.value), value_width) + "  " +
               right_aligned(with_thousands(value.count), count_width) + "  " + painted(style, kAnsiDim, share) + "\n";
    }
    if (facet.values.empty()) out += "  " + painted(style, kAnsiDim, "(no article has one)") + "\n";
    if (facet.values_left_out > 0) {
        out += "  " + painted(style, kAnsiDim, "... and " + with_thousands(facet.values_left_out) + " more") + "\n";
    }
    return out;
}

std::string timeline_chart(const TimelineCounts& timeline, const TextStyle& style) {
    const std::vector<ValueCount>& buckets = timeline.buckets;
    ArticleCount peak = 0;
    size_t label_width = 0;
    size_t count_width = 0;
    for (const ValueCount& bucket : buckets) {
        peak = std::max(peak, bucket.count);
        label_width = std::max(label_width, bucket.value.size());
        count_width = std::max(count_width, with_thousands(bucket.count).size());
    }
    std::string out = painted(style, kAnsiBold, "articles per " + timeline.period) +
                      (buckets.empty() ? ""
                                       : " " + painted(style, kAnsiDim,
                                                     buckets.front().value + " to " + buckets.back().value +
                                                         (timeline.exact ? "" : " (estimated)"))) +
                      "\n";
    if (buckets.empty()) return out + "  " + painted(style, kAnsiDim, "(no dated article matches)") + "\n";
    // label, " │", bar, " ", count, " peak"
    const size_t fixed = label_width + 2 + 1 + count_width + 1 + kPeak.size();
    const size_t bar_columns = std::max(kMinBarColumns, style.width > fixed ? style.width - fixed : 0);
    for (const ValueCount& bucket : buckets) {
        size_t eighths = peak == 0 ? 0 : static_cast<size_t>(static_cast<double>(bar_columns) * 8.0 * bucket.count / peak + 0.5);
        if (bucket.count > 0 && eighths == 0) eighths = 1;
        const bool is_peak = bucket.count == peak && peak > 0;
        const std::string drawn = bar(eighths);
        out += bucket.value + std::string(label_width - bucket.value.size(), ' ') + " \u2502" +
               painted(style, kAnsiCyan, drawn) + " " +
               (is_peak ? painted(style, kAnsiBold, with_thousands(bucket.count) + " " + std::string(kPeak))
                        : with_thousands(bucket.count)) +
               "\n";
    }
    return out;
}

std::string top_words_list(const std::vector<WeightedTerm>& words, size_t from, const TextStyle& style) {
    std::string out = painted(style, kAnsiBold, "top words") + " " +
                      painted(style, kAnsiDim, "(setting the " + std::to_string(from) +
                                             " best matches apart from the rest, by Xapian's expand weight)") +
                      "\n";
    size_t width = 0;
    for (const WeightedTerm& word : words) width = std::max(width, columns(terminal_safe(word.word)));
    for (const WeightedTerm& word : words) {
        char weight[32];
        std::snprintf(weight, sizeof weight, "%.2f", word.weight);
        out += "  " + padded(terminal_safe(word.word), width) + "  " + weight + "\n";
    }
    if (words.empty()) out += "  " + painted(style, kAnsiDim, "(no words: nothing matches)") + "\n";
    return out;
}

}  // namespace news
