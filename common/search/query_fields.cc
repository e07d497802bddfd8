#include "search/query_fields.h"

#include "search/date_counts.h"

#include <algorithm>

namespace news {

Xapian::Query date_range_query(const DateRange& range, const Xapian::Database& db) {
    const std::optional<long long> lowest = day_from_key(db.get_value_lower_bound(schema::kSlotDate));
    const std::optional<long long> highest = day_from_key(db.get_value_upper_bound(schema::kSlotDate));
    if (!lowest || !highest) return Xapian::Query::MatchNothing;
    const long long first = std::max(range.first_day.value_or(*lowest), *lowest);
    const long long last = std::min(range.last_day.value_or(*highest), *highest);
    const std::vector<std::string> terms = date_range_terms(first, last);
    if (terms.empty()) return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace news
