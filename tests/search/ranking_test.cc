#include "search/ranking.h"
#include "store/schema.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace news {
namespace {

// Articles of the given lengths (each holding "word" `wdf` times, the rest
// filler), then `duplicates` duplicate documents: boolean terms only, as
// news-index writes them.
struct Collection {
    std::vector<unsigned> lengths;
    std::vector<unsigned> word_wdf;
    unsigned duplicates = 0;
};

Xapian::WritableDatabase database_of(const Collection& collection) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (size_t i = 0; i < collection.lengths.size(); ++i) {
        Xapian::Document document;
        document.add_boolean_term(schema::kind_term(schema::kKindArticle));
        if (collection.word_wdf[i] > 0) document.add_term("word", collection.word_wdf[i]);
        document.add_term("filler", collection.lengths[i] - collection.word_wdf[i]);
        db.add_document(document);
    }
    for (unsigned i = 0; i < collection.duplicates; ++i) {
        Xapian::Document document;
        document.add_boolean_term(schema::kind_term(schema::kKindDuplicate));
        document.add_boolean_term("Q/duplicate/" + std::to_string(i));
        db.add_document(document);
    }
    db.commit();
    return db;
}

// The textbook BM25 (k1 1.5, b 0.75, the length norm floored at 0.5) over
// the articles alone, with Xapian's idf over the database's documents.
double textbook_bm25(const Collection& collection, size_t article) {
    const double k1 = 1.5;
    const double b = 0.75;
    double total = 0;
    double with_word = 0;
    for (size_t i = 0; i < collection.lengths.size(); ++i) {
        total += collection.lengths[i];
        if (collection.word_wdf[i] > 0) ++with_word;
    }
    const double average = total / static_cast<double>(collection.lengths.size());
    const double documents = static_cast<double>(collection.lengths.size() + collection.duplicates);
    double odds = (documents - with_word + 0.5) / (with_word + 0.5);
    if (odds < 2) odds = odds * 0.5 + 1;
    const double wdf = collection.word_wdf[article];
    const double norm = std::max(0.5, 1 - b + b * collection.lengths[article] / average);
    return std::log(odds) * (k1 + 1) * wdf / (wdf + k1 * norm);
}

std::map<Xapian::docid, double> weights_by_docid(const Xapian::Database& db) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("word"));
    enquire.set_weighting_scheme(*article_weighting(ArticleStatistics::read(db)));
    const Xapian::MSet found = enquire.get_mset(0, 100);
    std::map<Xapian::docid, double> weights;
    for (auto item = found.begin(); item != found.end(); ++item) weights[*item] = item.get_weight();
    return weights;
}

TEST(ArticleStatistics, AreTheArticlesOwnWithoutTheDuplicatesDocuments) {
    const Collection collection{{10, 20, 30, 40}, {1, 0, 2, 0}, 4};
    const ArticleStatistics statistics = ArticleStatistics::read(database_of(collection));
    EXPECT_DOUBLE_EQ(statistics.articles, 4);
    EXPECT_DOUBLE_EQ(statistics.average_length, 25);
    EXPECT_DOUBLE_EQ(statistics.article_share, 0.5);
}

// Xapian's built-in BM25 (which xapian-tcpsrv knows) with the parameters
// news-query gives it scores every article as the textbook BM25 over the
// articles' own length, however many duplicates' documents the database
// holds, short articles (the floor) and long ones alike: the same score
// without duplicates, and one factor for every article of a database with
// them (Xapian's BM25 multiplies by its own k1 + 1), so the same ranking.
TEST(ArticleWeighting, IsBm25OverTheArticlesOwnAverageLength) {
    for (const unsigned duplicates : {0U, 1U, 7U, 40U}) {
        const Collection collection{{2, 5, 40, 100, 300, 35, 60}, {1, 2, 3, 1, 9, 0, 0}, duplicates};
        const Xapian::WritableDatabase db = database_of(collection);
        const std::map<Xapian::docid, double> weights = weights_by_docid(db);
        ASSERT_EQ(weights.size(), 5U);
        const double factor = weights.begin()->second / textbook_bm25(collection, 0);
        if (duplicates == 0) {
            EXPECT_NEAR(factor, 1.0, 1e-12);
        }
        for (const auto& [docid, weight] : weights) {
            EXPECT_NEAR(weight / textbook_bm25(collection, docid - 1), factor, 1e-12)
                << "article " << docid << " with " << duplicates << " duplicates";
        }
    }
}

TEST(ArticleWeighting, IsASchemeXapiansRemoteServerKnows) {
    const Xapian::WritableDatabase db = database_of({{10, 20}, {1, 1}, 3});
    EXPECT_EQ(article_weighting(ArticleStatistics::read(db))->name(), "Xapian::BM25Weight");
}

}  // namespace
}  // namespace news
