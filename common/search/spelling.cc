#include "search/spelling.h"

#include "store/schema.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace news {
namespace {

// Xapian's default: a suggestion differs from the word by at most two
// edits (a letter added, dropped, changed or two swapped).
constexpr unsigned kMaxEditDistance = 2;

// A word of the query that may be corrected, as byte offsets into it.
struct QueryWord {
    size_t begin = 0;
    size_t end = 0;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool is_operator(std::string_view chunk) {
    if (chunk == "AND" || chunk == "OR" || chunk == "NOT" || chunk == "XOR") return true;
    for (const std::string_view op : {std::string_view("NEAR"), std::string_view("ADJ")}) {
        if (!chunk.starts_with(op)) continue;
        const std::string_view rest = chunk.substr(op.size());
        if (rest.empty()) return true;
        const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
        if (rest.size() > 1 && rest.front() == '/' && std::all_of(rest.begin() + 1, rest.end(), is_digit)) return true;
    }
    return false;
}

// The plain words of a query, cut as the query parser cuts them: chunks
// between spaces, leaving out the syntax and what it governs.
std::vector<QueryWord> plain_words(std::string_view query) {
    std::vector<QueryWord> words;
    bool in_field_phrase = false;  // title:"... up to the closing quote
    int field_brackets = 0;        // title:(... up to the closing bracket
    bool excluded_next = false;    // the chunk after NOT
    size_t at = 0;
    while (at < query.size() && words.size() < kMaxQueryWordsChecked) {
        while (at < query.size() && is_space(query[at])) ++at;
        const size_t start = at;
        while (at < query.size() && !is_space(query[at])) ++at;
        const std::string_view chunk = query.substr(start, at - start);
        if (chunk.empty()) break;
        if (in_field_phrase) {
            in_field_phrase = chunk.find('"') == std::string_view::npos;
            continue;
        }
        if (field_brackets > 0) {
            field_brackets += static_cast<int>(std::count(chunk.begin(), chunk.end(), '(')) -
                              static_cast<int>(std::count(chunk.begin(), chunk.end(), ')'));
            continue;
        }
        if (const size_t colon = chunk.find(':'); colon != std::string_view::npos) {
            // A field and its value, or a time or ratio ("10:30"): neither is
            // a word to correct.
            const std::string_view value = chunk.substr(colon + 1);
            if (value.starts_with('"')) in_field_phrase = value.find('"', 1) == std::string_view::npos;
            if (value.starts_with('(')) {
                field_brackets = static_cast<int>(std::count(value.begin(), value.end(), '(')) -
                                 static_cast<int>(std::count(value.begin(), value.end(), ')'));
            }
            excluded_next = false;
            continue;
        }
        if (is_operator(chunk)) {
            excluded_next = chunk == "NOT";
            continue;
        }
        if (std::exchange(excluded_next, false) || chunk.front() == '-' ||
            chunk.find('*') != std::string_view::npos) {
            continue;
        }
        for (const WordSpan& span : Analyzer::words(chunk)) {
            words.push_back({start + span.begin, start + span.end});
            if (words.size() == kMaxQueryWordsChecked) break;
        }
    }
    return words;
}

// "Obma" -> "Obama": a suggestion keeps the capital of the word typed.
std::string in_case_of(const std::string_view typed, std::string suggestion) {
    if (!typed.empty() && std::isupper(static_cast<unsigned char>(typed.front())) && !suggestion.empty() &&
        std::islower(static_cast<unsigned char>(suggestion.front()))) {
        suggestion.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(suggestion.front())));
    }
    return suggestion;
}

}  // namespace

bool has_spelling_data(const Xapian::Database& db) {
    return db.get_metadata(std::string(schema::kMetaSpelling)) == "1";
}

std::optional<SpellingSuggestion> suggest_spelling(const Xapian::Database& db, const Analyzer& analyzer,
                                                   std::string_view query) {
    if (!has_spelling_data(db)) return std::nullopt;
    SpellingSuggestion out;
    out.query = query;
    std::map<std::string, std::string> suggested;  // a word absent from the index -> its suggestion, or ""
    size_t end_of_last = 0;
    for (const QueryWord& word : plain_words(query)) {
        const std::string_view typed = query.substr(word.begin, word.end - word.begin);
        const std::string normalised = analyzer.normalise(typed);
        if (!Analyzer::is_spelling_word(normalised) || analyzer.is_stopword(normalised)) continue;
        auto known = suggested.find(normalised);
        if (known == suggested.end()) {
            if (db.term_exists(analyzer.stem(normalised))) continue;
            if (suggested.size() == kMaxWordsCorrected) break;
            std::string suggestion = db.get_spelling_suggestion(normalised, kMaxEditDistance);
            // The spelling data may still name a word whose articles are
            // gone (written by an older news-index): only a word the index
            // holds is suggested.
            if (!suggestion.empty() && !db.term_exists(analyzer.term_for_word(suggestion))) suggestion.clear();
            known = suggested.emplace(normalised, std::move(suggestion)).first;
        }
        if (known->second.empty()) continue;
        std::string replacement = in_case_of(typed, known->second);
        out.suggestion.append(query.substr(end_of_last, word.begin - end_of_last));
        out.suggestion += replacement;
        end_of_last = word.end;
        out.corrections.push_back({std::string(typed), std::move(replacement)});
    }
    if (out.corrections.empty()) return std::nullopt;
    out.suggestion.append(query.substr(end_of_last));
    return out;
}

SearchResults search_with_spelling(const Xapian::Database& db, const Analyzer& analyzer, const SearchOptions& options,
                                   const std::function<SearchResults(const SearchOptions&)>& search) {
    SearchResults results = search(options);
    std::optional<SpellingSuggestion> suggestion = suggest_spelling(db, analyzer, options.query);
    if (!suggestion) return results;
    if (results.matching == 0 && results.matching_some == 0) {
        SearchOptions corrected = options;
        corrected.query = suggestion->suggestion;
        SearchResults found = search(corrected);
        // Articles holding only some of the suggestion's words are no
        // better an answer than none: "rights reserved" is not "night
        // reserved" because an article says "night".
        if (found.matching > 0) {
            suggestion->searched = true;
            found.spelling = std::move(suggestion);
            return found;
        }
    }
    results.spelling = std::move(suggestion);
    return results;
}

}  // namespace news
