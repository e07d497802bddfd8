#include "text/story_sketch.h"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <vector>

namespace news {
namespace {

constexpr unsigned kBinShift = 57;  // 64 - log2(kStorySketchBins)
static_assert((size_t{1} << (64 - kBinShift)) == kStorySketchBins);
constexpr std::uint64_t kEmpty = ~std::uint64_t{0};

// Word characters as the labelled measurement read them (\w+ after
// lower-casing): ASCII letters and digits, and every byte of a multi-byte
// UTF-8 character, so "Zürich" is one word and "U.S." two.
bool is_word_byte(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80; }

std::uint64_t word_hash(std::string_view body, size_t begin, size_t end) {
    // Lower-cased in a buffer on the stack: a word is rarely longer.
    std::array<char, 64> buffer;
    std::string long_word;
    char* word = buffer.data();
    const size_t size = end - begin;
    if (size > buffer.size()) {
        long_word.resize(size);
        word = long_word.data();
    }
    for (size_t i = 0; i < size; ++i) {
        const char c = body[begin + i];
        word[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return XXH3_64bits(word, size);
}

std::vector<std::uint64_t> shingle_hashes(std::string_view body) {
    std::vector<std::uint64_t> words;
    for (size_t i = 0; i < body.size();) {
        if (!is_word_byte(static_cast<unsigned char>(body[i]))) {
            ++i;
            continue;
        }
        size_t end = i;
        while (end < body.size() && is_word_byte(static_cast<unsigned char>(body[end]))) ++end;
        words.push_back(word_hash(body, i, end));
        i = end;
    }
    std::vector<std::uint64_t> shingles;
    if (words.empty()) return shingles;
    const size_t width = std::min<size_t>(3, words.size());
    shingles.reserve(words.size() - width + 1);
    for (size_t i = 0; i + width <= words.size(); ++i) {
        shingles.push_back(XXH3_64bits_withSeed(&words[i], width * sizeof(std::uint64_t), width));
    }
    std::sort(shingles.begin(), shingles.end());
    shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
    return shingles;
}

}  // namespace

std::optional<StorySketch> sketch_story(std::string_view body) {
    const std::vector<std::uint64_t> shingles = shingle_hashes(body);
    if (shingles.empty()) return std::nullopt;
    std::array<std::uint64_t, kStorySketchBins> lowest;
    lowest.fill(kEmpty);
    for (const std::uint64_t hash : shingles) {
        std::uint64_t& bin = lowest[hash >> kBinShift];
        bin = std::min(bin, hash & ((std::uint64_t{1} << kBinShift) - 1));
    }
    StorySketch sketch;
    sketch.shingles = static_cast<std::uint32_t>(std::min<size_t>(shingles.size(), UINT32_MAX));
    // An empty bin borrows the next filled bin's value (circularly), moved by
    // the distance, so two bodies agree on it only as often as on the donor.
    for (size_t bin = 0; bin < kStorySketchBins; ++bin) {
        size_t distance = 0;
        while (lowest[(bin + distance) % kStorySketchBins] == kEmpty) ++distance;
        const std::uint64_t value = lowest[(bin + distance) % kStorySketchBins] + distance * 0x9E3779B97F4A7C15ULL;
        sketch.bins[bin] = static_cast<std::uint16_t>(value ^ (value >> 16) ^ (value >> 32));
    }
    return sketch;
}

std::string serialise(const StorySketch& sketch) {
    std::string bytes;
    bytes.reserve(4 + 2 * kStorySketchBins);
    for (unsigned shift = 0; shift < 32; shift += 8) bytes.push_back(static_cast<char>((sketch.shingles >> shift) & 0xFF));
    for (const std::uint16_t bin : sketch.bins) {
        bytes.push_back(static_cast<char>(bin & 0xFF));
        bytes.push_back(static_cast<char>(bin >> 8));
    }
    return bytes;
}

std::optional<StorySketch> parse_story_sketch(std::string_view bytes) {
    if (bytes.size() != 4 + 2 * kStorySketchBins) return std::nullopt;
    auto byte = [&bytes](size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])); };
    StorySketch sketch;
    sketch.shingles = byte(0) | byte(1) << 8 | byte(2) << 16 | byte(3) << 24;
    for (size_t bin = 0; bin < kStorySketchBins; ++bin) {
        sketch.bins[bin] = static_cast<std::uint16_t>(byte(4 + 2 * bin) | byte(5 + 2 * bin) << 8);
    }
    return sketch;
}

double containment(const StorySketch& a, const StorySketch& b) {
    if (a.shingles == 0 || b.shingles == 0) return 0;
    size_t equal = 0;
    for (size_t bin = 0; bin < kStorySketchBins; ++bin) equal += a.bins[bin] == b.bins[bin] ? 1U : 0U;
    const double jaccard = static_cast<double>(equal) / kStorySketchBins;
    // |A and B| from J = |A and B| / |A or B| and |A or B| = |A| + |B| - |A and B|.
    const double shared = jaccard * (static_cast<double>(a.shingles) + b.shingles) / (1 + jaccard);
    return std::min(1.0, shared / std::min(a.shingles, b.shingles));
}

bool same_story(const StoryMark& a, const StoryMark& b) {
    if (a.seconds && b.seconds) {
        return std::llabs(*a.seconds - *b.seconds) <= kSameStoryWindowSeconds &&
               containment(a.sketch, b.sketch) >= kSameStoryContainment;
    }
    return containment(a.sketch, b.sketch) >= kSameStoryContainmentUndated;
}

}  // namespace news
