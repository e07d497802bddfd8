#include "ranking.h"
#include "schema.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>

namespace news {
namespace {

Xapian::WritableDatabase database_with_documents(unsigned count, const std::string& article_lengths) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (unsigned i = 0; i < count; ++i) {
        Xapian::Document document;
        document.add_term("word", i + 1);
        db.add_document(document);
    }
    if (!article_lengths.empty()) db.set_metadata(std::string(schema::kMetaArticleLengths), article_lengths);
    return db;
}

TEST(ArticleStatistics, ReadsTheRecordedCountAndAverageLength) {
    const auto db = database_with_documents(3, "4 100");
    const ArticleStatistics statistics = ArticleStatistics::read(db);
    EXPECT_TRUE(statistics.recorded);
    EXPECT_DOUBLE_EQ(statistics.articles, 4);
    EXPECT_DOUBLE_EQ(statistics.average_length, 25);
    EXPECT_EQ(article_weighting(statistics)->name(), "news::ArticleBM25Weight");
}

// A database indexed before the record existed is ranked over Xapian's own
// statistics, not refused.
TEST(ArticleStatistics, WithoutARecordTheDatabasesOwnAreUsed) {
    const auto db = database_with_documents(3, "");
    const ArticleStatistics statistics = ArticleStatistics::read(db);
    EXPECT_FALSE(statistics.recorded);
    EXPECT_DOUBLE_EQ(statistics.articles, 3);
    EXPECT_DOUBLE_EQ(statistics.average_length, 2);
    EXPECT_EQ(article_weighting(statistics)->name(), "Xapian::BM25Weight");
}

TEST(ArticleStatistics, AMalformedRecordIsNotTrusted) {
    for (const std::string record : {"abc", "4", "4 ", "4 x", "4 100 7", "4  100", "0 100", "4 0", "-4 100", " 4 100"}) {
        const auto db = database_with_documents(3, record);
        const ArticleStatistics statistics = ArticleStatistics::read(db);
        EXPECT_FALSE(statistics.recorded) << '"' << record << '"';
        EXPECT_DOUBLE_EQ(statistics.articles, 3) << '"' << record << '"';
    }
}

}  // namespace
}  // namespace news
