#include "text/story_sketch.h"

#include <gtest/gtest.h>

#include <string>

namespace news {
namespace {

// A wire story of about 120 words, and what outlets and updates do to it.
const std::string kWire =
    "LONDON (Reuters) - The Bank of England kept interest rates on hold on Thursday, as expected, but two of its "
    "nine policymakers voted for a cut, the first split vote since the spring. Governor Andrew Bailey said the "
    "committee would watch wage growth and services inflation closely over the coming months before deciding "
    "whether borrowing costs could fall further. Sterling slipped against the dollar after the decision, and "
    "gilt yields dropped as traders added to bets on a cut in December. The bank also cut its forecast for "
    "growth next year, citing weaker consumer spending and a slowdown in the housing market, and said "
    "unemployment was likely to rise slightly above four and a half percent by the end of the year.";
const std::string kUpdate = kWire +
                            "\nEconomists polled by Reuters had expected the vote to be unanimous. Some said the "
                            "split made a cut at the next meeting more likely than not.";
const std::string kOther =
    "NEW YORK (Reuters) - Oil prices rose on Tuesday after a pipeline outage in Canada cut supply to refineries "
    "in the U.S. Midwest, while traders waited for weekly inventory figures from the Energy Information "
    "Administration. Brent crude futures gained 80 cents to settle at 78.40 a barrel, and U.S. crude rose "
    "65 cents. Analysts said the outage could last a week and tighten stocks at the Cushing hub.";

constexpr long long kDay = 24 * 3600;

StorySketch sketch(const std::string& body) {
    const std::optional<StorySketch> made = sketch_story(body);
    EXPECT_TRUE(made.has_value());
    return made.value_or(StorySketch{});
}

TEST(StorySketch, AnUpdateThatAddsParagraphsIsMostlyTheStoryItUpdates) {
    EXPECT_DOUBLE_EQ(containment(sketch(kWire), sketch(kWire)), 1.0);
    EXPECT_GE(containment(sketch(kWire), sketch(kUpdate)), 0.8);
    EXPECT_LT(containment(sketch(kWire), sketch(kOther)), 0.2);
}

TEST(StorySketch, CaseAndPunctuationDoNotMakeANewStory) {
    std::string shouted = kWire;
    for (char& c : shouted) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c == ',') c = ';';
    }
    EXPECT_DOUBLE_EQ(containment(sketch(kWire), sketch(shouted)), 1.0);
}

TEST(StorySketch, VersionsFoldWithinAWeekAndNotAcrossMonths) {
    const StoryMark wire{sketch(kWire), 1'600'000'000};
    EXPECT_TRUE(same_story(wire, {sketch(kUpdate), 1'600'000'000 + 2 * kDay}));
    EXPECT_FALSE(same_story(wire, {sketch(kUpdate), 1'600'000'000 + 40 * kDay})) << "a re-issued factbox is news again";
    EXPECT_FALSE(same_story(wire, {sketch(kOther), 1'600'000'000}));
    // Without a date, only a near copy folds.
    EXPECT_TRUE(same_story({sketch(kWire), std::nullopt}, {sketch(kWire), std::nullopt}));
    EXPECT_FALSE(same_story({sketch(kWire), std::nullopt}, {sketch(kOther), std::nullopt}));
}

TEST(StorySketch, RoundTripsThroughItsValueAndRefusesOtherBytes) {
    const StorySketch made = sketch(kWire);
    const std::string bytes = serialise(made);
    EXPECT_EQ(bytes.size(), 4 + 2 * kStorySketchBins);
    const std::optional<StorySketch> parsed = parse_story_sketch(bytes);
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(parsed->shingles, made.shingles);
    EXPECT_EQ(parsed->bins, made.bins);
    EXPECT_FALSE(parse_story_sketch("").has_value());
    EXPECT_FALSE(parse_story_sketch(bytes.substr(1)).has_value());
}

TEST(StorySketch, ABodyWithoutWordsHasNone) {
    EXPECT_FALSE(sketch_story("").has_value());
    EXPECT_FALSE(sketch_story(" -- ... !!").has_value());
    EXPECT_TRUE(sketch_story("Brief.").has_value());
}

}  // namespace
}  // namespace news
