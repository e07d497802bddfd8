// Bytes -> UTF-8: never throws, always gives valid UTF-8, keeps valid UTF-8
// input byte for byte (less a BOM), and binary detection never crashes.
#include "fuzz_support.h"
#include "text/text_decoding.h"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace news;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const DecodedText decoded = decode_text(bytes);
    fuzz::require(fuzz::valid_utf8(decoded.utf8), "decode_text gave invalid UTF-8");
    fuzz::require(decoded.encoding == "utf-8" || decoded.encoding == "windows-1252", "unknown encoding name");
    if (fuzz::valid_utf8(bytes)) {
        std::string_view expected = bytes;
        if (expected.starts_with("\xEF\xBB\xBF")) expected.remove_prefix(3);
        fuzz::require(decoded.utf8 == expected, "valid UTF-8 was changed");
    }
    (void)binary_reason(bytes);
    for (size_t i = 0; i < bytes.size() && i < 64; ++i) {
        const size_t length = utf8_sequence_length(bytes.substr(i));
        fuzz::require(length <= 4 && i + length <= bytes.size(), "utf8_sequence_length out of range");
    }
    return 0;
}
