#include "search/ranking.h"
#include "store/schema.h"

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

// What news-query ranks by for a database of `documents` documents (of
// lengths 1, 2, ...) whose metadata records `record`.
void expect_statistics(unsigned documents, const std::string& record, const ArticleStatistics& expected,
                       const std::string& weighting) {
    const ArticleStatistics read = ArticleStatistics::read(database_with_documents(documents, record));
    EXPECT_EQ(read.recorded, expected.recorded) << '"' << record << '"';
    EXPECT_DOUBLE_EQ(read.articles, expected.articles) << '"' << record << '"';
    EXPECT_DOUBLE_EQ(read.average_length, expected.average_length) << '"' << record << '"';
    EXPECT_EQ(article_weighting(read)->name(), weighting) << '"' << record << '"';
}

TEST(ArticleStatistics, ReadsTheRecordedCountAndAverageLength) {
    expect_statistics(3, "4 100", {.articles = 4, .average_length = 25, .recorded = true}, "news::ArticleBM25Weight");
}

// A database indexed before the record existed is ranked over Xapian's own
// statistics, not refused.
TEST(ArticleStatistics, WithoutARecordTheDatabasesOwnAreUsed) {
    expect_statistics(3, "", {.articles = 3, .average_length = 2, .recorded = false}, "Xapian::BM25Weight");
}

TEST(ArticleStatistics, AMalformedRecordIsNotTrusted) {
    for (const std::string record : {"abc", "4", "4 ", "4 x", "4 100 7", "4  100", "0 100", "4 0", "-4 100", " 4 100"}) {
        expect_statistics(3, record, {.articles = 3, .average_length = 2, .recorded = false}, "Xapian::BM25Weight");
    }
}

}  // namespace
}  // namespace news
