// What the database already holds, file by file: read once at the start of
// a run so an unchanged folder is checked with one stat per file.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <unordered_map>

namespace news {

struct CatalogEntry {
    Xapian::docid docid = 0;
    bool duplicate = false;  // a duplicate record, no passages of its own
    uint32_t article_key = 0;  // articles only: schema::ArticleKey
    int64_t mtime_ns = 0;
    uint64_t size = 0;
    std::string content_hash;
    int64_t ctime_ns = 0;  // 0: not recorded (databases written before it was)
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
