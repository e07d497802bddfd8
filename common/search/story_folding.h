// Folding the versions of one story into one hit (text/story_sketch.h):
// hits are walked best first, and a match whose sketch says it tells the
// story of a hit already listed goes under that hit instead of on its own.
#pragma once

#include "search/search_results.h"
#include "text/story_sketch.h"

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

namespace news {

// The sketch and moment of an article document; none for an article
// without a body's sketch (a database written before schema 9, an empty body).
std::optional<StoryMark> story_mark(const Xapian::Document& document);

class StoryFolder {
public:
    explicit StoryFolder(bool enabled) : enabled_(enabled) {}

    // `hit` (an index into the caller's hits) shows `document`.
    void shown(size_t hit, const Xapian::Document& document);

    // The hit whose story `document` tells, other than its own article's.
    [[nodiscard]] std::optional<size_t> story_of(const Xapian::Document& document) const;

private:
    struct Shown {
        StoryMark mark;
        Xapian::docid docid = 0;
        size_t hit = 0;
    };
    bool enabled_;
    std::vector<Shown> shown_;
};

// Lists `document` (with its score for the query) under `hit`: the first
// kMaxCopiesListed in full, the rest counted.
void add_similar(SearchHit& hit, const Xapian::Document& document, double score);

class FirstOfEachText;

// Counts the stories among the matches Xapian checks, as the hits fold
// them: each match either starts a story or is a version of one met
// before.  The candidates are the stories sharing a band (two bins) of its
// sketch with it: two versions that are 60% one share one with odds over
// 0.99 (bench/folding/README.md).  Past kStoriesCountedUpTo matches, the
// share of stories among those counted estimates the rest.
class StoryCountSpy final : public Xapian::MatchSpy {
public:
    // `texts` is null when the database holds no two articles with one text.
    explicit StoryCountSpy(FirstOfEachText* texts) : texts_(texts) {}

    void operator()(const Xapian::Document& document, double weight) override;

    // The stories among the articles checked (the copies of a text once).
    [[nodiscard]] ArticleCount stories() const;
    [[nodiscard]] bool exact() const { return articles_ <= kStoriesCountedUpTo; }

    static constexpr ArticleCount kStoriesCountedUpTo = 20000;

private:
    FirstOfEachText* texts_;
    std::vector<StoryMark> stories_;
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> by_band_;  // band -> stories_ indexes
    ArticleCount articles_ = 0;  // checked, copies of a text once
    ArticleCount counted_ = 0;   // of which counted, the first kStoriesCountedUpTo
    ArticleCount story_count_ = 0;
};

}  // namespace news
