#include "search/story_folding.h"

#include "store/article_record.h"
#include "store/schema.h"

#include <cmath>

namespace news {

std::optional<StoryMark> story_mark(const Xapian::Document& document) {
    std::optional<StorySketch> sketch = parse_story_sketch(document.get_value(schema::kSlotStorySketch));
    if (!sketch) return std::nullopt;
    StoryMark mark{*sketch, std::nullopt};
    if (const std::string time = document.get_value(schema::kSlotTime); !time.empty()) {
        mark.seconds = std::llround(Xapian::sortable_unserialise(time));
    }
    return mark;
}

void StoryFolder::shown(size_t hit, const Xapian::Document& document) {
    if (!enabled_) return;
    if (std::optional<StoryMark> mark = story_mark(document)) shown_.push_back({*mark, document.get_docid(), hit});
}

std::optional<size_t> StoryFolder::story_of(const Xapian::Document& document) const {
    if (!enabled_ || shown_.empty()) return std::nullopt;
    const std::optional<StoryMark> mark = story_mark(document);
    if (!mark) return std::nullopt;
    for (const Shown& shown : shown_) {
        // --all-passages lists one article's passages as hits of their own.
        if (shown.docid == document.get_docid()) return std::nullopt;
        if (same_story(shown.mark, *mark)) return shown.hit;
    }
    return std::nullopt;
}

void add_similar(SearchHit& hit, const Xapian::Document& document, double score) {
    if (++hit.similar_total > kMaxCopiesListed) return;
    const std::string data = unpack_article_data(document.get_data());
    SimilarArticle similar{ArticleRecord::parse(data), 0, score};
    similar.article.path = document.get_value(schema::kSlotPath);
    const std::vector<StoredPassage> passages = stored_passages(data);
    similar.line = passages.empty() ? similar.article.title_line : passages.front().line;
    hit.similar.push_back(std::move(similar));
}

}  // namespace news
