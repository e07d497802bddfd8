// What the database already holds, file by file: read once at the start of
// a run so an unchanged folder is checked with one stat per file.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace news {

// One article document of a file that holds several (a dump's records, an
// archive's members).
struct RecordDocument {
    Xapian::docid docid = 0;
    uint32_t article_key = 0;
    std::string record;       // schema::kSlotRecord
    std::string record_hash;  // schema::kSlotRecordHash
};

struct CatalogEntry {
    Xapian::docid docid = 0;  // the file's document: its only or first article, or its duplicate record
    bool duplicate = false;  // a duplicate record, no passages of its own
    uint32_t article_key = 0;  // articles only: schema::ArticleKey
    int64_t mtime_ns = 0;
    uint64_t size = 0;
    std::string content_hash;
    int64_t ctime_ns = 0;  // 0: not recorded (databases written before it was)
    std::string record;       // of the first article, when the file has many
    std::string record_hash;
    // A file of many articles: the documents of its other articles, in
    // docid order (all carry the file's path and stamp).
    std::vector<RecordDocument> more_records;

    // Every document the file has in the database.
    [[nodiscard]] std::vector<Xapian::docid> docids() const;
    // The file's article documents, its first among them (none for a duplicate).
    [[nodiscard]] std::vector<RecordDocument> articles() const;
};

class IndexCatalog {
public:
    static IndexCatalog load(const Xapian::Database& db);

    [[nodiscard]] const CatalogEntry* find(const std::string& path) const;
    [[nodiscard]] const std::unordered_map<std::string, CatalogEntry>& entries() const { return by_path_; }
    void put(const std::string& path, const CatalogEntry& entry);
    void erase(const std::string& path);

    // The path of the indexed article (not a duplicate) with these bytes.
    [[nodiscard]] const std::string* article_with_hash(const std::string& content_hash) const;

private:
    std::unordered_map<std::string, CatalogEntry> by_path_;
    std::unordered_map<std::string, std::string> article_by_hash_;
};

}  // namespace news
