#include "formats/article_reader.h"

#include "formats/archive_reader.h"
#include "formats/csv_reader.h"
#include "formats/html_reader.h"
#include "formats/json_reader.h"
#include "formats/plain_text_reader.h"
#include "formats/sgml_reader.h"
#include "formats/warc_reader.h"
#include "text/text_decoding.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <utility>

namespace news {

ReadProblem date_left_out(std::string where, std::string_view text) {
    constexpr size_t kShown = 60;
    return {std::move(where),
            "date '" + std::string(text.substr(0, kShown)) + (text.size() > kShown ? "..." : "") + "' is not a date: left out"};
}

ReadResult ArticleReader::read_all(const std::string& path, std::string_view bytes,
                                   const ReaderOptions& options) const {
    ReadCollector collector;
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

// Containers (docs/formats.md, "Archives, compressed files and WARC"): by
// extension, a compressed one by what it holds ("dump.jsonl.gz",
// "news.tar.xz", "crawl.warc.gz"); without one, by their first bytes.
const ArticleReader* container_reader_for(const std::string& path, std::string_view bytes) {
    static const ArchiveReader archive("archive");
    static const ArchiveReader compressed("compressed");
    static const WarcReader warc;
    const std::string inner = without_compression_extension(path);
    const std::string extension = lower_extension(inner);
    if (extension == ".warc") return &warc;
    if (extension == ".tar" || extension == ".zip") return &archive;
    if (inner != path) return &compressed;
    if (!lower_extension(path).empty()) return nullptr;
    if (bytes.starts_with("WARC/1.")) return &warc;
    if (bytes.starts_with("PK\x03\x04") || (bytes.size() > 262 && bytes.substr(257, 5) == "ustar")) return &archive;
    const bool bzip2 = bytes.size() >= 10 && bytes.starts_with("BZh") && bytes[3] >= '1' && bytes[3] <= '9' &&
                       bytes.substr(4, 6) == "\x31\x41\x59\x26\x53\x59";
    if (bytes.starts_with("\x1f\x8b") || bytes.starts_with(std::string_view("\xfd" "7zXZ\0", 6)) || bytes.starts_with("\x28\xb5\x2f\xfd") ||
        bzip2) {
        return &compressed;
    }
    return nullptr;
}

bool is_container_name(const std::string& path) {
    const std::string inner = without_compression_extension(path);
    const std::string extension = lower_extension(inner);
    // "photo.jpg.gz" holds nothing to read; "dump.jsonl.gz" does.
    return extension == ".warc" || extension == ".tar" || extension == ".zip" ||
           (inner != path && has_reader_for(inner));
}

constexpr std::array<std::string_view, 3> kHtmlExtensions{".html", ".htm", ".xhtml"};

constexpr std::array<std::string_view, 3> kJsonExtensions{".json", ".jsonl", ".ndjson"};
constexpr std::array<std::string_view, 2> kCsvExtensions{".csv", ".tsv"};
constexpr std::array<std::string_view, 1> kSgmlExtensions{".sgm"};

bool is_one_of(const std::string& extension, const auto& extensions) {
    return std::find(extensions.begin(), extensions.end(), extension) != extensions.end();
}

// What a collection says about itself, not news: BBC's README.TXT, a
// dump's LICENSE, COPYING or CHANGES (any case, no extension or a text
// one).  Indexed, it would be an article answering "bbc news" first.
bool is_collection_documentation(const std::string& path) {
    static constexpr std::array<std::string_view, 9> kNames{"readme",  "license", "licence", "copying", "changelog",
                                                           "changes", "authors", "notice",  "copyright"};
    std::string stem = std::filesystem::path(path).stem().string();
    std::transform(stem.begin(), stem.end(), stem.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return is_one_of(stem, kNames);
}

}  // namespace

bool has_reader_for(const std::string& path) {
    static constexpr std::array<std::string_view, 3> kTextExtensions{"", ".txt", ".text"};
    const std::string extension = lower_extension(path);
    if (is_one_of(extension, kTextExtensions) && is_collection_documentation(path)) return false;
    return is_one_of(extension, kTextExtensions) || is_one_of(extension, kHtmlExtensions) ||
           is_one_of(extension, kJsonExtensions) || is_one_of(extension, kCsvExtensions) ||
           is_one_of(extension, kSgmlExtensions) || is_container_name(path);
}

bool may_hold_many_articles(const std::string& path) {
    const std::string extension = lower_extension(path);
    return is_one_of(extension, kJsonExtensions) || is_one_of(extension, kCsvExtensions) ||
           is_one_of(extension, kSgmlExtensions) || is_container_name(path);
}

uint64_t expected_read_bytes(const std::string& path, uint64_t size) {
    constexpr uint64_t kCompressedNewsRatio = 4;
    const bool compressed = without_compression_extension(path) != path || lower_extension(path) == ".zip";
    return compressed ? size * kCompressedNewsRatio : size;
}

ReaderChoice choose_reader(const std::string& path, std::string_view bytes) {
    static const PlainTextReader plain_text;
    static const HtmlReader html;
    static const JsonReader json;
    static const CsvReader csv;
    static const SgmlReader reuters_sgml;
    if (bytes.empty()) return {nullptr, "empty file"};
    if (const ArticleReader* container = container_reader_for(path, bytes)) return {container, {}};
    if (auto reason = binary_reason(bytes)) return {nullptr, *reason};
    const std::string extension = lower_extension(path);
    if (is_one_of(extension, kHtmlExtensions) || (extension.empty() && looks_like_html(bytes))) return {&html, {}};
    if (is_one_of(extension, kJsonExtensions)) return {&json, {}};
    if (is_one_of(extension, kCsvExtensions)) return {&csv, {}};
    if (extension.empty() && looks_like_json_lines(bytes)) return {&json, {}};
    if (is_one_of(extension, kSgmlExtensions) || (extension.empty() && looks_like_reuters_sgml(bytes))) {
        return {&reuters_sgml, {}};
    }
    return {&plain_text, {}};
}

}  // namespace news
