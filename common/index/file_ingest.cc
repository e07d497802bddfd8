#include "index/file_ingest.h"

#include "text/content_hash.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <unordered_map>

namespace news {
namespace {

class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    [[nodiscard]] int get() const { return fd_; }

private:
    int fd_;
};

std::string too_large(uint64_t size, uint64_t max_bytes) {
    return "too large (" + std::to_string(size >> 20) + " MiB; the limit is " + std::to_string(max_bytes >> 20) +
           " MiB)";
}

std::string changed_since_walk(const std::string& how) { return "changed between the walk and the read: " + how; }

// The whole file behind `fd`, or more than `max_bytes` of it when it holds
// more: a file growing while it is read cannot make us read it all.
// Returns false on a read error (errno set).
bool read_at_most(int fd, uint64_t expected_size, uint64_t max_bytes, std::string& bytes) {
    // One byte more than expected, to see a file that grew.
    bytes.resize(std::min(expected_size, max_bytes) + 1);
    size_t got = 0;
    while (true) {
        if (got == bytes.size()) {
            if (got > max_bytes) break;
            bytes.resize(std::min<uint64_t>(static_cast<uint64_t>(bytes.size()) * 2, max_bytes + 1));
        }
        const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        if (n == 0) break;
        got += static_cast<size_t>(n);
    }
    bytes.resize(got);
    return true;
}

}  // namespace

uint64_t most_bytes_read(const std::string& path) {
    return may_hold_many_articles(path) ? kMaxManyArticlesFileBytes : kMaxFileBytes;
}

ReadFile read_stamped_file(const FoundFile& file) { return read_stamped_file(file, most_bytes_read(file.path)); }

ReadFile read_stamped_file(const FoundFile& file, uint64_t max_bytes) {
    ReadFile read;
    if (file.size > max_bytes) {
        read.refusal = too_large(file.size, max_bytes);
        return read;
    }
    // O_NOFOLLOW: a link put where the walk saw a file is not followed (the
    // no-symlinks rule).  O_NONBLOCK: a FIFO put there opens at once instead
    // of waiting for a writer, and is refused below.  O_NOCTTY: a terminal
    // device never becomes ours.
    int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
    if (!file.followed_link) flags |= O_NOFOLLOW;
    const FileDescriptor fd(::open(file.path.c_str(), flags));
    if (fd.get() < 0) {
        read.refusal = errno == ELOOP && !file.followed_link ? changed_since_walk("now a symbolic link")
                                                             : std::string("cannot open: ") + std::strerror(errno);
        return read;
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
        read.refusal = std::string("cannot read: ") + std::strerror(errno);
        return read;
    }
    if (!S_ISREG(st.st_mode)) {
        read.refusal = not_regular_file_reason(st.st_mode);
        return read;
    }
    // A folder on the path swapped for a link leads to another file under
    // the same name: only the file the walk saw may be read.
    if (st.st_dev != file.device || st.st_ino != file.inode) {
        read.refusal = changed_since_walk(file.followed_link ? "the link now leads to another file" : "now another file");
        return read;
    }
    // O_NONBLOCK was for opening only; a file system that honours it on
    // regular files (FUSE) could otherwise cut the read short with EAGAIN.
    if (::fcntl(fd.get(), F_SETFL, 0) != 0) {
        read.refusal = std::string("cannot read: ") + std::strerror(errno);
        return read;
    }
    const auto size = static_cast<uint64_t>(st.st_size);
    if (size > max_bytes) {
        read.refusal = too_large(size, max_bytes);
        return read;
    }
    if (!read_at_most(fd.get(), size, max_bytes, read.bytes)) {
        read.refusal = std::string("read error: ") + std::strerror(errno);
        read.bytes.clear();
        return read;
    }
    if (read.bytes.size() > max_bytes) {
        read.refusal = "too large (grew past the " + std::to_string(max_bytes >> 20) + " MiB limit while it was read)";
        read.bytes.clear();
        return read;
    }
    // The stamp is the state before the bytes were read: if the file
    // changes meanwhile, the next run sees a newer stamp and reads it again.
    read.stamp = {file.path, modification_time_ns(st), size, content_hash(read.bytes), change_time_ns(st)};
    return read;
}

namespace {

// A key a record repeats (a dump whose ids are not unique) would make two
// records one document: the later ones are told apart as "key#2", "key#3".
class UniqueRecordKeys final : public ForwardingSink {
public:
    using ForwardingSink::ForwardingSink;
    void article(Article article) override {
        const unsigned times = ++seen_[article.record];
        if (times > 1) article.record += "#" + std::to_string(times);
        out_.article(std::move(article));
    }

private:
    std::unordered_map<std::string, unsigned> seen_;
};

}  // namespace

std::string stream_article_file(const std::string& path, const std::string& bytes, const ReaderOptions& options,
                                ReadSink& sink) {
    const ReaderChoice choice = choose_reader(path, bytes);
    if (choice.reader == nullptr) return choice.refusal;
    UniqueRecordKeys unique(sink);
    choice.reader->read(path, bytes, options, unique);
    return {};
}

ParsedFile parse_article_file(const std::string& path, const std::string& bytes, const ReaderOptions& options) {
    ReadCollector collector;
    std::string refusal = stream_article_file(path, bytes, options, collector);
    return {std::move(collector.result), std::move(refusal)};
}

std::string skip_kind(const std::string& reason) {
    if (reason == "empty file") return "empty";
    if (reason.starts_with("binary")) return "binary";
    if (reason.starts_with("too large")) return "too large";
    if (reason.starts_with("no text")) return "no text";
    if (reason.starts_with("not a regular")) return "not a regular file";
    if (reason.starts_with("changed between")) return "changed while indexing";
    if (reason.starts_with("link loop") || reason.starts_with("broken link") || reason.starts_with("a symbolic link")) {
        return "link";
    }
    return "unreadable";
}

}  // namespace news
