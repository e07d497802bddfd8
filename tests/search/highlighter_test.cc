#include "search/highlighter.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace news {
namespace {

std::vector<std::string> marked(const std::string& text, const std::vector<std::string>& terms,
                                const AnalysisSettings& settings = {}) {
    const Analyzer analyzer(settings);
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

TEST(FindMatches, MarksACompoundWholeForItsJoinedWordAndItsPartsForThemselves) {
    EXPECT_EQ(marked("The Spider-Man sequel, by the spider man.", {"spiderman"}),
              (std::vector<std::string>{"Spider-Man"}));
    EXPECT_EQ(marked("counter-terrorism units", {"terror"}), (std::vector<std::string>{"terrorism"}));
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

// Words that cannot stem to a query's term are ruled out by their first
// letter, unstemmed: none that does may be ruled out with them.
TEST(FindMatches, MarksEveryWordOfTheFixturesForItsOwnTerm) {
    const Analyzer analyzer(AnalysisSettings{});
    std::string text =
        // Accented and folded first letters, initial y (Porter2 marks it)
        // and Porter2's exceptions.
        "\xC3\x89LYS\xC3\x89" "E \xC3\x98resund \xC5\x92uvre Yesterday yelling skies dying lying "
        "idly gently early 1990s O'Neill\n";
    for (const auto& entry : std::filesystem::recursive_directory_iterator(NEWS_FIXTURES_DIR)) {
        if (entry.is_regular_file()) text += test::read_text_file(entry.path()) + "\n";
    }
    size_t checked = 0;
    for (const WordSpan& span : Analyzer::words(text)) {
        const std::string word = text.substr(span.begin, span.end - span.begin);
        EXPECT_EQ(marked(word, {analyzer.term_for_word(word)}), std::vector<std::string>{word}) << word;
        ++checked;
    }
    EXPECT_GT(checked, 1000U);
}

TEST(FindMatches, MarksWordsWhoseStemLosesTheFirstLetter) {
    AnalysisSettings indonesian;
    indonesian.language = "indonesian";
    ASSERT_EQ(Analyzer(indonesian).term_for_word("membaca"), "baca");
    EXPECT_EQ(marked("dia membaca buku", {"baca"}, indonesian), std::vector<std::string>{"membaca"});
}

}  // namespace
}  // namespace news
