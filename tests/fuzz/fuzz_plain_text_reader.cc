// The plain-text reader and the passage splitter on any bytes: never
// throws, every article has valid UTF-8 fields, line numbers within the
// file, passages with text and lines; a refusal always has a reason.
#include "formats/article_reader.h"
#include "formats/passage_splitter.h"
#include "formats/plain_text_reader.h"
#include "fuzz_support.h"
#include "text/news_date.h"

#include <algorithm>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace news;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    // The folder name gives the section, and a YYYYMMDD folder a date.
    const std::string path = size % 2 == 0 ? "/corpus/sport/file.txt" : "/corpus/20061020/file";
    const ReaderChoice choice = choose_reader(path, bytes);
    if (choice.reader == nullptr) {
        fuzz::require(!choice.refusal.empty(), "a refusal without a reason");
        return 0;
    }
    const ReadResult result = choice.reader->read_all(path, bytes);
    const size_t lines = static_cast<size_t>(std::count(bytes.begin(), bytes.end(), '\n') +
                                             std::count(bytes.begin(), bytes.end(), '\r')) + 1;
    for (const ReadProblem& problem : result.problems) {
        fuzz::require(!problem.reason.empty(), "a problem without a reason");
    }
    for (const Article& article : result.articles) {
        for (const std::string* field : {&article.title, &article.author, &article.date, &article.url,
                                         &article.place, &article.source, &article.section}) {
            fuzz::require(fuzz::valid_utf8(*field), "an article field is not valid UTF-8");
        }
        fuzz::require(article.title_line <= lines, "title line past the end of the file");
        if (!article.date.empty()) {
            fuzz::require(parse_news_date(article.date) == article.date && !compact_date(article.date).empty(),
                          "a date not in parse_news_date's ISO 8601 form");
        }
        for (const Paragraph& paragraph : article.paragraphs) {
            fuzz::require(fuzz::valid_utf8(paragraph.text), "a paragraph is not valid UTF-8");
            for (const auto& [offset, line] : paragraph.line_starts) {
                fuzz::require(offset <= paragraph.text.size(), "a line start past the paragraph");
                fuzz::require(line >= 1 && line <= lines, "a paragraph line outside the file");
            }
        }
        for (const Passage& passage : split_passages(article)) {
            fuzz::require(fuzz::valid_utf8(passage.text), "a passage is not valid UTF-8");
            fuzz::require(passage.line >= 1 && passage.line <= lines, "a passage line outside the file");
        }
        (void)find_dateline(article.paragraphs.empty() ? std::string_view() : article.paragraphs[0].text);
    }
    return 0;
}
