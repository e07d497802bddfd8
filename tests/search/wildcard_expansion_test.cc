#include "search/wildcard_expansion.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <map>
#include <string>
#include <vector>

namespace news {
namespace {

// Ten documents of words starting "elect" and others, as one database and
// as two shards opened as one: the same articles, in other documents.
const std::vector<std::vector<std::string>> kDocuments = {
    {"election", "vote"}, {"elector", "elector", "vote"}, {"electric", "car"}, {"vote"},
    {"election", "election", "poll"}, {"car"}, {"elected", "mayor"}, {"poll", "poll"},
    {"electorate", "vote", "vote"}, {"election"},
};

void add(Xapian::WritableDatabase& db, const std::vector<std::string>& words, size_t number) {
    Xapian::Document document;
    for (const std::string& word : words) document.add_term(word);
    document.set_data(std::to_string(number));
    db.add_document(document);
}

// Each document's weight for `query`, by its number.
std::map<std::string, double> weights(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const Xapian::MSet found = enquire.get_mset(0, 100);
    std::map<std::string, double> out;
    for (auto item = found.begin(); item != found.end(); ++item) out[item.get_document().get_data()] = item.get_weight();
    return out;
}

TEST(WildcardExpansion, WeighsAlikeOnOneDatabaseAndOnItsShards) {
    Xapian::WritableDatabase one(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::WritableDatabase first(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::WritableDatabase second(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (size_t i = 0; i < kDocuments.size(); ++i) {
        add(one, kDocuments[i], i);
        add(i % 3 == 0 ? first : second, kDocuments[i], i);
    }
    Xapian::Database shards;
    shards.add_database(first);
    shards.add_database(second);
    const Xapian::Query wildcard(Xapian::Query::OP_OR, Xapian::Query("vote"),
                                 Xapian::Query(Xapian::Query::OP_WILDCARD, "elect", 1000,
                                               Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT));

    const std::map<std::string, double> on_one = weights(one, with_wildcards_expanded(one, wildcard, 1000));
    const std::map<std::string, double> on_shards = weights(shards, with_wildcards_expanded(shards, wildcard, 1000));
    ASSERT_EQ(on_one.size(), 8U);
    ASSERT_EQ(on_shards.size(), on_one.size());
    for (const auto& [document, weight] : on_one) EXPECT_NEAR(on_shards.at(document), weight, 1e-12) << document;
}

// On one database, the expansion is Xapian's own where no tie decides it;
// of words as frequent at the limit, the first in order are kept (Xapian
// leaves that to std::nth_element).
TEST(WildcardExpansion, KeepsTheMostFrequentWordsAsXapianDoesAndMatchesNothingWithoutAny) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (size_t i = 0; i < kDocuments.size(); ++i) add(db, kDocuments[i], i);
    for (const Xapian::termcount limit : {1U, 5U, 10U}) {
        const Xapian::Query wildcard(Xapian::Query::OP_WILDCARD, "elect", limit,
                                     Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
        const std::map<std::string, double> xapians = weights(db, wildcard);
        const std::map<std::string, double> ours = weights(db, with_wildcards_expanded(db, wildcard, limit));
        ASSERT_EQ(ours.size(), xapians.size()) << "limit " << limit;
        for (const auto& [document, weight] : xapians) {
            EXPECT_NEAR(ours.at(document), weight, 1e-12) << "limit " << limit << ", document " << document;
        }
    }
    const Xapian::Query two = with_wildcards_expanded(
        db, Xapian::Query(Xapian::Query::OP_WILDCARD, "elect", 2, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT), 2);
    EXPECT_EQ(two.get_description(), "Query((elected SYNONYM election))");
    const Xapian::Query none = with_wildcards_expanded(db, Xapian::Query(Xapian::Query::OP_WILDCARD, "zzz"), 10);
    EXPECT_TRUE(weights(db, none).empty());
}

}  // namespace
}  // namespace news
