// news-query's engine: ranks passages for a query.  It knows nothing of
// terminals or JSON; printers format what it returns.
#pragma once

#include "search/search_results.h"
#include "store/news_database.h"
#include "text/analysis.h"

#include <xapian.h>

#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace news {

// The most results, and passages per article, that can be asked for: Xapian
// counts documents in 32 bits.
inline constexpr size_t kMaxResults = std::numeric_limits<Xapian::doccount>::max();

struct SearchOptions {
    std::string query;
    size_t count = 10;
    size_t offset = 0;
    size_t per_article = 1;     // passages shown per article
    bool all_passages = false;  // rank passages alone, not grouped by article
    bool any = false;           // rank by any of the words; do not prefer all
};

class Searcher {
public:
    explicit Searcher(ReadableIndex index);

    // Throws UserError for a query that cannot be parsed.
    SearchResults search(const SearchOptions& options);

    [[nodiscard]] const Analyzer& analyzer() const { return analyzer_; }

private:
    SearchResults search_once(const SearchOptions& options);

    Xapian::Database db_;
    Analyzer analyzer_;
};

// Whether the query is plain keywords (no quotes, brackets, +/-, or
// upper-case boolean operators): only those are relaxed to "some words".
bool is_plain_keyword_query(const std::string& query);

}  // namespace news
