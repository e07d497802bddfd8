// The query of some of the words, as the tier after "all the words" ranks
// it for a plain query.  A plain query has no quotes, so each phrase in it
// is one Xapian's parser made of a token with punctuation inside:
// "1:47.97", a compound's "spider-man".  Asked for all the words, the
// phrase must be there as written; asked for some, its parts are words too,
// so "McIlroy 800m 1:47.97" finds the article that writes "one minute,
// 47.97 seconds".
#pragma once

#include <xapian.h>

namespace news {

// `some` with each phrase (outside a NOT) read as the phrase or any of its
// words: an article holding the phrase as written still counts it whole.
Xapian::Query with_phrase_parts_as_words(const Xapian::Query& some);

}  // namespace news
