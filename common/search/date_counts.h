// Matching articles per day, summed into the periods of the year/month/day
// facets and of the timeline.  The searcher counts days once (one match spy
// on the date slot); everything else is arithmetic on those counts.
#pragma once

#include "search/date_range.h"
#include "search/search_results.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace news {

// Day number (days since 1970-01-01) to matching articles that day.
using DayCounts = std::map<long long, ArticleCount>;

enum class Period { kDay, kWeek, kMonth, kYear };
std::string_view period_name(Period period);

// The period a day falls in, named as search_results.h says ("2006",
// "2006-10", "2006-10-20"; a week by its Monday).
std::string period_of(long long day, Period period);

// The periods that have articles, in date order, with their counts.
std::vector<ValueCount> counts_by_period(const DayCounts& days, Period period);

// At most this many bars: `auto` picks the shortest period that keeps a
// span within it, and a longer chart is refused.
inline constexpr long long kAutoPeriods = 60;
inline constexpr long long kMaxTimelinePeriods = 5000;

// The finest period that shows [first_day, last_day] in at most kAutoPeriods bars.
Period auto_period(long long first_day, long long last_day);

// Every period from the one holding `first_day` to the one holding
// `last_day`, empty ones included.  Throws UserError past
// kMaxTimelinePeriods periods.
std::vector<ValueCount> timeline_buckets(const DayCounts& days, Period period, long long first_day,
                                         long long last_day);

}  // namespace news
