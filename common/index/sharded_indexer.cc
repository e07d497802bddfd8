// news-index on a sharded database: one walk, each file to its shard, each
// shard brought up to date by the engine that updates a plain database,
// then exact duplicates settled across the shards (docs/reliability.md,
// Sharded databases).
#include "formats/file_walker.h"
#include "index/file_ingest.h"
#include "index/indexer.h"
#include "index/shard_run.h"
#include "store/database_folder.h"
#include "store/errors.h"
#include "store/news_database.h"
#include "store/schema.h"
#include "store/sharded_database.h"
#include "store/stub_database.h"
#include "store/text_copies.h"

#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace news {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// A shard's observer: its new files say which shard took them, and its
// progress counts in the whole walk's.
class ShardObserver final : public IndexObserver {
public:
    ShardObserver(IndexObserver& whole, std::string shard, Clock::time_point started)
        : whole_(whole), shard_(std::move(shard)), started_(started) {}
    // What the shards before this one did.
    void set_before(const IndexProgress& before) { before_ = before; }
    void skipped(const std::string& where, const std::string& reason) override { whole_.skipped(where, reason); }
    void indexed(const std::string& path, const std::string& what) override {
        whole_.indexed(path, what.starts_with("new") ? what + ", into " + shard_ : what);
    }
    void note(const std::string& message) override { whole_.note(message); }
    void progress(const IndexProgress& progress) override {
        IndexProgress whole = progress;
        whole.files_done += before_.files_done;
        whole.articles_written += before_.articles_written;
        whole.bytes_done += before_.bytes_done;
        whole.files_total = before_.files_total;
        whole.bytes_total = before_.bytes_total;
        whole.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
        whole_.progress(whole);
    }

private:
    IndexObserver& whole_;
    std::string shard_;
    Clock::time_point started_;
    IndexProgress before_;
};

void add_counts(IndexSummary& total, const IndexSummary& part) {
    IndexCounts& t = total.counts;
    const IndexCounts& p = part.counts;
    t.added += p.added;
    t.changed += p.changed;
    t.unchanged += p.unchanged;
    t.removed += p.removed;
    t.duplicates += p.duplicates;
    t.skipped += p.skipped;
    t.ignored += p.ignored;
    t.passages += p.passages;
    t.bytes_read += p.bytes_read;
    for (const auto& [kind, count] : part.skips_by_kind) total.skips_by_kind[kind] += count;
}

std::string shard_label(const std::string& db_path, const std::string& shard_path) {
    const fs::path relative = fs::path(shard_path).lexically_relative(fs::absolute(db_path).lexically_normal());
    const bool inside = !relative.empty() && *relative.begin() != "..";
    return inside ? relative.string() : shard_path;
}

FolderIds folder_ids(const std::vector<std::string>& folders) {
    FolderIds ids;
    for (const std::string& folder : folders) {
        if (struct stat st {}; ::stat(folder.c_str(), &st) == 0) ids.emplace(st.st_dev, st.st_ino);
    }
    return ids;
}

// The shards of the database, when it has them; throws when --shards
// disagrees with what the database is (without --force, which rebuilds).
std::optional<std::vector<std::string>> checked_shards(const IndexOptions& options) {
    const std::string& db = options.db_path;
    std::optional<std::vector<std::string>> shards = sharded_database::local_shards(db);
    if (!shards) {
        if (options.shards > 1 && sharded_database::holds_plain_database(db) && !options.force) {
            throw UserError("database '" + db + "' is one database, not " + std::to_string(options.shards) +
                            " shards; --shards takes effect on a new database or with --force (which rebuilds it)");
        }
    } else if (options.shards != 0 && options.shards != shards->size() && !options.force) {
        throw UserError("database '" + db + "' has " + std::to_string(shards->size()) + " shards, not " +
                        std::to_string(options.shards) + "; add --force to rebuild it as " +
                        std::to_string(options.shards));
    }
    return shards;
}

class ShardedIndexRun {
public:
    ShardedIndexRun(const IndexOptions& options, IndexObserver& observer) : options_(options), observer_(observer) {}

    IndexSummary run() {
        const std::string& db = options_.db_path;
        database_folder::claim_for_writing(db);
        const sharded_database::WriteLock lock = sharded_database::lock_for_writing(db, options_.lock_wait);
        // What the database is, read under the lock: another news-index
        // may have made or changed it while this one waited.
        sharded_database::finish_interrupted_conversion(db);
        existing_ = checked_shards(options_);
        if (!existing_ && options_.shards <= 1) return run_plain_indexer(options_, observer_);
        const size_t count = options_.shards != 0 ? options_.shards : existing_->size();
        // A new database, or one rebuilt as another number of shards, gets
        // shard-0 ... shard-(N-1) in its folder.
        const bool new_layout = !existing_ || existing_->size() != count;
        if (new_layout) {
            for (size_t i = 0; i < count; ++i) {
                paths_.push_back(fs::absolute(sharded_database::shard_folder(db, i)).lexically_normal().string());
            }
        } else {
            paths_ = *existing_;
        }
        const bool was_plain = !existing_ && sharded_database::holds_plain_database(db);
        // The plain database being replaced keeps its own writers out too
        // (its Xapian lock) until its files are deleted; nothing is written to it.
        std::optional<WritableIndex> replaced;
        if (was_plain) {
            replaced = open_writable_index(db, std::nullopt, true, options_.lock_wait);
            discard_uncommitted(replaced->db);
        }
        // A new database lists its shards as soon as they exist, so a kill
        // leaves a sharded database the next run finishes; a rebuild lists
        // them when they are built, the old database answering until then.
        open_shards();
        if (!existing_ && !was_plain) stub_database::write_local_shards(db, paths_);
        if (!options_.force) keep_keys_apart();

        FolderIds left_out = folder_ids({db});
        const FolderIds shard_ids = folder_ids(paths_);
        left_out.insert(shard_ids.begin(), shard_ids.end());
        const WalkResult walk = walk_inputs(options_.inputs, WalkOptions{options_.follow_symlinks}, left_out);
        for (const auto& [path, reason] : walk.skipped) {
            observer_.skipped(path, reason);
            summary_.counts.skipped++;
            summary_.skips_by_kind[skip_kind(reason)]++;
        }
        for (const auto& link : walk.links_not_followed) {
            observer_.note("not following symbolic link " + link + " (use --follow-symlinks)");
        }

        const std::vector<WalkResult> shares = partition(walk);
        IndexProgress before;
        before.files_total = walk.files.size();
        for (const FoundFile& file : walk.files) before.bytes_total += file.size;
        build_on_every_core_if_new(walk);
        std::set<std::string> hashes_left;
        for (size_t i = 0; i < runs_.size(); ++i) {
            observers_[i]->set_before(before);
            const IndexSummary part = runs_[i].update(shares[i]);
            add_counts(summary_, part);
            summary_.analysis = part.analysis;
            const std::set<std::string> left = runs_[i].hashes_left();
            hashes_left.insert(left.begin(), left.end());
            all_built_anew_ = all_built_anew_ && runs_[i].built_anew();
            before.files_done += shares[i].files.size();
            for (const FoundFile& file : shares[i].files) before.bytes_done += file.size;
            before.articles_written = summary_.counts.added + summary_.counts.changed;
        }
        settle(hashes_left);
        if (new_layout) {
            stub_database::write_local_shards(db, paths_);
            if (was_plain) sharded_database::remove_plain_database(db);
            remove_unlisted_shards(db);
        }
        return finish();
    }

    // --add-shard: the database at options_.add_shard becomes the last shard.
    IndexSummary add_shard() {
        const std::string& db = options_.db_path;
        const std::string added = fs::absolute(database_folder::without_trailing_slashes(options_.add_shard))
                                      .lexically_normal()
                                      .string();
        if (!fs::is_directory(db)) {
            throw UserError("no database at '" + db + "' to add a shard to; build one with: news-index --db " + db +
                            " FOLDER");
        }
        if (added == fs::absolute(db).lexically_normal().string()) {
            throw UserError("'" + added + "' is the database itself, not a shard to add");
        }
        if (sharded_database::local_shards(added)) {
            throw UserError("'" + added + "' is a sharded database; add its shards one by one");
        }
        const sharded_database::WriteLock lock = sharded_database::lock_for_writing(db, options_.lock_wait);
        sharded_database::finish_interrupted_conversion(db);
        existing_ = sharded_database::local_shards(db);
        if (!existing_) {
            // A plain database becomes shard-0: its Xapian lock is held
            // while its files move, so no news-index writes it meanwhile.
            const ReadableIndex readable = open_readable_index(db);
            require_same_database(readable.analysis, added);
            WritableIndex plain = open_writable_index(db, std::nullopt, false, options_.lock_wait);
            sharded_database::convert_plain_to_sharded(db, {});
            discard_uncommitted(plain.db);
            plain.db.close();
            existing_ = sharded_database::local_shards(db);
        }
        for (const std::string& shard : *existing_) {
            if (shard == added) throw UserError("'" + added + "' is a shard of database '" + db + "' already");
        }
        const ReadableIndex first = open_readable_index(existing_->front());
        require_same_database(first.analysis, added);
        paths_ = *existing_;
        paths_.push_back(added);
        all_built_anew_ = false;
        shards_changed_ = true;
        open_shards();
        // The added shard's articles are numbered afresh past every key
        // given so far; the others' plans follow.
        const schema::ArticleKey base = key_base();
        const auto step = static_cast<schema::ArticleKey>(runs_.size());
        runs_.back().renumber_articles(base + step - 1, step);
        plan_keys(base, runs_.size() - 1);
        stub_database::write_local_shards(db, paths_);
        settle({});
        return finish();
    }

private:
    double elapsed() const { return std::chrono::duration<double>(Clock::now() - started_).count(); }

    void require_same_database(const AnalysisSettings& analysis, const std::string& added) const {
        const ReadableIndex other = open_readable_index(added);
        if (other.analysis.serialise() != analysis.serialise()) {
            throw UserError("'" + added + "' was built with other analysis settings (" + other.analysis.language +
                            ") than database '" + options_.db_path + "' (" + analysis.language +
                            "); rebuild it with the same --language");
        }
    }

    // Past every key any shard has handed out.
    schema::ArticleKey key_base() const {
        schema::ArticleKey base = 1;
        for (const ShardRun& run : runs_) base = std::max(base, run.next_key());
        return base;
    }

    // Shard s of N numbers its articles base + s, base + s + N, ...: apart
    // from every other shard's and from every key given before.
    void plan_keys(schema::ArticleKey base, size_t shards) {
        const auto step = static_cast<schema::ArticleKey>(runs_.size());
        for (size_t i = 0; i < shards; ++i) runs_[i].set_key_plan(base + static_cast<schema::ArticleKey>(i), step);
    }

    // Keys stay unique while every shard hands out keys N apart, each with
    // its own remainder modulo N.  A kill part-way through --add-shard can
    // leave plans that disagree: then every shard gets a new one.
    void keep_keys_apart() {
        const auto step = static_cast<schema::ArticleKey>(runs_.size());
        std::set<schema::ArticleKey> remainders;
        bool apart = true;
        for (const ShardRun& run : runs_) {
            apart = apart && run.key_step() == step && remainders.insert(run.next_key() % step).second;
        }
        if (!apart) plan_keys(key_base(), runs_.size());
    }

    void open_shards() {
        shard_options_.reserve(paths_.size());
        for (size_t i = 0; i < paths_.size(); ++i) {
            IndexOptions& shard = shard_options_.emplace_back(options_);
            shard.db_path = paths_[i];
            observers_.push_back(
                std::make_unique<ShardObserver>(observer_, shard_label(options_.db_path, paths_[i]), started_));
            runs_.emplace_back(shard, *observers_.back(), ShardPlace{i, paths_});
        }
    }

    // A file already in a shard stays there (in the first, should a move
    // between runs have left it in two: the others let it go as gone); a
    // new one goes where its path hashes to.
    std::vector<WalkResult> partition(const WalkResult& walk) const {
        std::vector<WalkResult> shares(runs_.size());
        for (WalkResult& share : shares) {
            share.roots = walk.roots;
            share.gone_roots = walk.gone_roots;
            share.skipped = walk.skipped;
        }
        for (const FoundFile& file : walk.files) {
            size_t shard = runs_.size();
            if (!options_.force) {
                for (size_t i = 0; i < runs_.size() && shard == runs_.size(); ++i) {
                    if (runs_[i].catalog().find(file.path) != nullptr) shard = i;
                }
            }
            if (shard == runs_.size()) shard = sharded_database::shard_for_new_file(file.path, runs_.size());
            shares[shard].files.push_back(file);
        }
        return shares;
    }

    // An empty shard of a sharded database (all of a new one; those a kill
    // left unbuilt) is built on every core when the whole walk is as large
    // as a plain database's parallel build takes, however small its share.
    void build_on_every_core_if_new(const WalkResult& walk) {
        uint64_t bytes_to_read = 0;
        for (const FoundFile& file : walk.files) bytes_to_read += expected_read_bytes(file.path, file.size);
        if (walk.files.size() < options_.parallel_min_files && bytes_to_read < options_.parallel_min_bytes) return;
        for (size_t i = 0; i < runs_.size(); ++i) {
            if (!runs_[i].catalog().entries().empty() || runs_[i].database().get_doccount() != 0) continue;
            shard_options_[i].parallel_min_files = 0;
            shard_options_[i].parallel_min_bytes = 0;
        }
    }

    // Exact duplicates across shards: the shards updated first could not
    // see what the later ones removed, and a shard built anew or added saw
    // no other (it stays marked unsettled until this is done, whatever
    // kills come between).
    void settle(const std::set<std::string>& hashes_left) {
        const bool compare_every_article =
            std::any_of(runs_.begin(), runs_.end(), [](const ShardRun& run) { return run.unsettled(); });
        if (hashes_left.empty() && !compare_every_article) return;
        for (ShardRun& run : runs_) {
            const IndexSummary part = run.settle(hashes_left, compare_every_article);
            // An article of this run that became a duplicate was counted new.
            const size_t demoted = std::min(part.counts.duplicates, summary_.counts.added);
            summary_.counts.added -= demoted;
            summary_.counts.duplicates += part.counts.duplicates;
            summary_.counts.removed += part.counts.removed;
        }
        for (ShardRun& run : runs_) run.forget_hashes_left();
    }

    IndexSummary finish() {
        Xapian::Database whole;
        for (const ShardRun& run : runs_) whole.add_database(run.database());
        // Counted again only when articles came or went, as one database's are.
        const bool changed = shards_changed_ || std::any_of(runs_.begin(), runs_.end(), [](const ShardRun& run) {
                                 return run.articles_changed();
                             });
        const std::string stored = runs_.front().database().get_metadata(std::string(schema::kMetaTextCopies));
        Xapian::doccount copies = 0;
        const bool stored_read =
            !stored.empty() && std::from_chars(stored.data(), stored.data() + stored.size(), copies).ec == std::errc();
        if (changed || !stored_read) {
            copies = count_text_copies(whole);
            for (ShardRun& run : runs_) run.record_text_copies(copies);
        }
        summary_.articles_in_database = count_articles(whole) - copies;
        if (all_built_anew_) {
            // Shards built side by side saw nothing of each other: every file
            // was new, and what is not an article of its own now (a copy of
            // another shard's bytes or text) is a duplicate.
            const size_t files = summary_.counts.added + summary_.counts.duplicates;
            summary_.counts.added = std::min(files, static_cast<size_t>(summary_.articles_in_database));
            summary_.counts.duplicates = files - summary_.counts.added;
        }
        summary_.shards = runs_.size();
        if (summary_.analysis.language.empty()) summary_.analysis = open_readable_index(paths_.front()).analysis;
        summary_.seconds = elapsed();
        return summary_;
    }

    // Shards news-index made that the stub no longer lists (a rebuild as
    // fewer shards).
    void remove_unlisted_shards(const std::string& db) const {
        std::error_code error;
        for (const auto& entry : fs::directory_iterator(db, error)) {
            const std::string path = fs::absolute(entry.path()).lexically_normal().string();
            if (entry.is_directory() && sharded_database::is_shard_name(entry.path().filename().string()) &&
                std::find(paths_.begin(), paths_.end(), path) == paths_.end()) {
                fs::remove_all(entry.path(), error);
            }
        }
    }

    const IndexOptions& options_;
    IndexObserver& observer_;
    std::optional<std::vector<std::string>> existing_;  // the shards the stub lists, before this run
    std::vector<std::string> paths_;                    // the shards after it
    std::vector<IndexOptions> shard_options_;            // reserved: the runs hold references
    std::vector<std::unique_ptr<ShardObserver>> observers_;
    std::vector<ShardRun> runs_;
    IndexSummary summary_;
    bool all_built_anew_ = true;   // every shard was built anew by this run (false for --add-shard)
    bool shards_changed_ = false;  // a shard came: the whole holds other articles
    Clock::time_point started_ = Clock::now();
};

}  // namespace

IndexSummary run_indexer(const IndexOptions& options, IndexObserver& observer) {
    const std::string& db = options.db_path;
    if (!options.add_shard.empty()) {
        if (!options.inputs.empty()) throw UserError("--add-shard takes no folders or files to index");
        if (options.force || options.shards != 0) throw UserError("--add-shard goes with neither --force nor --shards");
        return ShardedIndexRun(options, observer).add_shard();
    }
    if (options.inputs.empty()) throw UserError("no folder or file to index was given");
    // One database stays one without the sharded run's lock; the checks
    // are made again under it.
    if (options.shards <= 1 && !sharded_database::may_be_sharded(db)) return run_plain_indexer(options, observer);
    checked_shards(options);
    return ShardedIndexRun(options, observer).run();
}

}  // namespace news
