// Making names and text from files safe to show on a terminal: the one
// place that decides what a terminal must never receive raw.
#pragma once

#include <string>
#include <string_view>

namespace news {

// Whether a code point would act on a terminal or reorder what it shows:
// C0 controls, DEL, C1 controls (U+0080-U+009F, U+009B being CSI), the
// bidirectional marks, embeddings, overrides and isolates (U+061C,
// U+200E-U+200F, U+202A-U+202E, U+2066-U+2069) and the line and paragraph
// separators (U+2028, U+2029).
bool is_terminal_control(char32_t code_point);

// Appends `text` to `out` with everything a terminal could act on written
// as a visible escape, so a name can neither colour the screen, retitle the
// window, start a forged line nor reverse the text after it:
//   \t \n \r \e \\  tab, line feed, carriage return, escape, backslash
//   \x01 \x7f      other C0 controls and DEL
//   \xff           a byte that is not part of valid UTF-8
//   \u{9b} \u{202e} a C1 control, a bidirectional control or separator
// Printable ASCII and all other valid UTF-8 are copied as they are.
void append_terminal_safe(std::string& out, std::string_view text);

// The same, as a new string.
std::string terminal_safe(std::string_view text);

// Serialized JSON (valid UTF-8) with each terminal control the JSON writer
// left raw (DEL, C1, bidirectional controls) written as a \uXXXX escape:
// the same JSON values, safe to show on a terminal.
std::string escape_terminal_controls_in_json(std::string json);

}  // namespace news
