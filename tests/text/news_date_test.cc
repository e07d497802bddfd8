#include "text/news_date.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace news {
namespace {

struct Case {
    const char* text;
    const char* iso;  // nullptr: no date
};

void expect_all(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
        const std::optional<std::string> date = parse_news_date(c.text);
        if (c.iso == nullptr) {
            EXPECT_FALSE(date.has_value()) << '"' << c.text << "\" read as " << date.value_or("");
        } else {
            EXPECT_EQ(date.value_or("(none)"), c.iso) << '"' << c.text << '"';
        }
    }
}

// Each shape found in the shared corpora, with where it comes from.
TEST(ParseNewsDate, ReadsEveryShapeOfTheSharedCorpora) {
    expect_all({
        // ISOT CSV dumps: a month name, with and without a trailing space.
        {"December 31, 2017 ", "2017-12-31"},
        {"Oct 3, 2012", "2012-10-03"},
        // HuffPost JSON Lines.
        {"2018-05-26", "2018-05-26"},
        // Reuters-21578 <DATE>, with the stray codes some records carry.
        {"26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01"},
        {" 3-MAR-1987 00:43:42.82", "1987-03-03T00:43:42"},
        {"3-MAR-1987  09:15:05.40", "1987-03-03T09:15:05"},
        {"19-MAR-1987 13:22:03.45\t\t\tC T", "1987-03-19T13:22:03"},
        {"9-APR-1987 10:30:00.00    # date added by S Finch as guesswork ", "1987-04-09T10:30:00"},
        // Reuters financial headers.
        {"Fri Oct 20, 2006 6:15pm EDT", "2006-10-20T18:15:00-04:00"},
        {"Fri Jul 13, 2012 6:46am EDT", "2012-07-13T06:46:00-04:00"},
        {"Mon Nov 18, 2013 12:05am EST", "2013-11-18T00:05:00-05:00"},
        {"Wed Nov 20, 2013 12:30pm EST", "2013-11-20T12:30:00-05:00"},
        // The per-day folders.
        {"20061020", "2006-10-20"},
        // Web pages (Readability's publishedTime and the pages' meta tags).
        {"2019-01-03T07:00:02.000Z", "2019-01-03T07:00:02Z"},
        {"2015-07-24T05:36:09+01:00", "2015-07-24T05:36:09+01:00"},
        {"2013-09-11T10:00:00-04:00", "2013-09-11T10:00:00-04:00"},
        {"2015-10-15T08:00:26+00:00", "2015-10-15T08:00:26Z"},
        {"2021-11-01T10:52:50+0100", "2021-11-01T10:52:50+01:00"},
        {"2017-11-03 03:01:00.000000", "2017-11-03T03:01:00"},
        {"2017-11-24T18:42:20.314667", "2017-11-24T18:42:20"},
        {"2018-04-05T06:00", "2018-04-05T06:00:00"},
        {"2001-10-29T01:59:14Z", "2001-10-29T01:59:14Z"},
    });
}

TEST(ParseNewsDate, ReadsTheCommonWebShapes) {
    expect_all({
        // RFC 822 / RFC 1123 (RSS, HTTP, mail).
        {"Mon, 02 Jan 2006 15:04:05 GMT", "2006-01-02T15:04:05Z"},
        {"Mon, 02 Jan 2006 15:04:05 +0000", "2006-01-02T15:04:05Z"},
        {"Mon, 02 Jan 2006 15:04:05 -0700", "2006-01-02T15:04:05-07:00"},
        {"Tue, 3 Jun 2008 11:05:30 UT", "2008-06-03T11:05:30Z"},
        {"2 Jan 2006 15:04 PST", "2006-01-02T15:04:00-08:00"},
        // Unix date, ctime and Twitter: the year after the time.
        {"Mon Jan 02 15:04:05 MST 2006", "2006-01-02T15:04:05-07:00"},
        {"Mon Jan  2 15:04:05 2006", "2006-01-02T15:04:05"},
        {"Wed Aug 27 13:08:45 +0000 2008", "2008-08-27T13:08:45Z"},
        // Day and month names.
        {"20 October 2006", "2006-10-20"},
        {"Oct 20, 2006", "2006-10-20"},
        {"October 20 2006", "2006-10-20"},
        {"Oct. 20, 2006", "2006-10-20"},
        {"20-Oct-2006", "2006-10-20"},
        {"20 Oct. 2006", "2006-10-20"},
        {"Sept 5, 2006", "2006-09-05"},
        {"October 20th, 2006", "2006-10-20"},
        {"1st May 2007", "2007-05-01"},
        {"Friday, October 20, 2006 at 6:15 p.m. CDT", "2006-10-20T18:15:00-05:00"},
        {"Oct 20, 2006, 11:59 PM PDT", "2006-10-20T23:59:00-07:00"},
        {"Oct 20, 2006 12:00am", "2006-10-20T00:00:00"},
        {"Oct 20, 2006 12:00 pm", "2006-10-20T12:00:00"},
        {"Oct\xC2\xA0" "20, 2006", "2006-10-20"},
        // ISO 8601 and its relatives.
        {"2006-10-20 18:15:00", "2006-10-20T18:15:00"},
        {"2006/10/20", "2006-10-20"},
        {"2006/10/20 18:15", "2006-10-20T18:15:00"},
        {"2006-10-20T18:15:00Z", "2006-10-20T18:15:00Z"},
        {"2006-10-20T18:15:00 UTC", "2006-10-20T18:15:00Z"},
        {"2006-10-20 18:15:00 -0400", "2006-10-20T18:15:00-04:00"},
        {"2006-10-20T18:15:00+05:30", "2006-10-20T18:15:00+05:30"},
        {"2006-10-20T18:15:00-03", "2006-10-20T18:15:00-03:00"},
        {"2006-10-20 18:15 GMT+1", "2006-10-20T18:15:00+01:00"},
        {"2006-10-20 18:15 UTC-05:30", "2006-10-20T18:15:00-05:30"},
        {"2006-10-20 18:15 CET", "2006-10-20T18:15:00+01:00"},
        {"2006-10-20 18:15 CEST", "2006-10-20T18:15:00+02:00"},
        {"2006-10-20 9:05 AKDT", "2006-10-20T09:05:00-08:00"},
        {"2006-10-20 9:05 HST", "2006-10-20T09:05:00-10:00"},
        {"Published 2015-11-16T10:00", "2015-11-16T10:00:00"},
        // Each US zone name.
        {"Oct 20, 2006 1:00 EST", "2006-10-20T01:00:00-05:00"},
        {"Oct 20, 2006 1:00 EDT", "2006-10-20T01:00:00-04:00"},
        {"Oct 20, 2006 1:00 CST", "2006-10-20T01:00:00-06:00"},
        {"Oct 20, 2006 1:00 CDT", "2006-10-20T01:00:00-05:00"},
        {"Oct 20, 2006 1:00 MST", "2006-10-20T01:00:00-07:00"},
        {"Oct 20, 2006 1:00 MDT", "2006-10-20T01:00:00-06:00"},
        {"Oct 20, 2006 1:00 PST", "2006-10-20T01:00:00-08:00"},
        {"Oct 20, 2006 1:00 PDT", "2006-10-20T01:00:00-07:00"},
        {"Oct 20, 2006 1:00 Z", "2006-10-20T01:00:00Z"},
        // A zone name not read leaves the time without a zone.
        {"Oct 20, 2006 1:00 IST", "2006-10-20T01:00:00"},
        // What follows a date that is not a time stays out of it.
        {"Oct 20, 2006 - 11:30 Reuters", "2006-10-20"},
        {"2006-10-20 99 bottles", "2006-10-20"},
        {"2006-10-20T1815", "2006-10-20"},
        {"Oct 20, 2006 3: the rest", "2006-10-20"},
        {"2006-10-20 10:30 -5 degrees", "2006-10-20T10:30:00"},
        {"Feb 29, 2008", "2008-02-29"},
        {"29 Feb 2000", "2000-02-29"},
        {"2006-10-20T23:59:59", "2006-10-20T23:59:59"},
        {"2006-10-20T18:15:00+14:00", "2006-10-20T18:15:00+14:00"},
    });
}

// Each way a date can be impossible: dropped, never read as another date.
TEST(ParseNewsDate, DropsImpossibleDates) {
    expect_all({
        {"Feb 30, 2006", nullptr},
        {"30 February 2006", nullptr},
        {"Feb 29, 2007", nullptr},
        {"29 Feb 1900", nullptr},
        {"April 31, 2006", nullptr},
        {"Oct 32, 2006", nullptr},
        {"Oct 0, 2006", nullptr},
        {"2006-13-01", nullptr},
        {"2006-00-10", nullptr},
        {"2006-02-30", nullptr},
        {"2006/10/32", nullptr},
        {"20061350", nullptr},
        {"20060230", nullptr},
        {"0999-10-20", nullptr},
        {"3006-10-20", nullptr},
        // Impossible times: the whole date goes, not just the time.
        {"2006-10-20T25:00", nullptr},
        {"2006-10-20T24:00:00", nullptr},
        {"2006-10-20 18:61", nullptr},
        {"2006-10-20 18:15:60", nullptr},
        {"2006-10-20 18:5", nullptr},
        {"2006-10-20 18:15:5", nullptr},
        {"31-MAR-1987 605:12:19.12", nullptr},  // a real Reuters-21578 <DATE>
        {"Oct 20, 2006 13:15pm EDT", nullptr},
        {"Oct 20, 2006 0:15am", nullptr},
        {"Oct 20, 2006 18:15 PM", nullptr},
        {"Mon, 02 Jan 2006 25:04:05 GMT", nullptr},
        {"Mon Jan 02 25:04:05 MST 2006", nullptr},
        {"Mon Feb 30 15:04:05 MST 2006", nullptr},
        // Impossible zones.
        {"2006-10-20T18:15:00+15:00", nullptr},
        {"2006-10-20T18:15:00+05:60", nullptr},
        {"2006-10-20T18:15:00+0575", nullptr},
        {"2006-10-20 18:15 GMT+15", nullptr},
        // The first date is impossible: a later one is not taken instead.
        {"Feb 30, 2006, updated Mar 1, 2006", nullptr},
    });
}

TEST(ParseNewsDate, FindsNoDateWhereThereIsNone) {
    expect_all({
        {"", nullptr},
        {"Mon Foo 12, 2006", nullptr},
        {"http://www.reuters.com/article", nullptr},
        {"idUSN2036351320061020", nullptr},  // eight digits inside an id
        {"story 20061020 filed", nullptr},
        {"October 2006", nullptr},           // no day: not guessed
        {"10/20/2006", nullptr},             // all-numeric day and month: not guessed
        {"20/10/2006", nullptr},
        {"Mon, 02 Jan 06 15:04:05 GMT", nullptr},  // two-digit year: not guessed
        {"12006-10-20", nullptr},
        {"2006-10-200", nullptr},
        {"Marching 20, 2006", nullptr},      // a word that starts like a month
        {"Oct 20x, 2006", nullptr},
        {"Oct 20, 20061", nullptr},
        {"Oct 20 15:04:05 MST", nullptr},    // Unix date without its year
        {"May the 4th be with you", nullptr},
    });
}

TEST(ParseNewsDate, LooksOnlyAtTheFirst200Bytes) {
    EXPECT_EQ(parse_news_date(std::string(190, ' ') + "2006-10-20"), "2006-10-20");
    EXPECT_FALSE(parse_news_date(std::string(200, ' ') + "2006-10-20").has_value());
}

TEST(ParseNewsDate, ReadsItsOwnFormsBackUnchanged) {
    for (const char* iso : {"2006-10-20", "2006-10-20T18:15:00", "2006-10-20T18:15:00-04:00",
                            "2006-10-20T18:15:00Z", "2006-10-20T18:15:00+05:30"}) {
        EXPECT_EQ(parse_news_date(iso), iso);
    }
}

TEST(MonthFromName, ReadsFullAndThreeLetterNamesInAnyCase) {
    EXPECT_EQ(month_from_name("Oct"), 10);
    EXPECT_EQ(month_from_name("October"), 10);
    EXPECT_EQ(month_from_name("OCTOBER"), 10);
    EXPECT_EQ(month_from_name("Sept"), 9);
    EXPECT_EQ(month_from_name("sep"), 9);
    EXPECT_EQ(month_from_name("May"), 5);
    EXPECT_EQ(month_from_name("Octo"), 0);
    EXPECT_EQ(month_from_name("Marching"), 0);
    EXPECT_EQ(month_from_name("Mon"), 0);
    EXPECT_EQ(month_from_name(""), 0);
}

TEST(CompactDate, MakesTheSortableFormFromEveryForm) {
    EXPECT_EQ(compact_date("2006-10-20"), "20061020");
    EXPECT_EQ(compact_date("2006-10-20T18:15:00"), "20061020");
    EXPECT_EQ(compact_date("2006-10-20T18:15:00-04:00"), "20061020");
    EXPECT_EQ(compact_date("2019-01-03T07:00:02Z"), "20190103");
}

TEST(CompactDate, GivesNothingForWhatIsNotADate) {
    EXPECT_EQ(compact_date(""), "");
    EXPECT_EQ(compact_date("2006-10"), "");
    EXPECT_EQ(compact_date("Oct 20, 2006"), "");
    EXPECT_EQ(compact_date("20a6-10-20"), "");
}

TEST(UtcSeconds, TheMomentInUtcOfEveryForm) {
    EXPECT_EQ(utc_seconds("1970-01-01"), 0);
    EXPECT_EQ(utc_seconds("2006-10-20"), 1161302400);
    // 6:15pm EDT is 22:15 UTC.
    EXPECT_EQ(utc_seconds("2006-10-20T18:15:00-04:00"), 1161382500);
    EXPECT_EQ(utc_seconds("2006-10-20T22:15:00Z"), 1161382500);
    EXPECT_EQ(utc_seconds("2006-10-21T03:45:00+05:30"), 1161382500);
    // A time without a zone is read as UTC.
    EXPECT_EQ(utc_seconds("2006-10-20T22:15:00"), 1161382500);
    EXPECT_EQ(utc_seconds("1969-12-31"), -86400);
}

TEST(UtcSeconds, NothingForWhatParseNewsDateNeverGives) {
    EXPECT_FALSE(utc_seconds("").has_value());
    EXPECT_FALSE(utc_seconds("2006-10").has_value());
    EXPECT_FALSE(utc_seconds("2006-10-20 18:15").has_value());
    EXPECT_FALSE(utc_seconds("2006-10-20T18:15:00EDT").has_value());
    EXPECT_FALSE(utc_seconds("2006-10-20T18:xx:00").has_value());
}

TEST(CivilDays, RoundTripsAcrossLeapYearsAndTheEpoch) {
    EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
    EXPECT_EQ(days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28), 2);
    EXPECT_EQ(days_from_civil(1900, 3, 1) - days_from_civil(1900, 2, 28), 1);
    for (long long day = -800000; day < 800000; day += 997) {
        const CivilDate date = civil_from_days(day);
        ASSERT_EQ(days_from_civil(date.year, date.month, date.day), day);
    }
}

}  // namespace
}  // namespace news
