// Cutting an article into the passages that are indexed and ranked.
#pragma once

#include "formats/article.h"

#include <string>
#include <string_view>
#include <vector>

namespace news {

struct Passage {
    std::string text;
    unsigned line = 0;  // 1-based line of the file where the passage starts
};

struct PassageLimits {
    size_t max_sentences = 5;       // a longer paragraph is cut ...
    size_t max_bytes = 900;         // ... or one longer than this; no passage is longer
    size_t target_sentences = 3;    // pieces aim for this many sentences
    size_t target_bytes = 500;      // ... or about this many bytes
    size_t merge_below_bytes = 80;  // a shorter paragraph joins the next one
};

// A passage per paragraph; a long paragraph is cut at sentence boundaries into
// pieces of 1-5 sentences, and very short paragraphs (a bullet, "7 years ago")
// join the paragraph after them.  A piece still longer than max_bytes (a
// sentence that never ends) is cut at white space near target_bytes, else on
// a UTF-8 character boundary.  An article with a title but no body gets
// its title as its passages, so it can still be found and shown.
std::vector<Passage> split_passages(const Article& article, const PassageLimits& limits = {});

// Byte offsets in `text` where sentences begin (always starting with 0).
std::vector<size_t> sentence_starts(std::string_view text);

}  // namespace news
