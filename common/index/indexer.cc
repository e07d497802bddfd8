#include "index/indexer.h"

#include "formats/article_reader.h"
#include "formats/file_walker.h"
#include "index/document_builder.h"
#include "index/file_ingest.h"
#include "index/index_catalog.h"
#include "index/parallel_build.h"
#include "index/shard_run.h"
#include "store/article_record.h"
#include "store/database_folder.h"
#include "store/errors.h"
#include "store/news_database.h"
#include "store/schema.h"
#include "store/text_copies.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <charconv>
#include <chrono>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <utility>

namespace news {
namespace {

using Clock = std::chrono::steady_clock;

schema::ArticleKey stored_key_number(const Xapian::Database& db, std::string_view meta_key,
                                     schema::ArticleKey otherwise) {
    const std::string text = db.get_metadata(std::string(meta_key));
    schema::ArticleKey key = 0;
    std::from_chars(text.data(), text.data() + text.size(), key);
    return key == 0 ? otherwise : key;
}

// A shard's first key: shard s of N hands out s + 1, s + 1 + N, ...
schema::ArticleKey first_key_of(const std::optional<ShardPlace>& place) {
    return place ? static_cast<schema::ArticleKey>(place->index + 1) : 1;
}
schema::ArticleKey first_step_of(const std::optional<ShardPlace>& place) {
    return place ? static_cast<schema::ArticleKey>(place->shard_paths.size()) : 1;
}

// Whether this run fills the spelling data (did-you-mean): a new or rebuilt
// database has it unless --no-spelling; a re-run keeps the database's
// choice, since words added from this run on would leave out the rest.
bool wants_spelling(const IndexOptions& options, const Xapian::WritableDatabase& db) {
    if (options.force || db.get_doccount() == 0) return !options.no_spelling;
    const bool has_spelling = db.get_metadata(std::string(schema::kMetaSpelling)) == "1";
    if (has_spelling && options.no_spelling) {
        throw UserError("database '" + options.db_path +
                        "' has spelling data; --no-spelling takes effect on a new database or with --force");
    }
    return has_spelling;
}

}  // namespace

class IndexRun {
public:
    IndexRun(const IndexOptions& options, IndexObserver& observer, std::optional<ShardPlace> place = std::nullopt)
        : options_(options),
          place_(std::move(place)),
          observer_(observer),
          index_(open_writable_index(options.db_path, options.language, options.force, options.lock_wait)),
          discard_on_unwind_(index_.db),
          analyzer_(index_.analysis),
          with_spelling_(wants_spelling(options, index_.db)),
          builder_(analyzer_, with_spelling_),
          catalog_(IndexCatalog::load(index_.db)),
          next_key_(options.force ? first_key_of(place_)
                                  : stored_key_number(index_.db, schema::kMetaNextArticleKey, first_key_of(place_))),
          key_step_(options.force ? first_step_of(place_)
                                  : stored_key_number(index_.db, schema::kMetaKeyStep, first_step_of(place_))) {}

    IndexSummary run() {
        // The database's own files are not articles, wherever it lies.
        FolderIds database_folder;
        if (struct stat st {}; ::stat(options_.db_path.c_str(), &st) == 0) database_folder.emplace(st.st_dev, st.st_ino);
        const WalkResult walk = walk_inputs(options_.inputs, walk_options_, database_folder);
        report_walk_problems(walk, observer_);
        summary_.counts.skipped += walk.skipped.size();
        for (const auto& [path, reason] : walk.skipped) summary_.skips_by_kind[skip_kind(reason)]++;
        return update(walk);
    }

    // Brings the database up to date with `walk`: its files, and what is
    // gone under its roots.
    IndexSummary update(const WalkResult& walk) {
        progress_.files_total = walk.files.size();
        for (const FoundFile& file : walk.files) progress_.bytes_total += file.size;

        // A new database, built on the side and swapped in whole, leaves
        // nothing to remove or promote: the workers settled their
        // duplicates before the merge.
        if (should_build_anew(walk)) {
            built_anew_ = true;
            build_anew(walk);
            articles_changed_ = true;
            recount_text_copies();
            index_.db.commit();
        } else {
            // Only updating compares paths with the walk: which copy comes
            // first, what is gone.
            walked_ = &walk.files;
            walk_rank_.reserve(walk.files.size());
            for (size_t i = 0; i < walk.files.size(); ++i) walk_rank_.emplace(walk.files[i].path, i);
            open_other_shards();
            begin_batch();
            index_.db.set_metadata(std::string(schema::kMetaSpelling), with_spelling_ ? "1" : "0");
            remove_gone_files(walk);
            for (const FoundFile& file : walk.files) {
                process(file);
                progress_.files_done++;
                progress_.bytes_done += file.size;
                report_progress();
            }
            settle_which_copy_is_the_article();
            promote_orphaned_duplicates();
            recount_text_copies();
            end_batch();
        }

        return finish();
    }

    // What a plain run's walk could not read, or would not follow.
    static void report_walk_problems(const WalkResult& walk, IndexObserver& observer) {
        for (const auto& [path, reason] : walk.skipped) observer.skipped(path, reason);
        for (const auto& link : walk.links_not_followed) {
            observer.note("not following symbolic link " + link + " (use --follow-symlinks)");
        }
    }

    [[nodiscard]] bool built_anew() const { return built_anew_; }
    [[nodiscard]] bool articles_changed() const { return articles_changed_; }
    [[nodiscard]] bool unsettled() const { return index_.db.get_metadata(std::string(schema::kMetaUnsettled)) == "1"; }
    // This run's, and those a run killed before settling them left recorded.
    [[nodiscard]] std::set<std::string> hashes_left() const {
        std::set<std::string> all = hashes_left_;
        const std::string prefix(schema::kMetaHashLeftPrefix);
        for (auto key = index_.db.metadata_keys_begin(prefix); key != index_.db.metadata_keys_end(prefix); ++key) {
            all.insert((*key).substr(prefix.size()));
        }
        return all;
    }

    void forget_hashes_left() {
        const std::string prefix(schema::kMetaHashLeftPrefix);
        std::vector<std::string> keys;
        for (auto key = index_.db.metadata_keys_begin(prefix); key != index_.db.metadata_keys_end(prefix); ++key) {
            keys.push_back(*key);
        }
        if (keys.empty()) return;
        for (const std::string& key : keys) index_.db.set_metadata(key, {});
        commit_and_fingerprint();
    }
    [[nodiscard]] const IndexCatalog& catalog() const { return catalog_; }
    [[nodiscard]] schema::ArticleKey next_key() const { return next_key_; }
    [[nodiscard]] schema::ArticleKey key_step() const { return key_step_; }
    [[nodiscard]] const Xapian::WritableDatabase& database() const { return index_.db; }

    IndexSummary settle(const std::set<std::string>& hashes, bool compare_every_article) {
        summary_ = {};
        suspects_ = hashes;
        all_suspect_ = compare_every_article;
        open_other_shards();
        begin_batch();
        std::set<std::string> settled = hashes;
        if (compare_every_article) {
            const std::string prefix(schema::kContentHashPrefix);
            std::vector<std::string> shared;
            for (auto term = index_.db.allterms_begin(prefix); term != index_.db.allterms_end(prefix); ++term) {
                if (others_.get_termfreq(*term) > 0) shared.push_back((*term).substr(prefix.size()));
            }
            for (const std::string& hash : shared) {
                yield_to_earlier_shard(hash);
                settled.insert(hash);
            }
        }
        promote_orphaned_duplicates();
        for (const std::string& hash : settled) point_duplicates_at_article(hash);
        recount_text_copies();
        index_.db.set_metadata(std::string(schema::kMetaUnsettled), {});
        end_batch();
        return finish();
    }

    void record_text_copies(Xapian::doccount copies) {
        const std::string key(schema::kMetaTextCopies);
        if (index_.db.get_metadata(key) == std::to_string(copies)) return;
        index_.db.set_metadata(key, std::to_string(copies));
        commit_and_fingerprint();
    }

    void set_key_plan(schema::ArticleKey next_key, schema::ArticleKey key_step) {
        next_key_ = next_key;
        key_step_ = key_step;
        index_.db.set_metadata(std::string(schema::kMetaNextArticleKey), std::to_string(next_key_));
        index_.db.set_metadata(std::string(schema::kMetaKeyStep), std::to_string(key_step_));
        commit_and_fingerprint();
    }

    // In one transaction: a kill leaves the old keys or the new ones.
    void renumber_articles(schema::ArticleKey first_key, schema::ArticleKey key_step) {
        next_key_ = first_key;
        key_step_ = key_step;
        index_.db.begin_transaction(true);
        const std::string kind = schema::kind_term(schema::kKindArticle);
        std::vector<Xapian::docid> articles;
        for (auto posting = index_.db.postlist_begin(kind); posting != index_.db.postlist_end(kind); ++posting) {
            articles.push_back(*posting);
        }
        for (const Xapian::docid docid : articles) {
            Xapian::Document document = index_.db.get_document(docid);
            const std::string old_key = document.get_value(schema::kSlotArticleId);
            if (!old_key.empty()) document.remove_term(std::string(schema::kArticleKeyPrefix) + old_key);
            document.add_boolean_term(schema::article_key_term(next_key_));
            document.add_value(schema::kSlotArticleId, std::to_string(next_key_));
            next_key_ += key_step_;
            index_.db.replace_document(docid, document);
        }
        index_.db.set_metadata(std::string(schema::kMetaNextArticleKey), std::to_string(next_key_));
        index_.db.set_metadata(std::string(schema::kMetaKeyStep), std::to_string(key_step_));
        index_.db.set_metadata(std::string(schema::kMetaUnsettled), "1");
        index_.db.commit_transaction();
        database_folder::record_fingerprint(options_.db_path);
    }

private:
    IndexSummary finish() {
        summary_.articles_in_database = count_articles(index_.db) - stored_text_copies();
        // What is on disk now is news-index's own work: a later change to
        // these files is damage (database_folder::changed_since_recorded).
        database_folder::record_fingerprint(options_.db_path);
        summary_.seconds = elapsed();
        summary_.analysis = index_.analysis;
        return summary_;
    }

    void commit_and_fingerprint() {
        index_.db.commit();
        database_folder::record_fingerprint(options_.db_path);
    }

    // A read-only view of the other shards as they are committed now.  A
    // shard not created yet holds nothing.
    void open_other_shards() {
        if (!place_) return;
        others_ = Xapian::Database();
        other_places_.clear();
        for (size_t i = 0; i < place_->shard_paths.size(); ++i) {
            if (i == place_->index) continue;
            try {
                others_.add_database(Xapian::Database(place_->shard_paths[i]));
                other_places_.push_back(i);
            } catch (const Xapian::DatabaseOpeningError&) {
            }
        }
    }

    struct OtherArticle {
        std::string path;
        size_t shard = 0;
    };

    // The article of another shard with these bytes, the earliest shard's
    // should a kill have left more (not the file at `except`: one file
    // indexed in two shards is settled by the walk).
    std::optional<OtherArticle> other_article_with_hash(const std::string& content_hash,
                                                        const std::string& except = {}) const {
        if (other_places_.empty() || content_hash.empty()) return std::nullopt;
        const std::string term = schema::content_hash_term(content_hash);
        std::optional<OtherArticle> earliest;
        for (auto posting = others_.postlist_begin(term); posting != others_.postlist_end(term); ++posting) {
            // Xapian interleaves the docids of the databases it combines.
            const size_t shard = other_places_[(*posting - 1) % other_places_.size()];
            if (earliest && earliest->shard <= shard) continue;
            const Xapian::Document document = others_.get_document(*posting);
            if (document.get_value(schema::kSlotArticleId).empty()) continue;  // a duplicate record
            std::string path = document.get_value(schema::kSlotPath);
            if (path != except) earliest = OtherArticle{std::move(path), shard};
        }
        return earliest;
    }

    // The article with these bytes: this shard's, or another's.
    std::optional<std::string> article_anywhere(const std::string& content_hash) const {
        if (const std::string* local = catalog_.article_with_hash(content_hash)) return *local;
        if (std::optional<OtherArticle> other = other_article_with_hash(content_hash)) return other->path;
        return std::nullopt;
    }

    // Of two articles with the same bytes in two shards, the earlier
    // shard's stays; this one becomes its duplicate (the file indexed in
    // both: it goes from this one).
    void yield_to_earlier_shard(const std::string& content_hash) {
        const std::string* local = catalog_.article_with_hash(content_hash);
        if (local == nullptr) return;
        const std::string path = *local;
        const std::optional<OtherArticle> other = other_article_with_hash(content_hash);
        if (!other || other->shard > place_->index) return;
        const CatalogEntry entry = *catalog_.find(path);
        if (other->path == path) {
            remove_gone(path);
            return;
        }
        record_duplicate(FileStamp{path, entry.mtime_ns, entry.size, content_hash, entry.ctime_ns}, other->path);
    }

    // The duplicates of these bytes in this shard name the article that
    // stands now.
    void point_duplicates_at_article(const std::string& content_hash) {
        const std::optional<std::string> article = article_anywhere(content_hash);
        if (!article) return;
        const std::string term = schema::content_hash_term(content_hash);
        std::vector<std::string> stale;
        for (auto posting = index_.db.postlist_begin(term); posting != index_.db.postlist_end(term); ++posting) {
            const Xapian::Document document = index_.db.get_document(*posting);
            const std::string path = document.get_value(schema::kSlotPath);
            const CatalogEntry* entry = catalog_.find(path);
            if (entry != nullptr && entry->duplicate &&
                ArticleRecord::parse(document.get_data()).duplicate_of != *article) {
                stale.push_back(path);
            }
        }
        for (const std::string& path : stale) {
            const CatalogEntry entry = *catalog_.find(path);
            const FileStamp stamp{path, entry.mtime_ns, entry.size, content_hash, entry.ctime_ns};
            index_.db.replace_document(entry.docid, DocumentBuilder::build_duplicate(stamp, *article));
            count_change();
        }
    }

    // A duplicate without an article in its own shard: its article is in
    // another, unless those bytes lost their article in this run (here, or
    // in the shards settled with `suspects_`); only those are looked up.
    bool may_be_orphan(const std::string& content_hash) const {
        if (!place_) return true;
        if (!all_suspect_ && !hashes_left_.contains(content_hash) && !suspects_.contains(content_hash)) return false;
        return !other_article_with_hash(content_hash);
    }

    // An article's bytes are about to have no article here.
    void article_leaves(const CatalogEntry& entry) {
        if (!place_ || entry.duplicate || entry.content_hash.empty()) return;
        // Recorded with the change, so a kill before the settling leaves it
        // for the next run.
        if (hashes_left_.insert(entry.content_hash).second) {
            index_.db.set_metadata(std::string(schema::kMetaHashLeftPrefix) + entry.content_hash, "1");
        }
    }

    double elapsed() const { return std::chrono::duration<double>(Clock::now() - started_).count(); }

    void report_progress() {
        progress_.seconds = elapsed();
        progress_.articles_written = summary_.counts.added + summary_.counts.changed;
        observer_.progress(progress_);
    }

    void skip(const std::string& where, const std::string& reason) {
        summary_.counts.skipped++;
        summary_.skips_by_kind[skip_kind(reason)]++;
        observer_.skipped(where, reason);
    }

    // Each batch is one transaction: a kill leaves the database as of the
    // last batch.
    void begin_batch() {
        index_.db.begin_transaction(true);
        batch_changes_ = 0;
    }
    void end_batch() {
        spelling_.write_to(index_.db);
        index_.db.set_metadata(std::string(schema::kMetaNextArticleKey), std::to_string(next_key_));
        if (key_step_ != 1) index_.db.set_metadata(std::string(schema::kMetaKeyStep), std::to_string(key_step_));
        index_.db.commit_transaction();
    }
    // The count of articles that repeat another's text, for the summary's
    // "holds N articles": recounted when any article came or went, or when
    // it was never recorded.
    void recount_text_copies() {
        const std::string key(schema::kMetaTextCopies);
        if (!articles_changed_ && !index_.db.get_metadata(key).empty()) return;
        index_.db.set_metadata(key, std::to_string(count_text_copies(index_.db)));
    }

    Xapian::doccount stored_text_copies() const {
        const std::string text = index_.db.get_metadata(std::string(schema::kMetaTextCopies));
        Xapian::doccount copies = 0;
        std::from_chars(text.data(), text.data() + text.size(), copies);
        return copies;
    }

    // "dump.jsonl//17": the article's key as its unique id spells it.
    std::string article_place(Xapian::docid docid) const { return article_place(index_.db.get_document(docid)); }
    static std::string article_place(const Xapian::Document& document) {
        const std::string record = document.get_value(schema::kSlotRecord);
        return document.get_value(schema::kSlotPath) + (record.empty() ? "" : "//" + record);
    }

    // A new article whose text an indexed one has: both stay, shown as one
    // result.  The frequency is known without flushing what this batch
    // wrote; the postings are read only for a copy.
    // Returns where that one is, or nothing.
    // Another shard's article counts too: news-query folds them alike.
    std::optional<std::string> text_copied_from(const std::string& digest) {
        if (digest.empty()) return std::nullopt;
        if (index_.db.get_termfreq(schema::text_hash_term(digest)) != 0) {
            const std::vector<Xapian::docid> same = articles_with_text(index_.db, digest);
            if (!same.empty()) return article_place(same.front());
        }
        if (other_places_.empty() || others_.get_termfreq(schema::text_hash_term(digest)) == 0) return std::nullopt;
        const std::vector<Xapian::docid> same = articles_with_text(others_, digest);
        if (same.empty()) return std::nullopt;
        return article_place(others_.get_document(same.front()));
    }

    static std::string same_text_as(const std::string& original) {
        return "same text as " + original + " (one result in searches)";
    }

    void count_change() {
        if (++batch_changes_ >= options_.batch_articles) {
            end_batch();
            begin_batch();
        }
    }

    // With the file's documents goes any mark that writing them was cut short.
    void remove_documents(const std::string& path, const CatalogEntry& entry) {
        if (!entry.duplicate) articles_changed_ = true;
        article_leaves(entry);
        for (const Xapian::docid docid : entry.docids()) {
            forget_spelling(docid);
            index_.db.delete_document(docid);
        }
        if (!entry.more_records.empty()) index_.db.set_metadata(schema::unfinished_file_key(path), {});
    }

    // Before an article's document is deleted or written over.  The words
    // counted so far go in first: the article may be one of them.
    void forget_spelling(Xapian::docid docid) {
        if (!with_spelling_) return;
        spelling_.write_to(index_.db);
        remove_article_spelling(index_.db, docid, analyzer_);
    }

    unsigned threads() const {
        return options_.threads != 0 ? options_.threads : std::thread::hardware_concurrency();
    }

    // A rebuild (--force) is built on the side, so the old database answers
    // queries until the new one replaces it; so is a new database of many
    // files, on every core.
    bool should_build_anew(const WalkResult& walk) const {
        if (options_.force) return true;
        uint64_t bytes_to_read = 0;
        for (const FoundFile& file : walk.files) bytes_to_read += expected_read_bytes(file.path, file.size);
        return threads() > 1 &&
               (walk.files.size() >= options_.parallel_min_files || bytes_to_read >= options_.parallel_min_bytes) &&
               catalog_.entries().empty() && index_.db.get_doccount() == 0;
    }

    void build_anew(const WalkResult& walk) {
        ParallelBuildOptions build;
        build.db_path = options_.db_path;
        build.readers = options_.readers;
        build.analysis = index_.analysis;
        build.spelling = with_spelling_;
        build.threads = std::max(1U, threads());
        build.segment_files = std::max<size_t>(1, options_.segment_files);
        build.first_key = next_key_;
        build.key_step = key_step_;
        next_key_ += static_cast<schema::ArticleKey>(walk.files.size() * key_step_);
        build.metadata[std::string(schema::kMetaSchemaVersion)] = std::to_string(schema::kSchemaVersion);
        build.metadata[std::string(schema::kMetaAnalysis)] = index_.analysis.serialise();
        build.metadata[std::string(schema::kMetaSpelling)] = with_spelling_ ? "1" : "0";
        build.metadata[std::string(schema::kMetaNextArticleKey)] = std::to_string(next_key_);
        if (key_step_ != 1) build.metadata[std::string(schema::kMetaKeyStep)] = std::to_string(key_step_);
        if (place_) build.metadata[std::string(schema::kMetaUnsettled)] = "1";

        // The database stays open, and so locked against other writers,
        // while the merge replaces its files; then it is opened afresh.  It
        // must have nothing left to write, or closing it would write the
        // old database's version file over the merged one: a new database's
        // stamp is dropped (readers see no news-search database until the
        // merged one arrives, and say it is being built), the new one's
        // comes with the segments.
        discard_uncommitted(index_.db);
        ParallelBuild built = build_segments_and_merge(walk.files, build, observer_, [this](const IndexProgress& p) {
            progress_ = p;
            observer_.progress(progress_);
        });
        index_.db.close();
        index_ = open_writable_index(options_.db_path, std::nullopt, false, options_.lock_wait);
        summary_.counts = built.counts;
        summary_.skips_by_kind = built.skips_by_kind;
        // The workers could not see each other's articles: copies of one
        // text are told apart now, the first in the walk being the original.
        for (const std::vector<Xapian::docid>& same : text_copy_sets(index_.db)) {
            const std::string original = article_place(same.front());
            for (size_t i = 1; i < same.size(); ++i) observer_.note(article_place(same[i]) + ": " + same_text_as(original));
            summary_.counts.added -= same.size() - 1;
            summary_.counts.duplicates += same.size() - 1;
        }
        next_key_ = built.next_key;
        // A shard's duplicates across shards are settled next, from its catalogue.
        if (place_) catalog_ = IndexCatalog::load(index_.db);
    }

    void remove_gone_files(const WalkResult& walk) {
        // Folders that could not be read this time (not those that are
        // gone): what is under them is kept.
        std::vector<std::string> unreadable;
        for (const auto& [skipped, reason] : walk.skipped) {
            std::string root = absolute_path(skipped);
            if (std::find(walk.gone_roots.begin(), walk.gone_roots.end(), root) == walk.gone_roots.end()) {
                unreadable.push_back(std::move(root));
            }
        }
        auto unsure = [&](const std::string& path) {
            return std::any_of(unreadable.begin(), unreadable.end(),
                               [&](const std::string& root) { return path_is_under(path, root); });
        };
        auto in_scope = [&](const std::string& path) {
            for (const auto* roots : {&walk.roots, &walk.gone_roots}) {
                for (const std::string& root : *roots) {
                    if (path_is_under(path, root)) return true;
                }
            }
            return false;
        };
        std::vector<std::string> gone;
        for (const auto& [path, entry] : catalog_.entries()) {
            if (walk_rank_.contains(path)) continue;
            if (in_scope(path) && !unsure(path)) gone.push_back(path);
        }
        std::sort(gone.begin(), gone.end());
        for (const std::string& path : gone) remove_gone(path);
    }

    void remove_gone(const std::string& path) {
        const CatalogEntry& entry = *catalog_.find(path);
        remove_documents(path, entry);
        summary_.counts.removed += entry.docids().size();  // a file of many: each of its articles
        catalog_.erase(path);
        observer_.indexed(path, "removed");
        count_change();
    }

    // Whether nothing is at `path` any more (not: a link left unfollowed,
    // a file that cannot be read now).
    bool file_is_gone(const std::string& path) const {
        return names_nothing(stat_file(path, walk_options_));
    }

    static bool names_nothing(const FileLookup& lookup) {
        return !lookup.file && lookup.reason == std::strerror(ENOENT);
    }

    // The file as this run's walk found it, or nothing when it was not walked.
    const FoundFile* walked_file(const std::string& path) const {
        const auto it = walk_rank_.find(path);
        return it == walk_rank_.end() ? nullptr : &(*walked_)[it->second];
    }

    // Where a path comes in this run's walk; files not walked come after.
    size_t walk_rank(const std::string& path) const {
        const auto it = walk_rank_.find(path);
        return it == walk_rank_.end() ? walk_rank_.size() : it->second;
    }

    // Of files with the same bytes, the article is the one met first in the
    // walk, as in a fresh build; the others are duplicates of it.  History
    // can leave another copy as the article: one indexed before the earlier
    // copy appeared, or one whose file has gone from outside the folders
    // walked now (a folder renamed: `mv A B; news-index B`).  A gone article
    // is removed (its duplicates are then promoted in walk order), as are
    // gone copies of an article walked now; a later article gives its place
    // to the earliest copy.
    void settle_which_copy_is_the_article() {
        struct Choice {
            std::string article;
            std::string first_copy;
        };
        std::unordered_map<std::string, Choice> by_hash;  // only the sets that need a change
        std::vector<std::string> gone_articles;
        std::vector<std::string> gone_copies;
        for (const auto& [path, entry] : catalog_.entries()) {
            if (!entry.duplicate) continue;
            const std::string* article = catalog_.article_with_hash(entry.content_hash);
            if (article == nullptr) continue;  // an orphan: promoted later
            if (!walk_rank_.contains(path)) {
                // A copy left outside the walk when its folder moved.
                if (walk_rank_.contains(*article) && file_is_gone(path)) gone_copies.push_back(path);
                continue;
            }
            if (!walk_rank_.contains(*article)) {
                if (file_is_gone(*article)) gone_articles.push_back(*article);
                continue;
            }
            if (walk_rank(path) > walk_rank(*article)) continue;
            Choice& choice = by_hash.try_emplace(entry.content_hash, Choice{*article, path}).first->second;
            if (walk_rank(path) < walk_rank(choice.first_copy)) choice.first_copy = path;
        }
        std::sort(gone_articles.begin(), gone_articles.end());
        gone_articles.erase(std::unique(gone_articles.begin(), gone_articles.end()), gone_articles.end());
        for (const std::string& path : gone_articles) remove_gone(path);
        std::sort(gone_copies.begin(), gone_copies.end());
        for (const std::string& path : gone_copies) remove_gone(path);

        std::vector<Choice> swaps;
        for (auto& [hash, choice] : by_hash) swaps.push_back(std::move(choice));
        std::sort(swaps.begin(), swaps.end(),
                  [&](const Choice& a, const Choice& b) { return walk_rank(a.first_copy) < walk_rank(b.first_copy); });
        for (const Choice& swap : swaps) make_article(swap.first_copy, swap.article);
    }

    // Indexes `copy` as the article in place of `article`, which becomes a
    // duplicate of it, as do the set's other duplicates.
    void make_article(const std::string& copy, const std::string& article) {
        const FoundFile* walked = walked_file(copy);
        if (walked == nullptr) return;
        const ReadFile read = read_stamped_file(*walked);
        const CatalogEntry* old = catalog_.find(article);
        if (!read.refusal.empty() || old == nullptr || read.stamp.content_hash != old->content_hash) return;
        const std::string hash = old->content_hash;
        const FileStamp old_stamp{article, old->mtime_ns, old->size, hash, old->ctime_ns};
        record_duplicate(old_stamp, copy);
        summary_.counts.duplicates--;  // not a new duplicate: a copy that changed places
        index_file(read.stamp, read.bytes, Why::kFirstCopy);
        std::vector<std::string> others;
        for (const auto& [path, entry] : catalog_.entries()) {
            if (entry.duplicate && entry.content_hash == hash && path != article) others.push_back(path);
        }
        for (const std::string& path : others) {
            const CatalogEntry entry = *catalog_.find(path);
            const FileStamp stamp{path, entry.mtime_ns, entry.size, hash, entry.ctime_ns};
            index_.db.replace_document(entry.docid, DocumentBuilder::build_duplicate(stamp, copy));
            count_change();
        }
    }

    void ignore(const std::string& where, const std::string& what) {
        summary_.counts.ignored++;
        observer_.note(where + ": " + what);
    }

    void process(const FoundFile& file) {
        if (!has_reader_for(file.path)) {
            ignore(file.path, "not an article file (no reader for this extension)");
            return;
        }
        const CatalogEntry* known = catalog_.find(file.path);
        if (known != nullptr && !options_.force && known->mtime_ns == file.mtime_ns &&
            known->size == file.size && (known->ctime_ns == 0 || known->ctime_ns == file.ctime_ns)) {
            summary_.counts.unchanged += known->docids().size();
            return;
        }
        ReadFile read = read_stamped_file(file);
        if (!read.refusal.empty()) {
            // Keep what was indexed unless the file is too large now: an
            // unreadable file may be back next time.
            if (read.refusal.starts_with("too large")) forget(file.path);
            skip(file.path, read.refusal);
            return;
        }
        summary_.counts.bytes_read += read.bytes.size();
        const FileStamp& stamp = read.stamp;

        if (known != nullptr && !options_.force && known->content_hash == stamp.content_hash) {
            // Touched, not changed: remember the new stamp so the next run
            // needs only a stat.
            for (const Xapian::docid docid : known->docids()) {
                Xapian::Document document = index_.db.get_document(docid);
                DocumentBuilder::apply_stamp(document, stamp);
                index_.db.replace_document(docid, document);
            }
            CatalogEntry entry = *known;
            entry.mtime_ns = stamp.mtime_ns;
            entry.ctime_ns = stamp.ctime_ns;
            entry.size = stamp.size;
            summary_.counts.unchanged += entry.docids().size();
            catalog_.put(file.path, entry);
            count_change();
            return;
        }
        if (known != nullptr) article_leaves(*known);
        index_file(stamp, read.bytes, known != nullptr ? Why::kChanged : Why::kNew);
    }

    enum class Why { kNew, kChanged, kPromoted, kFirstCopy };

    void index_file(const FileStamp& stamp, const std::string& bytes, Why why) {
        if (const std::string* original = catalog_.article_with_hash(stamp.content_hash);
            original != nullptr && *original != stamp.path && choose_reader(stamp.path, bytes).reader != nullptr) {
            if (walk_rank_.contains(*original) || !file_is_gone(*original)) {
                record_duplicate(stamp, *original);
                return;
            }
            // Gone from outside the folders walked (`mv A B; news-index B`):
            // this copy is the article now.
            remove_gone(std::string(*original));
        } else if (original == nullptr) {
            if (const std::optional<OtherArticle> other = other_article_with_hash(stamp.content_hash, stamp.path);
                other && choose_reader(stamp.path, bytes).reader != nullptr) {
                record_duplicate(stamp, other->path);
                return;
            }
        }
        // Each article written as the reader hands it over.
        class WritingSink final : public ReadSink {
        public:
            WritingSink(IndexRun& run, FileWrite& file) : run_(run), file_(file) {}
            void article(Article article) override { run_.write_article(file_, article); }
            void problem(ReadProblem problem) override { run_.skip(problem.where, problem.reason); }
            void passed_over(PassedOver what) override { run_.ignore(what.where, what.what); }
            void note(ReadProblem note) override { run_.observer_.note(note.where + ": " + note.reason); }

        private:
            IndexRun& run_;
            FileWrite& file_;
        };
        FileWrite file(stamp);
        begin_file(file, catalog_.find(stamp.path));
        WritingSink sink(*this, file);
        if (const std::string refusal = stream_article_file(stamp.path, bytes, options_.readers, sink);
            !refusal.empty()) {
            skip(stamp.path, refusal);
        }
        if (file.articles == 0) {
            if (file.marked_unfinished) index_.db.set_metadata(schema::unfinished_file_key(stamp.path), {});
            forget(stamp.path);
            return;
        }
        const RecordChanges changes = finish_file(file);
        const size_t articles = file.articles;
        // A file that is one article and a copy of another's text is told as
        // the duplicate it is; a file of many names its records that are.
        if (articles == 1 && file.one_plain_article && changes.copies.size() == 1) {
            summary_.counts.duplicates++;
            observer_.indexed(stamp.path, same_text_as(changes.copies.front().second));
            count_change();
            return;
        }
        for (const auto& [record, original] : changes.copies) {
            observer_.note(stamp.path + "//" + record + ": " + same_text_as(original));
        }
        std::string how_many;
        if (articles > 1 || !file.one_plain_article) {
            how_many = " (" + std::to_string(articles) + (articles == 1 ? " article" : " articles");
            if (why == Why::kChanged) {
                how_many += ": " + std::to_string(changes.added) + " new, " + std::to_string(changes.changed) +
                            " changed, " + std::to_string(changes.removed) + " removed";
            }
            how_many += ")";
        }
        switch (why) {
            case Why::kNew:
                summary_.counts.added += articles - changes.copies.size();
                summary_.counts.duplicates += changes.copies.size();
                observer_.indexed(stamp.path, "new" + how_many);
                break;
            case Why::kChanged:
                summary_.counts.added += changes.added;
                summary_.counts.duplicates += changes.copies.size();
                summary_.counts.changed += changes.changed;
                summary_.counts.unchanged += changes.unchanged;
                summary_.counts.removed += changes.removed;
                observer_.indexed(stamp.path, "changed" + how_many);
                break;
            case Why::kPromoted:
                observer_.indexed(stamp.path, "indexed in place of its removed or changed original");
                break;
            case Why::kFirstCopy:
                observer_.indexed(stamp.path, "indexed as the first of its copies in the walk");
                break;
        }
        count_change();
    }

    struct RecordChanges {
        size_t added = 0;
        size_t changed = 0;
        size_t unchanged = 0;
        size_t removed = 0;
        // New articles with the text of another, not counted in `added`:
        // each record's key and where that text is already.
        std::vector<std::pair<std::string, std::string>> copies;
    };

    // Writes a file's articles, as its reader finds them, in place of what
    // the catalogue knew of it.  An article keeps the document and key of
    // the one it replaces: the file's one article, or the record with the
    // same key.  A record read as before (same fingerprint) is left as it
    // is, with the file's new stamp; records no longer there are deleted.  A
    // duplicate that becomes an article gets a new key.  A file of up to a
    // batch of articles is written in the caller's batch; a larger one
    // commits every batch (one transaction of 100,000 articles took twice
    // the CPU and 400 MB) and is marked unfinished from its first commit to
    // its last, so that a kill in between leaves a file the next run reads
    // again, keeping the articles it finds written.  Articles are never held
    // all at once: a dump of a million records costs one batch of memory.
    struct FileWrite {
        explicit FileWrite(const FileStamp& file) : stamp(file) {}
        const FileStamp& stamp;
        std::unordered_map<std::string, RecordDocument> before;
        Xapian::docid free_docid = 0;  // a duplicate's document, reused for the first article
        CatalogEntry entry{0, false, 0, stamp.mtime_ns, stamp.size, stamp.content_hash, stamp.ctime_ns, {}, {}, {}};
        RecordChanges changes;
        size_t articles = 0;
        bool one_plain_article = false;  // the first article is the whole file (no record key)
        bool marked_unfinished = false;
        size_t written_in_batch = 0;
    };

    void begin_file(FileWrite& file, const CatalogEntry* known) {
        if (known == nullptr) return;
        if (known->duplicate) file.free_docid = known->docid;
        for (RecordDocument& old : known->articles()) file.before.emplace(old.record, std::move(old));
    }

    void write_article(FileWrite& file, const Article& article) {
        const FileStamp& stamp = file.stamp;
        if (file.articles++ == 0) file.one_plain_article = article.record.empty();
        RecordChanges& changes = file.changes;
        RecordDocument place;
        place.record = article.record;
        const auto old = file.before.find(article.record);
        if (old != file.before.end()) {
            place = old->second;
            file.before.erase(old);
        }
        const std::string fingerprint = article.record.empty() ? std::string() : article_fingerprint(article);
        if (!fingerprint.empty() && place.docid != 0 && place.record_hash == fingerprint) {
            Xapian::Document document = index_.db.get_document(place.docid);
            DocumentBuilder::apply_stamp(document, stamp);
            index_.db.replace_document(place.docid, document);
            changes.unchanged++;
        } else {
            ArticleDocument built = builder_.build(article, stamp);
            if (place.docid != 0) {
                changes.changed++;
            } else {
                if (std::optional<std::string> original = text_copied_from(built.text_digest)) {
                    changes.copies.emplace_back(article.record, std::move(*original));
                } else {
                    changes.added++;
                }
                place.article_key = std::exchange(next_key_, next_key_ + key_step_);
                place.docid = std::exchange(file.free_docid, 0);
            }
            if (place.docid != 0) forget_spelling(place.docid);
            place.docid = store_article(index_.db, built, place.article_key, place.docid);
            spelling_.add(built.spelling_words);
            place.record_hash = fingerprint;
            summary_.counts.passages += built.passages;
            articles_changed_ = true;
        }
        if (file.entry.docid == 0) {
            file.entry.docid = place.docid;
            file.entry.article_key = place.article_key;
            file.entry.record = place.record;
            file.entry.record_hash = place.record_hash;
        } else {
            file.entry.more_records.push_back(std::move(place));
        }
        if (++file.written_in_batch >= options_.batch_articles) {
            if (!file.marked_unfinished) {
                index_.db.set_metadata(schema::unfinished_file_key(stamp.path), stamp.path);
                file.marked_unfinished = true;
            }
            end_batch();
            begin_batch();
            file.written_in_batch = 0;
        }
    }

    RecordChanges finish_file(FileWrite& file) {
        RecordChanges& changes = file.changes;
        for (const auto& [record, gone] : file.before) {
            forget_spelling(gone.docid);
            index_.db.delete_document(gone.docid);
            changes.removed++;
            articles_changed_ = true;
        }
        if (file.free_docid != 0) index_.db.delete_document(file.free_docid);
        if (file.marked_unfinished) index_.db.set_metadata(schema::unfinished_file_key(file.stamp.path), {});
        // The file stands in the catalogue by its lowest docid, as a
        // reload would order it.
        CatalogEntry& entry = file.entry;
        std::vector<RecordDocument> all = entry.articles();
        std::sort(all.begin(), all.end(),
                  [](const RecordDocument& a, const RecordDocument& b) { return a.docid < b.docid; });
        entry.docid = all.front().docid;
        entry.article_key = all.front().article_key;
        entry.record = all.front().record;
        entry.record_hash = all.front().record_hash;
        entry.more_records.assign(all.begin() + 1, all.end());
        catalog_.put(file.stamp.path, entry);
        return changes;
    }

    void record_duplicate(const FileStamp& stamp, const std::string& original_path) {
        Xapian::Document document = DocumentBuilder::build_duplicate(stamp, original_path);
        CatalogEntry entry{0, true, 0, stamp.mtime_ns, stamp.size, stamp.content_hash, stamp.ctime_ns, {}, {}, {}};
        if (const CatalogEntry* known = catalog_.find(stamp.path)) {
            if (!known->duplicate) articles_changed_ = true;
            article_leaves(*known);
            entry.docid = known->docid;
            for (const Xapian::docid docid : known->docids()) forget_spelling(docid);
            index_.db.replace_document(entry.docid, document);
            for (const RecordDocument& record : known->more_records) index_.db.delete_document(record.docid);
            if (!known->more_records.empty()) index_.db.set_metadata(schema::unfinished_file_key(stamp.path), {});
        } else {
            entry.docid = index_.db.add_document(document);
        }
        catalog_.put(stamp.path, entry);
        summary_.counts.duplicates++;
        observer_.indexed(stamp.path, "duplicate of " + original_path);
        count_change();
    }

    // The file is still there but no longer yields an article.
    void forget(const std::string& path) {
        if (const CatalogEntry* known = catalog_.find(path)) {
            remove_documents(path, *known);
            catalog_.erase(path);
            count_change();
        }
    }

    // A duplicate whose original was removed or changed becomes the article.
    void promote_orphaned_duplicates() {
        std::vector<std::string> orphans;
        for (const auto& [path, entry] : catalog_.entries()) {
            if (entry.duplicate && catalog_.article_with_hash(entry.content_hash) == nullptr &&
                may_be_orphan(entry.content_hash)) {
                orphans.push_back(path);
            }
        }
        // The first copy in the walk becomes the article, as in a fresh build.
        std::sort(orphans.begin(), orphans.end(), [&](const std::string& a, const std::string& b) {
            return std::pair(walk_rank(a), a) < std::pair(walk_rank(b), b);
        });
        for (const std::string& path : orphans) {
            const CatalogEntry* entry = catalog_.find(path);
            if (entry == nullptr || !entry->duplicate) continue;  // promoted meanwhile
            // Walked this run, or outside its folders: looked at as the walk would.
            const FoundFile* walked = walked_file(path);
            const FileLookup lookup =
                walked != nullptr ? FileLookup{*walked, {}} : stat_file(path, walk_options_);
            if (!lookup.file) {
                if (names_nothing(lookup)) {
                    remove_gone(path);  // outside the folders walked, and gone too
                } else {
                    skip(path, lookup.reason);
                }
                continue;
            }
            const ReadFile read = read_stamped_file(*lookup.file);
            if (!read.refusal.empty()) {
                skip(path, read.refusal);
                continue;
            }
            index_file(read.stamp, read.bytes, Why::kPromoted);
        }
    }

    const IndexOptions& options_;
    const std::optional<ShardPlace> place_;  // set for a shard of a sharded database
    const WalkOptions walk_options_{options_.follow_symlinks};
    IndexObserver& observer_;
    WritableIndex index_;
    DiscardOnUnwind discard_on_unwind_;
    Analyzer analyzer_;
    bool with_spelling_;
    DocumentBuilder builder_;
    SpellingTally spelling_;  // this batch's articles' words, added when it ends
    IndexCatalog catalog_;
    // This run's walk, so a duplicate promoted in its original's place is
    // read as the walk found it.
    const std::vector<FoundFile>* walked_ = nullptr;
    IndexSummary summary_;
    IndexProgress progress_;
    schema::ArticleKey next_key_;
    schema::ArticleKey key_step_;  // a shard of N hands out every Nth key
    Xapian::Database others_;  // the other shards, read-only, as committed when this shard's turn began
    std::vector<size_t> other_places_;  // their places in the stub, in others_' order
    std::set<std::string> hashes_left_;
    std::set<std::string> suspects_;  // bytes whose article left a shard in this run
    bool all_suspect_ = false;        // every duplicate's article is looked for (a shard unsettled)
    bool built_anew_ = false;
    std::unordered_map<std::string, size_t> walk_rank_;  // path -> position in this run's walk
    size_t batch_changes_ = 0;
    bool articles_changed_ = false;  // since the articles' lengths were recorded
    Clock::time_point started_ = Clock::now();
};

ShardRun::ShardRun(const IndexOptions& options, IndexObserver& observer, ShardPlace place)
    : run_(std::make_unique<IndexRun>(options, observer, std::move(place))) {}
ShardRun::ShardRun(ShardRun&&) noexcept = default;
ShardRun::~ShardRun() = default;
const IndexCatalog& ShardRun::catalog() const { return run_->catalog(); }
IndexSummary ShardRun::update(const WalkResult& share) { return run_->update(share); }
bool ShardRun::built_anew() const { return run_->built_anew(); }
bool ShardRun::unsettled() const { return run_->unsettled(); }
bool ShardRun::articles_changed() const { return run_->articles_changed(); }
std::set<std::string> ShardRun::hashes_left() const { return run_->hashes_left(); }
void ShardRun::forget_hashes_left() { run_->forget_hashes_left(); }
IndexSummary ShardRun::settle(const std::set<std::string>& hashes, bool compare_every_article) {
    return run_->settle(hashes, compare_every_article);
}
void ShardRun::record_text_copies(Xapian::doccount copies) { run_->record_text_copies(copies); }
void ShardRun::set_key_plan(schema::ArticleKey next_key, schema::ArticleKey key_step) {
    run_->set_key_plan(next_key, key_step);
}
void ShardRun::renumber_articles(schema::ArticleKey first_key, schema::ArticleKey key_step) {
    run_->renumber_articles(first_key, key_step);
}
schema::ArticleKey ShardRun::next_key() const { return run_->next_key(); }
schema::ArticleKey ShardRun::key_step() const { return run_->key_step(); }
const Xapian::WritableDatabase& ShardRun::database() const { return run_->database(); }

IndexSummary run_plain_indexer(const IndexOptions& options, IndexObserver& observer) {
    return IndexRun(options, observer).run();
}

}  // namespace news
