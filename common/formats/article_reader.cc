#include "formats/article_reader.h"

#include "formats/plain_text_reader.h"
#include "formats/sgml_reader.h"
#include "text/text_decoding.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <utility>

namespace news {

ReadResult ArticleReader::read_all(const std::string& path, std::string_view bytes,
                                   const ReaderOptions& options) const {
    struct Collector final : ReadSink {
        ReadResult result;
        void article(Article article) override { result.articles.push_back(std::move(article)); }
        void problem(ReadProblem problem) override { result.problems.push_back(std::move(problem)); }
    } collector;
    read(path, bytes, options, collector);
    return std::move(collector.result);
}

namespace {

std::string lower_extension(const std::string& path) {
    std::string extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension;
}

}  // namespace

bool has_reader_for(const std::string& path) {
    static constexpr std::array<std::string_view, 4> kExtensions{"", ".txt", ".text", ".sgm"};
    const std::string extension = lower_extension(path);
    return std::find(kExtensions.begin(), kExtensions.end(), extension) != kExtensions.end();
}

ReaderChoice choose_reader(const std::string& path, std::string_view bytes) {
    static const PlainTextReader plain_text;
    static const SgmlReader reuters_sgml;
    if (bytes.empty()) return {nullptr, "empty file"};
    if (auto reason = binary_reason(bytes)) return {nullptr, *reason};
    // New formats (HTML, JSON Lines, CSV, Reuters SGML, gzip) are chosen here,
    // by extension and by sniffing the first bytes.
    const std::string extension = lower_extension(path);
    if (extension == ".sgm" || (extension.empty() && looks_like_reuters_sgml(bytes))) return {&reuters_sgml, {}};
    return {&plain_text, {}};
}

}  // namespace news
