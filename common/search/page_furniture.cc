#include "search/page_furniture.h"

#include <array>
#include <cctype>
#include <string>

namespace news {
namespace {

// Longer than this, a passage is a paragraph whatever it says.
constexpr size_t kMaxFurnitureWords = 60;

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// Whether `text` has more than `limit` words: a page's passages are counted
// for every query, so the count stops there.
bool has_more_words_than(std::string_view text, size_t limit) {
    size_t words = 0;
    bool in_word = false;
    for (const char c : text) {
        const bool space = is_space(c);
        if (!space && !in_word && ++words > limit) return true;
        in_word = !space;
    }
    return false;
}

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// "Duration 2:03", "Duration: 1:12:30": a video player's label.
bool has_video_duration(std::string_view text) {
    for (size_t at = text.find("Duration"); at != std::string_view::npos; at = text.find("Duration", at + 1)) {
        size_t i = at + 8;
        while (i < text.size() && (text[i] == ' ' || text[i] == ':')) ++i;
        const size_t digits = i;
        while (i < text.size() && is_digit(text[i])) ++i;
        if (i > digits && i + 2 < text.size() && text[i] == ':' && is_digit(text[i + 1]) && is_digit(text[i + 2])) {
            return true;
        }
    }
    return false;
}

// Credits and caption openings as agencies and sites write them.
constexpr std::array<std::string_view, 14> kCreditMarks{
    "PHOTO:",        "Photo:",       "PHOTOGRAPH:",    "Photograph:", "Picture:",      "Image copyright",
    "Image caption", "Getty Images", "(AP Photo",      "Photo by ",   "Photo credit",  "(Reuters/",
    "REUTERS/",      "Video caption"};
constexpr std::array<std::string_view, 8> kCaptionOpenings{
    "This undated image", "This undated photo", "This undated file photo", "This handout photo",
    "This image made",    "This photo",         "In this photo",           "In this file photo"};
constexpr std::array<std::string_view, 7> kWidgetOpenings{
    "Share this", "Follow us", "Sign up for", "Click here", "Read more:", "Advertisement", "Related:"};

std::string collapsed(std::string_view text) {
    std::string out;
    bool space = false;
    for (const char c : text) {
        if (is_space(c)) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

// "A caption. A caption." - its first sentence again right after it, as a
// page with a picture's alt text and its caption reads.
bool is_repeated(std::string_view text) {
    // Most passages differ at the first letter after their first full stop:
    // told apart without a collapsed copy.
    const size_t first_letter = text.find_first_not_of(" \t\n\r\f\v");
    size_t stop = text.find('.');
    while (stop != std::string_view::npos && (stop + 1 >= text.size() || !is_space(text[stop + 1]))) {
        stop = text.find('.', stop + 1);
    }
    if (first_letter == std::string_view::npos || stop == std::string_view::npos) return false;
    const size_t next_letter = text.find_first_not_of(" \t\n\r\f\v", stop + 1);
    if (next_letter == std::string_view::npos || text[next_letter] != text[first_letter]) return false;
    const std::string flat = collapsed(text);
    const size_t end = flat.find(". ");
    if (end == std::string::npos || end < 20) return false;
    const std::string_view first(flat.data(), end);  // without its full stop
    return std::string_view(flat).substr(end + 2).starts_with(first);
}

}  // namespace

bool is_page_furniture(std::string_view passage) {
    if (has_more_words_than(passage, kMaxFurnitureWords)) return false;
    if (has_video_duration(passage) || is_repeated(passage)) return true;
    for (const std::string_view mark : kCreditMarks) {
        if (passage.find(mark) != std::string_view::npos) return true;
    }
    const size_t start = passage.find_first_not_of(" \t\n");
    if (start == std::string_view::npos) return false;
    const std::string_view text = passage.substr(start);
    for (const std::string_view opening : kCaptionOpenings) {
        if (text.starts_with(opening)) return true;
    }
    for (const std::string_view opening : kWidgetOpenings) {
        if (text.starts_with(opening)) return true;
    }
    return false;
}

}  // namespace news
