// The query as the user typed it, reshaped before Xapian's QueryParser reads
// it, for three things the parser gets wrong or cannot bound:
//
// - Xapian 1.4 refuses a group of words that are all excluded ("-chelsea",
//   "-a -b") and then silently reads the whole query again with no operators
//   at all, so "-chelsea" found exactly the Chelsea articles.  Such a group
//   is written as "NOT chelsea", which means everything but them.
// - Each wildcard is expanded on its own, so "s* s* s* ..." costs its
//   expansion once per repetition.  A wildcard repeated among words joined
//   the same way is kept once.
// - Xapian scans every word a wildcard may stand for at each wildcard, so
//   only the first wildcards are expanded; the others are searched as the
//   words they start with.
// - The matcher's time grows with the square of the number of terms, so a
//   query is cut to its first words; operators are not words, and the cut
//   never leaves an operator dangling nor a quote or bracket open.
//
// Ordinary queries come back byte for byte as they were.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace news {

struct PreparedQuery {
    std::string text;                // what the QueryParser reads
    std::vector<std::string> notes;  // what was changed, for the user
};

struct QueryBounds {
    // Xapian's matcher takes time growing with the square of the number of
    // terms (10,000 words: ~20 s).  Operators are not words.
    size_t max_words = 1000;
    // Xapian scans every word a wildcard may stand for, at each wildcard and
    // each search (300 of "s*" in brackets: 3 s on two BBC copies).  Counted
    // after repeated wildcards are dropped.
    size_t max_wildcards = 50;
};

PreparedQuery prepare_query(std::string_view query, const QueryBounds& bounds);

// The query with what Xapian's parser reads as syntax written as words:
// quotes and brackets as spaces, a + or - that starts a word dropped,
// upper-case AND, OR, NOT, XOR, NEAR and ADJ in lower case.  Fields,
// wildcards and hyphens inside words stay.  What a query that matched
// nothing as written is searched as next ("Cranfield's 'jet flow -dash
// experimental papers'", CISI's questions with a word in quotes).
std::string read_as_words(std::string_view query);

// The query with a slash between two letters written as a space:
// "chelsea/mutu", "and/or" name two words, where Xapian's parser reads a
// phrase of them.  Numbers ("24/7") and quoted text keep theirs.
std::string slashes_between_words_as_spaces(std::string_view query);

// The query without the "much" or "many" of a question's "how much" and
// "how many" (outside quotes): they ask for a number, which the answer
// writes as one ("how much was bellamy fined" is answered by "fined ...
// about £80,000"), and "how" is a stopword already.
std::string without_question_quantities(std::string_view query);

// Whether the query is plain keywords (no quotes, +/- signs, or upper-case
// boolean operators; brackets around words are no syntax): only those are
// relaxed to "some words".
bool is_plain_keyword_query(std::string_view query);

// Whether the query's syntax is surely meant: a phrase of two or more
// words in quotes (unless `phrases_meant` is false: in a pasted paragraph
// quotes are punctuation), a field (title:...), or an upper-case operator
// between words.  A word in quotes, a sign glued to a word and brackets
// may be how a pasted sentence is punctuated.
bool has_deliberate_syntax(std::string_view query, bool phrases_meant = true);

// The query (or an item of it) as a message quotes it: in quotes, on one
// line (control characters as spaces), at most `max_bytes` of it, cut on a
// character boundary and followed by its size when longer.  A message never
// echoes a query of kilobytes.
std::string query_excerpt(std::string_view query, size_t max_bytes = 60);

}  // namespace news
