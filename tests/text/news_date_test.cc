#include "text/news_date.h"

#include <gtest/gtest.h>

namespace news {
namespace {

TEST(ParseNewsDate, ReadsTheShapesNewsFilesUse) {
    EXPECT_EQ(parse_news_date("Fri Oct 20, 2006 6:15pm EDT"), "2006-10-20");
    EXPECT_EQ(parse_news_date("Oct 3, 2012"), "2012-10-03");
    EXPECT_EQ(parse_news_date("20 October 2006"), "2006-10-20");
    EXPECT_EQ(parse_news_date("26-FEB-1987 15:01:01.79"), "1987-02-26");
    EXPECT_EQ(parse_news_date("Published 2015-11-16T10:00"), "2015-11-16");
    EXPECT_EQ(parse_news_date("20061020"), "2006-10-20");
}

TEST(ParseNewsDate, RefusesWhatIsNotACalendarDate) {
    EXPECT_FALSE(parse_news_date("Feb 30, 2006").has_value());
    EXPECT_FALSE(parse_news_date("Mon Foo 12, 2006").has_value());
    EXPECT_FALSE(parse_news_date("http://www.reuters.com/article").has_value());
    EXPECT_FALSE(parse_news_date("20061350").has_value());
    EXPECT_EQ(parse_news_date("Feb 29, 2008"), "2008-02-29");
    EXPECT_FALSE(parse_news_date("Feb 29, 2007").has_value());
}

TEST(CompactDate, MakesTheSortableForm) { EXPECT_EQ(compact_date("2006-10-20"), "20061020"); }

}  // namespace
}  // namespace news
