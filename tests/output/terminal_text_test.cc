#include "output/terminal_text.h"

#include "text/text_decoding.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <random>
#include <utility>

namespace news {
namespace {

struct EscapeCase {
    const char* why;
    std::string text;
    std::string shown;
};

// Each row is something a file name or an article carried to a terminal.
const EscapeCase kEscapeCases[] = {
    {"plain ASCII is copied", "news/sport/001.txt", "news/sport/001.txt"},
    {"accents, symbols and emoji are copied", "Caf\xC3\xA9 \xE2\x82\xAC" "5 \xF0\x9F\x98\x80", "Caf\xC3\xA9 \xE2\x82\xAC" "5 \xF0\x9F\x98\x80"},
    {"no-break space and zero-width joiner are text", "a\xC2\xA0" "b\xE2\x80\x8D" "c", "a\xC2\xA0" "b\xE2\x80\x8D" "c"},
    // Colours the screen, then sets the window title (OSC ended by BEL).
    {"ANSI escape and OSC title", "e\x1b[31mX\x1b]0;pwn\x07.txt", "e\\e[31mX\\e]0;pwn\\x07.txt"},
    // A newline would start a forged "news-index: ..." message.
    {"line feed, carriage return, tab", "two\nnews-index: forged\r\t.txt", "two\\nnews-index: forged\\r\\t.txt"},
    {"backslash is escaped so escapes stay unambiguous", "back\\slash\\e", "back\\\\slash\\\\e"},
    {"NUL, other C0 and DEL", std::string("a\0b\x01\x7f", 5), "a\\x00b\\x01\\x7f"},
    // 0x9B alone is the 8-bit CSI; in a name it is not UTF-8.
    {"bytes that are not UTF-8", "csi\x9b" "31m \xFF\xFE cut\xE2\x82", "csi\\x9b31m \\xff\\xfe cut\\xe2\\x82"},
    {"overlong and surrogate forms are bytes", "\xC0\xAF \xED\xA0\x80", "\\xc0\\xaf \\xed\\xa0\\x80"},
    {"C1 controls in UTF-8", "\xC2\x80 \xC2\x85 \xC2\x9B" "31m \xC2\x9D \xC2\x9F", "\\u{80} \\u{85} \\u{9b}31m \\u{9d} \\u{9f}"},
    {"Latin-1 letters just past C1 are text", "\xC2\xA0\xC3\xBF", "\xC2\xA0\xC3\xBF"},
    // Trojan Source: these reorder what follows on the screen.
    {"bidi embeddings and overrides", "a\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAC\xE2\x80\xAD\xE2\x80\xAE" "b",
     "a\\u{202a}\\u{202b}\\u{202c}\\u{202d}\\u{202e}b"},
    {"bidi isolates", "\xE2\x81\xA6\xE2\x81\xA7\xE2\x81\xA8\xE2\x81\xA9", "\\u{2066}\\u{2067}\\u{2068}\\u{2069}"},
    {"bidi marks", "\xE2\x80\x8E\xE2\x80\x8F\xD8\x9C", "\\u{200e}\\u{200f}\\u{61c}"},
    {"line and paragraph separators", "\xE2\x80\xA8\xE2\x80\xA9", "\\u{2028}\\u{2029}"},
    {"empty", "", ""},
};

TEST(TerminalSafe, EscapesWhatATerminalWouldActOn) {
    for (const EscapeCase& c : kEscapeCases) {
        EXPECT_EQ(terminal_safe(c.text), c.shown) << c.why;
    }
}

// Plain text is scanned eight bytes at a time: a control must be found at
// every offset of a word, and in the bytes after the last whole word.
TEST(TerminalSafe, FindsAControlAtEveryOffset) {
    const std::pair<std::string, std::string> controls[] = {
        {"\x1b", "\\e"}, {"\\", "\\\\"}, {"\x7f", "\\x7f"}, {"\x1f", "\\x1f"}, {"\x9b", "\\x9b"}, {"\xC2\x9B", "\\u{9b}"}};
    for (const auto& [control, escape] : controls) {
        for (size_t offset = 0; offset <= 20; ++offset) {
            const std::string before(offset, 'a');
            const std::string after(20 - offset, 'z');
            EXPECT_EQ(terminal_safe(before + control + after), before + escape + after) << offset << " " << escape;
        }
    }
}

// Undoes the escapes, to show that no two texts are shown alike.
std::string unescape(const std::string& shown) {
    std::string text;
    for (size_t i = 0; i < shown.size(); ++i) {
        if (shown[i] != '\\') {
            text.push_back(shown[i]);
            continue;
        }
        const char kind = shown[++i];
        if (kind == 'x') {
            text.push_back(static_cast<char>(std::stoi(shown.substr(i + 1, 2), nullptr, 16)));
            i += 2;
        } else if (kind == 'u') {
            const size_t close = shown.find('}', i);
            const auto code_point = static_cast<char32_t>(std::stoul(shown.substr(i + 2, close - i - 2), nullptr, 16));
            if (code_point < 0x800) {
                text.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
            } else {
                text.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
                text.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
            }
            text.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
            i = close;
        } else {
            text.push_back(kind == 't' ? '\t' : kind == 'n' ? '\n' : kind == 'r' ? '\r' : kind == 'e' ? '\x1b' : kind);
        }
    }
    return text;
}

TEST(TerminalSafe, RandomBytesComeOutSafeAndReversible) {
    std::mt19937 random(7);
    // Bytes weighted towards what matters: ASCII, controls, UTF-8 leads of
    // C1 and bidi characters, continuation bytes.
    using namespace std::string_literals;
    const std::string alphabet = "ab \\\x1b\n\0\x7f\x9b\xC2\xE2\x80\x81\xAE\xA6\xD8\x9C\xC3\xA9\xF0\x9F\xFF"s;
    for (int round = 0; round < 20000; ++round) {
        std::string text;
        const size_t length = random() % 24;
        for (size_t i = 0; i < length; ++i) text.push_back(alphabet[random() % alphabet.size()]);
        const std::string shown = terminal_safe(text);
        ASSERT_EQ(unescape(shown), text);
        for (size_t i = 0; i < shown.size();) {
            const size_t sequence = utf8_sequence_length(std::string_view(shown).substr(i));
            ASSERT_GT(sequence, 0U) << "not UTF-8: " << shown;
            char32_t code_point = static_cast<unsigned char>(shown[i]);
            if (sequence == 2) code_point = ((code_point & 0x1F) << 6) | (shown[i + 1] & 0x3F);
            if (sequence == 3) code_point = ((code_point & 0x0F) << 12) | ((shown[i + 1] & 0x3F) << 6) | (shown[i + 2] & 0x3F);
            ASSERT_FALSE(sequence < 4 && is_terminal_control(code_point)) << "a raw control in: " << shown;
            i += sequence;
        }
    }
}

TEST(TerminalSafe, AppendsAfterWhatIsThere) {
    std::string out = "news-index: ";
    append_terminal_safe(out, "a\nb");
    EXPECT_EQ(out, "news-index: a\\nb");
}

TEST(IsTerminalControl, CoversC0C1AndBidiOnly) {
    for (const char32_t c : {U'\0', U'\x1b', U'\x7f', U'\x80', U'\x9b', U'\x9f', U'\u061c', U'\u200e', U'\u202e', U'\u2069'}) {
        EXPECT_TRUE(is_terminal_control(c)) << static_cast<unsigned>(c);
    }
    for (const char32_t c : {U' ', U'~', U'\xa0', U'\u200d', U'\u2030', U'\u2065', U'\u206a', U'\U0001F600'}) {
        EXPECT_FALSE(is_terminal_control(c)) << static_cast<unsigned>(c);
    }
}

TEST(EscapeTerminalControlsInJson, WritesC1AndBidiAsUnicodeEscapes) {
    const std::string value = "x\xC2\x9B" "y\xE2\x80\xAEz\xC3\xA9\x7f";
    const std::string dumped = nlohmann::json{{"t", value}}.dump(-1, ' ', false);
    const std::string escaped = escape_terminal_controls_in_json(dumped);
    EXPECT_EQ(escaped, R"({"t":"x\u009by\u202ez)" "\xC3\xA9" R"(\u007f"})");
    EXPECT_EQ(nlohmann::json::parse(escaped)["t"], value);
}

TEST(EscapeTerminalControlsInJson, FindsAControlAtEveryOffset) {
    for (size_t offset = 0; offset <= 20; ++offset) {
        const std::string before(offset, 'a');
        const std::string after(20 - offset, 'z');
        EXPECT_EQ(escape_terminal_controls_in_json(before + "\xE2\x80\xAE\xC3\xA9\x7f" + after),
                  before + "\\u202e\xC3\xA9\\u007f" + after)
            << offset;
    }
}

TEST(EscapeTerminalControlsInJson, LeavesOrdinaryJsonAlone) {
    const std::string dumped = R"({"t":"Caf)" "\xC3\xA9" R"( \u001b[31m"})";
    EXPECT_EQ(escape_terminal_controls_in_json(dumped), dumped);
}

}  // namespace
}  // namespace news
