#include "highlighter.h"

#include <algorithm>

namespace news {

Highlighter::Highlighter(const Analyzer& analyzer, const std::vector<std::string>& terms,
                         std::vector<std::string> term_prefixes)
    : analyzer_(analyzer), wanted_{{terms.begin(), terms.end()}, std::move(term_prefixes)} {
    if (!analyzer_.stems_keep_first_letter()) return;
    std::bitset<256> first_bytes;
    bool all_begin = true;  // an empty term or prefix could be any word's
    auto note = [&](const std::string& term) {
        if (term.empty()) all_begin = false;
        else first_bytes.set(static_cast<unsigned char>(term.front()));
    };
    std::for_each(wanted_.terms.begin(), wanted_.terms.end(), note);
    std::for_each(wanted_.prefixes.begin(), wanted_.prefixes.end(), note);
    if (all_begin) first_bytes_ = first_bytes;
}

bool Highlighter::is_wanted(std::string_view spelling) {
    // Folding and lower-casing leave an ASCII letter lower-cased: most words
    // are ruled out here, before they are looked up or folded.
    if (first_bytes_.any() && !spelling.empty()) {
        const auto first = static_cast<unsigned char>(spelling.front());
        const unsigned char lower = first >= 'A' && first <= 'Z' ? first - 'A' + 'a' : first;
        if (first < 0x80 && !first_bytes_.test(lower)) return false;
    }
    if (const auto known = wanted_by_spelling_.find(spelling); known != wanted_by_spelling_.end()) {
        return known->second;
    }
    const std::string word = analyzer_.normalise(spelling);
    const bool may_be_wanted = first_bytes_.none() || word.empty() ||
                               first_bytes_.test(static_cast<unsigned char>(word.front()));
    const bool wanted = may_be_wanted && wanted_.contains(analyzer_.stem(word));
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
