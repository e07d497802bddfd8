// news-index's engine: brings a database up to date with the files under
// the given paths.
#pragma once

#include "formats/article_reader.h"
#include "store/news_database.h"
#include "text/analysis.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace news {

// A parallel build writes runs of this many files as temporary databases,
// merged at the end: small B-trees take additions faster.  Measured on the
// 106k Reuters set (docs/benchmarks.md): against one database per thread,
// about 85 s -> 65 s.
inline constexpr size_t kDefaultSegmentFiles = 2000;

struct IndexOptions {
    std::string db_path;
    std::vector<std::string> inputs;
    std::optional<std::string> language;  // unset: the database's, or English
    bool force = false;                   // rebuild from scratch
    bool follow_symlinks = false;
    // No spelling data (did-you-mean) in a new or rebuilt database; a
    // re-run keeps the database's choice (schema::kMetaSpelling).
    bool no_spelling = false;
    size_t batch_articles = 500;         // articles per commit
    unsigned threads = 0;                 // for a fresh build; 0: one per core
    // Fewer files are built on one thread, unless they hold this many
    // bytes (one dump or archive of 100,000 articles is one file): the
    // parallel build's segments and merge cost about 0.1 s more, which 200
    // BBC articles (0.15 s of work) do not repay, and BBC's 2,225 (9 MiB)
    // and 118 web pages (20 MiB) do.
    size_t parallel_min_files = 1000;
    uint64_t parallel_min_bytes = uint64_t{8} << 20;
    size_t segment_files = kDefaultSegmentFiles;  // a parallel build's run length
    LockWait lock_wait;                   // when another writer holds the database
    // --shards N: a new database (or one rebuilt with --force) is built as
    // N shards; 0 keeps what the database is (a new one: one database).
    size_t shards = 0;
    // --add-shard PATH: adds the news-search database at PATH to db_path's
    // shards (no inputs are indexed).
    std::string add_shard;
    ReaderOptions readers;                // how files are read (--field)
};

struct IndexCounts {
    size_t added = 0;
    size_t changed = 0;
    size_t unchanged = 0;
    size_t removed = 0;
    size_t duplicates = 0;
    size_t skipped = 0;
    size_t ignored = 0;   // files of a type no reader takes (README.md, photo.jpg)
    size_t passages = 0;  // passages written in this run
    uint64_t bytes_read = 0;
};

struct IndexProgress {
    size_t files_done = 0;
    size_t articles_written = 0;  // new and changed articles so far
    size_t files_total = 0;
    uint64_t bytes_done = 0;
    uint64_t bytes_total = 0;
    double seconds = 0;
};

struct IndexSummary {
    IndexCounts counts;
    std::map<std::string, size_t> skips_by_kind;  // "empty" -> 3
    size_t articles_in_database = 0;
    size_t shards = 0;  // the database's shards; 0: one database
    double seconds = 0;
    AnalysisSettings analysis;
};

// Told what happens as it happens; every method has a quiet default.
class IndexObserver {
public:
    virtual ~IndexObserver() = default;
    // A file (or record) that was not indexed, and why.
    virtual void skipped(const std::string& /*where*/, const std::string& /*reason*/) {}
    // What was done with one file: "new", "changed", "removed", "duplicate of X".
    virtual void indexed(const std::string& /*path*/, const std::string& /*what*/) {}
    // Something worth knowing that is not a failure ("not following link X").
    virtual void note(const std::string& /*message*/) {}
    virtual void progress(const IndexProgress& /*progress*/) {}
};

// Throws UserError for problems with the database or options; a bad input
// file never throws, it is reported to the observer and skipped.  A
// sharded database (or options.shards > 1) is brought up to date shard by
// shard (index/sharded_indexer.cc).
IndexSummary run_indexer(const IndexOptions& options, IndexObserver& observer);

// The same for one plain database (index/indexer.cc).
IndexSummary run_plain_indexer(const IndexOptions& options, IndexObserver& observer);

}  // namespace news
