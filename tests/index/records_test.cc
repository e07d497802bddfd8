// Files of many articles (a JSON Lines dump here): each record an article of
// its own, kept, replaced and deleted record by record.
#include "index/indexer.h"

#include "search/searcher.h"
#include "store/database_folder.h"
#include "store/news_database.h"
#include "store/schema.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <xapian.h>

#include <array>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace news {
namespace {

std::string record_line(const std::string& id, const std::string& title, const std::string& text) {
    return R"({"id": ")" + id + R"(", "title": ")" + title + R"(", "text": ")" + text + R"(", "date": "2018-05-26"})" +
           "\n";
}

class RecordsTest : public ::testing::TestWithParam<unsigned> {
protected:
    RecordsTest() {
        corpus_.write("news/plain.txt", "Plain story\n\nA plain story about tea.\n");
        write_dump({{"a", "Oil prices rise", "Oil prices rose sharply on Monday."},
                    {"b", "Gas shortage", "A gas shortage hit the north."},
                    {"c", "Coal mines close", "Three coal mines closed."}});
    }

    void write_dump(const std::vector<std::array<std::string, 3>>& records) {
        std::string bytes;
        for (const auto& [id, title, text] : records) bytes += record_line(id, title, text);
        const auto file = corpus_.write("news/dump.jsonl", bytes);
        std::filesystem::last_write_time(file, std::filesystem::last_write_time(file) + std::chrono::seconds(++edits_));
    }

    IndexSummary index() {
        IndexOptions options;
        options.db_path = (scratch_.path() / "db").string();
        options.inputs = {(corpus_.path() / "news").string()};
        options.threads = GetParam();
        options.parallel_min_files = 1;
        return run_indexer(options, observer_);
    }

    SearchResults search(const std::string& query) {
        Searcher searcher(open_readable_index((scratch_.path() / "db").string()));
        SearchOptions options;
        options.query = query;
        return searcher.search(options);
    }

    // record -> article key, for the dump's articles.
    std::map<std::string, uint32_t> keys() {
        std::map<std::string, uint32_t> out;
        for (const char* word : {"oil", "gas", "coal", "wind", "shortage"}) {
            for (const SearchHit& hit : search(word).hits) {
                if (!hit.article.record.empty()) out[hit.article.record] = hit.article_id;
            }
        }
        return out;
    }

    test::ScratchDir corpus_;
    test::ScratchDir scratch_;
    IndexObserver observer_;
    int edits_ = 0;
};

TEST_P(RecordsTest, EachRecordIsAnArticleNamedByItsFileAndKey) {
    const IndexSummary summary = index();
    EXPECT_EQ(summary.counts.added, 4U);
    EXPECT_EQ(summary.articles_in_database, 4U);
    const SearchResults gas = search("gas");
    ASSERT_EQ(gas.hits.size(), 1U);
    EXPECT_EQ(std::filesystem::path(gas.hits[0].article.path).filename(), "dump.jsonl");
    EXPECT_EQ(gas.hits[0].article.record, "b");
    EXPECT_EQ(gas.hits[0].article.title, "Gas shortage");
    ASSERT_FALSE(gas.hits[0].passages.empty());
    EXPECT_EQ(gas.hits[0].passages[0].line, 2U) << "the line of the dump the record is on";
    const std::map<std::string, uint32_t> before = keys();
    EXPECT_EQ(before.size(), 3U);
    std::set<uint32_t> distinct;
    for (const auto& [record, key] : before) distinct.insert(key);
    EXPECT_EQ(distinct.size(), 3U) << "every record its own key";
}

TEST_P(RecordsTest, AnUnchangedDumpIsOneStatAndAChangedOneRewritesOnlyItsChangedRecords) {
    index();
    const std::map<std::string, uint32_t> before = keys();
    const IndexSummary again = index();
    EXPECT_EQ(again.counts.unchanged, 4U);
    EXPECT_EQ(again.counts.added + again.counts.changed + again.counts.removed, 0U);

    // b edited, c gone, d new, a as it was.
    write_dump({{"a", "Oil prices rise", "Oil prices rose sharply on Monday."},
                {"b", "Gas shortage ends", "The gas shortage in the north ended."},
                {"d", "Wind farms grow", "Wind farms grew fast."}});
    const IndexSummary summary = index();
    EXPECT_EQ(summary.counts.added, 1U);
    EXPECT_EQ(summary.counts.changed, 1U);
    EXPECT_EQ(summary.counts.removed, 1U);
    EXPECT_EQ(summary.counts.unchanged, 2U) << "record a and plain.txt";
    EXPECT_EQ(summary.articles_in_database, 4U);
    EXPECT_TRUE(search("coal").hits.empty());
    ASSERT_EQ(search("ended").hits.size(), 1U);
    ASSERT_EQ(search("wind").hits.size(), 1U);
    const std::map<std::string, uint32_t> after = keys();
    EXPECT_EQ(after.at("a"), before.at("a")) << "an unchanged record keeps its key";
    EXPECT_EQ(after.at("b"), before.at("b")) << "a changed record keeps its key";
    for (const auto& [record, key] : before) {
        EXPECT_NE(after.at("d"), key) << "a new record takes a new key, not " << record << "'s";
    }
    // And once more: nothing left to do.
    const IndexSummary settled = index();
    EXPECT_EQ(settled.counts.unchanged, 4U);
}

TEST_P(RecordsTest, ADeletedDumpTakesAllItsRecords) {
    index();
    std::filesystem::remove(corpus_.path() / "news/dump.jsonl");
    const IndexSummary summary = index();
    EXPECT_EQ(summary.counts.removed, 3U);
    EXPECT_EQ(summary.articles_in_database, 1U);
    EXPECT_TRUE(search("oil").hits.empty());
}

TEST_P(RecordsTest, ARecordWithTheTextOfAnotherArticleIsOneResultListingItsCopies) {
    // Record a's text again in a second dump (under another headline: the
    // text is long enough to stand alone) and as a file of its own.
    const std::string long_text =
        "Oil prices rose sharply on Monday as traders weighed supply cuts agreed by producers at the weekend, "
        "with analysts in London and Singapore saying the rally could run for weeks unless demand in Asia "
        "weakens and stocks held in tanks along the coast start to climb again by the end of the month.";
    write_dump({{"a", "Oil prices rise", long_text}, {"b", "Gas shortage", "A gas shortage hit the north."}});
    corpus_.write("news/other.jsonl", record_line("x", "Oil jumps on supply cuts", long_text));
    corpus_.write("news/saved.txt", "Oil prices rise\n\n" + long_text + "\n");
    const IndexSummary summary = index();
    EXPECT_EQ(summary.counts.added, 3U) << "plain.txt, a, b";
    EXPECT_EQ(summary.counts.duplicates, 2U) << "x and saved.txt repeat a's text";
    EXPECT_EQ(summary.articles_in_database, 3U);

    const SearchResults oil = search("traders weighed supply cuts");
    ASSERT_EQ(oil.hits.size(), 1U) << "one result for the three copies";
    EXPECT_EQ(oil.matching, 3U) << "the count counts articles";
    const SearchHit& hit = oil.hits[0];
    EXPECT_EQ(hit.copies_total, 2U);
    std::set<std::string> places{std::filesystem::path(hit.article.path).filename().string()};
    for (const TextCopy& copy : hit.copies) places.insert(std::filesystem::path(copy.article.path).filename().string());
    EXPECT_EQ(places, (std::set<std::string>{"dump.jsonl", "other.jsonl", "saved.txt"}));
    for (const TextCopy& copy : hit.copies) EXPECT_GT(copy.line, 0U) << copy.article.path;

    // The copies stay articles of their own files: a re-run changes nothing,
    // and when the text changes in one, each is a result again.
    const IndexSummary again = index();
    EXPECT_EQ(again.counts.unchanged, 5U);
    EXPECT_EQ(again.counts.added + again.counts.duplicates, 0U);
    corpus_.write("news/saved.txt", "Oil prices rise\n\n" + long_text + " Refiners said little.\n");
    index();
    // saved.txt is now a version of the story the copies tell.
    const SearchResults changed = search("traders weighed supply cuts");
    ASSERT_EQ(changed.hits.size(), 1U);
    EXPECT_EQ(changed.hits[0].copies_total + changed.hits[0].similar_total, 2U);
    EXPECT_GE(changed.hits[0].similar_total, 1U);
}

// One thread writes in place; two build anew (in segments, merged).
INSTANTIATE_TEST_SUITE_P(Threads, RecordsTest, ::testing::Values(1U, 2U));

}  // namespace
}  // namespace news

namespace news {
namespace {

// Reuters-21578's topics and a dump's categories come as several sections.
TEST(Sections, EachPartOfASectionOfSeveralFindsTheArticle) {
    const test::ScratchDir corpus;
    const test::ScratchDir scratch;
    corpus.write("dump.jsonl", R"({"title": "Crop report", "text": "Wheat and maize harvests grew.", "category": "Grain, Corn"})" "\n");
    IndexOptions options;
    options.db_path = (scratch.path() / "db").string();
    options.inputs = {corpus.path().string()};
    IndexObserver observer;
    run_indexer(options, observer);
    for (const char* query : {"section:grain harvests", "section:corn harvests", "section:\"grain, corn\" harvests"}) {
        Searcher searcher(open_readable_index(options.db_path));
        SearchOptions search;
        search.query = query;
        EXPECT_EQ(searcher.search(search).hits.size(), 1U) << query;
    }
}

}  // namespace
}  // namespace news

namespace news {
namespace {

// A JSON Lines dump of `records` articles "r1", "r2", ..., each about harbours.
std::string harbour_dump(int records) {
    std::string bytes;
    for (int i = 1; i <= records; ++i) {
        bytes += R"({"id": "r)" + std::to_string(i) + R"(", "title": "Story )" + std::to_string(i) +
                 R"(", "text": "Record number )" + std::to_string(i) + R"( of the dump, about harbours."})" + "\n";
    }
    return bytes;
}

// A dump of more articles than one batch: those built by another thread
// carry the dump's path and stamp like the rest.
TEST(ManyRecords, EveryRecordOfALargeDumpIsTheDumpsAndUnchangedOnTheNextRun) {
    const test::ScratchDir corpus;
    const test::ScratchDir scratch;
    corpus.write("dump.jsonl", harbour_dump(1500));
    IndexOptions options;
    options.db_path = (scratch.path() / "db").string();
    options.inputs = {corpus.path().string()};
    options.threads = 2;
    options.parallel_min_files = 1;
    IndexObserver observer;
    EXPECT_EQ(run_indexer(options, observer).counts.added, 1500U);
    const IndexSummary again = run_indexer(options, observer);
    EXPECT_EQ(again.counts.unchanged, 1500U);
    EXPECT_EQ(again.counts.added + again.counts.removed, 0U);
    EXPECT_EQ(again.articles_in_database, 1500U);
    Searcher searcher(open_readable_index(options.db_path));
    SearchOptions search;
    search.query = "harbours";
    search.count = 2000;
    search.fold = false;  // the records are one template: versions of one story
    const SearchResults results = searcher.search(search);
    ASSERT_EQ(results.hits.size(), 1500U);
    std::set<std::string> records;
    for (const SearchHit& hit : results.hits) {
        EXPECT_EQ(std::filesystem::path(hit.article.path).filename(), "dump.jsonl") << hit.article.record;
        records.insert(hit.article.record);
    }
    EXPECT_EQ(records.size(), 1500U);
}

}  // namespace
}  // namespace news

namespace news {
namespace {

// A dump larger than a batch is written in several transactions, marked
// unfinished until its last: a run cut short between two of them (as a
// kill leaves it: some records written with the dump's stamp, the mark
// still there) is completed by the next, which keeps what it finds written.
TEST(ManyRecords, ADumpWrittenInSeveralTransactionsIsFinishedByTheRunAfterOneCutShort) {
    const test::ScratchDir corpus;
    const test::ScratchDir scratch;
    const auto dump = corpus.write("dump.jsonl", harbour_dump(12));
    IndexOptions options;
    options.db_path = (scratch.path() / "db").string();
    options.inputs = {corpus.path().string()};
    options.threads = 1;
    options.batch_articles = 5;
    IndexObserver observer;
    EXPECT_EQ(run_indexer(options, observer).counts.added, 12U);
    const std::string mark = schema::unfinished_file_key(std::filesystem::absolute(dump).string());
    {
        Xapian::WritableDatabase db(options.db_path);
        EXPECT_EQ(db.get_metadata(mark), "") << "a finished dump carries no mark";
        // What a kill after the first two transactions leaves.
        for (const char* record : {"r11", "r12"}) {
            const std::string id = schema::unique_id_term(std::filesystem::absolute(dump).string(), record);
            ASSERT_EQ(db.get_termfreq(id), 1U) << record;
            db.delete_document(id);
        }
        db.set_metadata(mark, std::filesystem::absolute(dump).string());
        db.commit();
    }
    // As news-index leaves its own commits; the damage check this skips is
    // another test's (tests/store).
    database_folder::record_fingerprint(options.db_path);
    const IndexSummary resumed = run_indexer(options, observer);
    EXPECT_EQ(resumed.counts.added, 2U) << "the two records the cut-short run did not write";
    EXPECT_EQ(resumed.counts.unchanged, 10U) << "those it wrote are kept";
    EXPECT_EQ(resumed.articles_in_database, 12U);
    EXPECT_EQ(Xapian::Database(options.db_path).get_metadata(mark), "");
    const IndexSummary settled = run_indexer(options, observer);
    EXPECT_EQ(settled.counts.unchanged, 12U);
    EXPECT_EQ(settled.counts.added + settled.counts.changed, 0U);
}

}  // namespace
}  // namespace news
