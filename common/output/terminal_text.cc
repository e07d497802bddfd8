#include "output/terminal_text.h"

#include "text/text_decoding.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace news {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// Printable ASCII other than the backslash (which starts our escapes) is
// the common case and is copied in runs.
bool copied_as_is(unsigned char byte) { return byte >= 0x20 && byte < 0x7f && byte != '\\'; }

// Whether any of the eight bytes in `word` is >= 0x7f (adding one sets
// their high bit; a byte below cannot carry).
bool any_byte_from_del(uint64_t word) { return ((word | (word + kOnes)) & kHighBits) != 0; }

// Whether the eight bytes in `word` are all copied as they are; tests them
// together instead of one by one, since passages are mostly plain text.
bool all_copied_as_is(uint64_t word) {
    const uint64_t below_space = (word - 0x20 * kOnes) & ~word & kHighBits;
    const uint64_t backslashes = word ^ ('\\' * kOnes);
    const uint64_t is_backslash = (backslashes - kOnes) & ~backslashes & kHighBits;
    return (below_space | is_backslash) == 0 && !any_byte_from_del(word);
}

// Where the run of bytes copied as they are, starting at `at`, ends.
size_t end_of_plain_run(std::string_view text, size_t at) {
    for (uint64_t word = 0; at + sizeof word <= text.size(); at += sizeof word) {
        std::memcpy(&word, text.data() + at, sizeof word);
        if (!all_copied_as_is(word)) break;
    }
    while (at < text.size() && copied_as_is(static_cast<unsigned char>(text[at]))) ++at;
    return at;
}

void append_ascii_escape(std::string& out, unsigned char byte) {
    switch (byte) {
        case '\t': out += "\\t"; return;
        case '\n': out += "\\n"; return;
        case '\r': out += "\\r"; return;
        case 0x1b: out += "\\e"; return;
        case '\\': out += "\\\\"; return;
        default: break;
    }
    out += "\\x";
    out.push_back(kHexDigits[byte >> 4]);
    out.push_back(kHexDigits[byte & 0xf]);
}

// The code point of a valid UTF-8 sequence of `length` bytes.
char32_t decode_code_point(std::string_view sequence, size_t length) {
    const auto lead = static_cast<unsigned char>(sequence[0]);
    char32_t code_point = length == 2 ? (lead & 0x1fU) : length == 3 ? (lead & 0x0fU) : (lead & 0x07U);
    for (size_t i = 1; i < length; ++i) code_point = (code_point << 6) | (static_cast<unsigned char>(sequence[i]) & 0x3fU);
    return code_point;
}

void append_code_point_escape(std::string& out, char32_t code_point) {
    out += "\\u{";
    bool started = false;
    for (int shift = 20; shift >= 0; shift -= 4) {
        const unsigned digit = (code_point >> shift) & 0xfU;
        if (digit == 0 && !started && shift > 0) continue;
        started = true;
        out.push_back(kHexDigits[digit]);
    }
    out.push_back('}');
}

}  // namespace

bool is_terminal_control(char32_t code_point) {
    return code_point < 0x20 || (code_point >= 0x7f && code_point <= 0x9f) || code_point == 0x061c ||
           code_point == 0x200e || code_point == 0x200f || (code_point >= 0x2028 && code_point <= 0x202e) ||
           (code_point >= 0x2066 && code_point <= 0x2069);
}

void append_terminal_safe(std::string& out, std::string_view text) {
    size_t at = 0;
    while (at < text.size()) {
        const size_t run_end = end_of_plain_run(text, at);
        out.append(text, at, run_end - at);
        if (run_end == text.size()) return;
        at = run_end;
        const auto byte = static_cast<unsigned char>(text[at]);
        if (byte < 0x80) {
            append_ascii_escape(out, byte);
            ++at;
            continue;
        }
        const size_t length = utf8_sequence_length(text.substr(at));
        if (length == 0) {
            append_ascii_escape(out, byte);  // \xHH for a byte that is not UTF-8
            ++at;
            continue;
        }
        const char32_t code_point = decode_code_point(text.substr(at), length);
        if (is_terminal_control(code_point)) {
            append_code_point_escape(out, code_point);
        } else {
            out.append(text, at, length);
        }
        at += length;
    }
}

std::string escape_terminal_controls_in_json(std::string json) {
    // Runs once per output line: skip ASCII eight bytes at a time, look only
    // at the lead bytes of what could be a control (DEL, U+0080-U+009F,
    // U+061C, U+20xx), and copy only when one is found.
    const std::string_view text = json;
    std::string out;
    size_t copied = 0;  // text[0, copied) is in `out`
    size_t at = 0;
    while (at < text.size()) {
        for (uint64_t word = 0; at + sizeof word <= text.size(); at += sizeof word) {
            std::memcpy(&word, text.data() + at, sizeof word);
            if (any_byte_from_del(word)) break;
        }
        while (at < text.size() && static_cast<unsigned char>(text[at]) < 0x7f) ++at;
        if (at == text.size()) break;
        const auto lead = static_cast<unsigned char>(text[at]);
        if (lead != 0x7f && lead != 0xc2 && lead != 0xd8 && lead != 0xe2) {
            ++at;  // other bytes of the sequence are >= 0x80 and skipped the same way
            continue;
        }
        const size_t length = lead == 0x7f ? 1 : utf8_sequence_length(text.substr(at));
        const char32_t code_point = length == 1 ? lead : length == 0 ? 0 : decode_code_point(text.substr(at), length);
        if (length == 0 || !is_terminal_control(code_point)) {
            at += std::max<size_t>(length, 1);
            continue;
        }
        out.append(text, copied, at - copied);
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHexDigits[(code_point >> shift) & 0xfU]);
        at += length;
        copied = at;
    }
    if (copied == 0) return json;
    out.append(text, copied);
    return out;
}

std::string terminal_safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    append_terminal_safe(out, text);
    return out;
}

}  // namespace news
