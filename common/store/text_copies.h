// Articles that share one text (schema.h, kTextHashPrefix): a record copied
// into two dumps, a dump's record and a file of its own.  They stay
// separate articles in the database, each under its own key, so re-runs
// treat each file as before; news-query shows them as one result.
#pragma once

#include <xapian.h>

#include <string_view>
#include <vector>

namespace news {

// The article documents whose text digest is `digest`, in docid order.
std::vector<Xapian::docid> articles_with_text(const Xapian::Database& db, std::string_view digest);

// How many article documents repeat the text of one with a lower docid.
Xapian::doccount count_text_copies(const Xapian::Database& db);

// Every set of two or more articles sharing a text, each in docid order.
std::vector<std::vector<Xapian::docid>> text_copy_sets(const Xapian::Database& db);

}  // namespace news
