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

// "PARIS (AFP) - ..." -> place "PARIS", agency "AFP".  Empty strings when the
// paragraph does not open with a dateline.
struct Dateline {
    std::string place;
    std::string agency;
};
Dateline find_dateline(std::string_view paragraph);

}  // namespace news
