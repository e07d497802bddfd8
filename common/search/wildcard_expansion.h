// Wildcards expanded by news-query itself.  Xapian expands a wildcard on
// each shard over that shard's words (each xapian-tcpsrv, and each local
// shard of a stub alike) and weighs the synonym by that shard's estimate,
// so the same article scored differently on one database, on its local
// shards and on remote ones (5.80, 6.80 and 3.69 for the same hit).
// Expanded here over the whole database, the query holds plain words
// whose statistics Xapian gathers from every shard: the same scores
// everywhere.
#pragma once

#include <xapian.h>

namespace news {

// `query` with each wildcard (OP_WILDCARD, as Xapian's QueryParser makes
// them) replaced by the synonym of the `max_expansion` most frequent words
// of `db` it matches, as Xapian expands it for one database (of words as
// frequent at the limit, the first in order: Xapian's choice there is
// std::nth_element's).  Wildcards
// under an operator with parameters Xapian does not let us read back (a
// phrase's window, a scaled weight) are left as they are.
Xapian::Query with_wildcards_expanded(const Xapian::Database& db, const Xapian::Query& query,
                                      Xapian::termcount max_expansion);

}  // namespace news
