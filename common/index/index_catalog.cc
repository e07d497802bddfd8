#include "index/index_catalog.h"

#include "store/schema.h"

#include <algorithm>
#include <charconv>
#include <utility>

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
    for (auto it = db.valuestream_begin(schema::kSlotRecord); it != db.valuestream_end(schema::kSlotRecord); ++it) {
        by_docid[it.get_docid()].record = *it;
    }
    for (auto it = db.valuestream_begin(schema::kSlotRecordHash);
         it != db.valuestream_end(schema::kSlotRecordHash); ++it) {
        by_docid[it.get_docid()].record_hash = *it;
    }
    const std::string duplicate_term = schema::kind_term(schema::kKindDuplicate);
    for (auto it = db.postlist_begin(duplicate_term); it != db.postlist_end(duplicate_term); ++it) {
        by_docid[*it].duplicate = true;
    }
    // A file of many articles has a document for each, all with its path:
    // the first (lowest docid) stands for the file, the others follow it.
    std::vector<std::pair<Xapian::docid, std::string>> in_order(paths.begin(), paths.end());
    std::sort(in_order.begin(), in_order.end());
    for (auto& [docid, path] : in_order) {
        const CatalogEntry& entry = by_docid[docid];
        if (CatalogEntry* known = catalog.by_path_.contains(path) ? &catalog.by_path_[path] : nullptr) {
            known->more_records.push_back({entry.docid, entry.article_key, entry.record, entry.record_hash});
        } else {
            catalog.put(path, entry);
        }
    }
    // A file whose writing was cut short looks changed, whatever its stamp
    // says, so it is read again (and its articles already written are kept).
    const std::string unfinished(schema::kMetaUnfinishedFilePrefix);
    for (auto key = db.metadata_keys_begin(unfinished); key != db.metadata_keys_end(unfinished); ++key) {
        const std::string path = db.get_metadata(*key);
        if (const CatalogEntry* known = catalog.find(path)) {
            CatalogEntry entry = *known;
            entry.mtime_ns = -1;
            entry.content_hash.clear();
            catalog.put(path, entry);
        }
    }
    return catalog;
}

std::vector<RecordDocument> CatalogEntry::articles() const {
    if (duplicate) return {};
    std::vector<RecordDocument> all{{docid, article_key, record, record_hash}};
    all.insert(all.end(), more_records.begin(), more_records.end());
    return all;
}

std::vector<Xapian::docid> CatalogEntry::docids() const {
    std::vector<Xapian::docid> all{docid};
    for (const RecordDocument& other : more_records) all.push_back(other.docid);
    return all;
}

const CatalogEntry* IndexCatalog::find(const std::string& path) const {
    auto it = by_path_.find(path);
    return it == by_path_.end() ? nullptr : &it->second;
}

void IndexCatalog::put(const std::string& path, const CatalogEntry& entry) {
    erase(path);
    by_path_[path] = entry;
    if (!entry.duplicate && !entry.content_hash.empty()) article_by_hash_[entry.content_hash] = path;
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
