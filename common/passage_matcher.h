// Passages are not documents (schema.h): an article's passages are stored
// with it, and when the article is shown the query is evaluated on each of
// them here, to tell which hold the whole query and which say it best.
#pragma once

#include "analysis.h"
#include "article_record.h"

#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace news {

// Where the query's terms occur in a text: index terms (with their field
// prefix) to word positions.  Each field counts positions in a range of
// its own, so a phrase never joins two of them.
struct TermPositions {
    std::unordered_map<std::string, std::vector<Xapian::termpos>> positions;
    Xapian::termcount words = 0;  // how many words the text has (body only)
    // Terms every passage of the article shares (title, byline, source,
    // section), looked up beside the passage's own.
    const TermPositions* shared = nullptr;

    [[nodiscard]] bool has(const std::string& term) const;
    // Positions of `term`, in this text and the shared fields, ascending.
    [[nodiscard]] std::vector<Xapian::termpos> positions_of(const std::string& term) const;
    // Calls `visit` for every term held here or in the shared fields.
    void each_term(const std::function<void(const std::string&)>& visit) const;
};

class PassageMatcher {
public:
    // `terms`: every term of the queries that will be evaluated, prefixed as
    // in the index; `wildcards`: the queries' wildcard patterns, prefixed.
    PassageMatcher(const Analyzer& analyzer, std::unordered_set<std::string> terms,
                   std::vector<std::string> wildcards);

    // The article's fields every one of its passages holds.
    [[nodiscard]] TermPositions article_fields(const ArticleRecord& article);
    // The query's terms in a passage's text; `fields` (which must outlive
    // the result) are looked up beside them.
    [[nodiscard]] TermPositions passage(std::string_view text, const TermPositions& fields);

    // Whether a passage satisfies `query`: its words, phrases, NEAR, AND,
    // OR and NOT.  Filters on values hold: they are the article's.
    [[nodiscard]] static bool holds(const Xapian::Query& query, const TermPositions& passage);

private:
    void add_words(std::string_view text, std::string_view prefix, Xapian::termpos first, TermPositions& out);
    [[nodiscard]] bool is_wanted(const std::string& term) const;

    const Analyzer& analyzer_;
    std::unordered_set<std::string> terms_;
    std::vector<std::string> wildcards_;
    // Each spelling is analysed once per query: passages repeat words.
    struct SpellingHash {
        using is_transparent = void;
        size_t operator()(std::string_view spelling) const { return std::hash<std::string_view>{}(spelling); }
    };
    std::unordered_map<std::string, std::string, SpellingHash, std::equal_to<>> term_by_spelling_;
};

}  // namespace news
