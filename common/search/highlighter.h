// Finding, in the original text of a passage, the words a query matched.
#pragma once

#include "search/term_set.h"
#include "text/analysis.h"

#include <bitset>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace news {

using ByteRanges = std::vector<std::pair<size_t, size_t>>;

// Marks the words of a query in passage after passage.  Words come back
// ("the", the subject's name) within a passage and across the passages of
// one result page: each spelling is analysed once per Highlighter.
class Highlighter {
public:
    // `terms` are index terms without field prefixes; `term_prefixes` come
    // from wildcards.
    Highlighter(const Analyzer& analyzer, const std::vector<std::string>& terms,
                std::vector<std::string> term_prefixes = {});

    // Byte ranges [begin, end) of the words in `text` that analyse to one of
    // the terms or to a term beginning with one of the prefixes, in order.
    ByteRanges matches(std::string_view text);

private:
    bool is_wanted(std::string_view spelling);
    // Whether a folded, lower-cased word could stem to a wanted term, by its
    // first byte.
    [[nodiscard]] bool may_begin_a_term(std::string_view normalised) const;

    const Analyzer& analyzer_;
    TermSet wanted_;
    // The first bytes of the terms and prefixes, when the stemmer keeps a
    // word's first letter: a word beginning otherwise is not stemmed (the
    // stemming was most of a query's highlighting).  Empty: stem them all.
    std::bitset<256> first_bytes_;
    // Looked up by string_view without a copy of the key.
    struct SpellingHash {
        using is_transparent = void;
        size_t operator()(std::string_view spelling) const { return std::hash<std::string_view>{}(spelling); }
    };
    std::unordered_map<std::string, bool, SpellingHash, std::equal_to<>> wanted_by_spelling_;
};

}  // namespace news
