// Readers turn the bytes of one file into articles.  A file may hold many
// records (Reuters SGML, JSON Lines); a bad record is reported and skipped
// while the others are kept.
#pragma once

#include "formats/article.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace news {

struct ReadProblem {
    std::string where;   // "path", "path:line" or "path record N"
    std::string reason;  // "no text (only white space)"
};

struct ReadResult {
    std::vector<Article> articles;
    std::vector<ReadProblem> problems;  // records that were skipped
};

class ArticleReader {
public:
    virtual ~ArticleReader() = default;
    // A short name for messages and --verbose output: "text".
    [[nodiscard]] virtual std::string_view name() const = 0;
    // `path` is absolute; the reader fills Article::path with it.
    [[nodiscard]] virtual ReadResult read(const std::string& path, std::string_view bytes) const = 0;
};

// Whether any reader takes files named like this: plain text is ".txt",
// ".text" or no extension at all (the Reuters files).  Others (a README.md,
// images) are left alone without being read.
bool has_reader_for(const std::string& path);

// The reader for a file, or an explanation why none can read it ("binary data
// (NUL byte at offset 3)", "empty file").
struct ReaderChoice {
    const ArticleReader* reader = nullptr;
    std::string refusal;
};
ReaderChoice choose_reader(const std::string& path, std::string_view bytes);

}  // namespace news
