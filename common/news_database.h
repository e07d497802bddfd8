// Opening a news-search database, with the checks and messages both tools
// need: does it exist, is it ours, which analysis built it.
#pragma once

#include "analysis.h"

#include <xapian.h>

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

// Creates the database if needed.  `language` unset keeps the database's
// language; set and different, it is refused unless `overwrite` rebuilds.
WritableIndex open_writable_index(const std::string& path, const std::optional<std::string>& language,
                                  bool overwrite);

// Number of articles (not passages) in the database.
Xapian::doccount count_articles(const Xapian::Database& db);

}  // namespace news
