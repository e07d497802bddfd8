#include "index/parallel_build.h"

#include "index/document_builder.h"
#include "index/file_ingest.h"
#include "index/index_catalog.h"
#include "store/database_folder.h"
#include "store/errors.h"
#include "store/news_database.h"
#include "text/content_hash.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <unordered_map>

namespace news {
namespace {

namespace fs = std::filesystem;

// Serialises observer calls from the worker threads.
class LockedObserver final : public IndexObserver {
public:
    explicit LockedObserver(IndexObserver& inner) : inner_(inner) {}
    void skipped(const std::string& where, const std::string& reason) override {
        const std::lock_guard lock(mutex_);
        inner_.skipped(where, reason);
    }
    void indexed(const std::string& path, const std::string& what) override {
        const std::lock_guard lock(mutex_);
        inner_.indexed(path, what);
    }
    void note(const std::string& message) override {
        const std::lock_guard lock(mutex_);
        inner_.note(message);
    }

private:
    IndexObserver& inner_;
    std::mutex mutex_;
};

struct SharedProgress {
    std::atomic<size_t> files_done{0};
    std::atomic<size_t> articles_written{0};
    std::atomic<uint64_t> bytes_done{0};
    // Keys for the articles of files of many beyond their first: file i's
    // first article has key first_key + i; the rest are numbered after the
    // walk's files, in the order the workers write them.
    std::atomic<schema::ArticleKey> next_extra_key{0};
    // Set when a worker fails: the build is lost, the others stop early.
    std::atomic<bool> failed{false};
    // Workers that returned, so the progress loop ends as the last one does
    // rather than at its next tick.
    std::mutex finished_mutex;
    std::condition_variable finished_changed;
    unsigned workers_finished = 0;
};

// The files are cut into runs of `segment_files`, in walk order; each run is
// written to a segment of its own, a fresh database: Xapian adds to a small
// B-tree much faster than to a large one, and the merge costs about the same
// for 2 inputs or 60 (docs/benchmarks.md).  Threads take the next run as
// they finish one, so none idles while another still has half the files.
// Segments are temporary files, so never synced.
struct SegmentQueue {
    std::atomic<size_t> next{0};
    size_t count = 0;
    // Segments of batches built for another thread: merged after the runs.
    std::atomic<size_t> next_extra{0};
};

struct Segment {
    size_t run = 0;  // which run of files it holds: segments merge in walk order
    std::string path;
};

// The articles of a file of many (a dump, an archive) in batches, so the
// other threads build them while the thread reading the file reads on: an
// archive of 100,000 articles is one file of the walk, not one thread's work.
// Bounded, so reading never runs far ahead of building: when it is full,
// the reading thread builds the batch itself.
class ArticleBatches {
public:
    struct Batch {
        FileStamp stamp;
        std::vector<Article> articles;
        std::vector<schema::ArticleKey> keys;
    };

    explicit ArticleBatches(size_t capacity) : capacity_(capacity) {}

    // A worker starts on the runs of files; it may read files of many.
    void reader_starts() {
        const std::lock_guard lock(mutex_);
        ++readers_;
    }
    // Its runs are done: it will hand out no more batches.
    void reader_ends() {
        {
            const std::lock_guard lock(mutex_);
            --readers_;
        }
        changed_.notify_all();
    }

    bool try_push(Batch& batch) {
        {
            const std::lock_guard lock(mutex_);
            if (waiting_.size() >= capacity_) return false;
            waiting_.push_back(std::move(batch));
        }
        changed_.notify_one();
        return true;
    }

    // The next batch; nothing once no worker reads files and none is left
    // (or the build failed).
    std::optional<Batch> pop(const std::atomic<bool>& failed) {
        std::unique_lock lock(mutex_);
        // A timed wait, so a failure elsewhere (which does not notify) is
        // seen soon.
        while (waiting_.empty() && readers_ > 0 && !failed) changed_.wait_for(lock, std::chrono::milliseconds(100));
        if (waiting_.empty() || failed) return std::nullopt;
        Batch batch = std::move(waiting_.front());
        waiting_.pop_front();
        return batch;
    }

private:
    const size_t capacity_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Batch> waiting_;
    size_t readers_ = 0;
};

// Articles of a file of many in a batch; the rest of a batch is built when
// a thread takes it.
constexpr size_t kBatchArticles = 250;

struct WorkerOutput {
    ParallelBuild build;
    std::vector<SegmentRecord> records;
    std::vector<Segment> segments;
    std::exception_ptr error;
};

// The threads write their words at the end of a build, at the same time:
// 20,000 words a commit kept news-index's peak memory on Reuters 106k at
// 102 MiB (all at once: 177 MiB; 74 MiB without spelling data).
constexpr size_t kSpellingWordsPerCommit = 20000;

class SegmentWorker {
public:
    SegmentWorker(const std::vector<FoundFile>& files, SegmentQueue& queue, ArticleBatches& batches,
                  const fs::path& work, const ParallelBuildOptions& options, IndexObserver& observer,
                  SharedProgress& progress)
        : files_(files),
          queue_(queue),
          batches_(batches),
          work_(work),
          options_(options),
          observer_(observer),
          progress_(progress),
          analyzer_(options.analysis),
          builder_(analyzer_, options.spelling) {}

    std::vector<SegmentRecord> take_records() { return std::move(records_); }
    std::vector<Segment> take_segments() { return std::move(segments_); }

    ParallelBuild run() {
        {
            batches_.reader_starts();
            // However the runs end, the others must not wait for this one.
            struct EndsReading {
                ArticleBatches& batches;
                ~EndsReading() { batches.reader_ends(); }
            } ends_reading{batches_};
            for (size_t run = queue_.next++; run < queue_.count && !progress_.failed; run = queue_.next++) {
                write_segment(run);
            }
        }
        build_others_batches();
        add_spelling_data();
        return std::move(out_);
    }

private:
    void write_segment(size_t run) {
        segments_.push_back({run, (work_ / ("segment" + std::to_string(run))).string()});
        Xapian::WritableDatabase db = create_segment(segments_.back().path, options_.metadata);
        const DiscardOnUnwind discard_on_unwind(db);
        const size_t end = std::min(files_.size(), (run + 1) * options_.segment_files);
        for (size_t i = run * options_.segment_files; i < end; ++i) {
            // Another thread failed: the build is lost, write nothing more.
            if (progress_.failed) {
                discard_uncommitted(db);
                return;
            }
            index_one(db, i);  // commits as its articles add up (build_batch)
            progress_.files_done++;
            progress_.bytes_done += files_[i].size;
        }
        db.commit();
    }

    void skip(const std::string& where, const std::string& reason) {
        out_.counts.skipped++;
        out_.skips_by_kind[skip_kind(reason)]++;
        observer_.skipped(where, reason);
    }

    // Returns whether the file was written to the segment.
    bool index_one(Xapian::WritableDatabase& db, size_t i) {
        const FoundFile& file = files_[i];
        if (!has_reader_for(file.path)) {
            out_.counts.ignored++;
            observer_.note(file.path + ": not an article file (no reader for this extension)");
            return false;
        }
        ReadFile read = read_stamped_file(file);
        if (!read.refusal.empty()) {
            skip(file.path, read.refusal);
            return false;
        }
        out_.counts.bytes_read += read.bytes.size();
        const FileStamp& stamp = read.stamp;
        if (auto original = article_by_hash_.find(stamp.content_hash); original != article_by_hash_.end()) {
            const std::string& original_path = files_[original->second].path;
            db.add_document(DocumentBuilder::build_duplicate(stamp, original_path));
            records_.push_back({i, stamp.content_hash, true, 0});
            out_.counts.duplicates++;
            observer_.indexed(stamp.path, "duplicate of " + original_path);
            return true;
        }
        const auto key = static_cast<schema::ArticleKey>(options_.first_key + i * options_.key_step);
        FileArticles sink(*this, db, stamp, key);
        if (const std::string refusal = stream_article_file(stamp.path, read.bytes, options_.readers, sink);
            !refusal.empty()) {
            skip(stamp.path, refusal);
        }
        sink.finish();
        const size_t articles = sink.count();
        if (articles == 0) return false;
        article_by_hash_.emplace(stamp.content_hash, i);
        records_.push_back({i, stamp.content_hash, false, key});
        out_.counts.added += articles;
        observer_.indexed(stamp.path, articles == 1 ? "new" : "new (" + std::to_string(articles) + " articles)");
        return true;
    }

    // Takes a file's articles as its reader finds them, in batches: its
    // first article gets the file's key, the others keys after the walk's.
    // A full batch goes to whichever thread is free, or is built here.
    class FileArticles final : public ReadSink {
    public:
        FileArticles(SegmentWorker& worker, Xapian::WritableDatabase& db, const FileStamp& stamp,
                     schema::ArticleKey first_key)
            : worker_(worker), db_(db), first_key_(first_key) {
            batch_.stamp = stamp;
        }
        void article(Article article) override {
            batch_.keys.push_back(count_++ == 0 ? first_key_
                                                : worker_.progress_.next_extra_key.fetch_add(worker_.options_.key_step));
            batch_.articles.push_back(std::move(article));
            if (batch_.articles.size() >= kBatchArticles) hand_off();
        }
        void problem(ReadProblem problem) override { worker_.skip(problem.where, problem.reason); }
        void passed_over(PassedOver what) override {
            worker_.out_.counts.ignored++;
            worker_.observer_.note(what.where + ": " + what.what);
        }
        void note(ReadProblem note) override { worker_.observer_.note(note.where + ": " + note.reason); }
        void finish() {
            if (!batch_.articles.empty()) worker_.build_batch(db_, batch_);
        }
        [[nodiscard]] size_t count() const { return count_; }

    private:
        void hand_off() {
            FileStamp stamp = batch_.stamp;  // try_push moves the batch away
            if (!worker_.batches_.try_push(batch_)) worker_.build_batch(db_, batch_);
            batch_ = {};
            batch_.stamp = std::move(stamp);
        }

        SegmentWorker& worker_;
        Xapian::WritableDatabase& db_;
        schema::ArticleKey first_key_;
        ArticleBatches::Batch batch_;
        size_t count_ = 0;
    };

    void build_batch(Xapian::WritableDatabase& db, const ArticleBatches::Batch& batch) {
        for (size_t a = 0; a < batch.articles.size(); ++a) {
            ArticleDocument built = builder_.build(batch.articles[a], batch.stamp);
            store_article(db, built, batch.keys[a]);
            spelling_.add(built.spelling_words);
            out_.counts.passages += built.passages;
            progress_.articles_written++;
            if (++articles_since_commit_ >= options_.commit_every) {
                db.commit();
                articles_since_commit_ = 0;
            }
        }
    }

    // Once the runs are taken, this thread builds the batches of files of
    // many that others are still reading, into a segment of its own.
    void build_others_batches() {
        std::optional<ArticleBatches::Batch> batch = batches_.pop(progress_.failed);
        if (!batch) return;
        segments_.push_back({queue_.count + queue_.next_extra++, {}});
        segments_.back().path = (work_ / ("segment" + std::to_string(segments_.back().run))).string();
        Xapian::WritableDatabase db = create_segment(segments_.back().path, options_.metadata);
        const DiscardOnUnwind discard_on_unwind(db);
        for (; batch; batch = batches_.pop(progress_.failed)) build_batch(db, *batch);
        if (progress_.failed) {
            discard_uncommitted(db);
            return;
        }
        db.commit();
    }

    // The spelling data of all this thread's articles goes into its last
    // segment, once: written into every segment, a word met in each was
    // added, and the lists of its letter groups rewritten, once per
    // segment, and merged again by the compactor (docs/benchmarks.md).
    void add_spelling_data() {
        if (segments_.empty() || progress_.failed) return;
        Xapian::WritableDatabase db(segments_.back().path, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
        const DiscardOnUnwind discard_on_unwind(db);
        spelling_.write_to(db, kSpellingWordsPerCommit);
        db.commit();
    }

    const std::vector<FoundFile>& files_;
    SegmentQueue& queue_;
    ArticleBatches& batches_;
    const fs::path& work_;
    const ParallelBuildOptions& options_;
    IndexObserver& observer_;
    SharedProgress& progress_;
    std::vector<Segment> segments_;
    Analyzer analyzer_;
    DocumentBuilder builder_;
    // The words of all this thread's articles (add_spelling_data).
    SpellingTally spelling_;
    // Content hash -> walk index of the article with those bytes.
    std::unordered_map<std::string, size_t> article_by_hash_;
    ParallelBuild out_;
    std::vector<SegmentRecord> records_;
    size_t articles_since_commit_ = 0;
};

// Each worker knew only its own files: of articles with the same bytes in
// different workers, the one met first in the walk stays the article.
void settle_duplicates_across_workers(const std::string& merged_path, const std::vector<FoundFile>& files,
                                      const ParallelBuildOptions& options, std::vector<SegmentRecord>& records,
                                      IndexCounts& counts) {
    std::sort(records.begin(), records.end(),
              [](const SegmentRecord& a, const SegmentRecord& b) { return a.walk_index < b.walk_index; });
    std::unordered_map<std::string, const SegmentRecord*> first_article;
    std::vector<std::pair<const SegmentRecord*, const SegmentRecord*>> copies;  // (copy, original)
    for (const SegmentRecord& record : records) {
        if (record.duplicate) continue;
        auto [first, inserted] = first_article.emplace(record.content_hash, &record);
        if (!inserted) copies.emplace_back(&record, first->second);
    }
    if (copies.empty()) return;
    Xapian::WritableDatabase db(merged_path, Xapian::DB_OPEN);
    // A failed replace or commit (a full disk) is not written again by the
    // destructor: the merged database is thrown away with the scratch folder.
    const DiscardOnUnwind discard_on_unwind(db);
    const IndexCatalog catalog = IndexCatalog::load(db);
    const Analyzer analyzer(options.analysis);
    for (const auto& [copy, original] : copies) {
        const std::string& copy_path = files[copy->walk_index].path;
        const CatalogEntry* entry = catalog.find(copy_path);
        if (entry == nullptr) continue;
        const FileStamp stamp{copy_path, entry->mtime_ns, entry->size, entry->content_hash, entry->ctime_ns};
        if (options.spelling) {
            for (const Xapian::docid docid : entry->docids()) remove_article_spelling(db, docid, analyzer);
        }
        db.replace_document(entry->docid, DocumentBuilder::build_duplicate(stamp, files[original->walk_index].path));
        for (const RecordDocument& record : entry->more_records) db.delete_document(record.docid);
        counts.added -= 1 + entry->more_records.size();
        counts.duplicates++;
    }
    db.commit();
}

// A std::thread destroyed unjoined ends the process with no message, so
// however build_in is left, its workers are told to stop and joined.
class JoinOnExit {
public:
    JoinOnExit(std::vector<std::thread>& threads, SharedProgress& progress) : threads_(threads), progress_(progress) {}
    JoinOnExit(const JoinOnExit&) = delete;
    JoinOnExit& operator=(const JoinOnExit&) = delete;
    ~JoinOnExit() {
        for (std::thread& thread : threads_) {
            if (!thread.joinable()) continue;
            progress_.failed = true;
            thread.join();
        }
    }

private:
    std::vector<std::thread>& threads_;
    SharedProgress& progress_;
};

ParallelBuild build_in(const fs::path& work, const std::vector<FoundFile>& files,
                       const ParallelBuildOptions& asked, IndexObserver& observer,
                       const std::function<void(const IndexProgress&)>& progress) {
    const auto started = std::chrono::steady_clock::now();
    const unsigned workers = std::max(1U, asked.threads);
    // Fewer files than a run per thread are shared out evenly: one run of
    // 118 web pages was read by one thread while the other had only its
    // batches to index.
    ParallelBuildOptions options = asked;
    options.segment_files = std::max<size_t>(1, std::min(asked.segment_files, (files.size() + workers - 1) / workers));
    LockedObserver locked(observer);
    SharedProgress shared;
    const auto past_the_walk = static_cast<schema::ArticleKey>(options.first_key + files.size() * options.key_step);
    shared.next_extra_key = past_the_walk;
    std::vector<WorkerOutput> outputs(workers);
    SegmentQueue queue;
    queue.count = (files.size() + options.segment_files - 1) / options.segment_files;
    // One thread alone builds its batches as it reads them.
    ArticleBatches batches(workers > 1 ? 2 * workers : 0);
    auto run_worker = [&](unsigned s) {
        try {
            SegmentWorker worker(files, queue, batches, work, options, locked, shared);
            outputs[s].build = worker.run();
            outputs[s].records = worker.take_records();
            outputs[s].segments = worker.take_segments();
        } catch (...) {
            outputs[s].error = std::current_exception();
            shared.failed = true;
        }
        {
            const std::lock_guard<std::mutex> lock(shared.finished_mutex);
            ++shared.workers_finished;
        }
        shared.finished_changed.notify_all();
    };
    std::vector<std::thread> threads;
    const JoinOnExit join_on_exit(threads, shared);
    // A process limit (ulimit -u, a container's) can refuse a thread: the
    // runs go to the threads that did start, or to this one.
    for (unsigned s = 0; s < workers; ++s) {
        try {
            threads.emplace_back(run_worker, s);
        } catch (const std::system_error& refused) {
            locked.note("building on " + std::to_string(std::max<size_t>(1, threads.size())) + " of " +
                        std::to_string(workers) + " threads: another could not start (" + refused.what() + ")");
            break;
        }
    }
    if (threads.empty()) run_worker(0);

    IndexProgress report;
    report.files_total = files.size();
    for (const FoundFile& file : files) report.bytes_total += file.size;
    auto publish = [&] {
        report.files_done = shared.files_done;
        report.bytes_done = shared.bytes_done;
        report.articles_written = shared.articles_written;
        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        progress(report);
    };
    const auto started_workers = static_cast<unsigned>(std::max<size_t>(1, threads.size()));
    for (std::unique_lock<std::mutex> lock(shared.finished_mutex); shared.workers_finished < started_workers;) {
        shared.finished_changed.wait_for(lock, std::chrono::milliseconds(200));
        lock.unlock();
        publish();
        lock.lock();
    }
    for (std::thread& thread : threads) thread.join();
    publish();
    for (const WorkerOutput& output : outputs) {
        if (output.error) std::rethrow_exception(output.error);
    }

    std::vector<Segment> segments;
    for (WorkerOutput& output : outputs) {
        std::move(output.segments.begin(), output.segments.end(), std::back_inserter(segments));
    }
    std::sort(segments.begin(), segments.end(), [](const Segment& a, const Segment& b) { return a.run < b.run; });
    std::vector<std::string> segment_paths;
    for (const Segment& segment : segments) segment_paths.push_back(segment.path);
    observer.note("merging " + std::to_string(segment_paths.size()) + " segments");
    const fs::path compacted = work / "merged";
    merge_segments(segment_paths, compacted.string());

    ParallelBuild total;
    std::vector<SegmentRecord> records;
    for (WorkerOutput& output : outputs) {
        ParallelBuild& part = output.build;
        total.counts.added += part.counts.added;
        total.counts.duplicates += part.counts.duplicates;
        total.counts.skipped += part.counts.skipped;
        total.counts.ignored += part.counts.ignored;
        total.counts.passages += part.counts.passages;
        total.counts.bytes_read += part.counts.bytes_read;
        for (const auto& [kind, count] : part.skips_by_kind) total.skips_by_kind[kind] += count;
        std::move(output.records.begin(), output.records.end(), std::back_inserter(records));
    }
    settle_duplicates_across_workers(compacted.string(), files, options, records, total.counts);
    total.next_key = shared.next_extra_key;
    if (total.next_key != past_the_walk) {
        // Files of many articles took keys past the walk's: the segments'
        // metadata did not know how many.
        Xapian::WritableDatabase merged(compacted.string(), Xapian::DB_OPEN);
        const DiscardOnUnwind discard_on_unwind(merged);
        merged.set_metadata(std::string(schema::kMetaNextArticleKey), std::to_string(total.next_key));
        merged.commit();
    }
    database_folder::replace_database_files(compacted.string(), options.db_path);
    return total;
}

}  // namespace

Xapian::WritableDatabase create_segment(const std::string& path, const std::map<std::string, std::string>& metadata) {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
    for (const auto& [key, value] : metadata) db.set_metadata(key, value);
    return db;
}

void merge_segments(const std::vector<std::string>& segment_paths, const std::string& merged_path) {
    Xapian::Database merged;
    for (const std::string& path : segment_paths) merged.add_database(Xapian::Database(path));
    merged.compact(merged_path);
    merged.close();
}

ParallelBuild build_segments_and_merge(const std::vector<FoundFile>& files, const ParallelBuildOptions& options,
                                       IndexObserver& observer,
                                       const std::function<void(const IndexProgress&)>& progress) {
    // Inside the database's folder, so the merged files can be renamed into
    // place.  A build killed half-way leaves it behind; the next build
    // starts by clearing it.
    const fs::path work = database_folder::scratch_path(options.db_path);
    fs::remove_all(work);
    fs::create_directories(work);
    try {
        ParallelBuild built = build_in(work, files, options, observer, progress);
        fs::remove_all(work);
        return built;
    } catch (...) {
        // A failed build gives its space back: the disk may be full.
        std::error_code ignored;
        fs::remove_all(work, ignored);
        throw;
    }
}

}  // namespace news
