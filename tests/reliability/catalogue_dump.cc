// catalogue_dump DB: lists the files a news-search database knows and checks
// that every article has its key and its passages whole, no two articles
// share a key, and no two articles the same bytes.
//
// Standard output: one record per article or duplicate document,
//   KIND \t MTIME_NS \t SIZE \t PATH \0
// (the path is raw bytes, last, so newlines and tabs in names stay exact).
// Standard error: a count line, and each inconsistency found.
// Exit status: 0 consistent, 1 inconsistent, 2 the database cannot be read.
// Read-only; for the reliability tests (tests/reliability/check_catalogue.py).
#include "store/article_record.h"
#include "store/schema.h"
#include "store/stub_database.h"

#include <xapian.h>

#include <iostream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

using news::schema::kind_term;

std::set<Xapian::docid> documents_with(const Xapian::Database& db, const std::string& term) {
    std::set<Xapian::docid> ids;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) ids.insert(*it);
    return ids;
}

int dump(const std::string& path) {
    const Xapian::Database db(path);
    const auto articles = documents_with(db, kind_term(news::schema::kKindArticle));
    const auto duplicates = documents_with(db, kind_term(news::schema::kKindDuplicate));

    size_t problems = 0;
    auto problem = [&](const std::string& what) {
        if (++problems <= 20) std::cerr << "catalogue_dump: " << what << '\n';
    };
    // The article id (slot 0) is the article's key: one per article.
    std::map<std::string, Xapian::docid> article_by_id;
    size_t passages = 0;
    for (const Xapian::docid docid : articles) {
        const Xapian::Document document = db.get_document(docid);
        const std::string id = document.get_value(news::schema::kSlotArticleId);
        if (id.empty()) {
            problem("article " + std::to_string(docid) + " has no article id");
        } else if (!article_by_id.emplace(id, docid).second) {
            problem("two articles share id " + id);
        }
        // Its passages are stored whole after its record, as many as it says.
        try {
            const std::string data = news::unpack_article_data(document.get_data());
            const size_t stored = news::stored_passages(data).size();
            if (stored == 0 || stored != news::ArticleRecord::parse(data).passages) {
                problem("article " + std::to_string(docid) + " has " + std::to_string(stored) + " passages stored");
            }
            passages += stored;
        } catch (const std::runtime_error& e) {
            problem("article " + std::to_string(docid) + ": " + e.what());
        }
    }

    // Files with the same bytes are one article and duplicates of it.  A
    // sharded database's shard built without looking at the others (a kill
    // came before the settling) may share bytes with another shard until
    // the next run: then only articles of one shard are compared.
    size_t compared_apart = 1;
    if (const auto shards = news::stub_database::shards_of(path)) {
        for (const news::stub_database::Shard& shard : *shards) {
            const std::string stub = *news::stub_database::stub_file_of(path);
            const Xapian::Database one(news::stub_database::shard_path(stub, shard));
            if (one.get_metadata(std::string(news::schema::kMetaUnsettled)) == "1") compared_apart = shards->size();
        }
    }
    std::map<std::string, Xapian::docid> article_by_hash;
    for (auto it = db.valuestream_begin(news::schema::kSlotContentHash);
         it != db.valuestream_end(news::schema::kSlotContentHash); ++it) {
        if (!articles.contains(it.get_docid())) continue;
        // Xapian interleaves the docids of a sharded database's shards.
        const std::string key = *it + "/" + std::to_string((it.get_docid() - 1) % compared_apart);
        const auto [first, inserted] = article_by_hash.emplace(key, it.get_docid());
        if (!inserted) {
            problem("articles " + std::to_string(first->second) + " and " + std::to_string(it.get_docid()) +
                    " hold the same bytes (hash " + *it + "); one should be a duplicate");
        }
    }

    auto print = [&](const std::set<Xapian::docid>& ids, const char* kind) {
        for (const Xapian::docid docid : ids) {
            const Xapian::Document document = db.get_document(docid);
            const std::string file = document.get_value(news::schema::kSlotPath);
            if (file.empty()) problem(std::string(kind) + " " + std::to_string(docid) + " has no path");
            std::cout << kind << '\t' << document.get_value(news::schema::kSlotMtime) << '\t'
                      << document.get_value(news::schema::kSlotSize) << '\t' << file << '\0';
        }
    };
    print(articles, "article");
    print(duplicates, "duplicate");
    std::cout.flush();
    std::cerr << "catalogue_dump: " << articles.size() << " articles, " << duplicates.size() << " duplicates, "
              << passages << " passages, " << db.get_doccount() << " documents\n";
    if (articles.size() + duplicates.size() != db.get_doccount()) {
        problem("documents of no known kind");
    }
    if (problems > 0) std::cerr << "catalogue_dump: " << problems << " inconsistencies\n";
    return problems == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: catalogue_dump DATABASE\n";
        return 2;
    }
    try {
        return dump(argv[1]);
    } catch (const Xapian::Error& e) {
        std::cerr << "catalogue_dump: " << e.get_description() << '\n';
        return 2;
    }
}
