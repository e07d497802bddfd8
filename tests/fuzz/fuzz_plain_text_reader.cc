// The plain-text reader and the passage splitter on any bytes: never
// throws, every article has valid UTF-8 fields, line numbers within the
// file, passages with text and lines; a refusal always has a reason.
#include "formats/article_reader.h"
#include "formats/plain_text_reader.h"
#include "fuzz_article_checks.h"
#include "fuzz_support.h"

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
        fuzz::check_date_and_lines(article, lines);
        (void)find_dateline(article.paragraphs.empty() ? std::string_view() : article.paragraphs[0].text);
    }
    return 0;
}
