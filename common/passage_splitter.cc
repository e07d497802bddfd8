#include "passage_splitter.h"

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

void append_passage(std::vector<Passage>& out, std::string text, unsigned line) {
    if (!text.empty()) out.push_back({std::move(text), line});
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
            append_passage(passages, std::exchange(pending, {}), pending_line);
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
                append_passage(passages, std::string(text), paragraph.first_line());
            } else {
                pending.push_back(' ');
                pending.append(text);
                append_passage(passages, std::exchange(pending, {}), pending_line);
            }
            continue;
        }
        if (!pending.empty()) append_passage(passages, std::exchange(pending, {}), pending_line);
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
                std::string_view piece = text.substr(piece_begin, sentence_end - piece_begin);
                while (!piece.empty() && piece.back() == ' ') piece.remove_suffix(1);
                append_passage(passages, std::string(piece), paragraph.line_at(piece_begin));
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
            append_passage(passages, std::move(pending), pending_line);
        }
    }
    if (passages.empty() && !article.title.empty()) {
        passages.push_back({article.title, article.title_line});
    }
    return passages;
}

}  // namespace news
