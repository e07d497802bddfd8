// Index terms a query asks for: some named, more by a wildcard's pattern.
#pragma once

#include <algorithm>
#include <string>
#include <unordered_set>
#include <vector>

namespace news {

struct TermSet {
    std::unordered_set<std::string> terms;
    std::vector<std::string> prefixes;  // unexpanded wildcards ("terror" for terror*)

    [[nodiscard]] bool empty() const { return terms.empty() && prefixes.empty(); }
    [[nodiscard]] bool contains(const std::string& term) const {
        return terms.contains(term) || std::any_of(prefixes.begin(), prefixes.end(), [&term](const std::string& p) {
                   return term.starts_with(p);
               });
    }
};

}  // namespace news
