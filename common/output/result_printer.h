// Printers turn search results into output; the searcher never formats.
#pragma once

#include "search/search_results.h"

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace news {

// A hit prints at most this many bytes of each passage's text and of its
// title: a database written before passages were bounded, or a file whose
// first line is megabytes long, must not print megabytes per hit.  Passages
// news-index writes now are at most 900 bytes (passage_splitter).
inline constexpr size_t kMaxShownTextBytes = 2000;

struct ShownText {
    std::string_view text;
    bool truncated = false;  // `text` is the start of a longer text
};

// `text` whole when it fits in `max_bytes`, else cut at white space in its
// last half, or else on a UTF-8 character boundary.
ShownText shown_text(std::string_view text, size_t max_bytes = kMaxShownTextBytes);

class ResultPrinter {
public:
    virtual ~ResultPrinter() = default;
    // Before the hits: how the query was read, with --explain.
    virtual void start(const SearchResults& /*results*/) {}
    // Before the hits: did-you-mean, and whether the hits are the
    // suggestion's (search/spelling.h).
    virtual void print_spelling(const SpellingSuggestion& /*spelling*/) {}
    virtual void print_hit(const SearchHit& hit) = 0;
    // After the hits: totals and timing, for printers that carry them.
    virtual void finish(const SearchResults& /*results*/) {}
};

struct TextStyle {
    bool colour = false;
    // Paths under this folder are shown relative to it (the current folder).
    std::string relative_to;
    // Columns the timeline's bars may fill: the terminal's width.
    size_t width = 80;
    // Where messages about the search go (did-you-mean): standard error;
    // none when unset.
    std::ostream* messages = nullptr;
};

// The ANSI styles of the output for people, used only when TextStyle::colour.
inline constexpr std::string_view kAnsiBold = "\x1b[1m";
inline constexpr std::string_view kAnsiDim = "\x1b[2m";
inline constexpr std::string_view kAnsiGreen = "\x1b[32m";
inline constexpr std::string_view kAnsiCyan = "\x1b[36m";
inline constexpr std::string_view kAnsiMatch = "\x1b[1;31m";
inline constexpr std::string_view kAnsiReset = "\x1b[0m";

// `text` in the style `ansi` when `style` has colour, else as it is.
std::string painted(const TextStyle& style, std::string_view ansi, const std::string& text);

// For people: title, source, date, section, path:line and the passage with
// its matched words marked (bold red with colour, left plain without).
std::unique_ptr<ResultPrinter> make_text_printer(std::ostream& out, TextStyle style);

// JSON Lines, one "hit" object per hit, then the "facets", "timeline" and
// "top_words" objects asked for, and a closing "summary" object; the format
// is versioned and documented in docs/output.md.
std::unique_ptr<ResultPrinter> make_json_printer(std::ostream& out);

inline constexpr int kJsonOutputVersion = 3;

}  // namespace news
