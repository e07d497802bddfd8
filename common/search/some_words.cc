#include "search/some_words.h"

#include <vector>

namespace news {

Xapian::Query with_phrase_parts_as_words(const Xapian::Query& some) {
    const Xapian::Query::op type = some.get_type();
    const size_t parts = some.get_num_subqueries();
    if (type == Xapian::Query::OP_PHRASE) {
        std::vector<Xapian::Query> either{some};
        for (size_t i = 0; i < parts; ++i) either.push_back(some.get_subquery(i));
        return Xapian::Query(Xapian::Query::OP_OR, either.begin(), either.end());
    }
    // Only through the operators that join words: a NOT's words, a NEAR's
    // and a weight's scale keep their meaning as written.
    if (type != Xapian::Query::OP_OR && type != Xapian::Query::OP_AND && type != Xapian::Query::OP_FILTER) {
        return some;
    }
    std::vector<Xapian::Query> joined;
    joined.reserve(parts);
    for (size_t i = 0; i < parts; ++i) joined.push_back(with_phrase_parts_as_words(some.get_subquery(i)));
    return Xapian::Query(type, joined.begin(), joined.end());
}

}  // namespace news
