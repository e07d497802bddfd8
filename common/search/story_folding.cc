#include "search/story_folding.h"

#include "search/match_counts.h"
#include "store/article_record.h"
#include "store/schema.h"

#include <array>
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

void StoryCountSpy::operator()(const Xapian::Document& document, double /*weight*/) {
    if (texts_ != nullptr && !texts_->counts(document)) return;
    ++articles_;
    if (counted_ >= kStoriesCountedUpTo) return;
    ++counted_;
    const std::optional<StoryMark> mark = story_mark(document);
    if (!mark) {
        ++story_count_;
        return;
    }
    std::array<std::uint64_t, kStorySketchBins / 2> bands{};
    for (size_t band = 0; band < bands.size(); ++band) {
        bands[band] = std::uint64_t{band} << 32 | std::uint64_t{mark->sketch.bins[2 * band]} << 16 |
                      mark->sketch.bins[2 * band + 1];
        const auto found = by_band_.find(bands[band]);
        if (found == by_band_.end()) continue;
        for (const std::uint32_t story : found->second) {
            if (same_story(stories_[story], *mark)) return;
        }
    }
    const auto story = static_cast<std::uint32_t>(stories_.size());
    stories_.push_back(*mark);
    ++story_count_;
    for (const std::uint64_t band : bands) by_band_[band].push_back(story);
}

ArticleCount StoryCountSpy::stories() const {
    if (counted_ == articles_) return story_count_;
    // Counted over the first kStoriesCountedUpTo: the same share of the rest.
    return static_cast<ArticleCount>(static_cast<double>(story_count_) * articles_ / counted_ + 0.5);
}

}  // namespace news
