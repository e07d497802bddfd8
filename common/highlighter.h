// Finding, in the original text of a passage, the words a query matched.
#pragma once

#include "analysis.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace news {

// Byte ranges [begin, end) of the words in `text` that analyse to one of
// `terms` (index terms, without field prefixes) or whose term begins with one
// of `term_prefixes` (from wildcards), in order.
std::vector<std::pair<size_t, size_t>> find_matches(const Analyzer& analyzer, std::string_view text,
                                                    const std::vector<std::string>& terms,
                                                    const std::vector<std::string>& term_prefixes = {});

}  // namespace news
