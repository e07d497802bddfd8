#include "search/story_folding.h"

#include "store/article_record.h"
#include "store/schema.h"

#include <algorithm>
#include <bit>
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
    if (std::optional<StoryMark> mark = story_mark(document)) {
        shown_.push_back({*mark, document.get_value(schema::kSlotArticleId), hit});
    }
}

std::optional<size_t> StoryFolder::story_of(const Xapian::Document& document) const {
    if (!enabled_ || shown_.empty()) return std::nullopt;
    const std::optional<StoryMark> mark = story_mark(document);
    if (!mark) return std::nullopt;
    const std::string article = document.get_value(schema::kSlotArticleId);
    for (const Shown& shown : shown_) {
        // --all-passages lists one article's passages as hits of their own.
        if (shown.article == article) return std::nullopt;
        if (same_story(shown.mark, *mark)) return shown.hit;
    }
    return std::nullopt;
}

void add_similar(SearchHit& hit, const Xapian::Document& document, double score) {
    if (++hit.similar_total > kMaxCopiesListed) return;
    const std::string data = unpack_article_data(document.get_data());
    SimilarArticle similar{ArticleRecord::parse(data), text_start_line(data), score};
    similar.article.path = document.get_value(schema::kSlotPath);
    hit.similar.push_back(std::move(similar));
}

void StoryCountSpy::operator()(const Xapian::Document& document, double /*weight*/) {
    ++articles_;
    if (counted_ >= kStoriesCountedUpTo) return;
    ++counted_;
    if (std::optional<StoryMark> mark = story_mark(document)) marks_.push_back(std::move(*mark));
}

namespace {

constexpr size_t kBands = 32;  // of two bins each
// In a band shared by many (a boilerplate sign-off), each is compared with
// the first few only.
constexpr size_t kComparedInABand = 8;

}  // namespace

ArticleCount StoryCountSpy::stories() const {
    if (counted_ == 0) return 0;
    const size_t n = marks_.size();
    std::vector<std::uint32_t> parent(n);
    for (size_t i = 0; i < n; ++i) parent[i] = static_cast<std::uint32_t>(i);
    auto root = [&parent](std::uint32_t i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    };
    size_t joined = 0;
    // Matches with one band's key found through a hash table of chains
    // (flat arrays: no allocation per match), each compared with the
    // first few met before it.
    const size_t slots = std::bit_ceil(2 * n + 1);
    constexpr std::uint32_t kNone = UINT32_MAX;
    std::vector<std::uint32_t> head(slots);
    std::vector<std::uint32_t> next(n);
    std::vector<std::uint32_t> keys(n);
    for (size_t band = 0; band < kBands; ++band) {
        std::fill(head.begin(), head.end(), kNone);
        for (size_t i = 0; i < n; ++i) {
            const StorySketch& sketch = marks_[i].sketch;
            keys[i] = std::uint32_t{sketch.bins[2 * band]} << 16 | sketch.bins[2 * band + 1];
            const size_t slot = (keys[i] * 0x9E3779B1U) & (slots - 1);
            size_t compared = 0;
            for (std::uint32_t j = head[slot]; j != kNone && compared < kComparedInABand; j = next[j]) {
                if (keys[j] != keys[i]) continue;
                ++compared;
                const std::uint32_t root_a = root(j);
                const std::uint32_t root_b = root(static_cast<std::uint32_t>(i));
                if (root_a == root_b || !same_story(marks_[j], marks_[i])) continue;
                parent[std::max(root_a, root_b)] = std::min(root_a, root_b);
                ++joined;
            }
            next[i] = head[slot];
            head[slot] = static_cast<std::uint32_t>(i);
        }
    }
    const double stories = static_cast<double>(counted_ - joined);
    if (counted_ == articles_) return static_cast<ArticleCount>(stories);
    // Counted over the first kStoriesCountedUpTo: the same share of the rest.
    return static_cast<ArticleCount>(stories * articles_ / counted_ + 0.5);
}

}  // namespace news
