#include "file_ingest.h"

#include "content_hash.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace news {
namespace {

// Larger files are not news articles; reading one whole would only cost memory.
constexpr uint64_t kMaxFileBytes = 256ULL * 1024 * 1024;

}  // namespace

ReadFile read_stamped_file(const FoundFile& file) {
    ReadFile read;
    if (file.size > kMaxFileBytes) {
        read.refusal = "too large (" + std::to_string(file.size >> 20) + " MiB; the limit is " +
                       std::to_string(kMaxFileBytes >> 20) + " MiB)";
        return read;
    }
    std::ifstream in(file.path, std::ios::binary);
    if (!in) {
        read.refusal = std::string("cannot open: ") + std::strerror(errno);
        return read;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad()) {
        read.refusal = "read error";
        return read;
    }
    read.bytes = std::move(bytes).str();
    read.stamp = {file.path, file.mtime_ns, read.bytes.size(), content_hash(read.bytes), file.ctime_ns};
    return read;
}

ParsedFile parse_article_file(const std::string& path, const std::string& bytes) {
    ParsedFile parsed;
    const ReaderChoice choice = choose_reader(path, bytes);
    if (choice.reader == nullptr) {
        parsed.refusal = choice.refusal;
        return parsed;
    }
    ReadResult read = choice.reader->read(path, bytes);
    parsed.problems = std::move(read.problems);
    // One article per file for now; readers of many-record formats will
    // give each record its own unique id.
    if (!read.articles.empty()) parsed.article = std::move(read.articles.front());
    return parsed;
}

std::string skip_kind(const std::string& reason) {
    if (reason == "empty file") return "empty";
    if (reason.starts_with("binary")) return "binary";
    if (reason.starts_with("too large")) return "too large";
    if (reason.starts_with("no text")) return "no text";
    if (reason.starts_with("a FIFO") || reason.starts_with("a socket") || reason.starts_with("a device") ||
        reason.starts_with("not a regular")) {
        return "not a regular file";
    }
    if (reason.starts_with("link loop") || reason.starts_with("broken link")) return "link";
    return "unreadable";
}

}  // namespace news
