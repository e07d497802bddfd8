// Readers turn the bytes of one file into articles.  A file may hold many
// records (Reuters SGML, JSON Lines); a bad record is reported and skipped
// while the others are kept.
#pragma once

#include "formats/article.h"

#include <memory>
#include <optional>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace news {

struct ReadProblem {
    std::string where;   // "path", "path:line" or "path record N"
    std::string reason;  // "no text (only white space)"
};

// The note for a date field whose text is no date (it is left out, never
// guessed): "date 'sometime in May' is not a date: left out".
ReadProblem date_left_out(std::string where, std::string_view text);

// Something a container holds that is neither an article nor an error: an
// archive's README.md or picture, a WARC's request or metadata record.  The
// user has nothing to fix, so it is no problem; it is counted so that they
// can be told ("12 passed over").
struct PassedOver {
    std::string where;  // "path//member", "path//http://example.com/logo.png"
    std::string what;   // "not an article file", "WARC request record"
};

struct ReadResult {
    std::vector<Article> articles;
    std::vector<ReadProblem> problems;  // records that were skipped
    std::vector<PassedOver> passed_over;
    std::vector<ReadProblem> notes;
};

// Where a reader puts what it finds, one article or skipped record at a
// time, in the order of the file: a dump or an archive of a million records
// is never held whole.
class ReadSink {
public:
    virtual ~ReadSink() = default;
    virtual void article(Article article) = 0;
    virtual void problem(ReadProblem problem) = 0;
    // Containers only; a sink that does not count them leaves this alone.
    virtual void passed_over(PassedOver /*what*/) {}
    // Something read and left out that the user may want to know of, the
    // article kept: a date that is no date ("Feb 30, 2017"), never guessed.
    virtual void note(ReadProblem /*note*/) {}
};

// Hands everything on to another sink: a sink that changes articles on
// their way (names a container's member, numbers a repeated key) derives
// from it and overrides article().
class ForwardingSink : public ReadSink {
public:
    explicit ForwardingSink(ReadSink& out) : out_(out) {}
    void article(Article article) override { out_.article(std::move(article)); }
    void problem(ReadProblem problem) override { out_.problem(std::move(problem)); }
    void passed_over(PassedOver what) override { out_.passed_over(std::move(what)); }
    void note(ReadProblem note) override { out_.note(std::move(note)); }

protected:
    ReadSink& out_;
};

// Keeps everything a reader hands it, in order: for files of one article,
// and for tests.
class ReadCollector final : public ReadSink {
public:
    void article(Article article) override { result.articles.push_back(std::move(article)); }
    void problem(ReadProblem problem) override { result.problems.push_back(std::move(problem)); }
    void passed_over(PassedOver what) override { result.passed_over.push_back(std::move(what)); }
    void note(ReadProblem note) override { result.notes.push_back(std::move(note)); }

    ReadResult result;
};

// How the user asked files to be read, and where a reader stands when it
// reads a file found inside another (an archive's member).
struct ReaderOptions {
    // The user's names for the fields of JSON and CSV records (news-index
    // --field title=headline,text=content): (our field, the record's name).
    std::vector<std::pair<std::string, std::string>> field_names;
    // How many containers (archives, compressed files, WARCs) the bytes
    // were found in: a container reader refuses to go deeper than a bound.
    unsigned depth = 0;
};

class ArticleReader {
public:
    virtual ~ArticleReader() = default;
    // A short name for messages and --verbose output: "text".
    [[nodiscard]] virtual std::string_view name() const = 0;
    // `path` is absolute (for a member, the container's path); the reader
    // fills Article::path with it and Article::record with the record's key
    // inside the file, and reports a bad record to `sink` and goes on.
    virtual void read(const std::string& path, std::string_view bytes, const ReaderOptions& options,
                      ReadSink& sink) const = 0;
    // Everything at once: for files of one article, and for tests.
    [[nodiscard]] ReadResult read_all(const std::string& path, std::string_view bytes,
                                      const ReaderOptions& options = {}) const;
};

// Whether any reader takes files named like this: plain text is ".txt",
// ".text" or no extension at all (the Reuters files); archives ".tar",
// ".zip" and their compressed forms, WARCs ".warc" and ".warc.gz", and a
// compressed file (".gz", ".xz", ".zst", ".bz2") when the name inside is
// taken ("dump.jsonl.gz" is, "photo.jpg.gz" is not).  Others (a README.md,
// images) are left alone without being read.
bool has_reader_for(const std::string& path);

// Whether files named like this may hold many articles (a dump, an archive,
// a WARC): such a file may be far larger than one article.
bool may_hold_many_articles(const std::string& path);

// About how many bytes reading a file of `size` bytes named `path` yields:
// its size, or for a compressed file four times it (news text compresses
// 3x with gzip, 8x with xz).  Decides whether a build is large enough to
// run on every core, before anything is read.
uint64_t expected_read_bytes(const std::string& path, uint64_t size);

// The reader for a file, or an explanation why none can read it ("binary data
// (NUL byte at offset 3)", "empty file").  A name without extension is
// chosen by its first bytes (gzip, xz, zstd, bzip2, zip, tar, WARC).
struct ReaderChoice {
    const ArticleReader* reader = nullptr;
    std::string refusal;
};
ReaderChoice choose_reader(const std::string& path, std::string_view bytes);

}  // namespace news
