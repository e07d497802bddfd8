#include "highlighter.h"

#include <gtest/gtest.h>

namespace news {
namespace {

std::vector<std::string> marked(const std::string& text, const std::vector<std::string>& terms) {
    const Analyzer analyzer(AnalysisSettings{});
    std::vector<std::string> out;
    for (const auto& [begin, end] : Highlighter(analyzer, terms).matches(text)) {
        out.push_back(text.substr(begin, end - begin));
    }
    return out;
}

TEST(FindMatches, MarksEveryFormOfAStem) {
    EXPECT_EQ(marked("Attacks followed the attack; attacking", {"attack"}),
              (std::vector<std::string>{"Attacks", "attack", "attacking"}));
}

TEST(FindMatches, MarksAccentedWordsForAFoldedTerm) {
    EXPECT_EQ(marked("Fran\xC3\xA7ois Hollande", {"francoi"}), (std::vector<std::string>{"Fran\xC3\xA7ois"}));
}

TEST(FindMatches, GivesByteRangesIntoTheOriginalText) {
    const Analyzer analyzer(AnalysisSettings{});
    const std::string text = "\xE2\x80\x9CParis\xE2\x80\x9D said";
    const auto matches = Highlighter(analyzer, {"pari"}).matches(text);
    ASSERT_EQ(matches.size(), 1U);
    EXPECT_EQ(matches[0], (std::pair<size_t, size_t>{3, 8}));
}

TEST(FindMatches, MarksNothingWithoutTerms) { EXPECT_TRUE(marked("Paris", {}).empty()); }

TEST(FindMatches, OneHighlighterMarksPassageAfterPassage) {
    const Analyzer analyzer(AnalysisSettings{});
    Highlighter highlighter(analyzer, {"attack"});
    const std::string first = "The attack began";
    const std::string second = "after attacks and the attack";
    EXPECT_EQ(highlighter.matches(first), (ByteRanges{{4, 10}}));
    EXPECT_EQ(highlighter.matches(second), (ByteRanges{{6, 13}, {22, 28}}));
}

}  // namespace
}  // namespace news
