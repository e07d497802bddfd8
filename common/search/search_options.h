// What a search is asked for: news-query's options as the searcher takes
// them, and the names their values are given by on the command line.
#pragma once

#include "search/date_range.h"

#include <xapian.h>

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace news {

// The most results, and passages per article, that can be asked for: Xapian
// counts documents in 32 bits.
inline constexpr size_t kMaxResults = std::numeric_limits<Xapian::doccount>::max();

// --sort: by relevance, or by the article's moment (schema.h kSlotTime),
// ties broken by relevance.  Articles without a date come last either way.
enum class SortOrder { kRelevance, kNewest, kOldest };
// --facets: the fields counted over every matching article.
enum class FacetField { kSource, kSection, kAuthor, kLanguage, kYear, kMonth, kDay };
// --timeline: the period of its bars; kAuto picks one from the span.
enum class TimelinePeriod { kNone, kAuto, kDay, kWeek, kMonth, kYear };

// Each parses an option's value, throwing UserError that names the option
// and lists the values it takes.
SortOrder parse_sort_order(std::string_view name);
std::vector<FacetField> parse_facet_fields(std::string_view comma_separated);
TimelinePeriod parse_timeline_period(std::string_view name);
bool is_timeline_period(std::string_view name);
std::string_view facet_name(FacetField field);

struct SearchOptions {
    std::string query;
    size_t count = 10;
    size_t offset = 0;
    size_t per_article = 1;     // passages shown per article
    bool all_passages = false;  // rank passages alone, not grouped by article
    bool any = false;           // rank by any of the words; do not prefer all
    bool explain = false;       // say how the query was read and each hit scored (search/explain.h)
    DateRange dates;            // --since/--until, anded with any date: of the query
    // The day relative dates count back from (7d, yesterday); the clock's
    // day in UTC when unset.
    std::optional<long long> today;
    SortOrder sort = SortOrder::kRelevance;
    std::vector<FacetField> facets;
    TimelinePeriod timeline = TimelinePeriod::kNone;
    bool count_only = false;  // no hits: the count, facets and timeline only
    size_t top_words = 0;     // the words that set the best matches apart
    // Copies of a text and versions of a story are shown as one hit;
    // false (--no-fold) lists each on its own.
    bool fold = true;
    // --like: rank by the words of this article (search/more_like_this.h
    // find_article names the forms), itself and its versions left out.
    std::string like;
};

}  // namespace news
