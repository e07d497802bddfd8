#include "search/date_counts.h"
#include "search/date_range.h"

#include "store/errors.h"
#include "text/news_date.h"

#include <gtest/gtest.h>

#include <string>

namespace news {
namespace {

long long day(int year, int month, int d) { return days_from_civil(year, month, d); }

// A fixed "today" (a Tuesday, the last day of a 31-day month), never the clock.
const long long kToday = day(2026, 3, 31);

long long first(const std::string& text) { return parse_date_bound(text, RangeEnd::kFirst, kToday, "--since"); }
long long last(const std::string& text) { return parse_date_bound(text, RangeEnd::kLast, kToday, "--until"); }

TEST(DateBound, AYearAMonthOrADayAsTheFirstOrLastDayOfIt) {
    EXPECT_EQ(first("2015"), day(2015, 1, 1));
    EXPECT_EQ(last("2015"), day(2015, 12, 31));
    EXPECT_EQ(first("2010-03"), day(2010, 3, 1));
    EXPECT_EQ(last("2010-03"), day(2010, 3, 31));
    EXPECT_EQ(last("2012-02"), day(2012, 2, 29));  // a leap year
    EXPECT_EQ(last("2010-02"), day(2010, 2, 28));
    EXPECT_EQ(first("2015-11-13"), day(2015, 11, 13));
    EXPECT_EQ(last("2015-11-13"), day(2015, 11, 13));
    EXPECT_EQ(first("20151113"), day(2015, 11, 13));
}

TEST(DateBound, RelativeFormsCountBackFromToday) {
    EXPECT_EQ(first("today"), kToday);
    EXPECT_EQ(first("yesterday"), day(2026, 3, 30));
    EXPECT_EQ(first("7d"), day(2026, 3, 24));
    EXPECT_EQ(first("0d"), kToday);
    EXPECT_EQ(first("2w"), day(2026, 3, 17));
    // A month back from 31 March is the last day of February.
    EXPECT_EQ(first("1m"), day(2026, 2, 28));
    EXPECT_EQ(first("3m"), day(2025, 12, 31));
    EXPECT_EQ(first("13m"), day(2025, 2, 28));
    EXPECT_EQ(first("1y"), day(2025, 3, 31));
    // The end of a relative range is the same day.
    EXPECT_EQ(last("7d"), day(2026, 3, 24));
}

TEST(DateBound, AnythingElseIsRefusedNamingTheOptionAndWhy) {
    struct Bad {
        const char* text;
        const char* says;
    };
    for (const Bad& bad : {Bad{"2015-13-45", "no month 13"}, Bad{"2015-02-29", "has no day 29"},
                           Bad{"2015-04-31", "has no day 31"}, Bad{"5x", "is not a date"}, Bad{"15", "is not a date"},
                           Bad{"2015-1", "is not a date"}, Bad{"2015-01-1", "is not a date"},
                           Bad{"2015/01/01", "is not a date"}, Bad{"", "is not a date"}, Bad{"0999", "year"},
                           Bad{"d", "is not a date"}, Bad{"-7d", "is not a date"}, Bad{"Today", "is not a date"},
                           Bad{"123456d", "too far back"}}) {
        try {
            first(bad.text);
            ADD_FAILURE() << "'" << bad.text << "' was read as a date";
        } catch (const UserError& e) {
            const std::string message = e.what();
            EXPECT_EQ(message.rfind("--since: '" + std::string(bad.text) + "'", 0), 0u) << message;
            EXPECT_NE(message.find(bad.says), std::string::npos) << message;
        }
    }
}

TEST(DateRangeText, BothEndsOneEndOrOnePeriod) {
    const DateRange both = parse_date_range("2010-03..2010-06", kToday, "date:");
    EXPECT_EQ(both.first_day, day(2010, 3, 1));
    EXPECT_EQ(both.last_day, day(2010, 6, 30));
    const DateRange from = parse_date_range("2012..", kToday, "date:");
    EXPECT_EQ(from.first_day, day(2012, 1, 1));
    EXPECT_FALSE(from.last_day.has_value());
    const DateRange until = parse_date_range("..2008-12-31", kToday, "date:");
    EXPECT_FALSE(until.first_day.has_value());
    EXPECT_EQ(until.last_day, day(2008, 12, 31));
    const DateRange year = parse_date_range("2015", kToday, "date:");
    EXPECT_EQ(year.first_day, day(2015, 1, 1));
    EXPECT_EQ(year.last_day, day(2015, 12, 31));
    const DateRange week = parse_date_range("7d..", kToday, "date:");
    EXPECT_EQ(week.first_day, day(2026, 3, 24));
    const DateRange one_day = parse_date_range("2015-11-13..2015-11-13", kToday, "date:");
    EXPECT_EQ(one_day.first_day, one_day.last_day);
}

TEST(DateRangeText, AnEmptyRangeIsRefused) {
    try {
        parse_date_range("2020..2010", kToday, "date:2020..2010");
        ADD_FAILURE() << "2020..2010 accepted";
    } catch (const UserError& e) {
        EXPECT_STREQ(e.what(), "date:2020..2010 is an empty range: it starts on 2020-01-01, after it ends on 2010-12-31");
    }
    EXPECT_THROW(parse_date_range("..", kToday, "date:.."), UserError);
    EXPECT_THROW(parse_date_range("2010..2010-13", kToday, "date:"), UserError);
    EXPECT_THROW(check_not_empty({day(2020, 1, 2), day(2020, 1, 1)}, "--since"), UserError);
    EXPECT_NO_THROW(check_not_empty({day(2020, 1, 1), std::nullopt}, "--since"));
}

TEST(DateRangeTerms, WholeYearsThenWholeMonthsThenDaysAtTheEnds) {
    using Terms = std::vector<std::string>;
    EXPECT_EQ(date_range_terms(day(2009, 12, 30), day(2011, 2, 2)),
              (Terms{"XD20091230", "XD20091231", "XY2010", "XM201101", "XD20110201", "XD20110202"}));
    EXPECT_EQ(date_range_terms(day(2010, 3, 1), day(2010, 3, 31)), Terms{"XM201003"});
    EXPECT_EQ(date_range_terms(day(2010, 1, 1), day(2010, 12, 31)), Terms{"XY2010"});
    EXPECT_EQ(date_range_terms(day(2010, 2, 28), day(2010, 3, 1)), (Terms{"XD20100228", "XD20100301"}));
    EXPECT_EQ(date_range_terms(day(2010, 3, 15), day(2010, 3, 15)), Terms{"XD20100315"});
    EXPECT_TRUE(date_range_terms(day(2010, 3, 15), day(2010, 3, 14)).empty());
    // Seven years and a bit stay a handful of terms.
    EXPECT_LE(date_range_terms(day(2006, 10, 20), day(2013, 11, 20)).size(), 50u);
}

TEST(DayKeys, TheIndexKeyAndBack) {
    EXPECT_EQ(day_key(day(2006, 10, 20)), "20061020");
    EXPECT_EQ(iso_day(day(2006, 10, 20)), "2006-10-20");
    EXPECT_EQ(day_from_key("20061020"), day(2006, 10, 20));
    EXPECT_FALSE(day_from_key("2006-10-20").has_value());
    EXPECT_FALSE(day_from_key("").has_value());
    EXPECT_EQ(day(1970, 1, 1), 0);
    EXPECT_EQ(civil_from_days(day(2000, 2, 29)).day, 29);
}

TEST(DateCounts, PeriodsAreNamedByYearMonthDayAndAWeekByItsMonday) {
    const long long friday = day(2006, 10, 20);
    EXPECT_EQ(period_of(friday, Period::kYear), "2006");
    EXPECT_EQ(period_of(friday, Period::kMonth), "2006-10");
    EXPECT_EQ(period_of(friday, Period::kDay), "2006-10-20");
    EXPECT_EQ(period_of(friday, Period::kWeek), "2006-10-16");
    EXPECT_EQ(period_of(day(2006, 10, 16), Period::kWeek), "2006-10-16");  // a Monday is its own week
    EXPECT_EQ(period_of(day(2006, 10, 22), Period::kWeek), "2006-10-16");  // Sunday ends it
    EXPECT_EQ(period_of(day(1969, 12, 31), Period::kWeek), "1969-12-29");  // before the epoch too
}

TEST(DateCounts, CountsByPeriodSumTheDays) {
    const DayCounts days{{day(2010, 1, 15), 2}, {day(2010, 3, 2), 1}, {day(2010, 3, 31), 3}, {day(2011, 2, 1), 1}};
    const std::vector<ValueCount> months = counts_by_period(days, Period::kMonth);
    ASSERT_EQ(months.size(), 3u);
    EXPECT_EQ(months[0].value, "2010-01");
    EXPECT_EQ(months[0].count, 2u);
    EXPECT_EQ(months[1].value, "2010-03");
    EXPECT_EQ(months[1].count, 4u);
    EXPECT_EQ(months[2].value, "2011-02");
    const std::vector<ValueCount> years = counts_by_period(days, Period::kYear);
    ASSERT_EQ(years.size(), 2u);
    EXPECT_EQ(years[0].count, 6u);
    EXPECT_EQ(years[1].count, 1u);
}

TEST(DateCounts, TheTimelineShowsEveryPeriodOfItsRangeEmptyOnesToo) {
    const DayCounts days{{day(2010, 1, 15), 2}, {day(2010, 3, 2), 1}, {day(2010, 3, 31), 3}, {day(2010, 7, 1), 9}};
    const std::vector<ValueCount> buckets = timeline_buckets(days, Period::kMonth, day(2010, 1, 1), day(2010, 6, 30));
    ASSERT_EQ(buckets.size(), 6u);
    EXPECT_EQ(buckets[0].value, "2010-01");
    EXPECT_EQ(buckets[0].count, 2u);
    EXPECT_EQ(buckets[1].count, 0u);
    EXPECT_EQ(buckets[2].count, 4u);
    EXPECT_EQ(buckets[5].value, "2010-06");
    EXPECT_EQ(buckets[5].count, 0u);  // July's 9 lie outside the range
    // A range starting inside a period counts only its days.
    const std::vector<ValueCount> part = timeline_buckets(days, Period::kMonth, day(2010, 3, 15), day(2010, 3, 31));
    ASSERT_EQ(part.size(), 1u);
    EXPECT_EQ(part[0].count, 3u);
    EXPECT_TRUE(timeline_buckets(days, Period::kDay, day(2010, 2, 1), day(2010, 1, 1)).empty());
    EXPECT_THROW(timeline_buckets(days, Period::kDay, day(1000, 1, 1), day(2999, 12, 31)), UserError);
}

TEST(DateCounts, AutoPicksTheFinestPeriodThatFitsSixtyBars) {
    EXPECT_EQ(auto_period(day(2010, 1, 1), day(2010, 1, 31)), Period::kDay);
    EXPECT_EQ(auto_period(day(2010, 1, 1), day(2010, 3, 1)), Period::kDay);  // 60 days
    EXPECT_EQ(auto_period(day(2010, 1, 1), day(2010, 3, 2)), Period::kWeek);
    EXPECT_EQ(auto_period(day(2010, 1, 1), day(2010, 12, 31)), Period::kWeek);
    EXPECT_EQ(auto_period(day(2006, 10, 20), day(2010, 12, 31)), Period::kMonth);
    EXPECT_EQ(auto_period(day(2006, 10, 20), day(2013, 11, 20)), Period::kYear);
    EXPECT_EQ(auto_period(day(2010, 1, 1), day(2010, 1, 1)), Period::kDay);
}

}  // namespace
}  // namespace news
