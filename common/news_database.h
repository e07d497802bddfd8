// Opening a news-search database, with the checks and messages both tools
// need: does it exist, is it ours, which analysis built it.
#pragma once

#include "analysis.h"

#include <xapian.h>

#include <functional>
#include <optional>
#include <string>

namespace news {

// Where the tools look when --db is not given: $NEWS_SEARCH_DB, else
// "news.db" in the current folder.
std::string default_database_path();

struct ReadableIndex {
    Xapian::Database db;
    AnalysisSettings analysis;
};

// Throws UserError naming the path (and how to build the database) when it
// is missing, is not a news-search database, or cannot be opened.
ReadableIndex open_readable_index(const std::string& path);

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

// Creates the database if needed.  `language` unset keeps the database's
// language; set and different, it is refused unless `overwrite` rebuilds.
// A database locked by another writer is retried for `lock_wait.seconds`,
// then refused with a UserError.
WritableIndex open_writable_index(const std::string& path, const std::optional<std::string>& language,
                                  bool overwrite, const LockWait& lock_wait = {});

// Xapian's word for a failed write ("No space left on device") as one line
// naming the database: "cannot write database 'X': No space left on device".
std::string write_failure_message(const std::string& path, const Xapian::Error& error);

// Number of articles (not passages) in the database.
Xapian::doccount count_articles(const Xapian::Database& db);

}  // namespace news
