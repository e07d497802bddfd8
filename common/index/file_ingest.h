// Reading one file for indexing, without touching a database: shared by the
// sequential indexer and the parallel build's workers.
#pragma once

#include "formats/article.h"
#include "formats/article_reader.h"
#include "formats/file_walker.h"
#include "index/document_builder.h"

#include <optional>
#include <string>
#include <vector>

namespace news {

// Larger files are not news articles; reading one whole would only cost memory.
inline constexpr uint64_t kMaxFileBytes = 256ULL * 1024 * 1024;
// A dump or an archive is read whole too (a CC-NEWS WARC is about 1 GB):
// up to this much.
inline constexpr uint64_t kMaxManyArticlesFileBytes = 4ULL * 1024 * 1024 * 1024;

// How much of the file at `path` news-index reads at most.
uint64_t most_bytes_read(const std::string& path);

// A file's bytes and stamp, or why it could not be read.
struct ReadFile {
    std::string bytes;
    FileStamp stamp;
    std::string refusal;  // set when the file could not be read
};

// Reads the file the walk found, if it is still that file: the one regular
// file (same device and inode) the walk saw at `file.path`, opened without
// following a link there unless the walk followed it, without waiting on a
// FIFO, and at most `max_bytes` of it.  The stamp's mtime and size are
// those of the file read.  Refusals: "changed between the walk and the
// read: ...", "not a regular file (FIFO)", "too large (...)", "cannot
// open: ...".
ReadFile read_stamped_file(const FoundFile& file, uint64_t max_bytes);
ReadFile read_stamped_file(const FoundFile& file);  // at most most_bytes_read(file.path)

// The articles in a file's bytes (one, or one per record of a dump or an
// archive), with the problems met; `refusal` says why there is none when no
// reader takes the bytes (empty, binary).
// Inside a container, what is not an article (passed_over: a member no
// reader takes, a WARC request) is counted with the files ignored; notes
// say what was left out of an article kept (a date that is no date).
struct ParsedFile : ReadResult {
    std::string refusal;
};
ParsedFile parse_article_file(const std::string& path, const std::string& bytes,
                              const ReaderOptions& options = {});
// The same, each article and problem handed to `sink` as the reader finds
// it (a dump or an archive is never held whole); returns the refusal.
std::string stream_article_file(const std::string& path, const std::string& bytes, const ReaderOptions& options,
                                ReadSink& sink);

// The summary's name for a skip reason: "empty", "binary", "unreadable"...
std::string skip_kind(const std::string& reason);

}  // namespace news
