#include "highlighter.h"

#include <unordered_set>

namespace news {

std::vector<std::pair<size_t, size_t>> find_matches(const Analyzer& analyzer, std::string_view text,
                                                    const std::vector<std::string>& terms) {
    std::vector<std::pair<size_t, size_t>> matches;
    if (terms.empty()) return matches;
    const std::unordered_set<std::string> wanted(terms.begin(), terms.end());
    for (const WordSpan& word : Analyzer::words(text)) {
        if (wanted.contains(analyzer.term_for_word(text.substr(word.begin, word.end - word.begin)))) {
            matches.emplace_back(word.begin, word.end);
        }
    }
    return matches;
}

}  // namespace news
