#include "passage_splitter.h"

#include "test_support.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace news
