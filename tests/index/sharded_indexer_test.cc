// A database built as shards (news-index --shards N, --add-shard): keys
// unique across shards, exact duplicates settled across shards also when
// the shards are built on every core unaware of each other, a conversion
// of one database into shards finished after a kill.
#include "index/indexer.h"
#include "store/news_database.h"
#include "store/schema.h"
#include "store/sharded_database.h"
#include "store/stub_database.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <xapian.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

namespace news {
namespace {

namespace fs = std::filesystem;

class ShardedIndexerTest : public ::testing::Test {
protected:
    ShardedIndexerTest() {
        for (int i = 0; i < 24; ++i) {
            const std::string n = std::to_string(i);
            const std::string text = "Story " + n + " headline\n\nThe story numbered " + n + " tells of harbour " + n +
                                     " and its " + n + " ships.\n";
            corpus_.write("news/first/" + n + ".txt", text);
            corpus_.write("news/second/copy-" + n + ".txt", text);  // the same bytes under another path
        }
    }

    std::string db() const { return (scratch_.path() / "db").string(); }

    IndexSummary index(IndexOptions options) {
        if (options.db_path.empty()) options.db_path = db();
        if (options.inputs.empty() && options.add_shard.empty()) options.inputs = {(corpus_.path() / "news").string()};
        IndexObserver quiet;
        return run_indexer(options, quiet);
    }

    // Content hash -> how many articles hold those bytes, over the whole database.
    static std::map<std::string, int> articles_by_hash(const Xapian::Database& whole) {
        std::map<std::string, int> count;
        const std::string kind = schema::kind_term(schema::kKindArticle);
        for (auto it = whole.postlist_begin(kind); it != whole.postlist_end(kind); ++it) {
            count[whole.get_document(*it).get_value(schema::kSlotContentHash)]++;
        }
        return count;
    }

    static std::vector<std::string> keys(const Xapian::Database& database) {
        std::vector<std::string> all;
        const std::string kind = schema::kind_term(schema::kKindArticle);
        for (auto it = database.postlist_begin(kind); it != database.postlist_end(kind); ++it) {
            all.push_back(database.get_document(*it).get_value(schema::kSlotArticleId));
        }
        return all;
    }

    test::ScratchDir corpus_;
    test::ScratchDir scratch_;
};

TEST_F(ShardedIndexerTest, EachShardHandsOutItsOwnResidueOfKeys) {
    IndexOptions options;
    options.shards = 3;
    const IndexSummary summary = index(options);
    EXPECT_EQ(summary.shards, 3U);
    EXPECT_EQ(summary.articles_in_database, 24U);
    EXPECT_EQ(summary.counts.duplicates, 24U);
    std::set<std::string> seen;
    for (size_t s = 0; s < 3; ++s) {
        const Xapian::Database shard(sharded_database::shard_folder(db(), s));
        for (const std::string& key : keys(shard)) {
            EXPECT_EQ(std::stoul(key) % 3, (s + 1) % 3) << "shard " << s << " key " << key;
            EXPECT_TRUE(seen.insert(key).second) << "key " << key << " twice";
        }
    }
    for (const auto& [hash, articles] : articles_by_hash(Xapian::Database(db()))) EXPECT_EQ(articles, 1) << hash;
}

TEST_F(ShardedIndexerTest, ShardsBuiltOnEveryCoreSettleTheirCopiesAcrossShards) {
    IndexOptions options;
    options.shards = 3;
    options.threads = 2;
    options.parallel_min_files = 10;  // the whole walk (48 files) is "many"
    const IndexSummary summary = index(options);
    EXPECT_EQ(summary.counts.added, 24U);
    EXPECT_EQ(summary.counts.duplicates, 24U);
    const Xapian::Database whole(db());
    EXPECT_EQ(count_articles(whole), 24U);
    for (const auto& [hash, articles] : articles_by_hash(whole)) EXPECT_EQ(articles, 1) << hash;
    for (size_t s = 0; s < 3; ++s) {
        const Xapian::Database shard(sharded_database::shard_folder(db(), s));
        EXPECT_EQ(shard.get_metadata(std::string(schema::kMetaUnsettled)), "") << "shard " << s << " still unsettled";
    }
    // Nothing to do the second time.
    const IndexSummary again = index(IndexOptions{});
    EXPECT_EQ(again.counts.unchanged, 48U);
    EXPECT_EQ(again.counts.added + again.counts.changed + again.counts.removed + again.counts.duplicates, 0U);
}

TEST_F(ShardedIndexerTest, AnAddedShardGetsKeysNoOtherShardHas) {
    IndexOptions options;
    options.shards = 2;
    options.inputs = {(corpus_.path() / "news" / "first").string()};
    index(options);
    const std::string other = (scratch_.path() / "other").string();
    IndexOptions separate;
    separate.db_path = other;
    separate.inputs = {(corpus_.path() / "news" / "second").string()};
    index(separate);  // keys 1..24 again, and the same bytes as the first folder's

    IndexOptions add;
    add.add_shard = other;
    const IndexSummary added = index(add);
    EXPECT_EQ(added.shards, 3U);
    EXPECT_EQ(added.articles_in_database, 24U) << "the added shard's copies became duplicates";
    const Xapian::Database whole(db());
    std::set<std::string> seen;
    for (const std::string& key : keys(whole)) EXPECT_TRUE(seen.insert(key).second) << "key " << key << " twice";

    // New articles in every shard still get keys of their own.
    for (int i = 0; i < 12; ++i) {
        const std::string n = std::to_string(i);
        corpus_.write("news/first/new-" + n + ".txt",
                      "Fresh " + n + "\n\nA fresh article about lighthouse " + n + ".\n");
    }
    IndexOptions rerun;
    rerun.inputs = {(corpus_.path() / "news" / "first").string(), (corpus_.path() / "news" / "second").string()};
    const IndexSummary after = index(rerun);
    EXPECT_EQ(after.counts.added, 12U);
    seen.clear();
    for (const std::string& key : keys(Xapian::Database(db()))) {
        EXPECT_TRUE(seen.insert(key).second) << "key " << key << " twice";
    }
}

TEST_F(ShardedIndexerTest, KeyPlansAKillLeftDisagreeingAreMadeAgain) {
    IndexOptions options;
    options.shards = 2;
    options.inputs = {(corpus_.path() / "news" / "first").string()};
    index(options);
    {
        // What a kill part-way through --add-shard to a third shard leaves:
        // shard 0 planned for 3 shards, shard 1 still for 2.
        Xapian::WritableDatabase shard(sharded_database::shard_folder(db(), 0), Xapian::DB_OPEN);
        const auto next = std::stoul(shard.get_metadata(std::string(schema::kMetaNextArticleKey)));
        shard.set_metadata(std::string(schema::kMetaNextArticleKey), std::to_string(next + 1));
        shard.set_metadata(std::string(schema::kMetaKeyStep), "3");
        shard.commit();
    }
    for (int i = 0; i < 40; ++i) {
        const std::string n = std::to_string(i);
        corpus_.write("news/first/more-" + n + ".txt", "More " + n + "\n\nMore about the pier number " + n + ".\n");
    }
    IndexOptions rerun;
    rerun.inputs = options.inputs;
    EXPECT_EQ(index(rerun).counts.added, 40U);
    std::set<std::string> seen;
    for (const std::string& key : keys(Xapian::Database(db()))) {
        EXPECT_TRUE(seen.insert(key).second) << "key " << key << " twice";
    }
    for (size_t s = 0; s < 2; ++s) {
        const Xapian::Database shard(sharded_database::shard_folder(db(), s));
        EXPECT_EQ(shard.get_metadata(std::string(schema::kMetaKeyStep)), "2") << "shard " << s;
    }
}

TEST_F(ShardedIndexerTest, AConversionCutShortIsFinished) {
    IndexOptions options;
    options.inputs = {(corpus_.path() / "news" / "first").string()};
    index(options);
    // A kill after the first table moved into shard-0.moving.
    const fs::path moving = fs::path(db()) / "shard-0.moving";
    fs::create_directory(moving);
    fs::rename(fs::path(db()) / "postlist.glass", moving / "postlist.glass");
    ASSERT_TRUE(sharded_database::may_be_sharded(db()));
    EXPECT_TRUE(sharded_database::finish_interrupted_conversion(db()));
    const std::optional<std::vector<std::string>> shards = sharded_database::local_shards(db());
    ASSERT_TRUE(shards);
    EXPECT_EQ(shards->size(), 1U);
    EXPECT_EQ(count_articles(Xapian::Database(db())), 24U);
    EXPECT_FALSE(sharded_database::finish_interrupted_conversion(db())) << "nothing left to finish";
}

TEST_F(ShardedIndexerTest, ADuplicateOrphanedByARunKilledBeforeTheSettlingIsPromotedNextTime) {
    // An article in shard 1 and, added later, its copy in shard 0.
    const fs::path folder = corpus_.path() / "pair";
    std::string original;
    std::string copy;
    for (int i = 0; i < 64 && (original.empty() || copy.empty()); ++i) {
        const std::string path = (folder / ("file-" + std::to_string(i) + ".txt")).string();
        const size_t shard = sharded_database::shard_for_new_file(path, 2);
        if (shard == 1 && original.empty()) original = path;
        if (shard == 0 && copy.empty()) copy = path;
    }
    ASSERT_FALSE(original.empty() || copy.empty());
    const std::string bytes = "Lighthouse keepers strike\n\nThe lighthouse keepers struck at dawn.\n";
    corpus_.write(fs::relative(original, corpus_.path()).string(), bytes);
    IndexOptions first;
    first.shards = 2;
    first.inputs = {folder.string()};
    index(first);
    corpus_.write(fs::relative(copy, corpus_.path()).string(), bytes);
    IndexOptions second;
    second.inputs = {folder.string()};
    EXPECT_EQ(index(second).counts.duplicates, 1U);

    // What a kill leaves when it comes after shard 1 removed the original
    // and before the copy in shard 0 was promoted.
    fs::remove(original);
    {
        Xapian::WritableDatabase shard(sharded_database::shard_folder(db(), 1), Xapian::DB_OPEN);
        const std::string id = schema::unique_id_term(original);
        const Xapian::docid docid = *shard.postlist_begin(id);
        const std::string hash = shard.get_document(docid).get_value(schema::kSlotContentHash);
        shard.delete_document(docid);
        shard.set_metadata(std::string(schema::kMetaHashLeftPrefix) + hash, "1");
        shard.commit();
    }
    const IndexSummary after = index(second);
    EXPECT_EQ(after.articles_in_database, 1U) << "the copy is the article now";
    const Xapian::Database whole(db());
    const Xapian::docid copy_docid = *whole.postlist_begin(schema::unique_id_term(copy));
    EXPECT_EQ(whole.get_document(copy_docid).get_value(schema::kSlotArticleId).empty(), false);
    EXPECT_EQ(whole.metadata_keys_begin(std::string(schema::kMetaHashLeftPrefix)),
              whole.metadata_keys_end(std::string(schema::kMetaHashLeftPrefix)));
}

TEST(ShardForNewFile, IsTheSameOnEveryRun) {
    // XXH3-64 of the path: a change would move files between shards.
    EXPECT_EQ(sharded_database::shard_for_new_file("/news/2006/10/20/story.txt", 1), 0U);
    EXPECT_EQ(sharded_database::shard_for_new_file("/news/2006/10/20/story.txt", 4), 2U);
    EXPECT_EQ(sharded_database::shard_for_new_file("/news/2006/10/20/story.txt", 7), 0U);
    std::set<size_t> used;
    for (int i = 0; i < 64; ++i) used.insert(sharded_database::shard_for_new_file("/news/" + std::to_string(i), 4));
    EXPECT_EQ(used.size(), 4U) << "64 paths reach every one of 4 shards";
}

TEST(ShardNames, AreNewsIndexsOwn) {
    EXPECT_TRUE(sharded_database::is_shard_name("shard-0"));
    EXPECT_TRUE(sharded_database::is_shard_name("shard-12"));
    EXPECT_TRUE(sharded_database::is_shard_name("shard-0.moving"));
    EXPECT_FALSE(sharded_database::is_shard_name("shard-"));
    EXPECT_FALSE(sharded_database::is_shard_name("shard-x"));
    EXPECT_FALSE(sharded_database::is_shard_name("notes.txt"));
}

}  // namespace
}  // namespace news
