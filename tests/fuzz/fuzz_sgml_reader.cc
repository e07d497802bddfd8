// The Reuters-21578 SGML reader on any bytes: never throws; every article
// has a key of its own, valid UTF-8 fields without control characters, a
// date in parse_news_date's form, a title or text, and lines within the
// file; every problem names the file and says why.
#include "formats/article_reader.h"
#include "formats/passage_splitter.h"
#include "formats/sgml_reader.h"
#include "fuzz_support.h"
#include "text/news_date.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>

namespace {

bool has_control_character(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) < 0x20) || c == '\x7F';
    });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace news;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const std::string path = "/corpus/reut2-000.sgm";
    (void)looks_like_reuters_sgml(bytes);
    (void)decode_sgml_text(bytes);
    const ReadResult result = SgmlReader().read_all(path, bytes);
    const size_t lines = static_cast<size_t>(std::count(bytes.begin(), bytes.end(), '\n') +
                                             std::count(bytes.begin(), bytes.end(), '\r')) + 1;
    for (const ReadProblem& problem : result.problems) {
        fuzz::require(!problem.reason.empty(), "a problem without a reason");
        fuzz::require(problem.where.starts_with(path), "a problem that does not name the file");
        fuzz::require(fuzz::valid_utf8(problem.reason), "a problem's reason is not valid UTF-8");
    }
    std::set<std::string> keys;
    for (const Article& article : result.articles) {
        fuzz::require(article.path == path, "an article without its file's path");
        fuzz::require(!article.record.empty() && keys.insert(article.record).second, "a record key empty or repeated");
        for (const std::string* field : {&article.record, &article.title, &article.author, &article.date,
                                         &article.place, &article.source, &article.section}) {
            fuzz::require(fuzz::valid_utf8(*field), "an article field is not valid UTF-8");
            fuzz::require(!has_control_character(*field), "a control character in a field");
        }
        if (!article.date.empty()) {
            fuzz::require(parse_news_date(article.date) == article.date && !compact_date(article.date).empty(),
                          "a date not in parse_news_date's form");
        }
        fuzz::require(!article.title.empty() || !article.paragraphs.empty(), "an article with no text");
        fuzz::require(article.title_line <= lines, "title line past the end of the file");
        fuzz::require(article.title.empty() == (article.title_line == 0),
                      "a title without its line or a line without a title");
        for (const Paragraph& paragraph : article.paragraphs) {
            fuzz::require(!paragraph.text.empty(), "an empty paragraph");
            fuzz::require(fuzz::valid_utf8(paragraph.text), "a paragraph is not valid UTF-8");
            fuzz::require(!has_control_character(paragraph.text), "a control character in a paragraph");
            unsigned previous = 0;
            for (const auto& [offset, line] : paragraph.line_starts) {
                fuzz::require(offset <= paragraph.text.size(), "a line start past the paragraph");
                fuzz::require(line >= 1 && line <= lines, "a paragraph line outside the file");
                fuzz::require(line >= previous, "a paragraph's lines going backwards");
                previous = line;
            }
        }
        for (const Passage& passage : split_passages(article)) {
            fuzz::require(fuzz::valid_utf8(passage.text), "a passage is not valid UTF-8");
            fuzz::require(passage.line >= 1 && passage.line <= lines, "a passage line outside the file");
        }
    }
    return 0;
}
