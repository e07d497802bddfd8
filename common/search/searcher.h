// news-query's engine: ranks passages for a query.  It knows nothing of
// terminals or JSON; printers format what it returns.
#pragma once

#include "search/search_options.h"
#include "search/search_results.h"
#include "store/news_database.h"
#include "text/analysis.h"

#include <xapian.h>

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace news {

class Searcher {
public:
    explicit Searcher(ReadableIndex index);

    // Throws UserError for a query that cannot be parsed.
    SearchResults search(const SearchOptions& options);

    [[nodiscard]] const Analyzer& analyzer() const { return analyzer_; }

private:
    SearchResults search_once(const SearchOptions& options);

    Xapian::Database db_;
    DatabaseShards shards_;
    Analyzer analyzer_;
};

}  // namespace news
