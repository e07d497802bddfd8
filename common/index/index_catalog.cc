#include "index/index_catalog.h"

#include "store/schema.h"

#include <charconv>

namespace news {
namespace {

template <typename Number>
Number parse_number(const std::string& text) {
    Number value{};
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

}  // namespace

IndexCatalog IndexCatalog::load(const Xapian::Database& db) {
    IndexCatalog catalog;
    // Value streams are read in docid order, far faster than fetching each
    // document.  Only catalogue documents have a path.
    std::unordered_map<Xapian::docid, CatalogEntry> by_docid;
    std::unordered_map<Xapian::docid, std::string> paths;
    for (auto it = db.valuestream_begin(schema::kSlotPath); it != db.valuestream_end(schema::kSlotPath); ++it) {
        paths.emplace(it.get_docid(), *it);
        by_docid[it.get_docid()].docid = it.get_docid();
    }
    for (auto it = db.valuestream_begin(schema::kSlotMtime); it != db.valuestream_end(schema::kSlotMtime); ++it) {
        by_docid[it.get_docid()].mtime_ns = parse_number<int64_t>(*it);
    }
    for (auto it = db.valuestream_begin(schema::kSlotSize); it != db.valuestream_end(schema::kSlotSize); ++it) {
        by_docid[it.get_docid()].size = parse_number<uint64_t>(*it);
    }
    for (auto it = db.valuestream_begin(schema::kSlotCtime); it != db.valuestream_end(schema::kSlotCtime); ++it) {
        by_docid[it.get_docid()].ctime_ns = parse_number<int64_t>(*it);
    }
    for (auto it = db.valuestream_begin(schema::kSlotContentHash);
         it != db.valuestream_end(schema::kSlotContentHash); ++it) {
        by_docid[it.get_docid()].content_hash = *it;
    }
    for (auto it = db.valuestream_begin(schema::kSlotArticleId);
         it != db.valuestream_end(schema::kSlotArticleId); ++it) {
        // Only articles have a key; the path says the document is known.
        if (paths.contains(it.get_docid())) by_docid[it.get_docid()].article_key = parse_number<uint32_t>(*it);
    }
    const std::string duplicate_term = schema::kind_term(schema::kKindDuplicate);
    for (auto it = db.postlist_begin(duplicate_term); it != db.postlist_end(duplicate_term); ++it) {
        by_docid[*it].duplicate = true;
    }
    for (auto& [docid, path] : paths) catalog.put(path, by_docid[docid]);
    return catalog;
}

const CatalogEntry* IndexCatalog::find(const std::string& path) const {
    auto it = by_path_.find(path);
    return it == by_path_.end() ? nullptr : &it->second;
}

void IndexCatalog::put(const std::string& path, const CatalogEntry& entry) {
    erase(path);
    by_path_[path] = entry;
    if (!entry.duplicate) article_by_hash_[entry.content_hash] = path;
}

void IndexCatalog::erase(const std::string& path) {
    auto it = by_path_.find(path);
    if (it == by_path_.end()) return;
    if (!it->second.duplicate) {
        auto hash = article_by_hash_.find(it->second.content_hash);
        if (hash != article_by_hash_.end() && hash->second == path) article_by_hash_.erase(hash);
    }
    by_path_.erase(it);
}

const std::string* IndexCatalog::article_with_hash(const std::string& content_hash) const {
    auto it = article_by_hash_.find(content_hash);
    return it == article_by_hash_.end() ? nullptr : &it->second;
}

}  // namespace news
