// Dates as news files write them, normalised to ISO 8601.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace news {

// The first date written in `text` (its first 200 bytes), as one ISO 8601
// string that sorts by date and keeps the time and zone where given:
//
//   "2006-10-20"                 only a date is given
//   "2006-10-20T18:15:00"        a time without a zone (a local time)
//   "2006-10-20T18:15:00-04:00"  a time and a zone (its offset from UTC)
//   "2006-10-20T18:15:00Z"       a time in UTC (GMT, UTC, UT, Z, +00:00)
//
// Seconds are 00 when not given; fractions of a second are dropped; a
// 12-hour time ("6:15pm") becomes a 24-hour one.  Shapes read (the month
// names in English, full or in three letters, any case, "Sept" too):
//   2006-10-20  2006/10/20  20061020 (alone)       + [T| ]18:15[:00[.79]] [zone]
//   Oct 20, 2006  October 20th 2006  20 October 2006  20-Oct-2006  + [,] [at] time [zone]
//   Mon, 02 Jan 2006 15:04:05 GMT (RFC 822/1123)
//   Mon Jan 02 15:04:05 MST 2006 (Unix date, ctime, Twitter)
// A zone is Z, +hh:mm, +hhmm, +hh, GMT, UTC, UT, GMT+hh[:mm], EST/EDT,
// CST/CDT, MST/MDT, PST/PDT, AKST/AKDT, HST, CET/CEST; another zone name is
// not read (the time is then kept without one).  Two-digit years and
// all-numeric day/month orders (10/20/2006) are not read: they would be
// guesses.
//
// Nothing when the text holds no date, or when the first date it holds is
// impossible (30 February, month 13, hour 25, minute 61, a 13pm, an offset
// past 14 hours): such a date is dropped, never guessed into another.
std::optional<std::string> parse_news_date(std::string_view text);

// "Oct", "October", "OCT", "Sept" -> 10, 10, 10, 9: an English month name,
// full or in three letters, any case; 0 for any other word.
int month_from_name(std::string_view word);

// The sortable "YYYYMMDD" stored in the index, from any form
// parse_news_date returns ("2006-10-20T18:15:00-04:00" -> "20061020": the
// date as written, in its own zone); empty when `iso_date` does not start
// with a YYYY-MM-DD date.
std::string compact_date(std::string_view iso_date);

// The moment an ISO 8601 date from parse_news_date names, in seconds since
// 1970-01-01T00:00:00Z: a time with a zone at that zone's offset, a time
// without one read as UTC, a date without a time at its midnight in UTC.
// Nothing when `iso_date` is not such a string.
std::optional<long long> utc_seconds(std::string_view iso_date);

// Days since 1970-01-01 of a date in the proleptic Gregorian calendar, and
// back (Howard Hinnant's days_from_civil): what date ranges and the
// timeline count in.
long long days_from_civil(int year, int month, int day);
struct CivilDate {
    int year = 1970;
    int month = 1;
    int day = 1;
};
CivilDate civil_from_days(long long days);

}  // namespace news
