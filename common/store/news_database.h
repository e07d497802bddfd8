// Opening a news-search database, with the checks and messages both tools
// need: does it exist, is it ours, which analysis built it.
#pragma once

#include "store/errors.h"
#include "text/analysis.h"

#include <xapian.h>

#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace news {

// Where the tools look when --db is not given: $NEWS_SEARCH_DB, else
// "news.db" in the current folder.
std::string default_database_path();

// What a database opened for reading is made of.
struct DatabaseShards {
    size_t count = 1;     // one database, or a stub's shards
    bool remote = false;  // some are served by xapian-tcpsrv
    // Over remote shards, each shard's own handle, in the stub's order
    // (read_documents).
    std::vector<Xapian::Database> each;
};

struct ReadableIndex {
    Xapian::Database db;
    AnalysisSettings analysis;
    DatabaseShards shards;
};

// `path` is a database folder, a sharded database's folder (holding the
// stub XAPIANDB) or a stub file naming shards, local or remote
// (store/stub_database.h).  Throws UserError naming the path (and how to
// build the database) when it is missing, is not a news-search database,
// cannot be opened, or names a remote shard that does not answer.
ReadableIndex open_readable_index(const std::string& path);

// The documents `ids` name in `db`, opened with `shards`.  Xapian reads a
// remote document in an exchange of its own (0.3 ms on loopback), one after
// another, and Xapian 1.4's MSet::fetch() does not batch them; so over
// remote shards each shard's documents are read by a thread of its own,
// side by side.  Else they are read from `db` as asked.
std::vector<Xapian::Document> read_documents(const Xapian::Database& db, const DatabaseShards& shards,
                                             const std::vector<Xapian::docid>& ids);

struct WritableIndex {
    Xapian::WritableDatabase db;
    AnalysisSettings analysis;
};

// How long to wait when another process holds the database's write lock
// (a second news-index), and whom to tell that we wait.
struct LockWait {
    double seconds = 0;  // 0: refuse at once
    // Called once, with a message for the user, when the wait begins.
    std::function<void(const std::string& message)> on_wait;
};

// Creates the database if needed, in a new or empty folder only
// (database_folder::claim_for_writing).  `language` unset keeps the
// database's language; set and different, it is refused unless `rebuild`.
// With `rebuild` the database is opened as it is, to hold the write lock
// and answer queries while its replacement is built, and the analysis
// returned is the one to build with.  Without it, a database whose files
// were damaged since news-index last wrote them is refused.  A database
// locked by another writer is retried for `lock_wait.seconds`, then
// refused with a UserError.
WritableIndex open_writable_index(const std::string& path, const std::optional<std::string>& language,
                                  bool rebuild, const LockWait& lock_wait = {});

// Calls `try_lock` until it returns true (it took the lock), for at most
// `lock_wait.seconds`, telling `lock_wait.on_wait` once that it waits; then
// throws the UserError a writer gives when another holds the database.
void retry_while_locked(const std::string& path, const LockWait& lock_wait, const std::function<bool()>& try_lock);

// The failed system call behind a Xapian error ("No space left on device"),
// or nothing when no system call failed (a file cut short: damage).  When a
// write fails inside a commit, Xapian 1.4 reports it wrapped in "Modifications
// failed (... (No space left on device)), and couldn't open at the old
// revision" with no errno, so the message is searched too.
std::optional<std::string> failed_system_call(const Xapian::Error& error);

// Xapian's word for a failed write ("No space left on device") as one line
// naming the database: "cannot write database 'X': No space left on device".
std::string write_failure_message(const std::string& path, const Xapian::Error& error);

// The same line for a write that failed with errno `error_number`.
std::string write_failure_message(const std::string& path, int error_number);

// Whether errno `error_number` is one a failed write of a database gives: a
// full disk or quota, a file size limit, a read-only or failing disk.
bool is_write_failure_errno(int error_number);

// What a writer tells the user when Xapian fails with `error`: a failed
// write ("cannot write database 'X': No space left on device", then
// `after_write_failure`), or, when no system call failed, a database cut
// short or overwritten, and how to rebuild it.
UserError writer_error(const std::string& path, const Xapian::DatabaseError& error,
                       const std::string& after_write_failure = "");

// Xapian commits a WritableDatabase's pending changes when it is destroyed;
// after this, it drops them instead.
void discard_uncommitted(Xapian::WritableDatabase& db);

// Declared after the database it names, this guard turns that into a
// discard when an exception unwinds past it: a batch cut off half-way is
// never committed, and a database whose commit has just failed is not
// written again (on a full disk Xapian 1.4 can std::terminate in that
// second commit).  Explicit commits are unaffected.
class DiscardOnUnwind {
public:
    explicit DiscardOnUnwind(Xapian::WritableDatabase& db) : db_(db), exceptions_(std::uncaught_exceptions()) {}
    DiscardOnUnwind(const DiscardOnUnwind&) = delete;
    DiscardOnUnwind& operator=(const DiscardOnUnwind&) = delete;
    ~DiscardOnUnwind();

private:
    Xapian::WritableDatabase& db_;
    int exceptions_;
};

// Number of articles (not passages) in the database.  Over remote shards
// (`shards`) each is asked side by side, as read_documents does: Xapian
// asks one after another, an exchange each.
Xapian::doccount count_articles(const Xapian::Database& db, const DatabaseShards& shards = {});

}  // namespace news
