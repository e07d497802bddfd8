#include "formats/plain_text_reader.h"

#include <gtest/gtest.h>

namespace news {
namespace {

Article read_one(const std::string& path, const std::string& bytes) {
    const ReadResult result = PlainTextReader().read_all(path, bytes);
    EXPECT_TRUE(result.problems.empty());
    EXPECT_EQ(result.articles.size(), 1U);
    return result.articles.empty() ? Article{} : result.articles.front();
}

TEST(PlainTextReader, ReadsHeadlineThenParagraphs) {
    const Article article = read_one("/news/bbc/sport/199.txt",
                                     "Chelsea sack Mutu\n\nChelsea have sacked Adrian Mutu.\n\nThe 25-year-old "
                                     "tested\npositive in October.\n");
    EXPECT_EQ(article.title, "Chelsea sack Mutu");
    EXPECT_EQ(article.title_line, 1U);
    EXPECT_EQ(article.section, "sport");
    ASSERT_EQ(article.paragraphs.size(), 2U);
    EXPECT_EQ(article.paragraphs[0].text, "Chelsea have sacked Adrian Mutu.");
    EXPECT_EQ(article.paragraphs[0].first_line(), 3U);
    // A hard-wrapped paragraph is one paragraph; each line keeps its number.
    EXPECT_EQ(article.paragraphs[1].text, "The 25-year-old tested positive in October.");
    EXPECT_EQ(article.paragraphs[1].first_line(), 5U);
    EXPECT_EQ(article.paragraphs[1].line_at(article.paragraphs[1].text.find("positive")), 6U);
}

TEST(PlainTextReader, ReadsTheReutersHeader) {
    const Article article = read_one(
        "/data/20061020/businesspro-energy",
        "-- Exxon Mobil offers plan to end Alaska dispute\n-- By  Yereth Rosen\n-- Fri Oct 20, 2006 6:15pm EDT\n"
        "-- http://www.reuters.com/article/2006/10/20/x\n\n \n\n ANCHORAGE, Alaska  (Reuters) - Exxon Mobil "
        "offered\nto pay a fine.\n");
    EXPECT_EQ(article.title, "Exxon Mobil offers plan to end Alaska dispute");
    EXPECT_EQ(article.author, "Yereth Rosen");
    EXPECT_EQ(article.date, "2006-10-20T18:15:00-04:00");  // "Fri Oct 20, 2006 6:15pm EDT"
    EXPECT_EQ(article.url, "http://www.reuters.com/article/2006/10/20/x");
    EXPECT_EQ(article.place, "ANCHORAGE, Alaska");
    EXPECT_EQ(article.source, "Reuters");
    // A per-day folder is a date, not a section.
    EXPECT_EQ(article.section, "");
    ASSERT_EQ(article.paragraphs.size(), 1U);
    EXPECT_EQ(article.paragraphs[0].first_line(), 8U);
}

TEST(PlainTextReader, TakesTheDateFromADateFolderWhenTheFileHasNone) {
    EXPECT_EQ(read_one("/data/20131120/story", "Headline\n\nBody.\n").date, "2013-11-20");
}

TEST(PlainTextReader, EmptyBylineLeavesNoAuthor) {
    const Article article = read_one("/r/x", "-- Headline\n-- By \n-- Mon Nov 18, 2013 1:00am EST\n-- http://a.b/c\n\nBody.\n");
    EXPECT_EQ(article.author, "");
    EXPECT_EQ(article.source, "a.b");  // no dateline: the site's name
}

TEST(PlainTextReader, FindsADatelineAfterACaption) {
    const Article article =
        read_one("/s/seeds/004.txt", "Paris attacks\n\nA photo caption.PHOTO: AFP\n\nPARIS (AFP) - French President "
                                     "Francois Hollande and Barack Obama vowed to act.\n");
    EXPECT_EQ(article.place, "PARIS");
    EXPECT_EQ(article.source, "AFP");
}

TEST(PlainTextReader, CountsLinesTheSameForLfCrLfAndCr) {
    for (const std::string eol : {"\n", "\r\n", "\r"}) {
        const Article article = read_one("/x/a.txt", "Title" + eol + eol + "First." + eol + eol + "Second." + eol);
        ASSERT_EQ(article.paragraphs.size(), 2U) << "line end " << eol.size();
        EXPECT_EQ(article.paragraphs[1].first_line(), 5U);
        EXPECT_EQ(article.paragraphs[1].text, "Second.");
    }
}

TEST(PlainTextReader, DecodesLatin1AndSaysSo) {
    const Article article = read_one("/x/a.txt", "Caf\xE9 prices\n\nA \xA3" "5 coffee.\n");
    EXPECT_EQ(article.title, "Caf\xC3\xA9 prices");
    EXPECT_EQ(article.paragraphs[0].text, "A \xC2\xA3" "5 coffee.");
    EXPECT_EQ(article.encoding, "windows-1252");
}

TEST(PlainTextReader, TitleFollowsLeadingBlankLinesAndNoBreakSpaces) {
    const Article article = read_one("/x/a.txt", "\n\n\xC2\xA0 Headline \xC2\xA0\n\nBody\n");
    EXPECT_EQ(article.title, "Headline");
    EXPECT_EQ(article.title_line, 3U);
}

// TIME and MEDLINE documents start straight with their text: a first line
// that runs on into the next is body, not a headline.
TEST(PlainTextReader, AFirstLineThatRunsOnIsNotAHeadline) {
    const Article article = read_one("/x/a.txt", "THE ALLIES AFTER NASSAU IN DECEMBER 1960, THE\nU.S . FIRST PROPOSED\n\nMore.\n");
    EXPECT_EQ(article.title, "");
    EXPECT_EQ(article.title_line, 0U);
    ASSERT_EQ(article.paragraphs.size(), 2U);
    EXPECT_EQ(article.paragraphs[0].first_line(), 1U);
}

TEST(PlainTextReader, ReportsWhiteSpaceOnlyFiles) {
    const ReadResult result = PlainTextReader().read_all("/x/blank.txt", " \n\t\n");
    EXPECT_TRUE(result.articles.empty());
    ASSERT_EQ(result.problems.size(), 1U);
    EXPECT_EQ(result.problems[0].where, "/x/blank.txt");
}

TEST(ChooseReader, RefusesEmptyAndBinaryFiles) {
    EXPECT_EQ(choose_reader("/x", "").refusal, "empty file");
    EXPECT_EQ(choose_reader("/x", std::string("\x7f" "ELF\0\0", 6)).reader, nullptr);
    EXPECT_NE(choose_reader("/x", "Title\n\nText\n").reader, nullptr);
}

TEST(FindDateline, NeedsCapitalPlaceAndAgencyInBrackets) {
    EXPECT_EQ(find_dateline("NEW YORK (Reuters) - Stocks rose.").place, "NEW YORK");
    EXPECT_EQ(find_dateline("WASHINGTON, D.C. (AP) -- Lawmakers met.").agency, "AP");
    EXPECT_EQ(find_dateline("The company (Reuters) - said").agency, "");
}

}  // namespace
}  // namespace news
