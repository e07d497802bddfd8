// The weighting models news-query ranks by: BM25 for articles over the
// articles' own statistics, BM25 for passages.  Their parameters were
// measured with bench/relevance (docs/benchmarks.md).
#pragma once

#include <xapian.h>

#include <memory>

namespace news {

// BM25 over the article documents with the article count and average length
// news-index records in the metadata; a database indexed before it recorded
// them gets Xapian's BM25 over the whole database's statistics.
std::unique_ptr<Xapian::Weight> article_weighting(const Xapian::Database& db);

Xapian::BM25Weight passage_weighting();

}  // namespace news
