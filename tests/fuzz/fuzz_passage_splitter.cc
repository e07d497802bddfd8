// The passage splitter on articles built straight from fuzz input (any
// paragraphs, any limits): never crashes, loses no word, passages are
// valid UTF-8 when the paragraphs are and never longer than the maximum, and
// sentence starts are in order.
#include "formats/passage_splitter.h"
#include "fuzz_support.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace news;
    if (size < 4) return 0;
    PassageLimits limits;
    limits.max_sentences = 1 + data[0] % 8;
    limits.target_sentences = 1 + data[1] % 5;
    limits.max_bytes = 20 + static_cast<size_t>(data[2]) * 8;
    limits.target_bytes = 10 + static_cast<size_t>(data[3]) * 4;
    limits.merge_below_bytes = data[3] % 120;
    const std::string_view rest(reinterpret_cast<const char*>(data) + 4, size - 4);

    Article article;
    article.path = "/fuzz.txt";
    unsigned line = 1;
    size_t start = 0;
    bool first = true;
    while (start <= rest.size()) {
        size_t end = rest.find('\n', start);
        if (end == std::string_view::npos) end = rest.size();
        const std::string_view piece = rest.substr(start, end - start);
        if (first) {
            article.title = std::string(piece);
            article.title_line = line;
            first = false;
        } else if (!piece.empty()) {
            Paragraph paragraph;
            paragraph.text = std::string(piece);
            paragraph.line_starts.emplace_back(0, line);
            article.paragraphs.push_back(std::move(paragraph));
        }
        ++line;
        start = end + 1;
    }
    const bool utf8 = fuzz::valid_utf8(rest);
    size_t letters_in = 0;
    for (const Paragraph& paragraph : article.paragraphs) {
        for (const char c : paragraph.text) letters_in += (c >= 'a' && c <= 'z') ? 1 : 0;
        const std::vector<size_t> starts = sentence_starts(paragraph.text);
        fuzz::require(!starts.empty() && starts.front() == 0, "sentence starts do not begin at 0");
        for (size_t i = 1; i < starts.size(); ++i) {
            fuzz::require(starts[i] > starts[i - 1] && starts[i] < paragraph.text.size(),
                          "sentence starts out of order or past the text");
        }
    }
    size_t letters_out = 0;
    for (const Passage& passage : split_passages(article, limits)) {
        if (utf8) fuzz::require(fuzz::valid_utf8(passage.text), "a passage cut a UTF-8 character");
        fuzz::require(passage.line >= 1 && passage.line < line, "a passage line outside the text");
        fuzz::require(passage.text.size() <= limits.max_bytes, "a passage longer than the maximum");
        for (const char c : passage.text) letters_out += (c >= 'a' && c <= 'z') ? 1 : 0;
    }
    // The title may become the only passage; otherwise no letter is lost.
    if (!article.paragraphs.empty()) fuzz::require(letters_out >= letters_in, "passages lost text");
    return 0;
}
