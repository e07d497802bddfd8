#include "store/news_database.h"

#include "store/database_folder.h"
#include "store/errors.h"
#include "store/schema.h"
#include "store/stub_database.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <future>
#include <iterator>
#include <string>
#include <thread>

namespace news {
namespace {

// What a reader is told when the folder holds no articles yet, when a
// build is running or was stopped, or nothing when no build was seen.
std::optional<UserError> why_no_articles_yet(const std::string& path) {
    if (database_folder::writer_active(path)) {
        return UserError("database '" + path + "' is being built by news-index and holds no articles yet; " +
                         "try again when news-index has finished");
    }
    if (database_folder::build_left_behind(path)) {
        return UserError("database '" + path + "' is empty: the news-index run building it stopped before " +
                         "it finished; run news-index again to build it");
    }
    return std::nullopt;
}

UserError missing_table_error(const std::string& path, const std::string& table) {
    return UserError("database '" + path + "' is damaged: its file " + table + " is missing; rebuild it with " +
                     "news-index --force");
}

bool is_permission_denied(const Xapian::Error& error) {
    const char* system_error = error.get_error_string();
    return system_error != nullptr && std::strcmp(system_error, std::strerror(EACCES)) == 0;
}

// What a news-search database says of itself, in its (first shard's)
// metadata.
struct StoredMetadata {
    std::string schema_version;
    std::string analysis;
};

StoredMetadata read_stored_metadata(const Xapian::Database& db) {
    return {db.get_metadata(std::string(schema::kMetaSchemaVersion)), db.get_metadata(std::string(schema::kMetaAnalysis))};
}

AnalysisSettings stored_analysis(const Xapian::Database& db, const StoredMetadata& stored, const std::string& path) {
    const std::string& version = stored.schema_version;
    if (version.empty() && db.get_doccount() == 0) {
        // What a reader sees between news-index creating the folder and its
        // first commit, and what a foreign empty database looks like.
        if (std::optional<UserError> why = why_no_articles_yet(path)) throw *why;
        throw UserError("database '" + path + "' is empty (news-index may be creating it); build it with: " +
                        "news-index --db " + path + " FOLDER");
    }
    if (version.empty()) {
        throw UserError("'" + path + "' is a Xapian database but not one news-index wrote");
    }
    if (version != std::to_string(schema::kSchemaVersion)) {
        throw UserError("'" + path + "' has index schema " + version + ", this version reads " +
                        std::to_string(schema::kSchemaVersion) + "; rebuild it with news-index --force");
    }
    try {
        return AnalysisSettings::parse(stored.analysis);
    } catch (const std::invalid_argument& e) {
        throw UserError("'" + path + "': " + e.what());
    }
}

}  // namespace

std::string default_database_path() {
    if (const char* env = std::getenv("NEWS_SEARCH_DB"); env != nullptr && *env != '\0') return env;
    return "news.db";
}

// Whether news-index is building the database at `path` now, or one of
// its shards when it is a sharded database's folder.
bool being_built(const std::string& path) {
    if (database_folder::build_in_progress(path)) return true;
    const std::optional<std::string> stub = stub_database::stub_file_of(path);
    if (!stub) return false;
    try {
        for (const stub_database::Shard& shard : stub_database::read_shards(*stub)) {
            if (!shard.remote() && database_folder::build_in_progress(stub_database::shard_path(*stub, shard))) {
                return true;
            }
        }
    } catch (const UserError&) {
        return false;
    }
    return false;
}

// A build swaps a new database's files in under the readers
// (database_folder::replace_database_files), a shard's as well; a reader
// arriving in those milliseconds retries.
Xapian::Database open_during_swap(const std::string& path) {
    constexpr int kAttempts = 50;
    for (int attempt = 1;; ++attempt) {
        try {
            return Xapian::Database(path);
        } catch (const Xapian::DatabaseError&) {
            if (attempt == kAttempts || !being_built(path)) throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
}

namespace {

// A file given as --db must be a stub naming shards in Xapian's words.
bool looks_like_stub(const std::vector<stub_database::Shard>& shards) {
    if (shards.empty()) return false;
    for (const stub_database::Shard& shard : shards) {
        if (shard.backend != "auto" && shard.backend != "glass" && shard.backend != "chert" &&
            shard.backend != "remote" && shard.backend != "inmemory") {
            return false;
        }
    }
    return true;
}

// The database of one line of a stub, as Xapian's stub reader opens it.
Xapian::Database open_shard(const std::string& stub_file, const stub_database::Shard& shard) {
    if (!shard.remote()) return Xapian::Database(stub_database::shard_path(stub_file, shard));
    const std::string& target = shard.target;
    if (!target.empty() && target.front() == ':') {  // ":PROGRAM ARGS": a server started over a pipe
        const auto space = target.find(' ');
        return Xapian::Remote::open(target.substr(1, space == std::string::npos ? std::string::npos : space - 1),
                                    space == std::string::npos ? std::string() : target.substr(space + 1));
    }
    const auto colon = target.rfind(':');
    if (colon == std::string::npos) throw UserError("stub database '" + stub_file + "': remote shard '" + target +
                                                    "' names no port (remote HOST:PORT)");
    std::string host = target.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    const unsigned port = static_cast<unsigned>(std::strtoul(target.c_str() + colon + 1, nullptr, 10));
    return Xapian::Remote::open(host, port);
}

// A stub naming remote shards, opened with every shard at once: each
// xapian-tcpsrv forks and opens its database for the connection (3-4 ms),
// which Xapian's stub reader waits for shard after shard.  The first
// shard's metadata (the database's) is read as soon as it is open, while
// the others still open.  The shards are joined in the stub's order, so
// documents are numbered as Xapian numbers them.
Xapian::Database open_remote_stub(const std::string& stub_file, const std::vector<stub_database::Shard>& shards,
                                  std::vector<Xapian::Database>& each, StoredMetadata& stored) {
    std::vector<std::future<Xapian::Database>> opening;
    opening.reserve(shards.size());
    for (const stub_database::Shard& shard : shards) {
        const bool first = opening.empty();
        opening.push_back(std::async(std::launch::async, [&stub_file, &shard, &stored, first] {
            Xapian::Database db = open_shard(stub_file, shard);
            if (first) stored = read_stored_metadata(db);
            return db;
        }));
    }
    Xapian::Database all;
    std::exception_ptr failure;
    for (size_t i = 0; i < opening.size(); ++i) {
        try {
            each.push_back(opening[i].get());
            all.add_database(each.back());
        } catch (const Xapian::NetworkError& e) {
            const char* why = e.get_error_string();
            if (!failure) {
                failure = std::make_exception_ptr(UserError(
                    "database '" + stub_file + "': remote shard " + shards[i].target + " does not answer (" +
                    e.get_msg() + (why != nullptr ? std::string(": ") + why : std::string()) + ")"));
            }
        } catch (...) {
            if (!failure) failure = std::current_exception();
        }
    }
    if (failure) std::rethrow_exception(failure);
    return all;
}

// The tables of each local database the path stands for.
std::optional<std::string> first_missing_table(const std::string& path, const std::optional<std::string>& stub,
                                               const std::vector<stub_database::Shard>& shards) {
    if (!stub) return database_folder::missing_table(path);
    for (const stub_database::Shard& shard : shards) {
        if (shard.remote()) continue;
        const std::string shard_folder = stub_database::shard_path(*stub, shard);
        // A shard without articles (a few files in many shards) may lack
        // tables as a database without articles may.
        if (std::optional<std::string> missing = database_folder::missing_table(shard_folder);
            missing && count_articles(Xapian::Database(shard_folder)) > 0) {
            return shard_folder + "/" + *missing;
        }
    }
    return std::nullopt;
}

}  // namespace

ReadableIndex open_readable_index(const std::string& given_path) {
    const std::string path = database_folder::without_trailing_slashes(given_path);
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
        if (error.value() == EACCES) throw UserError("permission denied: cannot read database '" + path + "'");
        throw UserError("no database at '" + path + "'; build one with: news-index --db " + path +
                        " FOLDER");
    }
    const std::optional<std::string> stub = stub_database::stub_file_of(path);
    const std::vector<stub_database::Shard> shards =
        stub ? stub_database::read_shards(*stub) : std::vector<stub_database::Shard>{};
    const bool is_folder = std::filesystem::is_directory(path, error);
    if (!is_folder && !looks_like_stub(shards)) {
        throw UserError("'" + path + "' is not a database (it is a file, not a folder, and not a stub " +
                        "database file naming shards)");
    }
    if (stub && shards.empty()) throw UserError("stub database '" + *stub + "' names no shards");
    if (is_folder && ::access(path.c_str(), R_OK | X_OK) != 0 && errno == EACCES) {
        throw UserError("permission denied: cannot read database '" + path + "'");
    }
    DatabaseShards layout;
    if (stub) {
        layout.count = shards.size();
        layout.remote = std::any_of(shards.begin(), shards.end(),
                                    [](const stub_database::Shard& shard) { return shard.remote(); });
    }
    try {
        StoredMetadata stored;
        Xapian::Database db =
            layout.remote ? open_remote_stub(*stub, shards, layout.each, stored) : open_during_swap(path);
        if (!layout.remote) stored = read_stored_metadata(db);
        AnalysisSettings analysis = stored_analysis(db, stored, path);
        // Tables are created as they are first needed: a database without
        // articles may lack some.
        if (const std::optional<std::string> missing = first_missing_table(path, stub, shards);
            missing && count_articles(db) > 0) {
            throw missing_table_error(path, *missing);
        }
        return {std::move(db), std::move(analysis), layout};
    } catch (const Xapian::NetworkError& e) {
        throw UserError("database '" + path + "': a remote shard does not answer (" + e.get_msg() + ")");
    } catch (const Xapian::DatabaseError& e) {
        if (is_permission_denied(e)) {
            throw UserError("permission denied: cannot read database '" + path + "' (" + e.get_msg() + ")");
        }
        try {
            throw;
        } catch (const Xapian::DatabaseNotFoundError&) {
            // A folder without the database's files: not a database, or one
            // news-index is creating right now.
            if (std::optional<UserError> why = why_no_articles_yet(path)) throw *why;
            throw UserError("'" + path + "' holds no database yet (news-index may be creating it): " + e.get_msg());
        } catch (const Xapian::DatabaseOpeningError&) {
            throw UserError("cannot open database '" + path + "': " + e.get_msg());
        } catch (const Xapian::DatabaseCorruptError&) {
            throw UserError("database '" + path + "' is damaged (" + e.get_msg() +
                            "); rebuild it with news-index --force");
        }
    } catch (const Xapian::FeatureUnavailableError& e) {
        // Glass reads a missing table file as a database built without it.
        throw UserError("database '" + path + "' is damaged: a file of it is missing (" + e.get_msg() +
                        "); rebuild it with news-index --force");
    }
}

namespace {

// A database news-index has not written to yet, stamped with the schema
// and the analysis it will be built with (committed with the first batch).
WritableIndex stamped_new_database(Xapian::WritableDatabase db, const std::optional<std::string>& wanted) {
    AnalysisSettings analysis;
    if (wanted) analysis.language = *wanted;
    db.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
    db.set_metadata(std::string(schema::kMetaAnalysis), analysis.serialise());
    return {std::move(db), std::move(analysis)};
}

// A database too damaged to open can answer no query: a rebuild starts
// from an empty one in its place.
WritableIndex open_damaged_for_rebuild(const std::string& path, const std::optional<std::string>& wanted) {
    return stamped_new_database(Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OVERWRITE), wanted);
}

// Thrown when another writer holds the database: the caller waits.
bool held_by_another_writer(const Xapian::DatabaseLockError& error) {
    return error.get_msg().find("already locked") != std::string::npos;
}

// Refuses to add to a database whose files changed since news-index last
// committed to them, when Xapian's check finds them damaged: adding to it
// would build on the damage.  A change without damage is a commit whose
// fingerprint a kill or a full disk kept from being recorded.
void refuse_if_damaged(const std::string& path) {
    const std::optional<std::string> changed = database_folder::changed_since_recorded(path);
    if (!changed || *changed == "no fingerprint") return;
    if (const std::optional<std::string> damage = database_folder::find_damage(path)) {
        throw UserError("database '" + path + "' is damaged (" + *changed + " changed since news-index last " +
                        "wrote it: " + *damage + "); rebuild it with: news-index --force --db " + path + " FOLDER...");
    }
}

WritableIndex open_writable_once(const std::string& path, const std::optional<std::string>& wanted,
                                 bool rebuild) {
    try {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
        const std::string version = db.get_metadata(std::string(schema::kMetaSchemaVersion));
        const bool fresh = db.get_doccount() == 0 && version.empty();
        if (!fresh && version.empty()) {
            throw UserError("'" + path + "' is a Xapian database but not one news-index wrote; news-index " +
                            "neither adds to it nor replaces it");
        }
        if (fresh) return stamped_new_database(std::move(db), wanted);
        if (rebuild) {
            // Opened only to hold the write lock and to go on answering
            // queries until the new database replaces it: its schema and
            // state do not matter, its language is kept unless another is
            // asked for.
            AnalysisSettings analysis;
            try {
                analysis = stored_analysis(db, read_stored_metadata(db), path);
            } catch (const UserError&) {
            }
            if (wanted) analysis.language = *wanted;
            return {std::move(db), std::move(analysis)};
        }
        refuse_if_damaged(path);
        AnalysisSettings analysis = stored_analysis(db, read_stored_metadata(db), path);
        if (wanted && *wanted != analysis.language) {
            throw UserError("database '" + path + "' was built for " + analysis.language +
                            ", not " + *wanted + "; add --force to rebuild it");
        }
        return {std::move(db), std::move(analysis)};
    } catch (const Xapian::DatabaseLockError& e) {
        if (held_by_another_writer(e)) throw;  // the caller waits and tries again
        if (::access((path + "/flintlock").c_str(), W_OK) != 0 && errno == EACCES) {
            throw UserError("permission denied: cannot write database '" + path + "'");
        }
        throw UserError("cannot lock database '" + path + "' for writing: " + e.get_msg());
    } catch (const Xapian::DatabaseCorruptError& e) {
        if (rebuild) return open_damaged_for_rebuild(path, wanted);
        throw UserError("database '" + path + "' is damaged (" + e.get_msg() + "); rebuild it with: " +
                        "news-index --force --db " + path + " FOLDER...");
    } catch (const Xapian::DatabaseError& e) {
        if (is_permission_denied(e)) {
            throw UserError("permission denied: cannot write database '" + path + "' (" + e.get_msg() + ")");
        }
        const std::optional<std::string> missing = database_folder::missing_table(path);
        if ((missing || !failed_system_call(e)) && rebuild) return open_damaged_for_rebuild(path, wanted);
        if (missing) throw missing_table_error(path, *missing);
        try {
            throw;
        } catch (const Xapian::DatabaseOpeningError&) {
            throw UserError("cannot open database '" + path + "' for writing: " + e.get_msg());
        } catch (const Xapian::DatabaseError&) {
            // Creating or stamping a database on a full disk lands here.
            throw writer_error(path, e);
        }
    }
}

std::string format_seconds(double seconds) {
    char text[32];
    std::snprintf(text, sizeof text, "%g s", seconds);
    return text;
}

}  // namespace

WritableIndex open_writable_index(const std::string& path, const std::optional<std::string>& language,
                                  bool rebuild, const LockWait& lock_wait) {
    std::optional<std::string> wanted;
    try {
        if (language) wanted = canonical_language(*language);
    } catch (const std::invalid_argument& e) {
        throw UserError(e.what());
    }
    database_folder::claim_for_writing(path);
    std::optional<WritableIndex> opened;
    retry_while_locked(path, lock_wait, [&] {
        try {
            opened = open_writable_once(path, wanted, rebuild);
            return true;
        } catch (const Xapian::DatabaseLockError&) {
            return false;
        }
    });
    return std::move(*opened);
}

void retry_while_locked(const std::string& path, const LockWait& lock_wait, const std::function<bool()>& try_lock) {
    using Clock = std::chrono::steady_clock;
    const double limit = std::max(0.0, lock_wait.seconds);
    const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                             std::chrono::duration<double>(limit));
    auto pause = std::chrono::milliseconds(50);
    bool told = false;
    while (!try_lock()) {
        const auto now = Clock::now();
        if (now >= deadline) {
            if (limit <= 0) {
                throw UserError("database '" + path + "' is being written by another process (news-index " +
                                "already running?); try again when it has finished");
            }
            throw UserError("database '" + path + "' is still being written by another process after " +
                            format_seconds(limit) + "; try again when it has finished, or wait longer " +
                            "with --lock-timeout SECONDS");
        }
        if (!told && lock_wait.on_wait) {
            lock_wait.on_wait("database '" + path + "' is being written by another process (news-index " +
                              "already running?); waiting up to " + format_seconds(limit) +
                              " for it to finish (--lock-timeout)");
        }
        told = true;
        std::this_thread::sleep_for(std::min<Clock::duration>(pause, deadline - now));
        pause = std::min(pause * 2, std::chrono::milliseconds(500));
    }
}

namespace {

constexpr int kWriteFailureErrnos[] = {ENOSPC, EDQUOT, EFBIG, EROFS, EIO};

}  // namespace

bool is_write_failure_errno(int error_number) {
    return std::find(std::begin(kWriteFailureErrnos), std::end(kWriteFailureErrnos), error_number) !=
           std::end(kWriteFailureErrnos);
}

std::optional<std::string> failed_system_call(const Xapian::Error& error) {
    const char* system_error = error.get_error_string();
    if (system_error != nullptr && *system_error != '\0') return std::string(system_error);
    const std::string& message = error.get_msg();
    for (const int write_errno : kWriteFailureErrnos) {
        const std::string reason = std::strerror(write_errno);
        if (message.find("(" + reason + ")") != std::string::npos) return reason;
    }
    return std::nullopt;
}

std::string write_failure_message(const std::string& path, const Xapian::Error& error) {
    // The reason is strerror(errno) when a system call failed ("No space
    // left on device", "File too large"), and the detail says which block.
    // A reason found inside the message comes with Xapian's internal account
    // of the failed commit, which tells the user nothing more.
    const std::string why = failed_system_call(error).value_or(error.get_msg());
    std::string message = "cannot write database '" + path + "': " + why;
    const char* system_error = error.get_error_string();
    const bool reported_by_errno = system_error != nullptr && *system_error != '\0';
    if (reported_by_errno && !error.get_msg().empty()) message += " (" + error.get_msg() + ")";
    return message;
}

std::string write_failure_message(const std::string& path, int error_number) {
    return "cannot write database '" + path + "': " + std::strerror(error_number);
}

UserError writer_error(const std::string& path, const Xapian::DatabaseError& error,
                       const std::string& after_write_failure) {
    if (!failed_system_call(error)) {
        // No failed system call: a file of the database is cut short or
        // overwritten ("EOF reading block 4").
        return UserError("database '" + path + "' is damaged or unreadable (" + error.get_msg() +
                         "); rebuild it with news-index --force");
    }
    return UserError(write_failure_message(path, error) + after_write_failure);
}

DiscardOnUnwind::~DiscardOnUnwind() {
    if (std::uncaught_exceptions() <= exceptions_) return;
    discard_uncommitted(db_);
}

void discard_uncommitted(Xapian::WritableDatabase& db) {
    try {
        // The destructor cancels an open transaction instead of committing;
        // an unflushed one writes nothing as it begins.
        db.begin_transaction(false);
    } catch (const Xapian::Error&) {
        // One is open already: it will be cancelled all the same.
    }
}

Xapian::doccount count_articles(const Xapian::Database& db, const DatabaseShards& shards) {
    const std::string articles = schema::kind_term(schema::kKindArticle);
    if (!shards.remote || shards.each.size() < 2) return db.get_termfreq(articles);
    std::vector<std::future<Xapian::doccount>> counting;
    for (const Xapian::Database& shard : shards.each) {
        counting.push_back(std::async(std::launch::async, [&shard, &articles] { return shard.get_termfreq(articles); }));
    }
    Xapian::doccount sum = 0;
    for (std::future<Xapian::doccount>& shard_count : counting) sum += shard_count.get();
    return sum;
}

std::vector<Xapian::Document> read_documents(const Xapian::Database& db, const DatabaseShards& shards,
                                             const std::vector<Xapian::docid>& ids) {
    std::vector<Xapian::Document> documents(ids.size());
    const size_t count = shards.each.size();
    if (!shards.remote || count < 2) {
        for (size_t i = 0; i < ids.size(); ++i) documents[i] = db.get_document(ids[i]);
        return documents;
    }
    // Xapian numbers the documents of joined databases in turn: the
    // shard's own number times their count, plus the shard's place.
    std::vector<std::vector<size_t>> by_shard(count);
    for (size_t i = 0; i < ids.size(); ++i) by_shard[(ids[i] - 1) % count].push_back(i);
    // A thread touches only its shard's handle, and the documents it makes
    // share only that shard's (not thread-safe) reference counts.
    std::vector<std::future<void>> reading;
    for (size_t shard = 0; shard < count; ++shard) {
        if (by_shard[shard].empty()) continue;
        reading.push_back(std::async(std::launch::async, [&, shard] {
            for (const size_t i : by_shard[shard]) {
                documents[i] = shards.each[shard].get_document(static_cast<Xapian::docid>((ids[i] - 1) / count + 1));
            }
        }));
    }
    for (std::future<void>& shard_read : reading) shard_read.get();
    return documents;
}

}  // namespace news
