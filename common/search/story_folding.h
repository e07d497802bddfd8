// Folding the versions of one story into one hit (text/story_sketch.h):
// hits are walked best first, and a match whose sketch says it tells the
// story of a hit already listed goes under that hit instead of on its own.
#pragma once

#include "search/search_results.h"
#include "text/story_sketch.h"

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace news {

// The sketch and moment of an article document; none for an article
// without a body's sketch (a database written before schema 9, an empty body).
std::optional<StoryMark> story_mark(const Xapian::Document& document);

class StoryFolder {
public:
    explicit StoryFolder(bool enabled) : enabled_(enabled) {}

    // `hit` (an index into the caller's hits) shows `document`; kLeftOut
    // for an article whose versions are to be left out (--like's own).
    static constexpr size_t kLeftOut = SIZE_MAX;
    void shown(size_t hit, const Xapian::Document& document);

    // The hit whose story `document` tells, other than its own article's.
    [[nodiscard]] std::optional<size_t> story_of(const Xapian::Document& document) const;

private:
    struct Shown {
        StoryMark mark;
        std::string article;  // its key (schema::kSlotArticleId): a docid over shards is the shard's
        size_t hit = 0;
    };
    bool enabled_;
    std::vector<Shown> shown_;
};

// Lists `document` (with its score for the query) under `hit`: the first
// kMaxCopiesListed in full, the rest counted.
void add_similar(SearchHit& hit, const Xapian::Document& document, double score);

// Counts the stories among the matches Xapian checks: two matches are one
// story when the folding rule says so, and so are the versions linked
// through them.  Candidates are matches sharing a band (two bins) of their
// sketches: two versions that are 60% one share one of 32 bands with odds
// over 0.99 (bench/folding/README.md), and sorting the bands costs far less
// than comparing every pair.  Past kStoriesCountedUpTo matches, the share
// of stories among those counted estimates the rest.
class StoryCountSpy final : public Xapian::MatchSpy {
public:
    // Copies of one text have one sketch: they join as versions do.
    StoryCountSpy() = default;

    void operator()(const Xapian::Document& document, double weight) override;

    // The stories among the articles checked.
    [[nodiscard]] ArticleCount stories() const;
    [[nodiscard]] bool exact() const { return articles_ <= kStoriesCountedUpTo; }

    static constexpr ArticleCount kStoriesCountedUpTo = 2000;

private:
    std::vector<StoryMark> marks_;  // of the counted matches with a sketch
    ArticleCount articles_ = 0;     // checked
    ArticleCount counted_ = 0;      // of which counted, the first kStoriesCountedUpTo
};

}  // namespace news
