// The text of a web page as a reader sees it: white space, control
// characters, case and commas, for the HTML reader's parts (the tree and
// extraction in html_reader.cc, the metadata in html_metadata.cc).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace news::html {

bool ascii_space(unsigned char c);
std::string lower_ascii(std::string_view s);
// Whether `text` equals `lower`, which is lower case, ignoring ASCII case.
bool equals_ci(std::string_view text, std::string_view lower);
bool contains_ci(std::string_view haystack, std::string_view needle);

// Appends `text` to `out` with every run of white space (U+00A0 among it)
// made one space and control characters (an ANSI escape's ESC, C1 controls)
// dropped: what a reader of the page sees.  `pending_space` carries a space
// across pieces of text.
void append_visible(std::string& out, std::string_view text, bool& pending_space);
std::string visible_text(std::string_view text);

size_t code_points(std::string_view s);
// Commas of the scripts news is written in (Readability's list).
size_t count_commas(std::string_view s);

}  // namespace news::html
