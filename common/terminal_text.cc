#include "terminal_text.h"

#include "text_decoding.h"

namespace news {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

// Printable ASCII other than the backslash (which starts our escapes) is
// the common case and is copied in runs.
bool copied_as_is(unsigned char byte) { return byte >= 0x20 && byte < 0x7f && byte != '\\'; }

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
        size_t run_end = at;
        while (run_end < text.size() && copied_as_is(static_cast<unsigned char>(text[run_end]))) ++run_end;
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
    // Almost every line has none: scan first, copy only when one is found.
    size_t at = 0;
    while (at < json.size() && static_cast<unsigned char>(json[at]) < 0x7f) ++at;
    if (at == json.size()) return json;
    std::string out(json, 0, at);
    out.reserve(json.size() + 16);
    while (at < json.size()) {
        const auto byte = static_cast<unsigned char>(json[at]);
        const size_t length = byte < 0x80 ? 1 : utf8_sequence_length(std::string_view(json).substr(at));
        if (length == 0) {  // not from the JSON writer; kept as it is
            out.push_back(json[at++]);
            continue;
        }
        const char32_t code_point = length == 1 ? byte : decode_code_point(std::string_view(json).substr(at), length);
        if (code_point >= 0x7f && is_terminal_control(code_point)) {
            out += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHexDigits[(code_point >> shift) & 0xfU]);
        } else {
            out.append(json, at, length);
        }
        at += length;
    }
    return out;
}

std::string terminal_safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    append_terminal_safe(out, text);
    return out;
}

}  // namespace news
