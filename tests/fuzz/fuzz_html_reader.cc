// The HTML reader on any bytes: never throws, every article has valid UTF-8
// fields without control characters, paragraphs with text and line numbers
// within the page, a date in YYYY-MM-DD form; a skipped page has a reason.
// The script stripper keeps every line end.
#include "formats/article_reader.h"
#include "formats/html_metadata.h"
#include "formats/html_reader.h"
#include "fuzz_article_checks.h"
#include "fuzz_support.h"

#include <algorithm>
#include <cstdint>
#include <string>

namespace {

bool has_control(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto b = static_cast<unsigned char>(c);
        return b < 0x20 || b == 0x7F;
    });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace news;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const std::string stripped = without_script_bodies(bytes);
    fuzz::require(std::count(stripped.begin(), stripped.end(), '\n') == std::count(bytes.begin(), bytes.end(), '\n'),
                  "taking out script bodies changed the number of lines");
    (void)looks_like_html(bytes);
    (void)title_without_site_suffix(bytes.substr(0, 200));

    const HtmlReader reader;
    const ReadResult result = reader.read_all("/pages/page.html", bytes);
    const size_t lines = static_cast<size_t>(std::count(bytes.begin(), bytes.end(), '\n') +
                                             std::count(bytes.begin(), bytes.end(), '\r')) + 1;
    fuzz::require(result.articles.size() + result.problems.size() == 1, "a page is not one article or one problem");
    for (const ReadProblem& problem : result.problems) {
        fuzz::require(!problem.reason.empty(), "a problem without a reason");
    }
    for (const Article& article : result.articles) {
        for (const std::string* field : {&article.title, &article.author, &article.date, &article.url, &article.source,
                                         &article.section, &article.language}) {
            fuzz::require(fuzz::valid_utf8(*field), "an article field is not valid UTF-8");
            fuzz::require(!has_control(*field), "an article field holds a control character");
        }
        fuzz::check_date_and_lines(article, lines);
        for (const Paragraph& paragraph : article.paragraphs) {
            fuzz::require(!paragraph.text.empty(), "an empty paragraph");
            fuzz::require(!has_control(paragraph.text), "a paragraph holds a control character");
            fuzz::require(!paragraph.line_starts.empty(), "a paragraph without a line");
        }
    }
    return 0;
}
