#include "highlighter.h"

#include <algorithm>
#include <unordered_set>

namespace news {

std::vector<std::pair<size_t, size_t>> find_matches(const Analyzer& analyzer, std::string_view text,
                                                    const std::vector<std::string>& terms,
                                                    const std::vector<std::string>& term_prefixes) {
    std::vector<std::pair<size_t, size_t>> matches;
    if (terms.empty() && term_prefixes.empty()) return matches;
    const std::unordered_set<std::string> wanted(terms.begin(), terms.end());
    auto has_wanted_prefix = [&](const std::string& term) {
        return std::any_of(term_prefixes.begin(), term_prefixes.end(),
                           [&](const std::string& prefix) { return term.starts_with(prefix); });
    };
    for (const WordSpan& word : Analyzer::words(text)) {
        const std::string term = analyzer.term_for_word(text.substr(word.begin, word.end - word.begin));
        if (wanted.contains(term) || has_wanted_prefix(term)) matches.emplace_back(word.begin, word.end);
    }
    return matches;
}

}  // namespace news
