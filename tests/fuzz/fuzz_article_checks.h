// What every reader's fuzz target checks of an article it read: a date in
// one of parse_news_date's ISO 8601 forms, paragraphs and passages of valid UTF-8 whose lines lie
// within the file (`lines` of them).
#pragma once

#include "formats/article.h"
#include "formats/passage_splitter.h"
#include "fuzz_support.h"
#include "text/news_date.h"

namespace news::fuzz {

inline void check_date_and_lines(const Article& article, size_t lines) {
    require(article.title_line <= lines, "title line past the end of the file");
    if (!article.date.empty()) {
        require(parse_news_date(article.date) == article.date && !compact_date(article.date).empty(),
                "a date not in one of parse_news_date's ISO 8601 forms");
    }
    for (const Paragraph& paragraph : article.paragraphs) {
        require(valid_utf8(paragraph.text), "a paragraph is not valid UTF-8");
        for (const auto& [offset, line] : paragraph.line_starts) {
            require(offset <= paragraph.text.size(), "a line start past the paragraph");
            require(line >= 1 && line <= lines, "a paragraph line outside the file");
        }
    }
    for (const Passage& passage : split_passages(article)) {
        require(valid_utf8(passage.text), "a passage is not valid UTF-8");
        require(passage.line >= 1 && passage.line <= lines, "a passage line outside the file");
    }
}

}  // namespace news::fuzz
