#include "formats/html_text.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace news::html {

bool ascii_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool equals_ci(std::string_view text, std::string_view lower) {
    return text.size() == lower.size() &&
           std::equal(text.begin(), text.end(), lower.begin(),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

bool contains_ci(std::string_view haystack, std::string_view needle) {
    return lower_ascii(haystack).find(lower_ascii(needle)) != std::string::npos;
}

void append_visible(std::string& out, std::string_view text, bool& pending_space) {
    for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (ascii_space(c)) {
            pending_space = true;
            continue;
        }
        if (c == 0xC2 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if (next == 0xA0) {  // no-break space
                pending_space = true;
                ++i;
                continue;
            }
            if (next >= 0x80 && next <= 0x9F) {  // C1 control
                ++i;
                continue;
            }
        }
        if (c < 0x20 || c == 0x7F) continue;
        if (pending_space && !out.empty()) out.push_back(' ');
        pending_space = false;
        out.push_back(static_cast<char>(c));
    }
}

std::string visible_text(std::string_view text) {
    std::string out;
    bool pending = false;
    append_visible(out, text, pending);
    return out;
}

size_t code_points(std::string_view s) {
    return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

size_t count_commas(std::string_view s) {
    static constexpr std::array<std::string_view, 9> kCommas{",", "\xD8\x8C", "\xEF\xB9\x90", "\xEF\xB8\x90", "\xEF\xB8\x91",
                                                             "\xE2\xB9\x81", "\xE2\xB8\xB4", "\xE2\xB8\xB2", "\xEF\xBC\x8C"};
    size_t n = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == ',') {
            ++n;
            continue;
        }
        if (c != 0xD8 && c != 0xEF && c != 0xE2) continue;  // the lead bytes of the others
        for (const std::string_view comma : kCommas) {
            if (s.compare(i, comma.size(), comma) == 0) {
                ++n;
                break;
            }
        }
    }
    return n;
}

}  // namespace news::html
