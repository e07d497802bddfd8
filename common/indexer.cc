#include "indexer.h"

#include "article_reader.h"
#include "content_hash.h"
#include "document_builder.h"
#include "errors.h"
#include "file_walker.h"
#include "index_catalog.h"
#include "news_database.h"
#include "schema.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unordered_set>

namespace news {
namespace {

using Clock = std::chrono::steady_clock;

// Larger files are not news articles; reading one whole would only cost memory.
constexpr uint64_t kMaxFileBytes = 256ULL * 1024 * 1024;

std::string skip_kind(const std::string& reason) {
    if (reason == "empty file") return "empty";
    if (reason.starts_with("binary")) return "binary";
    if (reason.starts_with("too large")) return "too large";
    if (reason.starts_with("no text")) return "no text";
    if (reason.starts_with("a FIFO") || reason.starts_with("a socket") || reason.starts_with("a device") ||
        reason.starts_with("not a regular")) {
        return "not a regular file";
    }
    if (reason.starts_with("link loop") || reason.starts_with("broken link")) return "link";
    return "unreadable";
}

std::optional<std::string> read_file(const std::string& path, std::string& reason) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        reason = std::string("cannot open: ") + std::strerror(errno);
        return std::nullopt;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad()) {
        reason = "read error";
        return std::nullopt;
    }
    return std::move(bytes).str();
}

class IndexRun {
public:
    IndexRun(const IndexOptions& options, IndexObserver& observer)
        : options_(options),
          observer_(observer),
          index_(open_writable_index(options.db_path, options.language, options.force)),
          analyzer_(index_.analysis),
          builder_(analyzer_),
          catalog_(IndexCatalog::load(index_.db)) {}

    IndexSummary run() {
        const WalkResult walk = walk_inputs(options_.inputs, {options_.follow_symlinks});
        for (const auto& [path, reason] : walk.skipped) skip(path, reason);
        for (const auto& link : walk.links_not_followed) {
            observer_.note("not following symbolic link " + link + " (use --follow-symlinks)");
        }
        progress_.files_total = walk.files.size();
        for (const FoundFile& file : walk.files) progress_.bytes_total += file.size;

        begin_batch();
        remove_gone_files(walk);
        for (const FoundFile& file : walk.files) {
            process(file);
            progress_.files_done++;
            progress_.bytes_done += file.size;
            report_progress();
        }
        promote_orphaned_duplicates();
        end_batch();

        summary_.articles_in_database = count_articles(index_.db);
        summary_.seconds = elapsed();
        summary_.analysis = index_.analysis;
        return summary_;
    }

private:
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
    // last batch, never an article without its passages.
    void begin_batch() {
        index_.db.begin_transaction(true);
        batch_changes_ = 0;
    }
    void end_batch() { index_.db.commit_transaction(); }
    void count_change() {
        if (++batch_changes_ >= options_.batch_articles) {
            end_batch();
            begin_batch();
        }
    }

    void remove_documents(const CatalogEntry& entry) {
        if (!entry.duplicate) index_.db.delete_document(schema::article_link_term(entry.docid));
        index_.db.delete_document(entry.docid);
    }

    void remove_gone_files(const WalkResult& walk) {
        std::unordered_set<std::string> present;
        present.reserve(walk.files.size());
        for (const FoundFile& file : walk.files) present.insert(file.path);
        auto unsure = [&](const std::string& path) {
            // Under a folder that could not be read this time: keep it.
            for (const auto& skipped : walk.skipped) {
                if (path_is_under(path, absolute_path(skipped.first))) return true;
            }
            return false;
        };
        std::vector<std::string> gone;
        for (const auto& [path, entry] : catalog_.entries()) {
            if (present.contains(path)) continue;
            bool in_scope = false;
            for (const std::string& root : walk.roots) in_scope = in_scope || path_is_under(path, root);
            if (in_scope && !unsure(path)) gone.push_back(path);
        }
        std::sort(gone.begin(), gone.end());
        for (const std::string& path : gone) {
            remove_documents(*catalog_.find(path));
            catalog_.erase(path);
            summary_.counts.removed++;
            observer_.indexed(path, "removed");
            count_change();
        }
    }

    void process(const FoundFile& file) {
        if (!has_reader_for(file.path)) {
            summary_.counts.ignored++;
            observer_.note(file.path + ": not an article file (no reader for this extension)");
            return;
        }
        const CatalogEntry* known = catalog_.find(file.path);
        if (known != nullptr && !options_.force && known->mtime_ns == file.mtime_ns &&
            known->size == file.size) {
            summary_.counts.unchanged++;
            return;
        }
        if (file.size > kMaxFileBytes) {
            forget(file.path);
            skip(file.path, "too large (" + std::to_string(file.size >> 20) + " MiB; the limit is " +
                                std::to_string(kMaxFileBytes >> 20) + " MiB)");
            return;
        }
        std::string reason;
        const std::optional<std::string> bytes = read_file(file.path, reason);
        if (!bytes) {
            skip(file.path, reason);  // keep what was indexed: the file may be back next time
            return;
        }
        summary_.counts.bytes_read += bytes->size();
        const FileStamp stamp{file.path, file.mtime_ns, bytes->size(), content_hash(*bytes)};

        if (known != nullptr && !options_.force && known->content_hash == stamp.content_hash) {
            // Touched, not changed: remember the new stamp so the next run
            // needs only a stat.
            Xapian::Document document = index_.db.get_document(known->docid);
            DocumentBuilder::apply_stamp(document, stamp);
            index_.db.replace_document(known->docid, document);
            CatalogEntry entry = *known;
            entry.mtime_ns = stamp.mtime_ns;
            entry.size = stamp.size;
            catalog_.put(file.path, entry);
            summary_.counts.unchanged++;
            count_change();
            return;
        }
        index_file(stamp, *bytes, known != nullptr ? Why::kChanged : Why::kNew);
    }

    enum class Why { kNew, kChanged, kPromoted };

    void index_file(const FileStamp& stamp, const std::string& bytes, Why why) {
        const ReaderChoice choice = choose_reader(stamp.path, bytes);
        if (choice.reader == nullptr) {
            forget(stamp.path);
            skip(stamp.path, choice.refusal);
            return;
        }
        if (const std::string* original = catalog_.article_with_hash(stamp.content_hash);
            original != nullptr && *original != stamp.path) {
            const std::string original_path = *original;
            const Xapian::docid docid = reuse_or_new_docid(stamp.path);
            index_.db.replace_document(docid, DocumentBuilder::build_duplicate(stamp, original_path));
            catalog_.put(stamp.path, {docid, true, stamp.mtime_ns, stamp.size, stamp.content_hash});
            summary_.counts.duplicates++;
            observer_.indexed(stamp.path, "duplicate of " + original_path);
            count_change();
            return;
        }
        ReadResult read = choice.reader->read(stamp.path, bytes);
        for (const ReadProblem& problem : read.problems) skip(problem.where, problem.reason);
        if (read.articles.empty()) {
            forget(stamp.path);
            return;
        }
        // One article per file for now; readers of many-record formats will
        // give each record its own unique id.
        ArticleDocuments documents = builder_.build(read.articles.front(), stamp);
        const CatalogEntry* known = catalog_.find(stamp.path);
        const Xapian::docid docid = known != nullptr ? known->docid : index_.db.get_lastdocid() + 1;
        summary_.counts.passages +=
            store_article(index_.db, documents, docid, known != nullptr && !known->duplicate);
        catalog_.put(stamp.path, {docid, false, stamp.mtime_ns, stamp.size, stamp.content_hash});
        switch (why) {
            case Why::kNew:
                summary_.counts.added++;
                observer_.indexed(stamp.path, "new");
                break;
            case Why::kChanged:
                summary_.counts.changed++;
                observer_.indexed(stamp.path, "changed");
                break;
            case Why::kPromoted:
                observer_.indexed(stamp.path, "indexed in place of its removed or changed original");
                break;
        }
        count_change();
    }

    // A changed file keeps its article docid, so links from elsewhere stay
    // valid; a new one takes the next free docid.
    Xapian::docid reuse_or_new_docid(const std::string& path) {
        if (const CatalogEntry* known = catalog_.find(path)) {
            if (!known->duplicate) index_.db.delete_document(schema::article_link_term(known->docid));
            return known->docid;
        }
        return index_.db.get_lastdocid() + 1;
    }

    // The file is still there but no longer yields an article.
    void forget(const std::string& path) {
        if (const CatalogEntry* known = catalog_.find(path)) {
            remove_documents(*known);
            catalog_.erase(path);
            count_change();
        }
    }

    // A duplicate whose original was removed or changed becomes the article.
    void promote_orphaned_duplicates() {
        std::vector<std::string> orphans;
        for (const auto& [path, entry] : catalog_.entries()) {
            if (entry.duplicate && catalog_.article_with_hash(entry.content_hash) == nullptr) {
                orphans.push_back(path);
            }
        }
        std::sort(orphans.begin(), orphans.end());
        for (const std::string& path : orphans) {
            const CatalogEntry* entry = catalog_.find(path);
            if (entry == nullptr || !entry->duplicate) continue;  // promoted meanwhile
            std::string reason;
            const std::optional<std::string> bytes = read_file(path, reason);
            if (!bytes) {
                skip(path, reason);
                continue;
            }
            const std::optional<FoundFile> found = stat_file(path);
            const int64_t mtime = found ? found->mtime_ns : entry->mtime_ns;
            index_file({path, mtime, bytes->size(), content_hash(*bytes)}, *bytes, Why::kPromoted);
        }
    }

    const IndexOptions& options_;
    IndexObserver& observer_;
    WritableIndex index_;
    Analyzer analyzer_;
    DocumentBuilder builder_;
    IndexCatalog catalog_;
    IndexSummary summary_;
    IndexProgress progress_;
    size_t batch_changes_ = 0;
    Clock::time_point started_ = Clock::now();
};

}  // namespace

IndexSummary run_indexer(const IndexOptions& options, IndexObserver& observer) {
    if (options.inputs.empty()) throw UserError("no folder or file to index was given");
    return IndexRun(options, observer).run();
}

}  // namespace news
