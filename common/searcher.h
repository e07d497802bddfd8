// news-query's engine: ranks passages for a query.  It knows nothing of
// terminals or JSON; printers format what it returns.
#pragma once

#include "analysis.h"
#include "article_record.h"
#include "news_database.h"

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

// How an article came to match, best first.
enum class MatchKind {
    kPassage,  // one passage holds the whole query
    kArticle,  // the words are spread over several passages of the article
    kPartial,  // some of the words (only for plain keyword queries)
};
std::string_view to_string(MatchKind kind);

struct PassageHit {
    std::string text;
    unsigned line = 0;
    double score = 0;
    std::vector<std::pair<size_t, size_t>> matches;  // byte ranges [begin, end) in text
};

struct SearchHit {
    size_t rank = 0;  // 1-based, counting from the first result, not the offset
    double score = 0;
    MatchKind match = MatchKind::kPassage;
    uint32_t article_id = 0;  // the article's key (schema::ArticleKey)
    ArticleRecord article;
    std::vector<PassageHit> passages;  // best first
};

struct SearchResults {
    std::vector<SearchHit> hits;
    // Articles (or passages, with all_passages) matching the whole query,
    // and those matching some of its words; counts are exact unless
    // `counts_exact` is false.
    Xapian::doccount matching = 0;
    Xapian::doccount matching_some = 0;
    bool counts_exact = true;
    double seconds = 0;
    // How the query was read where that may surprise ("terror* matches
    // more than 1000 words; ..."): shown to the user, never fatal.
    std::vector<std::string> notes;
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
