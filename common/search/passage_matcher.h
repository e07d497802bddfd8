// Passages are not documents (schema.h): an article's passages are stored
// with it, with where their words are among the article's term positions.
// When the article is shown, the positions of the query's terms are read
// from the index and the query is evaluated on each passage here, to tell
// which hold the whole query and which say it best.
#pragma once

#include "store/article_record.h"
#include "text/analysis.h"

#include <xapian.h>

#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace news {

// The pattern of an OP_WILDCARD query, with its field prefix ("Sterror" for
// title:terror*); empty if Xapian describes it otherwise.  Xapian 1.4 has
// no accessor for it; the description reads "Query(WILDCARD SYNONYM Sterror)".
std::string wildcard_pattern(const Xapian::Query& wildcard);

// Where the query's terms occur in a passage: index terms (with their field
// prefix) to term positions in the article document, where fields and
// passages lie 100 positions apart, so a phrase never joins two of them.
struct TermPositions {
    std::unordered_map<std::string, std::vector<Xapian::termpos>> positions;
    Xapian::termcount words = 0;  // how many positions the passage's words take
    // Terms every passage of the article shares (title, byline, source,
    // section), looked up beside the passage's own.
    const TermPositions* shared = nullptr;

    [[nodiscard]] bool has(const std::string& term) const;
    // Positions of `term`, in this text and the shared fields, ascending.
    [[nodiscard]] std::vector<Xapian::termpos> positions_of(const std::string& term) const;
    // Calls `visit` for every term held here or in the shared fields.
    void each_term(const std::function<void(const std::string&)>& visit) const;
};

// The query's terms in one article, cut at its passages.  Filled in place
// (passages point at the fields they share): not to be copied or moved.
struct ArticleTerms {
    TermPositions fields;  // title, byline, source, section: before the first passage
    std::vector<TermPositions> passages;

    ArticleTerms() = default;
    ArticleTerms(const ArticleTerms&) = delete;
    ArticleTerms& operator=(const ArticleTerms&) = delete;
};

class PassageMatcher {
public:
    // `terms`: every term of the queries that will be evaluated, prefixed as
    // in the index; `wildcards`: the queries' wildcard patterns, prefixed.
    // `words_from_text`: read the positions from the article's stored text,
    // indexed again with this analyzer as news-index indexed it
    // (store/article_words.h), not from the database: over remote shards
    // each word of each article is an exchange with its server.
    PassageMatcher(const Xapian::Database& db, std::unordered_set<std::string> terms,
                   std::vector<std::string> wildcards, const Analyzer* words_from_text = nullptr);

    // Where the query's terms are in the article `docid` (the index's own
    // positions: the words exactly as they were indexed), passage by passage.
    void read(Xapian::docid docid, const ArticleRecord& article, const std::vector<StoredPassage>& passages,
              ArticleTerms& out) const;

    // Whether a passage satisfies `query`: its words, phrases, NEAR, AND,
    // OR and NOT.  Filters on values hold: they are the article's.
    [[nodiscard]] static bool holds(const Xapian::Query& query, const TermPositions& passage);

private:
    void read_term(Xapian::docid docid, const std::string& term, const std::vector<StoredPassage>& passages,
                   ArticleTerms& out) const;
    // The article's words indexed again from its stored text, or false
    // when they do not fall where the index put them (then the index is
    // asked).
    bool index_again(const ArticleRecord& article, const std::vector<StoredPassage>& passages) const;

    const Xapian::Database& db_;
    const Analyzer* words_from_text_;
    mutable Xapian::TermGenerator generator_;
    mutable Xapian::Document again_;  // the article being read, when indexed again
    mutable bool read_again_ = false;
    std::unordered_set<std::string> terms_;
    std::vector<std::string> wildcards_;
};

}  // namespace news
