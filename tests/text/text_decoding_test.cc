#include "text/text_decoding.h"

#include <gtest/gtest.h>

namespace news {
namespace {

TEST(DecodeText, KeepsValidUtf8AsItIs) {
    const DecodedText decoded = decode_text("Fran\xC3\xA7ois \xE2\x80\x94 \xC2\xA3" "5");
    EXPECT_EQ(decoded.utf8, "Fran\xC3\xA7ois \xE2\x80\x94 \xC2\xA3" "5");
    EXPECT_EQ(decoded.encoding, "utf-8");
    EXPECT_FALSE(decoded.had_bom);
}

TEST(DecodeText, DropsByteOrderMark) {
    const DecodedText decoded = decode_text("\xEF\xBB\xBFHeadline\n");
    EXPECT_EQ(decoded.utf8, "Headline\n");
    EXPECT_TRUE(decoded.had_bom);
}

// BBC sport/199.txt holds a raw Latin-1 pound sign (0xA3).
TEST(DecodeText, ReadsInvalidBytesAsWindows1252) {
    const DecodedText decoded = decode_text("a \xA3" "15.8m signing");
    EXPECT_EQ(decoded.utf8, "a \xC2\xA3" "15.8m signing");
    EXPECT_EQ(decoded.encoding, "windows-1252");
}

TEST(DecodeText, UsesWindows1252ForTheC1Range) {
    // 0x93/0x94 are curly quotes and 0x80 the euro sign in Windows-1252.
    EXPECT_EQ(decode_text("\x93hi\x94 \x80").utf8, "\xE2\x80\x9Chi\xE2\x80\x9D \xE2\x82\xAC");
}

// Read as Latin-1, the five bytes Windows-1252 leaves undefined were C1
// controls in article text (U+009D ends a terminal's OSC sequence).
TEST(DecodeText, UndefinedWindows1252BytesBecomeReplacementCharacters) {
    EXPECT_EQ(decode_text("a\x81 b\x8D c\x8F d\x90 e\x9D f").utf8,
              "a\xEF\xBF\xBD b\xEF\xBF\xBD c\xEF\xBF\xBD d\xEF\xBF\xBD e\xEF\xBF\xBD f");
}

TEST(DecodeText, KeepsUtf8AndDecodesLatin1InOneMixedFile) {
    EXPECT_EQ(decode_text("caf\xC3\xA9 and caf\xE9").utf8, "caf\xC3\xA9 and caf\xC3\xA9");
}

TEST(DecodeText, DecodesTruncatedSequenceAtEndOfFile) {
    EXPECT_EQ(decode_text("ab\xC3").utf8, "ab\xC3\x83");
}

TEST(Utf8SequenceLength, RejectsOverlongAndSurrogates) {
    EXPECT_EQ(utf8_sequence_length("\xC0\xAF"), 0U);          // overlong '/'
    EXPECT_EQ(utf8_sequence_length("\xED\xA0\x80"), 0U);      // U+D800
    EXPECT_EQ(utf8_sequence_length("\xF4\x90\x80\x80"), 0U);  // past U+10FFFF
    EXPECT_EQ(utf8_sequence_length("\xF0\x9F\x98\x80"), 4U);  // an emoji
}

TEST(BinaryReason, FlagsNulBytesWithTheirOffset) {
    const auto reason = binary_reason(std::string("abc\0def", 7));
    ASSERT_TRUE(reason.has_value());
    EXPECT_EQ(*reason, "binary data (NUL byte at offset 3)");
}

TEST(BinaryReason, FlagsMostlyControlCharacters) {
    EXPECT_TRUE(binary_reason(std::string(100, '\x01')).has_value());
}

TEST(BinaryReason, AcceptsTextWithTabsFormFeedsAndLatin1) {
    EXPECT_FALSE(binary_reason("Title\r\n\tBody\f text \xA3").has_value());
}

}  // namespace
}  // namespace news
