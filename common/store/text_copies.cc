#include "store/text_copies.h"

#include "store/schema.h"

#include <string>

namespace news {

std::vector<Xapian::docid> articles_with_text(const Xapian::Database& db, std::string_view digest) {
    const std::string term = schema::text_hash_term(digest);
    std::vector<Xapian::docid> docids;
    for (auto posting = db.postlist_begin(term); posting != db.postlist_end(term); ++posting) {
        docids.push_back(*posting);
    }
    return docids;
}

Xapian::doccount count_text_copies(const Xapian::Database& db) {
    const std::string prefix(schema::kTextHashPrefix);
    Xapian::doccount copies = 0;
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
        copies += term.get_termfreq() - 1;
    }
    return copies;
}

std::vector<std::vector<Xapian::docid>> text_copy_sets(const Xapian::Database& db) {
    const std::string prefix(schema::kTextHashPrefix);
    std::vector<std::vector<Xapian::docid>> sets;
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
        if (term.get_termfreq() < 2) continue;
        sets.push_back(articles_with_text(db, std::string_view(*term).substr(prefix.size())));
    }
    return sets;
}

}  // namespace news
