// The container readers (archives, compressed files, WARC) on any bytes,
// under each name that picks one: never throw or crash, every problem and
// passed-over member says where and why, every article keeps the
// container's path, and a member's article is keyed by the member.
#include "formats/article_reader.h"
#include "fuzz_support.h"

#include <array>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace news;
    if (size == 0) return 0;
    static constexpr std::array<const char*, 7> kNames{
        "/c/news.tar.gz", "/c/news.zip", "/c/story.txt.gz", "/c/crawl.warc", "/c/crawl.warc.gz", "/c/20061020/noext",
        "/c/news.tar.zst"};
    const std::string path = kNames[data[0] % kNames.size()];
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    const ReaderChoice choice = choose_reader(path, bytes);
    if (choice.reader == nullptr) {
        fuzz::require(!choice.refusal.empty(), "a refusal without a reason");
        return 0;
    }
    const ReadResult result = choice.reader->read_all(path, bytes);
    const bool is_container = choice.reader->name() != "text";
    for (const ReadProblem& problem : result.problems) {
        fuzz::require(!problem.reason.empty(), "a problem without a reason");
        fuzz::require(problem.where.starts_with(path), "a problem that does not name the file");
    }
    for (const PassedOver& what : result.passed_over) {
        fuzz::require(!what.what.empty(), "passed over without saying what");
        // "path//member", "path//uri", or "path record N" for a WARC record without a URI.
        fuzz::require(what.where.starts_with(path + "//") || what.where.starts_with(path + " record "),
                      "passed over without naming the member");
    }
    for (const Article& article : result.articles) {
        fuzz::require(article.path == path, "an article without the container's path");
        if (is_container && choice.reader->name() != "compressed") {
            fuzz::require(!article.record.empty(), "a member's article without a record key");
        }
        for (const Paragraph& paragraph : article.paragraphs) {
            fuzz::require(fuzz::valid_utf8(paragraph.text), "a paragraph is not valid UTF-8");
        }
    }
    return 0;
}
