#include "highlighter.h"

#include <algorithm>

namespace news {

Highlighter::Highlighter(const Analyzer& analyzer, const std::vector<std::string>& terms,
                         std::vector<std::string> term_prefixes)
    : analyzer_(analyzer), terms_(terms.begin(), terms.end()), term_prefixes_(std::move(term_prefixes)) {}

bool Highlighter::is_wanted(std::string_view spelling) {
    if (const auto known = wanted_by_spelling_.find(spelling); known != wanted_by_spelling_.end()) {
        return known->second;
    }
    const std::string term = analyzer_.term_for_word(spelling);
    const bool wanted = terms_.contains(term) ||
                        std::any_of(term_prefixes_.begin(), term_prefixes_.end(),
                                    [&](const std::string& prefix) { return term.starts_with(prefix); });
    wanted_by_spelling_.emplace(spelling, wanted);
    return wanted;
}

ByteRanges Highlighter::matches(std::string_view text) {
    ByteRanges found;
    if (terms_.empty() && term_prefixes_.empty()) return found;
    for (const WordSpan& word : Analyzer::words(text)) {
        if (is_wanted(text.substr(word.begin, word.end - word.begin))) found.emplace_back(word.begin, word.end);
    }
    return found;
}

}  // namespace news
