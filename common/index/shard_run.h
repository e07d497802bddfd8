// One shard of a sharded database, brought up to date by the engine that
// updates a plain database (index/indexer.cc), told what the other shards
// hold: index/sharded_indexer.cc walks once, gives each shard its share
// and settles exact duplicates across the shards afterwards.
#pragma once

#include "formats/file_walker.h"
#include "index/index_catalog.h"
#include "index/indexer.h"
#include "store/schema.h"

#include <xapian.h>

#include <cstddef>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace news {

class IndexRun;

// Where a shard stands in its database.
struct ShardPlace {
    size_t index = 0;                      // in the stub's order
    std::vector<std::string> shard_paths;  // every shard's folder, in the stub's order
};

class ShardRun {
public:
    // Opens the shard at options.db_path (creating it when it is new),
    // holding its write lock until destroyed, and reads its catalogue.
    ShardRun(const IndexOptions& options, IndexObserver& observer, ShardPlace place);
    ShardRun(ShardRun&&) noexcept;
    ~ShardRun();

    [[nodiscard]] const IndexCatalog& catalog() const;

    // Brings the shard up to date with `share`: its files of the walk, with
    // the whole walk's roots and unreadable folders (what is indexed under
    // a root and not in the share is gone from this shard).  A new file
    // whose bytes an article of another shard has becomes its duplicate.
    IndexSummary update(const WalkResult& share);

    // Whether update built the shard anew (a fresh build on every core),
    // without looking at the other shards.
    [[nodiscard]] bool built_anew() const;

    // Whether the shard was built without looking at the others and its
    // exact duplicates across shards are not settled yet
    // (schema::kMetaUnsettled): a kill came between, or it was just added.
    [[nodiscard]] bool unsettled() const;

    // Whether articles came or went in this shard in this run.
    [[nodiscard]] bool articles_changed() const;

    // The content hashes whose article left this shard (removed, changed,
    // become a duplicate) in update, or in a run killed before it settled
    // them (schema::kMetaHashLeftPrefix): their duplicates in any shard may
    // need a new article.
    [[nodiscard]] std::set<std::string> hashes_left() const;

    // Once every shard is settled: drops the record of hashes_left; commits.
    void forget_hashes_left();

    // After every shard's update, shard by shard in order: an article
    // whose bytes an article of an earlier shard has becomes its duplicate
    // (with `compare_every_article`, every article the other shards also
    // hold is looked at; otherwise those of `hashes` only); a duplicate
    // whose article is gone from every shard is promoted; duplicates of
    // `hashes` name the article that stands now.  Counts what changed.
    IndexSummary settle(const std::set<std::string>& hashes, bool compare_every_article);

    // Records the whole database's count of articles repeating another's
    // text (store/text_copies.h), which news-query reads from the first
    // shard; commits.
    void record_text_copies(Xapian::doccount copies);

    // Changes how the shard numbers its articles from now on
    // (schema::kMetaKeyStep); commits.
    void set_key_plan(schema::ArticleKey next_key, schema::ArticleKey key_step);

    // Numbers every article of the shard afresh, from `first_key` by
    // `key_step` (a shard added with --add-shard); commits.
    void renumber_articles(schema::ArticleKey first_key, schema::ArticleKey key_step);

    [[nodiscard]] schema::ArticleKey next_key() const;
    [[nodiscard]] schema::ArticleKey key_step() const;
    [[nodiscard]] const Xapian::WritableDatabase& database() const;

private:
    std::unique_ptr<IndexRun> run_;
};

}  // namespace news
