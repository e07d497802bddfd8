#include "search/passage_matcher.h"

#include "store/article_words.h"
#include "store/schema.h"
#include "text/news_date.h"

#include <algorithm>
#include <charconv>

namespace news {
namespace {

// Xapian 1.4 has no accessor for a phrase's window; descriptions read
// "Query((oil@1 NEAR 11 price@2))".
Xapian::termcount window_of(const Xapian::Query& query, std::string_view op_name) {
    const std::string description = query.get_description();
    const size_t at = description.find(op_name);
    Xapian::termcount window = 0;
    if (at != std::string::npos) {
        const char* begin = description.data() + at + op_name.size();
        std::from_chars(begin, description.data() + description.size(), window);
    }
    return std::max(window, static_cast<Xapian::termcount>(query.get_num_subqueries()));
}

// Where a phrase's part matches: a term, or any of several (a wildcard, a
// synonym, a word searched in more than one field).
std::vector<Xapian::termpos> positions_of(const Xapian::Query& query, const TermPositions& text) {
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM: return text.positions_of(*query.get_terms_begin());
        case Xapian::Query::OP_WILDCARD: {
            const std::string pattern = wildcard_pattern(query);
            std::vector<Xapian::termpos> all;
            text.each_term([&](const std::string& term) {
                if (!term.starts_with(pattern)) return;
                const std::vector<Xapian::termpos> found = text.positions_of(term);
                all.insert(all.end(), found.begin(), found.end());
            });
            std::sort(all.begin(), all.end());
            return all;
        }
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX:
        case Xapian::Query::OP_ELITE_SET: {
            std::vector<Xapian::termpos> all;
            for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
                const std::vector<Xapian::termpos> found = positions_of(query.get_subquery(i), text);
                all.insert(all.end(), found.begin(), found.end());
            }
            std::sort(all.begin(), all.end());
            return all;
        }
        default: return {};
    }
}

// Xapian's PHRASE: the parts in order within `window` positions.
bool phrase_at(const std::vector<std::vector<Xapian::termpos>>& parts, size_t part, Xapian::termpos after,
               Xapian::termpos last_allowed) {
    if (part == parts.size()) return true;
    const auto next = std::upper_bound(parts[part].begin(), parts[part].end(), after);
    return next != parts[part].end() && *next <= last_allowed && phrase_at(parts, part + 1, *next, last_allowed);
}

bool holds_phrase(const std::vector<std::vector<Xapian::termpos>>& parts, Xapian::termcount window) {
    for (const Xapian::termpos first : parts.front()) {
        if (phrase_at(parts, 1, first, first + window - 1)) return true;
    }
    return false;
}

// Xapian's NEAR: every part within `window` positions, in any order.
bool holds_near(const std::vector<std::vector<Xapian::termpos>>& parts, Xapian::termcount window) {
    for (const auto& starts : parts) {
        for (const Xapian::termpos start : starts) {
            const bool all_near = std::all_of(parts.begin(), parts.end(), [&](const auto& part) {
                const auto at = std::lower_bound(part.begin(), part.end(), start);
                return at != part.end() && *at <= start + window - 1;
            });
            if (all_near) return true;
        }
    }
    return false;
}

}  // namespace

std::string wildcard_pattern(const Xapian::Query& wildcard) {
    const std::string description = wildcard.get_description();
    const size_t close = description.rfind(')');
    const size_t space = description.rfind(' ', close);
    if (close == std::string::npos || space == std::string::npos) return {};
    return description.substr(space + 1, close - space - 1);
}

bool TermPositions::has(const std::string& term) const {
    return positions.contains(term) || (shared != nullptr && shared->has(term));
}

std::vector<Xapian::termpos> TermPositions::positions_of(const std::string& term) const {
    std::vector<Xapian::termpos> found;
    if (const auto own = positions.find(term); own != positions.end()) found = own->second;
    if (shared != nullptr) {
        const std::vector<Xapian::termpos> more = shared->positions_of(term);
        found.insert(found.end(), more.begin(), more.end());
        std::sort(found.begin(), found.end());
    }
    return found;
}

void TermPositions::each_term(const std::function<void(const std::string&)>& visit) const {
    for (const auto& [term, at] : positions) visit(term);
    if (shared != nullptr) shared->each_term(visit);
}

PassageMatcher::PassageMatcher(const Xapian::Database& db, std::unordered_set<std::string> terms,
                               std::vector<std::string> wildcards, const Analyzer* words_from_text)
    : db_(db), words_from_text_(words_from_text), terms_(std::move(terms)), wildcards_(std::move(wildcards)) {
    if (words_from_text_ != nullptr) words_from_text_->configure(generator_);
    // In order, so one walk along an article's term list serves them all.
    std::sort(wildcards_.begin(), wildcards_.end());
    wildcards_.erase(std::unique(wildcards_.begin(), wildcards_.end()), wildcards_.end());
}

namespace {

// Files each position of `term` under the passage it falls in, or under
// the fields before the first passage.
void place_positions(Xapian::PositionIterator at, const Xapian::PositionIterator& end, const std::string& term,
                     const std::vector<StoredPassage>& passages, ArticleTerms& out) {
    for (; at != end; ++at) {
        const Xapian::termpos position = *at;
        // The last passage starting at or before the position.
        const auto after = std::upper_bound(passages.begin(), passages.end(), position,
                                            [](Xapian::termpos p, const StoredPassage& passage) {
                                                return p < passage.first_position;
                                            });
        if (after == passages.begin()) {
            out.fields.positions[term].push_back(position);
            continue;
        }
        const auto index = static_cast<size_t>(after - passages.begin()) - 1;
        if (position < passages[index].first_position + passages[index].words) {
            out.passages[index].positions[term].push_back(position);
        }
    }
}

}  // namespace

void PassageMatcher::read_term(Xapian::docid docid, const std::string& term,
                               const std::vector<StoredPassage>& passages, ArticleTerms& out) const {
    if (!read_again_) {
        place_positions(db_.positionlist_begin(docid, term), db_.positionlist_end(docid, term), term, passages, out);
        return;
    }
    auto found = again_.termlist_begin();
    found.skip_to(term);
    if (found == again_.termlist_end() || *found != term) return;
    place_positions(found.positionlist_begin(), found.positionlist_end(), term, passages, out);
}

bool PassageMatcher::index_again(const ArticleRecord& article, const std::vector<StoredPassage>& passages) const {
    ArticleWords words{article.title, article.author, article.source, {}};
    words.passages.reserve(passages.size());
    for (const StoredPassage& passage : passages) words.passages.emplace_back(passage.text);
    again_ = Xapian::Document();
    const std::vector<PassageSpan> spans = index_article_words(*words_from_text_, generator_, again_, words);
    for (size_t i = 0; i < passages.size(); ++i) {
        if (spans[i] != PassageSpan{passages[i].first_position, passages[i].words}) return false;
    }
    return true;
}

void PassageMatcher::read(Xapian::docid docid, const ArticleRecord& article,
                          const std::vector<StoredPassage>& passages, ArticleTerms& out) const {
    read_again_ = words_from_text_ != nullptr && index_again(article, passages);
    out.fields = {};
    out.passages.assign(passages.size(), TermPositions{});
    for (size_t i = 0; i < passages.size(); ++i) {
        out.passages[i].words = passages[i].words;
        out.passages[i].shared = &out.fields;
    }
    const std::vector<std::string> filed_under = schema::boolean_field_terms(article.section, article.language, compact_date(article.date));
    for (const std::string& term : terms_) {
        // A boolean filter term has no positions: the record says it.
        if (std::find(filed_under.begin(), filed_under.end(), term) != filed_under.end()) {
            out.fields.positions[term].push_back(0);
        } else {
            read_term(docid, term, passages, out);
        }
    }
    if (wildcards_.empty()) return;
    // The article's words a wildcard matches, from its term list, each
    // once: a term two patterns match ("bank*", "banking*") was read under
    // the first, and skip_to never moves back.
    auto term = read_again_ ? again_.termlist_begin() : db_.termlist_begin(docid);
    const auto end = read_again_ ? again_.termlist_end() : db_.termlist_end(docid);
    for (const std::string& pattern : wildcards_) {
        for (term.skip_to(pattern); term != end && (*term).starts_with(pattern); ++term) {
            if (!terms_.contains(*term)) read_term(docid, *term, passages, out);
        }
    }
}

bool PassageMatcher::holds(const Xapian::Query& query, const TermPositions& passage) {
    const size_t parts = query.get_num_subqueries();
    auto part_holds = [&](size_t i) { return holds(query.get_subquery(i), passage); };
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM: return passage.has(*query.get_terms_begin());
        case Xapian::Query::LEAF_MATCH_NOTHING: return false;
        case Xapian::Query::OP_WILDCARD: return !positions_of(query, passage).empty();
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_FILTER:
            for (size_t i = 0; i < parts; ++i) {
                if (!part_holds(i)) return false;
            }
            return true;
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX:
        case Xapian::Query::OP_ELITE_SET:
            for (size_t i = 0; i < parts; ++i) {
                if (part_holds(i)) return true;
            }
            return false;
        case Xapian::Query::OP_XOR: {
            size_t holding = 0;
            for (size_t i = 0; i < parts; ++i) holding += part_holds(i) ? 1U : 0U;
            return holding % 2 == 1;
        }
        case Xapian::Query::OP_AND_NOT:
            if (parts == 0 || !part_holds(0)) return false;
            for (size_t i = 1; i < parts; ++i) {
                if (part_holds(i)) return false;
            }
            return true;
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_SCALE_WEIGHT: return parts == 0 || part_holds(0);
        case Xapian::Query::OP_PHRASE:
        case Xapian::Query::OP_NEAR: {
            if (parts == 0) return true;
            std::vector<std::vector<Xapian::termpos>> where;
            for (size_t i = 0; i < parts; ++i) {
                where.push_back(positions_of(query.get_subquery(i), passage));
                if (where.back().empty()) return false;
            }
            return query.get_type() == Xapian::Query::OP_PHRASE
                       ? holds_phrase(where, window_of(query, " PHRASE "))
                       : holds_near(where, window_of(query, " NEAR "));
        }
        default: return true;  // everything matches, value ranges: the article's
    }
}

}  // namespace news
