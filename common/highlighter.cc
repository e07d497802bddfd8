#include "highlighter.h"

namespace news {

Highlighter::Highlighter(const Analyzer& analyzer, const std::vector<std::string>& terms,
                         std::vector<std::string> term_prefixes)
    : analyzer_(analyzer), wanted_{{terms.begin(), terms.end()}, std::move(term_prefixes)} {}

bool Highlighter::is_wanted(std::string_view spelling) {
    if (const auto known = wanted_by_spelling_.find(spelling); known != wanted_by_spelling_.end()) {
        return known->second;
    }
    const bool wanted = wanted_.contains(analyzer_.term_for_word(spelling));
    wanted_by_spelling_.emplace(spelling, wanted);
    return wanted;
}

ByteRanges Highlighter::matches(std::string_view text) {
    ByteRanges found;
    if (wanted_.empty()) return found;
    for (const WordSpan& word : Analyzer::words(text)) {
        if (is_wanted(text.substr(word.begin, word.end - word.begin))) found.emplace_back(word.begin, word.end);
    }
    return found;
}

}  // namespace news
