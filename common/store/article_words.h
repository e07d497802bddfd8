// An article's words as the index holds them, with their positions: the
// title twice (under the title prefix and as words, each counted double),
// the byline, the source, then each passage, a gap of
// schema::kFieldPositionGap before each.  One place for news-index, which
// writes them, and news-query, which over remote shards reads the
// positions of a page's words from the stored text rather than asking a
// server once for each word of each article.
#pragma once

#include "text/analysis.h"

#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace news {

// Where a passage's words are among the document's term positions.
struct PassageSpan {
    Xapian::termpos first_position = 0;
    Xapian::termcount words = 0;

    bool operator==(const PassageSpan&) const = default;
};

struct ArticleWords {
    std::string_view title;
    std::string_view author;
    std::string_view source;
    std::vector<std::string_view> passages;
};

// Indexes `words` into `document` through `generator` (configured by
// `analyzer`), and returns each passage's span.  `folded_text`, when
// given, sees the folded title and each folded passage (did-you-mean's
// words are drawn from them).
std::vector<PassageSpan> index_article_words(const Analyzer& analyzer, Xapian::TermGenerator& generator,
                                             Xapian::Document& document, const ArticleWords& words,
                                             const std::function<void(const std::string&)>& folded_text = {});

}  // namespace news
