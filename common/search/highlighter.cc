#include "search/highlighter.h"

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

bool Highlighter::may_begin_a_term(std::string_view normalised) const {
    return first_bytes_.none() || normalised.empty() || first_bytes_.test(static_cast<unsigned char>(normalised.front()));
}

bool Highlighter::is_wanted(std::string_view spelling) {
    // Folding and lower-casing leave an ASCII character's byte lower-cased:
    // most words are ruled out here, before they are looked up or folded.
    if (!spelling.empty() && static_cast<unsigned char>(spelling.front()) < 0x80) {
        const char first = spelling.front();
        const char lower = first >= 'A' && first <= 'Z' ? static_cast<char>(first - 'A' + 'a') : first;
        if (!may_begin_a_term(std::string_view(&lower, 1))) return false;
    }
    if (const auto known = wanted_by_spelling_.find(spelling); known != wanted_by_spelling_.end()) {
        return known->second;
    }
    const std::string word = analyzer_.normalise(spelling);
    const bool wanted = may_begin_a_term(word) && wanted_.contains(analyzer_.stem(word));
    wanted_by_spelling_.emplace(spelling, wanted);
    return wanted;
}

ByteRanges Highlighter::matches(std::string_view text) {
    ByteRanges found;
    if (wanted_.empty()) return found;
    // A compound is marked whole when its joined word is wanted ("Spider-Man"
    // for spiderman), its parts when they are.
    std::vector<Compound> compounds;
    if (text.find('-') != std::string_view::npos) compounds = Analyzer::compounds(text);
    auto compound = compounds.begin();
    for (const WordSpan& word : Analyzer::words(text)) {
        while (compound != compounds.end() && compound->end <= word.begin) ++compound;
        if (compound != compounds.end() && compound->begin <= word.begin && is_wanted(compound->joined)) {
            if (found.empty() || found.back().second <= compound->begin) found.emplace_back(compound->begin, compound->end);
            continue;
        }
        if (is_wanted(text.substr(word.begin, word.end - word.begin))) found.emplace_back(word.begin, word.end);
    }
    return found;
}

}  // namespace news
