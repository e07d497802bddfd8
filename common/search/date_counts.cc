#include "search/date_counts.h"

#include "store/errors.h"
#include "text/news_date.h"

#include <cstdio>

namespace news {
namespace {

// The first day of the period holding `day`.
long long period_start(long long day, Period period) {
    const CivilDate date = civil_from_days(day);
    switch (period) {
        case Period::kDay: return day;
        // 1970-01-01 was a Thursday: day 4 (1970-01-05) a Monday.
        case Period::kWeek: return day - (((day - 4) % 7) + 7) % 7;
        case Period::kMonth: return days_from_civil(date.year, date.month, 1);
        case Period::kYear: return days_from_civil(date.year, 1, 1);
    }
    return day;
}

long long next_period_start(long long start, Period period) {
    const CivilDate date = civil_from_days(start);
    switch (period) {
        case Period::kDay: return start + 1;
        case Period::kWeek: return start + 7;
        case Period::kMonth:
            return date.month == 12 ? days_from_civil(date.year + 1, 1, 1) : days_from_civil(date.year, date.month + 1, 1);
        case Period::kYear: return days_from_civil(date.year + 1, 1, 1);
    }
    return start + 1;
}

}  // namespace

std::string_view period_name(Period period) {
    switch (period) {
        case Period::kDay: return "day";
        case Period::kWeek: return "week";
        case Period::kMonth: return "month";
        case Period::kYear: return "year";
    }
    return "day";
}

std::string period_of(long long day, Period period) {
    const CivilDate date = civil_from_days(period_start(day, period));
    char buffer[16];
    switch (period) {
        case Period::kYear: std::snprintf(buffer, sizeof buffer, "%04d", date.year); break;
        case Period::kMonth: std::snprintf(buffer, sizeof buffer, "%04d-%02d", date.year, date.month); break;
        case Period::kDay:
        case Period::kWeek: std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
    }
    return buffer;
}

std::vector<ValueCount> counts_by_period(const DayCounts& days, Period period) {
    std::vector<ValueCount> out;
    long long current = 0;
    for (const auto& [day, count] : days) {
        const long long start = period_start(day, period);
        if (out.empty() || start != current) {
            out.push_back({period_of(day, period), 0});
            current = start;
        }
        out.back().count += count;
    }
    return out;
}

Period auto_period(long long first_day, long long last_day) {
    for (const Period period : {Period::kDay, Period::kWeek, Period::kMonth}) {
        long long periods = 0;
        for (long long start = period_start(first_day, period); start <= last_day && periods <= kAutoPeriods;
             start = next_period_start(start, period)) {
            ++periods;
        }
        if (periods <= kAutoPeriods) return period;
    }
    return Period::kYear;
}

std::vector<ValueCount> timeline_buckets(const DayCounts& days, Period period, long long first_day,
                                         long long last_day) {
    std::vector<ValueCount> buckets;
    if (first_day > last_day) return buckets;
    auto day = days.lower_bound(first_day);
    for (long long start = period_start(first_day, period); start <= last_day;
         start = next_period_start(start, period)) {
        if (buckets.size() >= static_cast<size_t>(kMaxTimelinePeriods)) {
            throw UserError("--timeline: " + iso_day(first_day) + " to " + iso_day(last_day) + " is more than " +
                            std::to_string(kMaxTimelinePeriods) + " " + std::string(period_name(period)) +
                            "s; ask for a longer period (--timeline month or year) or a shorter range");
        }
        ValueCount bucket{period_of(start, period), 0};
        const long long end = next_period_start(start, period);
        for (; day != days.end() && day->first < end; ++day) {
            if (day->first <= last_day) bucket.count += day->second;
        }
        buckets.push_back(std::move(bucket));
    }
    return buckets;
}

}  // namespace news
