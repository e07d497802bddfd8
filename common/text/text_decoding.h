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

// Why the bytes are not text ("binary data: NUL byte at offset 12"), or
// nothing when they are.
std::optional<std::string> binary_reason(std::string_view bytes);

// Length of the valid UTF-8 sequence starting at bytes[0], or 0 if none.
size_t utf8_sequence_length(std::string_view bytes);

}  // namespace news
