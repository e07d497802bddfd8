#include "text/text_decoding.h"

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>

namespace news {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr size_t kBinarySniffBytes = 8192;

// UTF-8 for each byte 0x80..0xFF read as Windows-1252, built once by iconv so
// the mapping is the C library's, not ours.
const std::array<std::string, 128>& windows_1252_table() {
    static const std::array<std::string, 128> table = [] {
        std::array<std::string, 128> built;
        iconv_t cp1252 = iconv_open("UTF-8", "WINDOWS-1252");
        for (unsigned byte = 0x80; byte <= 0xff; ++byte) {
            std::string& out = built[byte - 0x80];
            if (cp1252 != reinterpret_cast<iconv_t>(-1)) {
                char in_byte = static_cast<char>(byte);
                char* in_ptr = &in_byte;
                size_t in_left = 1;
                std::array<char, 8> buffer{};
                char* out_ptr = buffer.data();
                size_t out_left = buffer.size();
                iconv(cp1252, nullptr, nullptr, nullptr, nullptr);
                if (iconv(cp1252, &in_ptr, &in_left, &out_ptr, &out_left) != static_cast<size_t>(-1)) {
                    out.assign(buffer.data(), buffer.size() - out_left);
                    continue;
                }
            }
            // Undefined in Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D).
            // Latin-1 would make them C1 controls, which terminals obey
            // (U+009D ends an OSC sequence): U+FFFD shows a byte was here.
            out = "\xEF\xBF\xBD";
        }
        if (cp1252 != reinterpret_cast<iconv_t>(-1)) iconv_close(cp1252);
        return built;
    }();
    return table;
}

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

}  // namespace

size_t utf8_sequence_length(std::string_view bytes) {
    if (bytes.empty()) return 0;
    const auto b0 = static_cast<unsigned char>(bytes[0]);
    if (b0 < 0x80) return 1;
    size_t length = 0;
    uint32_t min_code = 0;
    uint32_t code = 0;
    if ((b0 & 0xE0) == 0xC0) {
        length = 2, min_code = 0x80, code = b0 & 0x1Fu;
    } else if ((b0 & 0xF0) == 0xE0) {
        length = 3, min_code = 0x800, code = b0 & 0x0Fu;
    } else if ((b0 & 0xF8) == 0xF0) {
        length = 4, min_code = 0x10000, code = b0 & 0x07u;
    } else {
        return 0;
    }
    if (bytes.size() < length) return 0;
    for (size_t i = 1; i < length; ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        if (!is_continuation(b)) return 0;
        code = (code << 6) | (b & 0x3Fu);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are
    // not UTF-8.
    if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
    return length;
}

DecodedText decode_text(std::string_view bytes) {
    DecodedText decoded;
    decoded.encoding = "utf-8";
    if (bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
        bytes.remove_prefix(kUtf8Bom.size());
        decoded.had_bom = true;
    }
    decoded.utf8.reserve(bytes.size());
    size_t i = 0;
    while (i < bytes.size()) {
        size_t run = i;
        while (run < bytes.size() && static_cast<unsigned char>(bytes[run]) < 0x80) ++run;
        decoded.utf8.append(bytes.substr(i, run - i));
        i = run;
        if (i == bytes.size()) break;
        const size_t length = utf8_sequence_length(bytes.substr(i));
        if (length > 0) {
            decoded.utf8.append(bytes.substr(i, length));
            i += length;
        } else {
            decoded.utf8 += windows_1252_table()[static_cast<unsigned char>(bytes[i]) - 0x80];
            decoded.encoding = "windows-1252";
            ++i;
        }
    }
    return decoded;
}

namespace {

bool valid_utf8(std::string_view bytes) {
    size_t i = 0;
    while (i < bytes.size()) {
        if (static_cast<unsigned char>(bytes[i]) < 0x80) {
            ++i;
            continue;
        }
        const size_t length = utf8_sequence_length(bytes.substr(i));
        if (length == 0) return false;
        i += length;
    }
    return true;
}

std::string lower_ascii(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
}

}  // namespace

DecodedText decode_text_declared(std::string_view bytes, std::string_view charset) {
    const std::string name = lower_ascii(charset);
    // decode_text reads these already (WHATWG reads latin1 and ascii as windows-1252).
    constexpr std::array<std::string_view, 8> kDecodeTextReads{"",           "utf-8",      "utf8",     "windows-1252",
                                                               "iso-8859-1", "latin1",     "us-ascii", "ascii"};
    if (std::find(kDecodeTextReads.begin(), kDecodeTextReads.end(), name) != kDecodeTextReads.end() ||
        valid_utf8(bytes)) {
        return decode_text(bytes);
    }
    iconv_t converter = iconv_open("UTF-8", name.c_str());
    if (converter == reinterpret_cast<iconv_t>(-1)) return decode_text(bytes);
    DecodedText decoded;
    decoded.encoding = name;
    decoded.utf8.reserve(bytes.size() * 2);
    char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write there
    size_t in_left = bytes.size();
    std::array<char, 4096> buffer{};
    while (in_left > 0) {
        char* out = buffer.data();
        size_t out_left = buffer.size();
        const size_t done = iconv(converter, &in, &in_left, &out, &out_left);
        decoded.utf8.append(buffer.data(), buffer.size() - out_left);
        if (done != static_cast<size_t>(-1)) continue;
        if (errno == E2BIG) continue;
        // A sequence the charset has no character for, or cut off at the end.
        decoded.utf8 += "\xEF\xBF\xBD";
        ++in;
        --in_left;
        iconv(converter, nullptr, nullptr, nullptr, nullptr);
    }
    iconv_close(converter);
    return decoded;
}

std::optional<std::string> binary_reason(std::string_view bytes) {
    const std::string_view head = bytes.substr(0, kBinarySniffBytes);
    size_t control = 0;
    for (size_t i = 0; i < head.size(); ++i) {
        const auto byte = static_cast<unsigned char>(head[i]);
        if (byte == 0) return "binary data (NUL byte at offset " + std::to_string(i) + ")";
        if (byte < 0x20 && byte != '\n' && byte != '\r' && byte != '\t' && byte != '\f') {
            ++control;
        }
    }
    // Text has the odd form feed or escape; a file that is a tenth control
    // characters is not text in any encoding we read.
    if (!head.empty() && control * 10 > head.size()) {
        return "binary data (" + std::to_string(control * 100 / head.size()) +
               "% control characters)";
    }
    return std::nullopt;
}

}  // namespace news
