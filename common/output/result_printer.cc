#include "output/result_printer.h"

namespace news {

ShownText shown_text(std::string_view text, size_t max_bytes) {
    if (text.size() <= max_bytes) return {text, false};
    size_t cut = text.substr(0, max_bytes + 1).find_last_of(" \t");
    if (cut == std::string_view::npos || cut <= max_bytes / 2) {
        cut = max_bytes;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    }
    std::string_view shown = text.substr(0, cut);
    while (!shown.empty() && (shown.back() == ' ' || shown.back() == '\t')) shown.remove_suffix(1);
    return {shown, true};
}

}  // namespace news
