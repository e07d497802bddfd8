// Versions of one story: a wire copy reprinted by another outlet, an
// "UPDATE 2" that adds paragraphs to "UPDATE 1", a snap and the full story
// written from it.  Each article's body gets a sketch at index time; at
// query time hits whose sketches say "same story" fold into one.
//
// The sketch is one-permutation MinHash (Li, Owen and Zhang 2012) over the
// body's word 3-shingles, 128 bins densified by rotation (Shrivastava and
// Li 2014), each bin kept as its lowest 16 bits (b-bit MinHash, Li and
// König 2010), plus the number of distinct shingles.  The rule and its
// thresholds were chosen on 283 pairs labelled by reading them
// (bench/folding/README.md): the shorter body at least 60% inside the
// longer and both published at most 7 days apart (undated: 85%).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace news {

inline constexpr size_t kStorySketchBins = 128;

struct StorySketch {
    std::uint32_t shingles = 0;  // distinct word 3-shingles of the body
    std::array<std::uint16_t, kStorySketchBins> bins{};
};

// None for a body without a word.
std::optional<StorySketch> sketch_story(std::string_view body);

// 4 + 2 * kStorySketchBins bytes, little-endian; parse gives none for
// anything else.
std::string serialise(const StorySketch& sketch);
std::optional<StorySketch> parse_story_sketch(std::string_view bytes);

// Estimated share of the smaller body's shingles found in the larger, in [0, 1].
double containment(const StorySketch& a, const StorySketch& b);

// The folding rule.  `seconds` is the article's moment (UTC seconds since
// the epoch), none when it has no date.
struct StoryMark {
    StorySketch sketch;
    std::optional<long long> seconds;
};
inline constexpr double kSameStoryContainment = 0.6;
inline constexpr double kSameStoryContainmentUndated = 0.85;
inline constexpr long long kSameStoryWindowSeconds = 7LL * 24 * 3600;
bool same_story(const StoryMark& a, const StoryMark& b);

}  // namespace news
