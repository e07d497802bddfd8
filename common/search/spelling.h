// Did-you-mean: the words of a query that the index does not hold, each
// replaced by the nearest word of the spelling data news-index keeps
// (Xapian's spelling table, schema::kMetaSpelling).  A word the index holds
// is never corrected, however rare: a name such as "Hollande" is not a
// misspelt "Holland".
#pragma once

#include "search/search_results.h"
#include "search/searcher.h"
#include "text/analysis.h"

#include <xapian.h>

#include <functional>
#include <optional>
#include <string_view>

namespace news {

// Each word of a query costs one lookup in the index to tell whether it is
// held; a word that is not costs a walk of many lists of the spelling data.
// So a pasted paragraph looks up its first kMaxQueryWordsChecked words (the
// most news-query reads, query_text) and corrects at most
// kMaxWordsCorrected of them.
inline constexpr size_t kMaxQueryWordsChecked = 1000;
inline constexpr size_t kMaxWordsCorrected = 5;

// Whether news-index filled the database's spelling data.
bool has_spelling_data(const Xapian::Database& db);

// The suggestion for `query` as typed, or nothing: no word it has is
// missing from the index with a suggestion, or the database has no
// spelling data.  Only plain words are looked at: not field names or their
// values (title:obma, section:, date:), operators (AND, NEAR/3), wildcards,
// excluded words (-word, NOT word), numbers or stopwords.
std::optional<SpellingSuggestion> suggest_spelling(const Xapian::Database& db, const Analyzer& analyzer,
                                                   std::string_view query);

// `search` for `options`, with the suggestion attached; when nothing
// matched the query as typed, the suggestion is searched too and, if
// articles hold all its words, its results are returned instead (and say
// so).
SearchResults search_with_spelling(const Xapian::Database& db, const Analyzer& analyzer, const SearchOptions& options,
                                   const std::function<SearchResults(const SearchOptions&)>& search);

}  // namespace news
