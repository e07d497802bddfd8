// The counts after the hits, for people: --facets as aligned tables,
// --timeline as a bar chart, --top-words as a list.  Each returns whole
// lines; the text printer writes them.
#pragma once

#include "output/result_printer.h"
#include "search/search_results.h"

#include <string>
#include <vector>

namespace news {

// "month (exact counts over 1,234 articles)", then one line per value: the
// value, its count right-aligned, its share of the articles counted.
std::string facet_table(const FacetCounts& facet, const TextStyle& style);

// One line per period: its name, a bar of Unicode eighth blocks (▏ to █)
// as long as the count is against the busiest period, which fills what
// the width leaves, the count, and "peak" after the busiest.  An empty
// period is shown with no bar; a period with any article gets at least ▏.
std::string timeline_chart(const TimelineCounts& timeline, const TextStyle& style);

// "words of the 15 best matches", then each word with its weight.
std::string top_words_list(const std::vector<WeightedTerm>& words, size_t from, const TextStyle& style);

// 1234567 -> "1,234,567".
std::string with_thousands(unsigned long long number);

}  // namespace news
