#include "formats/passage_splitter.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace news {
namespace {

using test::make_article;

TEST(SentenceStarts, SplitsAtFullStopsButNotAtAbbreviations) {
    const std::string text = "Mr. Obama met U.S. officials. They talked. \"We agree,\" he said! Then J. Smith left.";
    const std::vector<size_t> starts = sentence_starts(text);
    ASSERT_EQ(starts.size(), 4U);
    EXPECT_EQ(text.substr(starts[1], 4), "They");
    EXPECT_EQ(text.substr(starts[2], 4), "\"We ");
    EXPECT_EQ(text.substr(starts[3], 4), "Then");
}

TEST(SplitPassages, OneParagraphIsOnePassage) {
    const Article article = make_article("/a", "Title", {std::string(200, 'a') + ". Short one."});
    const std::vector<Passage> passages = split_passages(article);
    ASSERT_EQ(passages.size(), 1U);
    EXPECT_EQ(passages[0].line, 3U);
}

TEST(SplitPassages, CutsALongParagraphAtSentencesAndKeepsLines) {
    Article article;
    article.title = "T";
    Paragraph paragraph;
    std::string text;
    for (int i = 0; i < 9; ++i) {
        paragraph.line_starts.emplace_back(text.size(), 10 + i);
        text += "Sentence number " + std::to_string(i) + " is here. ";
    }
    text.pop_back();
    paragraph.text = text;
    article.paragraphs.push_back(paragraph);

    const std::vector<Passage> passages = split_passages(article);
    ASSERT_EQ(passages.size(), 3U);
    EXPECT_EQ(passages[0].text, "Sentence number 0 is here. Sentence number 1 is here. Sentence number 2 is here.");
    EXPECT_EQ(passages[1].line, 13U);
    EXPECT_EQ(passages[2].line, 16U);
    for (const Passage& passage : passages) EXPECT_LE(sentence_starts(passage.text).size(), 5U);
}

TEST(SplitPassages, ShortParagraphsJoinTheNextOne) {
    const std::string body(150, 'b');
    const Article article = make_article("/a", "Title", {"7 years ago", "Duration 2:03", body});
    const std::vector<Passage> passages = split_passages(article);
    ASSERT_EQ(passages.size(), 1U);
    EXPECT_EQ(passages[0].text, "7 years ago Duration 2:03 " + body);
    EXPECT_EQ(passages[0].line, 3U);
}

TEST(SplitPassages, TrailingShortParagraphJoinsThePassageBefore) {
    const std::string body(150, 'b');
    const std::vector<Passage> passages = split_passages(make_article("/a", "T", {body, "Ends."}));
    ASSERT_EQ(passages.size(), 1U);
    EXPECT_EQ(passages[0].text, body + " Ends.");
}

TEST(SplitPassages, ATitleOnlyArticleIsItsTitle) {
    const std::vector<Passage> passages = split_passages(make_article("/a", "FBI probes ZTE", {}));
    ASSERT_EQ(passages.size(), 1U);
    EXPECT_EQ(passages[0].text, "FBI probes ZTE");
    EXPECT_EQ(passages[0].line, 1U);
}

// Regression: a paragraph with no sentence end was one passage whatever its
// size (a 200 MB line: one 200 MB passage, read and printed by every query).
TEST(SplitPassages, AParagraphWithNoSentenceEndIsCutAtWhiteSpace) {
    std::string text;
    while (text.size() < 100'000) text += "market bank shares profit growth ";
    text += "end";
    const Article article = make_article("/a", "Title", {text});
    const PassageLimits limits;
    const std::vector<Passage> passages = split_passages(article, limits);
    ASSERT_GT(passages.size(), 100U);
    std::string joined;
    for (const Passage& passage : passages) {
        EXPECT_LE(passage.text.size(), limits.max_bytes);
        EXPECT_NE(passage.text.front(), ' ');
        EXPECT_NE(passage.text.back(), ' ');
        if (!joined.empty()) joined += ' ';
        joined += passage.text;
    }
    EXPECT_EQ(joined, text);
    EXPECT_EQ(passages.back().text.substr(passages.back().text.size() - 3), "end");
}

TEST(SplitPassages, AWordLongerThanAPassageIsCutOnCharacterBoundaries) {
    std::string text;
    while (text.size() < 10'000) text += "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80x";  // 2, 3 and 4 bytes, then 1
    const PassageLimits limits;
    const std::vector<Passage> passages = split_passages(make_article("/a", "Title", {text}), limits);
    ASSERT_GT(passages.size(), 10U);
    std::string joined;
    for (const Passage& passage : passages) {
        EXPECT_LE(passage.text.size(), limits.max_bytes);
        // Pieces follow each other in the text, each starting on a whole
        // character, so none ends inside one either.
        EXPECT_NE(static_cast<unsigned char>(passage.text.front()) & 0xC0, 0x80);
        EXPECT_EQ(text.compare(joined.size(), passage.text.size(), passage.text), 0);
        joined += passage.text;
    }
    EXPECT_EQ(joined, text);
}

// Found by fuzz_passage_splitter: a run of bytes that are all UTF-8
// continuation bytes (not UTF-8: the reader decodes such files as
// Windows-1252, but the splitter must hold its bound on any bytes).
TEST(SplitPassages, BytesThatAreNotUtf8AreStillCutWithinTheMaximum) {
    const std::string text = "Prices " + std::string(5000, '\x80') + " rose";
    const PassageLimits limits;
    const std::vector<Passage> passages = split_passages(make_article("/a", "Title", {text}), limits);
    ASSERT_GT(passages.size(), 5U);
    size_t kept = 0;
    for (const Passage& passage : passages) {
        EXPECT_LE(passage.text.size(), limits.max_bytes);
        kept += static_cast<size_t>(std::count(passage.text.begin(), passage.text.end(), '\x80'));
    }
    EXPECT_EQ(kept, 5000U);
}

TEST(SplitPassages, APieceLongerThanTheMaximumIsCutAndKeepsItsLines) {
    // One huge sentence between two short ones, over several file lines.
    Article article;
    article.title = "T";
    Paragraph paragraph;
    paragraph.line_starts.emplace_back(0, 5);
    paragraph.text = "Short start. ";
    std::string long_sentence;
    for (int i = 0; i < 300; ++i) long_sentence += "word" + std::to_string(i) + " ";
    paragraph.line_starts.emplace_back(paragraph.text.size() + 1000, 6);
    paragraph.text += long_sentence + "ends here. Short end.";
    article.paragraphs.push_back(paragraph);
    const std::vector<Passage> passages = split_passages(article);
    ASSERT_GE(passages.size(), 3U);
    for (const Passage& passage : passages) EXPECT_LE(passage.text.size(), PassageLimits{}.max_bytes);
    EXPECT_EQ(passages.front().line, 5U);
    EXPECT_EQ(passages.back().line, 6U);
}

TEST(SplitPassages, AHugeTitleOnlyArticleIsCutToo) {
    std::string title;
    while (title.size() < 5'000) title += "headline words ";
    const std::vector<Passage> passages = split_passages(make_article("/a", title, {}));
    ASSERT_GT(passages.size(), 5U);
    for (const Passage& passage : passages) {
        EXPECT_LE(passage.text.size(), PassageLimits{}.max_bytes);
        EXPECT_EQ(passage.line, 1U);
    }
}

}  // namespace
}  // namespace news
