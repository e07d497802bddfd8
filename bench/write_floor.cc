// news-write-floor: what Xapian's write path alone costs for news-index's
// documents.  It reads and analyses every file first, holding the built
// documents in memory, and only then writes them as news-index's parallel
// build does (segments of the same size on the same number of threads,
// the same commit interval, the same merge), timing each phase apart.  The
// write and merge phases are a floor for news-index's build: reading and
// analysis made free could not take it below them (docs/benchmarks.md).
//
//   news-write-floor [--threads N] [--without-positions] FOLDER SCRATCH
//
// --without-positions writes the same terms, wdfs, values and data with no
// term positions: how far a schema without them could go.
// SCRATCH must not exist or be an empty folder; it is removed at the end.
#include "formats/article_reader.h"
#include "formats/file_walker.h"
#include "index/document_builder.h"
#include "index/file_ingest.h"
#include "index/indexer.h"
#include "index/parallel_build.h"
#include "store/schema.h"
#include "text/analysis.h"

#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Usage {
    double wall = 0;
    double cpu = 0;
};

class PhaseClock {
public:
    PhaseClock() : wall_(std::chrono::steady_clock::now()), cpu_(process_cpu()) {}
    [[nodiscard]] Usage elapsed() const {
        return {std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_).count(), process_cpu() - cpu_};
    }

private:
    static double process_cpu() {
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
        return seconds(usage.ru_utime) + seconds(usage.ru_stime);
    }
    std::chrono::steady_clock::time_point wall_;
    double cpu_;
};

// One run of files, built: what a segment will hold, in walk order.
struct BuiltRun {
    std::vector<Xapian::Document> documents;
    std::vector<std::string> content_hashes;  // per document; empty for a duplicate
};

// The document with the same terms, wdfs, values and data, and no positions.
Xapian::Document without_positions(const Xapian::Document& document) {
    Xapian::Document copy;
    for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
        copy.add_term(*term, term.get_wdf());
    }
    for (auto value = document.values_begin(); value != document.values_end(); ++value) {
        copy.add_value(value.get_valueno(), *value);
    }
    copy.set_data(document.get_data());
    return copy;
}

// Runs `work(run)` for runs 0..count-1 on `threads` threads, each taking the
// next run as it finishes one, as the parallel build does.
template <typename Work>
void on_threads(unsigned threads, size_t count, Work work) {
    std::atomic<size_t> next{0};
    std::vector<std::thread> pool;
    std::vector<std::exception_ptr> errors(threads);
    for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            try {
                for (size_t run = next++; run < count; run = next++) work(run);
            } catch (...) {
                errors[t] = std::current_exception();
            }
        });
    }
    for (std::thread& thread : pool) thread.join();
    for (const std::exception_ptr& error : errors) {
        if (error) std::rethrow_exception(error);
    }
}

void print_phase(const char* name, const Usage& usage) {
    std::printf("%-34s %9.2f s %9.2f s\n", name, usage.wall, usage.cpu);
}

int run(unsigned threads, bool positions, const std::string& folder, const fs::path& scratch) {
    const news::AnalysisSettings settings;
    const size_t run_files = news::kDefaultSegmentFiles;
    const news::ParallelBuildOptions defaults;

    const PhaseClock build_clock;
    const news::WalkResult walk = news::walk_inputs({folder}, {});
    const std::vector<news::FoundFile>& files = walk.files;
    const size_t runs = (files.size() + run_files - 1) / run_files;
    std::vector<BuiltRun> built(runs);
    on_threads(threads, runs, [&](size_t run) {
        const news::Analyzer analyzer(settings);
        news::DocumentBuilder builder(analyzer);
        BuiltRun& out = built[run];
        for (size_t i = run * run_files; i < std::min(files.size(), (run + 1) * run_files); ++i) {
            if (!news::has_reader_for(files[i].path)) continue;
            news::ReadFile read = news::read_stamped_file(files[i]);
            if (!read.refusal.empty()) continue;
            news::ParsedFile parsed = news::parse_article_file(read.stamp.path, read.bytes);
            // The floor of a file's first article: the plain-text sets it is
            // run on have one per file.
            if (parsed.articles.empty()) continue;
            news::ArticleDocument article = builder.build(parsed.articles.front(), read.stamp);
            news::assign_article_key(article.document, static_cast<news::schema::ArticleKey>(i + 1));
            out.documents.push_back(positions ? std::move(article.document) : without_positions(article.document));
            out.content_hashes.push_back(read.stamp.content_hash);
        }
    });
    // Copies become duplicate records, as news-index makes them.
    std::unordered_set<std::string> seen;
    size_t articles = 0;
    size_t duplicates = 0;
    for (BuiltRun& run : built) {
        for (size_t d = 0; d < run.documents.size(); ++d) {
            if (seen.insert(run.content_hashes[d]).second) {
                ++articles;
                continue;
            }
            const std::string path = run.documents[d].get_value(news::schema::kSlotPath);
            news::FileStamp stamp{path, 0, 0, run.content_hashes[d]};
            run.documents[d] = news::DocumentBuilder::build_duplicate(stamp, "(an earlier copy)");
            ++duplicates;
        }
    }
    const Usage build_usage = build_clock.elapsed();

    const std::map<std::string, std::string> metadata{
        {std::string(news::schema::kMetaSchemaVersion), std::to_string(news::schema::kSchemaVersion)},
        {std::string(news::schema::kMetaAnalysis), settings.serialise()}};
    std::vector<std::string> segment_paths(runs);
    for (size_t run = 0; run < runs; ++run) segment_paths[run] = (scratch / ("segment" + std::to_string(run))).string();
    const PhaseClock write_clock;
    on_threads(threads, runs, [&](size_t run) {
        Xapian::WritableDatabase db = news::create_segment(segment_paths[run], metadata);
        size_t since_commit = 0;
        for (const Xapian::Document& document : built[run].documents) {
            db.add_document(document);
            if (++since_commit >= defaults.commit_every) {
                db.commit();
                since_commit = 0;
            }
        }
        db.commit();
    });
    const Usage write_usage = write_clock.elapsed();

    const PhaseClock merge_clock;
    news::merge_segments(segment_paths, (scratch / "merged").string());
    const Usage merge_usage = merge_clock.elapsed();

    uintmax_t merged_bytes = 0;
    for (const auto& entry : fs::directory_iterator(scratch / "merged")) merged_bytes += entry.file_size();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);

    std::printf("%zu files, %zu articles, %zu duplicates, %zu segments of %zu files, %u threads, %s\n", files.size(),
                articles, duplicates, runs, run_files, threads, positions ? "with positions" : "without positions");
    std::printf("%-34s %11s %11s\n", "phase", "wall", "CPU");
    print_phase("read and analyse (held in memory)", build_usage);
    print_phase("write segments (Xapian)", write_usage);
    print_phase("merge segments (Xapian)", merge_usage);
    print_phase("Xapian's part: write + merge", {write_usage.wall + merge_usage.wall, write_usage.cpu + merge_usage.cpu});
    std::printf("merged database: %.1f MiB; peak RSS (documents held): %.0f MiB\n",
                static_cast<double>(merged_bytes) / (1 << 20), static_cast<double>(usage.ru_maxrss) / 1024);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    unsigned threads = std::max(1U, std::thread::hardware_concurrency());
    bool positions = true;
    std::vector<std::string> args(argv + 1, argv + argc);
    while (!args.empty()) {
        if (args.size() >= 2 && args[0] == "--threads") {
            threads = static_cast<unsigned>(std::max(1, std::atoi(args[1].c_str())));
            args.erase(args.begin(), args.begin() + 2);
        } else if (args[0] == "--without-positions") {
            positions = false;
            args.erase(args.begin());
        } else {
            break;
        }
    }
    if (args.size() != 2) {
        std::fprintf(stderr, "usage: news-write-floor [--threads N] [--without-positions] FOLDER SCRATCH\n");
        return 2;
    }
    const fs::path scratch = args[1];
    if (fs::exists(scratch) && !fs::is_empty(scratch)) {
        std::fprintf(stderr, "news-write-floor: %s: not empty; give a new or empty folder\n", args[1].c_str());
        return 2;
    }
    try {
        fs::create_directories(scratch);
        const int status = run(threads, positions, args[0], scratch);
        fs::remove_all(scratch);
        return status;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "news-write-floor: %s\n", error.what());
        std::error_code ignored;
        fs::remove_all(scratch, ignored);
        return 2;
    }
}
