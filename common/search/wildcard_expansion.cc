#include "search/wildcard_expansion.h"

#include "search/passage_matcher.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace news {
namespace {

// Operators rebuilt from their type and subqueries alone.
bool rebuildable(Xapian::Query::op op) {
    switch (op) {
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_XOR:
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX: return true;
        default: return false;
    }
}

// As Xapian's WILDCARD_LIMIT_MOST_FREQUENT: the most frequent words kept,
// combined as one synonym.
Xapian::Query expanded(const Xapian::Database& db, const std::string& prefix, Xapian::termcount max_expansion) {
    std::vector<std::pair<Xapian::doccount, std::string>> words;
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
        words.emplace_back(term.get_termfreq(), *term);
    }
    if (words.size() > max_expansion) {
        std::stable_sort(words.begin(), words.end(),
                         [](const auto& a, const auto& b) { return a.first > b.first; });
        words.resize(max_expansion);
        std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    }
    if (words.empty()) return Xapian::Query::MatchNothing;
    std::vector<Xapian::Query> terms;
    terms.reserve(words.size());
    for (const auto& word : words) terms.emplace_back(word.second);
    return Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
}

// The query rebuilt with its wildcards expanded, or nothing when it holds
// none that can be.
std::optional<Xapian::Query> expand(const Xapian::Database& db, const Xapian::Query& query,
                                    Xapian::termcount max_expansion) {
    const Xapian::Query::op op = query.get_type();
    if (op == Xapian::Query::OP_WILDCARD) {
        const std::string prefix = wildcard_pattern(query);
        if (prefix.empty()) return std::nullopt;
        return expanded(db, prefix, max_expansion);
    }
    if (!rebuildable(op)) return std::nullopt;
    const size_t count = query.get_num_subqueries();
    std::vector<Xapian::Query> parts;
    parts.reserve(count);
    bool changed = false;
    for (size_t i = 0; i < count; ++i) {
        std::optional<Xapian::Query> part = expand(db, query.get_subquery(i), max_expansion);
        changed = changed || part.has_value();
        parts.push_back(part ? std::move(*part) : query.get_subquery(i));
    }
    if (!changed) return std::nullopt;
    return Xapian::Query(op, parts.begin(), parts.end());
}

}  // namespace

Xapian::Query with_wildcards_expanded(const Xapian::Database& db, const Xapian::Query& query,
                                      Xapian::termcount max_expansion) {
    std::optional<Xapian::Query> rebuilt = expand(db, query, max_expansion);
    return rebuilt ? std::move(*rebuilt) : query;
}

}  // namespace news
