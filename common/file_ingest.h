// Reading one file for indexing, without touching a database: shared by the
// sequential indexer and the parallel build's workers.
#pragma once

#include "article.h"
#include "article_reader.h"
#include "document_builder.h"
#include "file_walker.h"

#include <optional>
#include <string>
#include <vector>

namespace news {

// A file's bytes and stamp, or why it could not be read.
struct ReadFile {
    std::string bytes;
    FileStamp stamp;
    std::string refusal;  // set when the file could not be read
};
ReadFile read_stamped_file(const FoundFile& file);

// The article in a file's bytes, with the problems met; `refusal` says why
// there is none when no reader takes the bytes (empty, binary).
struct ParsedFile {
    std::optional<Article> article;
    std::vector<ReadProblem> problems;
    std::string refusal;
};
ParsedFile parse_article_file(const std::string& path, const std::string& bytes);

// The summary's name for a skip reason: "empty", "binary", "unreadable"...
std::string skip_kind(const std::string& reason);

}  // namespace news
