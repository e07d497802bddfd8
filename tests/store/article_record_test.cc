#include "store/article_record.h"

#include <gtest/gtest.h>

namespace news {
namespace {

TEST(ArticleRecord, RoundTrips) {
    ArticleRecord record;
    record.path = "/a/b.txt";
    record.title = "Caf\xC3\xA9 \"quoted\"";
    record.title_line = 2;
    record.author = "A. Writer";
    record.date = "2006-10-20";
    record.url = "http://x/y";
    record.place = "PARIS";
    record.source = "AFP";
    record.section = "world";
    record.encoding = "windows-1252";
    record.passages = 7;
    const ArticleRecord back = ArticleRecord::parse(record.serialise());
    EXPECT_EQ(back.path, record.path);
    EXPECT_EQ(back.title, record.title);
    EXPECT_EQ(back.title_line, 2U);
    EXPECT_EQ(back.author, record.author);
    EXPECT_EQ(back.date, record.date);
    EXPECT_EQ(back.url, record.url);
    EXPECT_EQ(back.place, record.place);
    EXPECT_EQ(back.source, record.source);
    EXPECT_EQ(back.section, record.section);
    EXPECT_EQ(back.encoding, record.encoding);
    EXPECT_EQ(back.passages, 7U);
}

TEST(ArticleRecord, SurvivesPathsThatAreNotUtf8) {
    ArticleRecord record;
    record.path = "/a/\xFF\xFE.txt";
    EXPECT_NO_THROW(ArticleRecord::parse(record.serialise()));
}

TEST(ArticleRecord, RefusesDataThatIsNotAnObject) {
    EXPECT_THROW(ArticleRecord::parse("not json"), std::runtime_error);
    EXPECT_THROW(ArticleRecord::parse(R"(["title", "x"])"), std::runtime_error);
    EXPECT_THROW(ArticleRecord::parse("42"), std::runtime_error);
    EXPECT_THROW(ArticleRecord::parse(R"({"title": "cut short)"), std::runtime_error);
}

// A newer news-index may add fields: an older reader keeps what it knows.
TEST(ArticleRecord, PassesOverFieldsItDoesNotKnow) {
    const ArticleRecord record = ArticleRecord::parse(
        R"({"title": "Outer", "path": "/x.txt", "tags": {"title": "inner"}, "score": -1.5,)"
        R"( "people": ["a", {"path": "p"}], "flag": true, "none": null, "passages": 3})");
    EXPECT_EQ(record.title, "Outer");
    EXPECT_EQ(record.path, "/x.txt");
    EXPECT_EQ(record.passages, 3U);
}

}  // namespace
}  // namespace news
