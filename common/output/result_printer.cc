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

std::string painted(const TextStyle& style, std::string_view ansi, const std::string& text) {
    if (!style.colour || text.empty()) return text;
    return std::string(ansi) + text + std::string(kAnsiReset);
}

}  // namespace news
