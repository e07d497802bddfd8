// Dates as a user writes them in a query (date:2010-03..2010-06) and in
// --since/--until, to the days they cover.  Days are counted from
// 1970-01-01 (text/news_date.h: days_from_civil), in the calendar of the
// articles' own dates: the index files each article under the day its
// source wrote (schema.h, kSlotDate).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace news {

// Both ends included; an end left open is unbounded.
struct DateRange {
    std::optional<long long> first_day;
    std::optional<long long> last_day;

    [[nodiscard]] bool bounded() const { return first_day.has_value() || last_day.has_value(); }
};

// Which day of a period a bound stands for: 2010-03 starts a range on
// 2010-03-01 and ends one on 2010-03-31.
enum class RangeEnd { kFirst, kLast };

// One date, as the first or last day of what it names:
//   2015  2015-11  2015-11-13  20151113      a year, a month, a day
//   today  yesterday                          relative to `today`
//   7d  2w  3m  1y                            that many days, weeks, months or years before `today`
// `today` is a day number, so tests can fix it (today_utc() for the clock).
// Throws UserError naming `what` ("--since", "date:2015-13-45") for
// anything else, an impossible date (2015-13-45) included.
long long parse_date_bound(std::string_view text, RangeEnd end, long long today, std::string_view what);

// "A..B", "A..", "..B" or "A" (the whole of A's period) as days.  Throws
// UserError naming `what` for a bad date and for an empty range (2020..2010).
DateRange parse_date_range(std::string_view text, long long today, std::string_view what);

// Throws UserError when `range` is empty ("--since 2020 --until 2010").
void check_not_empty(const DateRange& range, std::string_view what);

// The fewest year, month and day terms (schema.h kYearPrefix...) that
// together cover the days from `first_day` to `last_day`: whole years,
// then whole months, then days at the ends.  Empty when first > last.
std::vector<std::string> date_range_terms(long long first_day, long long last_day);

// Today's day number in UTC, from the clock.
long long today_utc();

// "YYYYMMDD" (the index's date key, schema.h kSlotDate) and "YYYY-MM-DD".
std::string day_key(long long day);
std::string iso_day(long long day);
// The day number of a "YYYYMMDD" key; nothing for anything else.
std::optional<long long> day_from_key(std::string_view key);

}  // namespace news
