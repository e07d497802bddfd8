// Shared by the fuzz targets of the record readers (JSON, CSV): what every
// read must keep, whatever the bytes.
#pragma once

#include "formats/article_reader.h"
#include "fuzz_article_checks.h"
#include "fuzz_support.h"

#include <algorithm>
#include <set>
#include <string>
#include <string_view>

namespace news::fuzz {

// Every problem names "path:LINE" within the file with a reason; every
// article has its path, a record key, valid UTF-8 fields, lines within the
// file and passages that split.
inline void check_records(const std::string& path, std::string_view bytes, const ReadResult& result) {
    const size_t lines = static_cast<size_t>(std::count(bytes.begin(), bytes.end(), '\n') +
                                             std::count(bytes.begin(), bytes.end(), '\r')) + 1;
    for (const ReadProblem& problem : result.problems) {
        require(!problem.reason.empty(), "a problem without a reason");
        require(problem.where.starts_with(path + ":"), "a problem not at path:LINE");
        const unsigned long line = std::stoul(problem.where.substr(path.size() + 1));
        require(line >= 1 && line <= lines, "a problem's line outside the file");
    }
    for (const Article& article : result.articles) {
        require(article.path == path, "an article without its path");
        require(!article.record.empty(), "an article without a record key");
        require(!article.title.empty() || !article.paragraphs.empty(), "an article with neither title nor text");
        for (const std::string* field : {&article.record, &article.title, &article.author, &article.date,
                                         &article.url, &article.place, &article.source, &article.section}) {
            require(valid_utf8(*field), "an article field is not valid UTF-8");
        }
        for (const Paragraph& paragraph : article.paragraphs) require(!paragraph.text.empty(), "an empty paragraph");
        check_date_and_lines(article, lines);
    }
}

}  // namespace news::fuzz
