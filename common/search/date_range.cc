#include "search/date_range.h"

#include "store/errors.h"
#include "store/schema.h"
#include "text/news_date.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>

namespace news {
namespace {

constexpr std::string_view kForms = "YYYY, YYYY-MM, YYYY-MM-DD, today, yesterday, or Nd, Nw, Nm, Ny ago";
constexpr int kMinYear = 1000;
constexpr int kMaxYear = 2999;

bool all_digits(std::string_view text) {
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

int number(std::string_view digits) {
    int n = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), n);
    return n;
}

int days_in_month(int year, int month) {
    return static_cast<int>(days_from_civil(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) -
                            days_from_civil(year, month, 1));
}

[[noreturn]] void refuse(std::string_view what, std::string_view text, std::string_view why) {
    throw UserError(std::string(what) + ": '" + std::string(text) + "' " + std::string(why));
}

// `count` months before the day `today`, kept in the month when it is shorter
// (2026-03-31 less one month is 2026-02-28).
long long months_before(long long today, long long count) {
    const CivilDate now = civil_from_days(today);
    const long long index = now.year * 12LL + (now.month - 1) - count;
    const int year = static_cast<int>(index / 12);
    const int month = static_cast<int>(index % 12) + 1;
    return days_from_civil(year, month, std::min(now.day, days_in_month(year, month)));
}

std::optional<long long> relative_day(std::string_view text, long long today, std::string_view what) {
    if (text == "today") return today;
    if (text == "yesterday") return today - 1;
    if (text.size() < 2 || !all_digits(text.substr(0, text.size() - 1)) ||
        std::string_view("dwmy").find(text.back()) == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view digits = text.substr(0, text.size() - 1);
    if (digits.size() > 5) refuse(what, text, "reaches too far back (at most 99999 of a unit)");
    const long long count = number(digits);
    switch (text.back()) {
        case 'd': return today - count;
        case 'w': return today - 7 * count;
        case 'm': return months_before(today, count);
        case 'y': return months_before(today, 12 * count);
        default: return std::nullopt;
    }
}

}  // namespace

long long parse_date_bound(std::string_view text, RangeEnd end, long long today, std::string_view what) {
    if (std::optional<long long> day = relative_day(text, today, what)) return *day;
    int year = 0;
    int month = 0;
    int day = 0;
    if (all_digits(text) && text.size() == 8) {  // 20151113
        year = number(text.substr(0, 4));
        month = number(text.substr(4, 2));
        day = number(text.substr(6, 2));
    } else if (text.size() >= 4 && all_digits(text.substr(0, 4)) && (text.size() == 4 || text[4] == '-')) {
        year = number(text.substr(0, 4));
        if (text.size() > 4) {
            const std::string_view rest = text.substr(5);
            const std::string_view month_digits = rest.substr(0, rest.find('-'));
            if (month_digits.size() != 2 || !all_digits(month_digits)) refuse(what, text, "is not a date (" + std::string(kForms) + ")");
            month = number(month_digits);
            if (rest.size() > 2) {
                const std::string_view day_digits = rest.substr(3);
                if (rest[2] != '-' || day_digits.size() != 2 || !all_digits(day_digits)) {
                    refuse(what, text, "is not a date (" + std::string(kForms) + ")");
                }
                day = number(day_digits);
            }
        }
    } else {
        refuse(what, text, "is not a date (" + std::string(kForms) + ")");
    }
    if (year < kMinYear || year > kMaxYear) refuse(what, text, "is not a date: the year must be 1000 to 2999");
    if (month != 0 && (month < 1 || month > 12)) {
        refuse(what, text, "is not a date: there is no month " + std::to_string(month));
    }
    if (day != 0 && (day < 1 || day > days_in_month(year, month))) {
        refuse(what, text, "is not a date: month " + std::to_string(month) + " of " + std::to_string(year) +
                               " has no day " + std::to_string(day));
    }
    if (end == RangeEnd::kFirst) return days_from_civil(year, month == 0 ? 1 : month, day == 0 ? 1 : day);
    const int last_month = month == 0 ? 12 : month;
    return days_from_civil(year, last_month, day == 0 ? days_in_month(year, last_month) : day);
}

void check_not_empty(const DateRange& range, std::string_view what) {
    if (range.first_day && range.last_day && *range.first_day > *range.last_day) {
        throw UserError(std::string(what) + " is an empty range: it starts on " + iso_day(*range.first_day) +
                        ", after it ends on " + iso_day(*range.last_day));
    }
}

DateRange parse_date_range(std::string_view text, long long today, std::string_view what) {
    DateRange range;
    const size_t dots = text.find("..");
    if (dots == std::string_view::npos) {
        range.first_day = parse_date_bound(text, RangeEnd::kFirst, today, what);
        range.last_day = parse_date_bound(text, RangeEnd::kLast, today, what);
        return range;
    }
    const std::string_view first = text.substr(0, dots);
    const std::string_view last = text.substr(dots + 2);
    if (first.empty() && last.empty()) {
        throw UserError(std::string(what) + ": a range needs a date on at least one side of '..'");
    }
    if (!first.empty()) range.first_day = parse_date_bound(first, RangeEnd::kFirst, today, what);
    if (!last.empty()) range.last_day = parse_date_bound(last, RangeEnd::kLast, today, what);
    check_not_empty(range, what);
    return range;
}

std::vector<std::string> date_range_terms(long long first_day, long long last_day) {
    std::vector<std::string> terms;
    for (long long day = first_day; day <= last_day;) {
        const CivilDate date = civil_from_days(day);
        const long long next_year = days_from_civil(date.year + 1, 1, 1);
        const long long next_month = date.month == 12 ? next_year : days_from_civil(date.year, date.month + 1, 1);
        const std::string key = day_key(day);
        if (date.month == 1 && date.day == 1 && next_year - 1 <= last_day) {
            terms.push_back(std::string(schema::kYearPrefix) + key.substr(0, 4));
            day = next_year;
        } else if (date.day == 1 && next_month - 1 <= last_day) {
            terms.push_back(std::string(schema::kMonthPrefix) + key.substr(0, 6));
            day = next_month;
        } else {
            terms.push_back(std::string(schema::kDayPrefix) + key);
            ++day;
        }
    }
    return terms;
}

long long today_utc() {
    const auto now = std::chrono::system_clock::now();
    return std::chrono::duration_cast<std::chrono::days>(now.time_since_epoch()).count();
}

std::string day_key(long long day) {
    const CivilDate date = civil_from_days(day);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d%02d%02d", date.year, date.month, date.day);
    return buffer;
}

std::string iso_day(long long day) {
    const CivilDate date = civil_from_days(day);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
    return buffer;
}

std::optional<long long> day_from_key(std::string_view key) {
    if (key.size() != 8 || !all_digits(key)) return std::nullopt;
    return days_from_civil(number(key.substr(0, 4)), number(key.substr(4, 2)), number(key.substr(6, 2)));
}

}  // namespace news
