// Printers turn search results into output; the searcher never formats.
#pragma once

#include "searcher.h"

#include <memory>
#include <ostream>
#include <string>

namespace news {

class ResultPrinter {
public:
    virtual ~ResultPrinter() = default;
    virtual void print_hit(const SearchHit& hit) = 0;
    // After the hits: totals and timing, for printers that carry them.
    virtual void finish(const SearchResults& /*results*/) {}
};

struct TextStyle {
    bool colour = false;
    // Paths under this folder are shown relative to it (the current folder).
    std::string relative_to;
};

// For people: title, source, date, section, path:line and the passage with
// its matched words marked (bold red with colour, left plain without).
std::unique_ptr<ResultPrinter> make_text_printer(std::ostream& out, TextStyle style);

// JSON Lines, one "hit" object per hit and a closing "summary" object; the
// format is versioned and documented in docs/output.md.
std::unique_ptr<ResultPrinter> make_json_printer(std::ostream& out);

inline constexpr int kJsonOutputVersion = 1;

}  // namespace news
