// Plain-text articles: a headline on the first line and paragraphs split by
// blank lines (BBC, the seeds), or the Reuters header of "-- " lines
// (headline, "By" byline, date, URL) before the body.
#pragma once

#include "formats/article_reader.h"

namespace news {

class PlainTextReader final : public ArticleReader {
public:
    [[nodiscard]] std::string_view name() const override { return "text"; }
    void read(const std::string& path, std::string_view bytes, const ReaderOptions& options,
              ReadSink& sink) const override;
};

// Splits text into lines on LF, CRLF or a lone CR, without the line ends.
std::vector<std::string_view> split_lines(std::string_view text);

// The site a URL names, less "www.": "http://www.reuters.com/x" -> "reuters.com".
std::string source_from_url(const std::string& url);

// Lines into paragraphs: a blank line ends one, the lines of one are joined
// with a space (white space trimmed, runs of spaces collapsed), or each line
// is a paragraph of its own.  Line i (from `first`) is numbered
// numbering.first + i * numbering.step: the file's lines by default; step 0
// when all the lines come from one line of the file (a JSON string's "\n").
struct LineNumbering {
    unsigned first = 1;
    unsigned step = 1;
};
std::vector<Paragraph> read_paragraphs(const std::vector<std::string_view>& lines, size_t first,
                                       LineNumbering numbering = {}, bool each_line_a_paragraph = false);

// "PARIS (AFP) - ..." -> place "PARIS", agency "AFP".  Empty strings when the
// paragraph does not open with a dateline.
struct Dateline {
    std::string place;
    std::string agency;
};
Dateline find_dateline(std::string_view paragraph);

}  // namespace news
