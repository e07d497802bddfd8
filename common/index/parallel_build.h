// Building a fresh database on every core: the files are cut into runs in
// walk order, the threads index one run after another, each into a temporary
// segment (a small database), and the segments are merged with Xapian's
// compactor, which also leaves the database compact.  Used only when the
// database is empty; updates stay sequential.
#pragma once

#include "formats/file_walker.h"
#include "index/indexer.h"
#include "store/schema.h"
#include "text/analysis.h"

#include <xapian.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace news {

// One file a worker recorded in a segment's catalogue.
struct SegmentRecord {
    size_t walk_index = 0;  // position in the walk (its path), earlier files win duplicates
    std::string content_hash;
    bool duplicate = false;
    schema::ArticleKey key = 0;  // articles only
};

struct ParallelBuild {
    IndexCounts counts;
    std::map<std::string, size_t> skips_by_kind;
    schema::ArticleKey next_key = 0;  // the first key no article took
};

struct ParallelBuildOptions {
    std::string db_path;          // the database to replace; its writer holds the lock and must not write meanwhile
    AnalysisSettings analysis;
    bool spelling = false;  // fill the spelling data (did-you-mean)
    unsigned threads = 2;
    size_t segment_files = kDefaultSegmentFiles;  // files per run, each its own segment
    // Xapian holds a commit's changes in maps that slow down as they grow:
    // 125 articles per commit beat 250 and 1,000 (docs/benchmarks.md).
    size_t commit_every = 125;
    // File i's (first) article gets key first_key + i; the other articles
    // of files of many get keys from first_key + the number of files on.
    schema::ArticleKey first_key = 1;
    // Keys go up by this much: a shard of N hands out every Nth key
    // (docs/schema.md), so the keys written above are first_key + i * key_step.
    schema::ArticleKey key_step = 1;
    // Written into every segment, so the merged database has it from the start.
    std::map<std::string, std::string> metadata;
    ReaderOptions readers;  // how files are read (--field)
};

// A fresh segment database at `path`, holding `metadata`: a temporary file,
// never synced (a failed build is thrown away).
Xapian::WritableDatabase create_segment(const std::string& path, const std::map<std::string, std::string>& metadata);

// Merges the segments, in the order given, into a new compact database at
// `merged_path` with Xapian's compactor.
void merge_segments(const std::vector<std::string>& segment_paths, const std::string& merged_path);

// Indexes `files` into a new database that replaces db_path's when it is
// complete (until then db_path answers as it did).  Observer calls come from several threads,
// one at a time.  `progress` is called from this thread about five times a
// second.  Copies of one article that different threads indexed are turned
// into duplicate records in the merged database before it replaces the
// empty one, so no kill can leave them as separate articles.
ParallelBuild build_segments_and_merge(const std::vector<FoundFile>& files, const ParallelBuildOptions& options,
                                       IndexObserver& observer,
                                       const std::function<void(const IndexProgress&)>& progress);

}  // namespace news
