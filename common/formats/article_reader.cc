#include "formats/article_reader.h"

#include "formats/csv_reader.h"
#include "formats/json_reader.h"
#include "formats/plain_text_reader.h"
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

constexpr std::array<std::string_view, 3> kJsonExtensions{".json", ".jsonl", ".ndjson"};
constexpr std::array<std::string_view, 2> kCsvExtensions{".csv", ".tsv"};

bool is_one_of(const std::string& extension, const auto& extensions) {
    return std::find(extensions.begin(), extensions.end(), extension) != extensions.end();
}

}  // namespace

bool has_reader_for(const std::string& path) {
    static constexpr std::array<std::string_view, 3> kTextExtensions{"", ".txt", ".text"};
    const std::string extension = lower_extension(path);
    return is_one_of(extension, kTextExtensions) || is_one_of(extension, kJsonExtensions) ||
           is_one_of(extension, kCsvExtensions);
}

ReaderChoice choose_reader(const std::string& path, std::string_view bytes) {
    static const PlainTextReader plain_text;
    static const JsonReader json;
    static const CsvReader csv;
    if (bytes.empty()) return {nullptr, "empty file"};
    if (auto reason = binary_reason(bytes)) return {nullptr, *reason};
    const std::string extension = lower_extension(path);
    if (is_one_of(extension, kJsonExtensions)) return {&json, {}};
    if (is_one_of(extension, kCsvExtensions)) return {&csv, {}};
    if (extension.empty() && looks_like_json_lines(bytes)) return {&json, {}};
    // New formats (HTML, Reuters SGML, gzip) are chosen here,
    // by extension and by sniffing the first bytes.
    return {&plain_text, {}};
}

}  // namespace news
