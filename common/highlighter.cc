#include "highlighter.h"

#include <algorithm>
#include <unordered_map>
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
    // Words come back ("the", the subject's name): each spelling is
    // analysed once.
    std::unordered_map<std::string_view, bool> is_match;
    for (const WordSpan& word : Analyzer::words(text)) {
        const std::string_view spelling = text.substr(word.begin, word.end - word.begin);
        auto [known, fresh] = is_match.try_emplace(spelling, false);
        if (fresh) {
            const std::string term = analyzer.term_for_word(spelling);
            known->second = wanted.contains(term) || has_wanted_prefix(term);
        }
        if (known->second) matches.emplace_back(word.begin, word.end);
    }
    return matches;
}

}  // namespace news
