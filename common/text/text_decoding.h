// Turning the bytes of a file into UTF-8 text without losing any of it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace news {

struct DecodedText {
    std::string utf8;
    // "utf-8", or "windows-1252" when some bytes were not valid UTF-8 and
    // were read as Windows-1252 (U+FFFD for the five bytes it leaves
    // undefined: read as Latin-1 they would be C1 control characters).
    std::string encoding;
    bool had_bom = false;
};

// Valid UTF-8 is kept as it is (less a byte order mark); each byte that is
// not part of a valid UTF-8 sequence is decoded as Windows-1252, so a file
// mixing both loses nothing.
DecodedText decode_text(std::string_view bytes);

// `bytes` in the charset their source declares ("shift_jis", "koi8-r": a
// web page's <meta charset>).  Bytes that are valid UTF-8 throughout stay
// UTF-8 whatever the declaration (a page declaring a charset it is not in
// is common, and UTF-8 is never there by chance); otherwise they are read
// in the declared charset when the system knows it (a byte sequence it
// cannot read becomes U+FFFD), else as decode_text reads them.
DecodedText decode_text_declared(std::string_view bytes, std::string_view charset);

// Why the bytes are not text ("binary data: NUL byte at offset 12"), or
// nothing when they are.
std::optional<std::string> binary_reason(std::string_view bytes);

// Length of the valid UTF-8 sequence starting at bytes[0], or 0 if none.
size_t utf8_sequence_length(std::string_view bytes);

}  // namespace news
