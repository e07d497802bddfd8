#include "output/count_charts.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace news {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

TimelineCounts sample_timeline() {
    TimelineCounts timeline;
    timeline.period = "month";
    timeline.buckets = {{"2010-01", 2}, {"2010-02", 0}, {"2010-03", 4}, {"2010-04", 1}};
    return timeline;
}

TEST(TimelineChart, ABarPerPeriodScaledToThePeakWhichIsLabelled) {
    TextStyle style;
    style.width = 40;
    const std::vector<std::string> lines = lines_of(timeline_chart(sample_timeline(), style));
    ASSERT_EQ(lines.size(), 5u);
    EXPECT_EQ(lines[0], "articles per month 2010-01 to 2010-04");
    // 40 columns less "2010-03 │", " 4 peak": 24 full blocks for the peak.
    std::string full;
    for (int i = 0; i < 24; ++i) full += "\u2588";
    EXPECT_EQ(lines[3], "2010-03 \u2502" + full + " 4 peak");
    std::string half;
    for (int i = 0; i < 12; ++i) half += "\u2588";
    EXPECT_EQ(lines[1], "2010-01 \u2502" + half + " 2");
    EXPECT_EQ(lines[2], "2010-02 \u2502 0");  // an empty period has no bar
    std::string quarter;
    for (int i = 0; i < 6; ++i) quarter += "\u2588";
    EXPECT_EQ(lines[4], "2010-04 \u2502" + quarter + " 1");
}

TEST(TimelineChart, ColourOnlyWhenAskedAndAnyArticleShowsAtLeastAnEighth) {
    TimelineCounts timeline;
    timeline.period = "day";
    timeline.buckets = {{"2010-01-01", 10000}, {"2010-01-02", 1}};
    TextStyle plain;
    plain.width = 30;
    const std::string text = timeline_chart(timeline, plain);
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
    EXPECT_NE(text.find("2010-01-02 \u2502\u258f 1"), std::string::npos) << text;
    EXPECT_NE(text.find("10,000 peak"), std::string::npos) << text;
    TextStyle colour = plain;
    colour.colour = true;
    EXPECT_NE(timeline_chart(timeline, colour).find("\x1b[36m"), std::string::npos);
}

TEST(TimelineChart, NothingDatedSaysSo) {
    TimelineCounts timeline;
    timeline.period = "month";
    EXPECT_EQ(timeline_chart(timeline, TextStyle{}), "articles per month\n  (no dated article matches)\n");
}

TEST(FacetTable, ValuesAndCountsAlignedWithTheirShare) {
    FacetCounts facet;
    facet.field = "source";
    facet.articles = 11;
    facet.values = {{"Reuters", 6}, {"AFP", 3}, {"Daily Planet", 2}};
    facet.values_left_out = 4;
    const std::vector<std::string> lines = lines_of(facet_table(facet, TextStyle{}));
    ASSERT_EQ(lines.size(), 5u);
    EXPECT_EQ(lines[0], "source (exact counts over 11 articles with one)");
    EXPECT_EQ(lines[1], "  Reuters       6   54.5%");
    EXPECT_EQ(lines[2], "  AFP           3   27.3%");
    EXPECT_EQ(lines[3], "  Daily Planet  2   18.2%");
    EXPECT_EQ(lines[4], "  ... and 4 more");
    facet.exact = false;
    EXPECT_NE(facet_table(facet, TextStyle{}).find("estimated counts"), std::string::npos);
}

TEST(FacetTable, NamesFromFilesAreEscaped) {
    FacetCounts facet;
    facet.field = "author";
    facet.articles = 1;
    facet.values = {{"Eve\x1b]0;owned\x07", 1}};
    const std::string text = facet_table(facet, TextStyle{});
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
    EXPECT_NE(text.find("Eve\\e]0;owned\\x07"), std::string::npos) << text;
}

TEST(TopWordsList, EachWordWithItsWeight) {
    const std::vector<std::string> lines =
        lines_of(top_words_list({{"euro", "euro", 12.5}, {"banks", "bank", 3.25}}, 15, TextStyle{}));
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[1], "  euro   12.50");
    EXPECT_EQ(lines[2], "  banks  3.25");
}

TEST(Thousands, GroupsOfThree) {
    EXPECT_EQ(with_thousands(0), "0");
    EXPECT_EQ(with_thousands(999), "999");
    EXPECT_EQ(with_thousands(1000), "1,000");
    EXPECT_EQ(with_thousands(1234567), "1,234,567");
}

}  // namespace
}  // namespace news
