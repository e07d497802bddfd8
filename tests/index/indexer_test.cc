#include "index/indexer.h"

#include "index_progress.h"
#include "search/searcher.h"
#include "store/errors.h"
#include "store/news_database.h"
#include "store/schema.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <thread>

namespace news {
namespace {

class RecordingObserver final : public IndexObserver {
public:
    void skipped(const std::string& where, const std::string& reason) override { skips.push_back(where + ": " + reason); }
    std::vector<std::string> skips;
};

class IndexerTest : public ::testing::Test {
protected:
    IndexerTest() {
        corpus_.write("news/sport/a.txt", "Chelsea sack Mutu\n\nChelsea have sacked Adrian Mutu after a drugs test.\n");
        corpus_.write("news/tech/b.txt", "Broadband grows\n\nBroadband use grew fast in Europe this year.\n");
        corpus_.write("news/tech/b2.txt", "Broadband grows\n\nBroadband use grew fast in Europe this year.\n");
    }

    IndexSummary index(IndexOptions options = {}) {
        options.db_path = (scratch_.path() / "db").string();
        options.inputs = {(corpus_.path() / "news").string()};
        observer_ = RecordingObserver{};
        return run_indexer(options, observer_);
    }

    Xapian::doccount articles() {
        return count_articles(Xapian::Database((scratch_.path() / "db").string()));
    }

    // Changes the file's bytes and makes sure its mtime moves too.
    void rewrite(const std::string& relative, const std::string& bytes) {
        const auto file = corpus_.write(relative, bytes);
        std::filesystem::last_write_time(file, std::filesystem::last_write_time(file) + std::chrono::seconds(5));
    }

    test::ScratchDir corpus_;
    test::ScratchDir scratch_;
    RecordingObserver observer_;
};

TEST_F(IndexerTest, FirstRunIndexesAndRecordsDuplicatesOnce) {
    const IndexSummary summary = index();
    EXPECT_EQ(summary.counts.added, 2U);
    EXPECT_EQ(summary.counts.duplicates, 1U);
    EXPECT_EQ(summary.counts.skipped, 0U);
    EXPECT_EQ(summary.articles_in_database, 2U);
    EXPECT_EQ(summary.analysis.language, "english");
}

// news-query ranks articles by their own count and average length, taken
// from Xapian's statistics (search/ranking.h): that holds only while the
// duplicates' documents add no length, so that the database's total length
// is the articles'.
TEST_F(IndexerTest, DuplicatesAddNoLengthSoXapiansTotalIsTheArticles) {
    auto articles_and_total = [&] {
        const Xapian::Database db((scratch_.path() / "db").string());
        const std::string kind = schema::kind_term(schema::kKindArticle);
        Xapian::totallength total = 0;
        for (auto it = db.postlist_begin(kind); it != db.postlist_end(kind); ++it) total += it.get_doclength();
        const std::string duplicate = schema::kind_term(schema::kKindDuplicate);
        Xapian::doccount duplicates = 0;
        for (auto it = db.postlist_begin(duplicate); it != db.postlist_end(duplicate); ++it) {
            ++duplicates;
            EXPECT_EQ(it.get_doclength(), 0U) << "duplicate document " << *it;
        }
        EXPECT_EQ(db.get_total_length(), total);
        EXPECT_EQ(db.get_doccount(), db.get_termfreq(kind) + duplicates);
        return std::pair{db.get_termfreq(kind), duplicates};
    };
    index();
    EXPECT_EQ(articles_and_total(), std::pair(Xapian::doccount{2}, Xapian::doccount{1}));
    std::filesystem::remove(corpus_.path() / "news/sport/a.txt");
    index();
    EXPECT_EQ(articles_and_total().first, 1U);
}

TEST_F(IndexerTest, ReRunSkipsUnchangedAndTouchedFiles) {
    index();
    const auto file = corpus_.path() / "news/sport/a.txt";
    std::filesystem::last_write_time(file, std::filesystem::last_write_time(file) + std::chrono::seconds(5));
    const IndexSummary summary = index();
    EXPECT_EQ(summary.counts.added, 0U);
    EXPECT_EQ(summary.counts.changed, 0U);
    EXPECT_EQ(summary.counts.unchanged, 3U);
    EXPECT_EQ(index().counts.unchanged, 3U);
}

TEST_F(IndexerTest, ChangedFilesAreReplacedAndGoneFilesRemoved) {
    index();
    rewrite("news/sport/a.txt", "Chelsea sack Mutu\n\nThe striker was dismissed.\n");
    std::filesystem::remove(corpus_.path() / "news/tech/b2.txt");
    const IndexSummary summary = index();
    EXPECT_EQ(summary.counts.changed, 1U);
    EXPECT_EQ(summary.counts.removed, 1U);
    EXPECT_EQ(articles(), 2U);

    Searcher searcher(open_readable_index((scratch_.path() / "db").string()));
    SearchOptions options;
    options.query = "dismissed";
    EXPECT_EQ(searcher.search(options).hits.size(), 1U);
    options.query = "drugs";
    EXPECT_TRUE(searcher.search(options).hits.empty()) << "old passages must go";
}

TEST_F(IndexerTest, DuplicateTakesOverWhenItsOriginalGoes) {
    index();
    std::filesystem::remove(corpus_.path() / "news/tech/b.txt");
    const IndexSummary summary = index();
    EXPECT_EQ(summary.counts.removed, 1U);
    EXPECT_EQ(articles(), 2U);
    Searcher searcher(open_readable_index((scratch_.path() / "db").string()));
    SearchOptions options;
    options.query = "broadband";
    const SearchResults results = searcher.search(options);
    ASSERT_EQ(results.hits.size(), 1U);
    EXPECT_EQ(std::filesystem::path(results.hits[0].article.path).filename(), "b2.txt");
}

TEST_F(IndexerTest, SkipsEmptyAndBinaryFilesNamingThem) {
    corpus_.write("news/empty.txt", "");
    corpus_.write("news/image", std::string("\x89PNG\0\0\0", 7));
    corpus_.write("news/notes.md", "# Notes\n\nNot an article.\n");
    corpus_.write("news/.hidden.txt", "Hidden\n\nNot to be indexed.\n");
    const IndexSummary summary = index();
    EXPECT_EQ(summary.counts.skipped, 2U);
    EXPECT_EQ(summary.skips_by_kind.at("empty"), 1U);
    EXPECT_EQ(summary.skips_by_kind.at("binary"), 1U);
    ASSERT_EQ(observer_.skips.size(), 2U);
    EXPECT_NE(observer_.skips[0].find("empty.txt: empty file"), std::string::npos);
    EXPECT_NE(observer_.skips[1].find("image: binary data"), std::string::npos);
    // Not an article file type: left alone, not a failure.
    EXPECT_EQ(summary.counts.ignored, 1U);
    EXPECT_EQ(summary.articles_in_database, 2U);
}

TEST_F(IndexerTest, AFileThatTurnsBinaryLosesItsOldArticle) {
    index();
    rewrite("news/sport/a.txt", std::string("\0\0\0", 3));
    const IndexSummary summary = index();
    EXPECT_EQ(summary.counts.skipped, 1U);
    EXPECT_EQ(articles(), 1U);
}

TEST_F(IndexerTest, RefusesAnotherLanguageWithoutForce) {
    index();
    IndexOptions options;
    options.language = "french";
    EXPECT_THROW(index(options), UserError);
    options.force = true;
    const IndexSummary summary = index(options);
    EXPECT_EQ(summary.analysis.language, "french");
    EXPECT_EQ(summary.counts.added, 2U);
}

TEST_F(IndexerTest, UnknownLanguageIsAUserError) {
    IndexOptions options;
    options.language = "klingon";
    EXPECT_THROW(index(options), UserError);
}

TEST_F(IndexerTest, ARunOnAnotherFolderLeavesTheFirstAlone) {
    index();
    test::ScratchDir other;
    other.write("x/c.txt", "Other\n\nSomething else entirely.\n");
    IndexOptions options;
    options.db_path = (scratch_.path() / "db").string();
    options.inputs = {(other.path() / "x").string()};
    const IndexSummary summary = run_indexer(options, observer_);
    EXPECT_EQ(summary.counts.removed, 0U);
    EXPECT_EQ(summary.articles_in_database, 3U);
}

TEST(SummaryLine, SaysWhatWasDone) {
    IndexSummary summary;
    summary.counts.added = 60;
    summary.counts.duplicates = 1;
    summary.counts.skipped = 2;
    summary.skips_by_kind = {{"binary", 1}, {"empty", 1}};
    summary.seconds = 0.5;
    EXPECT_EQ(summary_line(summary),
              "60 new, 0 changed, 0 unchanged, 0 removed, 1 duplicate, 2 skipped (1 binary, 1 empty) in 0.50 s");
}

// Regression: names went raw to stderr, so a name could colour the
// terminal, retitle its window or start a forged "news-index:" line.
TEST(IndexReporter, WritesEveryNameEscapedOnItsOwnLine) {
    std::ostringstream err;
    IndexReporter reporter(err, false, true, false);
    reporter.skipped("/n/e\x1b[31mX\x1b]0;pwn\x07.txt", "empty file");
    reporter.indexed("/n/two\nnews-index: forged.txt", "duplicate of /n/\xE2\x80\xAEtxt.exe");
    reporter.note("not following symbolic link /n/\x9b" "31m");
    EXPECT_EQ(err.str(),
              "news-index: skipped /n/e\\e[31mX\\e]0;pwn\\x07.txt: empty file\n"
              "news-index: /n/two\\nnews-index: forged.txt: duplicate of /n/\\u{202e}txt.exe\n"
              "news-index: not following symbolic link /n/\\x9b31m\n");
}

}  // namespace
}  // namespace news

namespace news {
namespace {
// Did-you-mean's words follow the articles: a changed article's old words
// and a removed article's words are taken back, a duplicate adds none.
TEST_F(IndexerTest, SpellingDataFollowsChangedAndRemovedArticles) {
    index();
    auto frequency = [&](const std::string& word) {
        return test::spelling_frequency(Xapian::Database((scratch_.path() / "db").string()), word);
    };
    EXPECT_EQ(Xapian::Database((scratch_.path() / "db").string()).get_metadata(std::string(schema::kMetaSpelling)),
              "1");
    EXPECT_EQ(frequency("drugs"), 1U);
    EXPECT_EQ(frequency("broadband"), 1U) << "b2.txt is a duplicate of b.txt";
    rewrite("news/sport/a.txt", "Chelsea sack Mutu\n\nThe striker was dismissed.\n");
    std::filesystem::remove(corpus_.path() / "news/tech/b.txt");
    index();
    EXPECT_EQ(frequency("drugs"), 0U);
    EXPECT_EQ(frequency("dismissed"), 1U);
    EXPECT_EQ(frequency("chelsea"), 1U);
    EXPECT_EQ(frequency("broadband"), 1U) << "b2.txt took b.txt's place";
}

TEST_F(IndexerTest, NoSpellingLeavesItOutAndReRunsKeepTheDatabasesChoice) {
    IndexOptions options;
    options.no_spelling = true;
    index(options);
    auto has_spelling = [&] {
        const Xapian::Database db((scratch_.path() / "db").string());
        const bool has_words = db.spellings_begin() != db.spellings_end();
        EXPECT_EQ(has_words, db.get_metadata(std::string(schema::kMetaSpelling)) == "1");
        return has_words;
    };
    EXPECT_FALSE(has_spelling());
    rewrite("news/sport/a.txt", "Chelsea sack Mutu\n\nThe striker was dismissed.\n");
    index();
    EXPECT_FALSE(has_spelling()) << "a re-run keeps the database without spelling data";
    IndexOptions rebuild;
    rebuild.force = true;
    index(rebuild);
    EXPECT_TRUE(has_spelling());
    EXPECT_THROW(index(options), UserError) << "--no-spelling on a database with spelling data needs --force";
    options.force = true;
    index(options);
    EXPECT_FALSE(has_spelling());
}

// A fresh build on two threads must give what one thread gives, even when
// the copies of one article land in different segments, whatever the size of
// the segments each thread writes.
class ParallelIndexerTest : public ::testing::TestWithParam<size_t> {
protected:
    ParallelIndexerTest() {
        corpus_.write("news/x1.txt", "Alpha story\n\nThe alpha story is about oil.\n");
        corpus_.write("news/x2.txt", "Beta story\n\nThe beta story is about gas.\n");
        corpus_.write("news/x3.txt", "Alpha story\n\nThe alpha story is about oil.\n");
        corpus_.write("news/x4.txt", "Gamma story\n\nThe gamma story is about coal.\n");
        corpus_.write("news/x5.txt", "");
    }

    IndexSummary index(unsigned threads) {
        IndexOptions options;
        options.db_path = (scratch_.path() / "db").string();
        options.inputs = {(corpus_.path() / "news").string()};
        options.threads = threads;
        options.parallel_min_files = 1;
        options.segment_files = GetParam();
        return run_indexer(options, observer_);
    }

    SearchResults search(const std::string& query) {
        Searcher searcher(open_readable_index((scratch_.path() / "db").string()));
        SearchOptions options;
        options.query = query;
        return searcher.search(options);
    }

    test::ScratchDir corpus_;
    test::ScratchDir scratch_;
    IndexObserver observer_;
};

TEST_P(ParallelIndexerTest, GivesTheSameIndexAsOneThread) {
    const IndexSummary summary = index(2);
    EXPECT_EQ(summary.counts.added, 3U);
    EXPECT_EQ(summary.counts.duplicates, 1U);
    EXPECT_EQ(summary.counts.skipped, 1U);
    EXPECT_EQ(summary.articles_in_database, 3U);
    EXPECT_FALSE(std::filesystem::exists(scratch_.path() / "db" / "news-index.building"));
    const Xapian::Database db((scratch_.path() / "db").string());
    EXPECT_EQ(db.get_termfreq(schema::kind_term(schema::kKindArticle)), 3U);
    const SearchResults alpha = search("alpha");
    ASSERT_EQ(alpha.hits.size(), 1U);
    EXPECT_EQ(std::filesystem::path(alpha.hits[0].article.path).filename(), "x1.txt") << "the first copy wins";
    EXPECT_EQ(search("coal").hits.size(), 1U);
}

// The segments' spelling data is merged with them; the words of a copy
// that another thread indexed as an article are taken back.
TEST_P(ParallelIndexerTest, KeepsTheSpellingDataOfEverySegment) {
    index(2);
    const Xapian::Database db((scratch_.path() / "db").string());
    EXPECT_EQ(db.get_metadata(std::string(schema::kMetaSpelling)), "1");
    EXPECT_EQ(test::spelling_frequency(db, "alpha"), 1U);
    EXPECT_EQ(test::spelling_frequency(db, "gamma"), 1U);
    EXPECT_EQ(test::spelling_frequency(db, "story"), 3U);
}

TEST_P(ParallelIndexerTest, ReRunsAndUpdatesLikeASequentialBuild) {
    index(2);
    EXPECT_EQ(index(2).counts.unchanged, 4U);
    std::filesystem::remove(corpus_.path() / "news/x1.txt");
    corpus_.write("news/x6.txt", "Delta story\n\nThe delta story is about wind.\n");
    const IndexSummary summary = index(2);
    EXPECT_EQ(summary.counts.removed, 1U);
    EXPECT_EQ(summary.counts.added, 1U);
    EXPECT_EQ(summary.articles_in_database, 4U);
    const SearchResults alpha = search("alpha");
    ASSERT_EQ(alpha.hits.size(), 1U);
    EXPECT_EQ(std::filesystem::path(alpha.hits[0].article.path).filename(), "x3.txt") << "the copy takes over";
    EXPECT_EQ(search("wind").hits.size(), 1U);
}

// One segment per thread, and one per article.
INSTANTIATE_TEST_SUITE_P(SegmentSizes, ParallelIndexerTest, ::testing::Values(kDefaultSegmentFiles, 1));

}  // namespace
}  // namespace news

namespace news {
namespace {

// news-index --db ./news.db . : the database is not walked as articles.
TEST(IndexerDatabaseInside, TheDatabaseFolderInsideAnInputIsNotIndexed) {
    const test::ScratchDir corpus;
    corpus.write("a.txt", "Alpha story\n\nThe alpha story is about oil.\n");
    corpus.write("b/b.txt", "Beta story\n\nThe beta story is about gas.\n");
    RecordingObserver observer;
    IndexOptions options;
    options.db_path = (corpus.path() / "news.db").string();
    options.inputs = {corpus.path().string()};
    for (int run = 0; run < 2; ++run) {
        const IndexSummary summary = run_indexer(options, observer);
        EXPECT_EQ(summary.counts.skipped, 0U) << "run " << run;
        EXPECT_EQ(summary.counts.ignored, 0U) << "run " << run;
        EXPECT_EQ(observer.skips, std::vector<std::string>{}) << "run " << run;
        EXPECT_EQ(summary.articles_in_database, 2U);
    }
}

}  // namespace
}  // namespace news
