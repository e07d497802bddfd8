#include "formats/passage_splitter.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace news {
namespace {

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }

// Words after which a full stop rarely ends a sentence.
bool is_abbreviation(std::string_view word) {
    static constexpr std::array<std::string_view, 30> kAbbreviations{
        "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Gen", "Gov", "Sen", "Rep",
        "Lt", "Col", "Capt", "Sgt", "Co", "Corp", "Inc", "Ltd", "No", "vs", "Mt", "Ft",
        "Jan", "Feb", "Aug", "Sept", "Oct", "Nov"};
    if (word.size() == 1 && is_upper_ascii(word[0])) return true;  // an initial: "J. Smith"
    // Dotted acronyms: "U.S", "U.K" (the final dot is the one being judged).
    if (word.size() >= 3 && word[1] == '.') return true;
    return std::find(kAbbreviations.begin(), kAbbreviations.end(), word) != kAbbreviations.end();
}

bool opens_sentence(std::string_view rest) {
    if (rest.empty()) return false;
    const auto c = static_cast<unsigned char>(rest[0]);
    if (is_upper_ascii(static_cast<char>(c)) || std::isdigit(c) || c == '"' || c == '\'' ||
        c == '(') {
        return true;
    }
    // Non-ASCII: an opening curly quote or an accented capital.
    return c >= 0xC0;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Where to end the first piece of `text`, longer than limits.max_bytes: at
// white space near limits.target_bytes, else at any white space within the
// maximum, else (one huge word, text without spaces) at the last character
// boundary within it; never after 0 bytes.
size_t cut_point(std::string_view text, const PassageLimits& limits) {
    const size_t max_bytes = std::max<size_t>(limits.max_bytes, 1);
    const size_t aim = std::clamp<size_t>(limits.target_bytes, 1, max_bytes);
    size_t last_blank_before_aim = 0;
    for (size_t i = aim; i > 0; --i) {
        if (is_blank(text[i])) {
            last_blank_before_aim = i;
            break;
        }
    }
    if (last_blank_before_aim >= aim / 2 && last_blank_before_aim > 0) return last_blank_before_aim;
    for (size_t i = aim + 1; i <= max_bytes; ++i) {
        if (is_blank(text[i])) return i;
    }
    if (last_blank_before_aim > 0) return last_blank_before_aim;
    // A UTF-8 character has at most 3 continuation bytes; more in a row
    // are not UTF-8, and are cut anywhere.
    constexpr size_t kMaxContinuationBytes = 3;
    size_t cut = max_bytes;
    while (cut > 0 && max_bytes - cut < kMaxContinuationBytes && is_utf8_continuation(text[cut])) --cut;
    if (!is_utf8_continuation(text[cut]) && cut > 0) return cut;
    if (cut > 0) return max_bytes;
    // A maximum shorter than the first character: take the character.
    cut = 1;
    while (cut <= kMaxContinuationBytes && cut < text.size() && is_utf8_continuation(text[cut])) ++cut;
    return cut;
}

// Appends `text` as passages of at most limits.max_bytes each, whatever its
// punctuation: a paragraph with no sentence end (a 200 MB line of words)
// must not become one passage that every query reads and prints whole.
// `line_at(offset)` is the file line of byte `offset` of `text`.
template <typename LineAt>
void append_passage(std::vector<Passage>& out, std::string_view text, const PassageLimits& limits,
                    const LineAt& line_at) {
    size_t begin = 0;
    while (begin < text.size()) {
        std::string_view rest = text.substr(begin);
        const size_t length = rest.size() <= limits.max_bytes ? rest.size() : cut_point(rest, limits);
        std::string_view piece = rest.substr(0, length);
        while (!piece.empty() && is_blank(piece.back())) piece.remove_suffix(1);
        if (!piece.empty()) out.push_back({std::string(piece), line_at(begin)});
        begin += length;
        while (begin < text.size() && is_blank(text[begin])) ++begin;
    }
}

void append_passage(std::vector<Passage>& out, std::string_view text, const PassageLimits& limits, unsigned line) {
    append_passage(out, text, limits, [line](size_t) { return line; });
}

}  // namespace

std::vector<size_t> sentence_starts(std::string_view text) {
    std::vector<size_t> starts{0};
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c != '.' && c != '!' && c != '?') continue;
        size_t after = i + 1;
        // Closing quotes and brackets belong to the sentence they end.
        while (after < text.size()) {
            if (text[after] == '"' || text[after] == '\'' || text[after] == ')') {
                ++after;
            } else if (text.substr(after, 3) == "\xE2\x80\x9D" || text.substr(after, 3) == "\xE2\x80\x99") {
                after += 3;
            } else {
                break;
            }
        }
        if (after >= text.size() || text[after] != ' ') continue;
        size_t next = after;
        while (next < text.size() && text[next] == ' ') ++next;
        if (!opens_sentence(text.substr(next))) continue;
        if (c == '.') {
            size_t word_start = i;
            while (word_start > 0 && text[word_start - 1] != ' ' && text[word_start - 1] != '(' &&
                   text[word_start - 1] != '"') {
                --word_start;
            }
            if (is_abbreviation(text.substr(word_start, i - word_start))) continue;
        }
        starts.push_back(next);
        i = next - 1;
    }
    return starts;
}

std::vector<Passage> split_passages(const Article& article, const PassageLimits& limits) {
    std::vector<Passage> passages;
    std::string pending;  // short paragraphs waiting to join the next one
    unsigned pending_line = 0;

    for (const Paragraph& paragraph : article.paragraphs) {
        const std::string_view text = paragraph.text;
        if (!pending.empty() && pending.size() + 1 + text.size() > limits.max_bytes) {
            append_passage(passages, std::exchange(pending, {}), limits, pending_line);
        }
        if (text.size() < limits.merge_below_bytes) {
            if (pending.empty()) pending_line = paragraph.first_line();
            else pending.push_back(' ');
            pending.append(text);
            continue;
        }
        const std::vector<size_t> starts = sentence_starts(text);
        if (starts.size() <= limits.max_sentences && text.size() <= limits.max_bytes) {
            if (pending.empty()) {
                append_passage(passages, text, limits, paragraph.first_line());
            } else {
                pending.push_back(' ');
                pending.append(text);
                append_passage(passages, std::exchange(pending, {}), limits, pending_line);
            }
            continue;
        }
        if (!pending.empty()) append_passage(passages, std::exchange(pending, {}), limits, pending_line);
        // Greedy pieces: take sentences until the piece reaches its target
        // size or count, never past the maximum count.
        size_t piece_begin = 0;
        size_t sentences_in_piece = 0;
        for (size_t s = 0; s < starts.size(); ++s) {
            const size_t sentence_end = s + 1 < starts.size() ? starts[s + 1] : text.size();
            ++sentences_in_piece;
            const size_t piece_bytes = sentence_end - piece_begin;
            const bool last = s + 1 == starts.size();
            if (last || sentences_in_piece >= limits.target_sentences ||
                piece_bytes >= limits.target_bytes) {
                append_passage(passages, text.substr(piece_begin, sentence_end - piece_begin), limits,
                               [&](size_t offset) { return paragraph.line_at(piece_begin + offset); });
                piece_begin = sentence_end;
                sentences_in_piece = 0;
            }
        }
    }
    if (!pending.empty()) {
        // Trailing short paragraphs join the last passage when they fit.
        if (!passages.empty() && passages.back().text.size() + 1 + pending.size() <= limits.max_bytes) {
            passages.back().text += ' ' + pending;
        } else {
            append_passage(passages, pending, limits, pending_line);
        }
    }
    if (passages.empty() && !article.title.empty()) {
        append_passage(passages, article.title, limits, article.title_line);
    }
    return passages;
}

}  // namespace news
