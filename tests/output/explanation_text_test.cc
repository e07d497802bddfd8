#include "output/explanation_text.h"

#include <gtest/gtest.h>

namespace news {
namespace {

HitExplanation explained(std::vector<ScorePart> parts) {
    HitExplanation explanation;
    explanation.tier = "all words";
    explanation.parts = std::move(parts);
    return explanation;
}

TEST(ExplanationText, AScoreLineAddsTheWordsUp) {
    const HitExplanation explanation = explained({{"attacks", "attack", 1.25, false}, {"title:paris", "Spari", 2.5, false}});
    EXPECT_EQ(hit_score_lines(explanation, 3.75, {}), "   score 3.750 (all words) = attacks 1.250 + title:paris 2.500\n");
}

TEST(ExplanationText, SaysWhenThePartsDoNotMakeTheScore) {
    HitExplanation explanation = explained({{"attacks", "attack", 1.0, false}});
    explanation.unexplained = 0.5;
    EXPECT_NE(hit_score_lines(explanation, 1.5, {}).find("(0.500 not accounted for by the words)"), std::string::npos);
}

TEST(ExplanationText, FeedbackNamesItsStrongestWordsAndSumsTheRest) {
    std::vector<ScorePart> parts{{"oil", "oil", 2.0, false}};
    for (int i = 0; i < 7; ++i) parts.push_back({"w" + std::to_string(i), "w" + std::to_string(i), 1.0, true});
    const std::string lines = hit_score_lines(explained(parts), 9.0, {});
    EXPECT_NE(lines.find("= oil 2.000 + feedback 7.000\n"), std::string::npos) << lines;
    EXPECT_NE(lines.find("   feedback 7.000 = w0 1.000 + w1 1.000 + w2 1.000 + w3 1.000 + w4 1.000 + 2 more 2.000\n"),
              std::string::npos)
        << lines;
}

TEST(ExplanationText, TheQueryAsTypedCannotDriveTheTerminal) {
    QueryExplanation explanation;
    explanation.query = "paris\x1b]0;pwn\x07";
    explanation.read_as = "paris";
    const std::string lines = query_explanation_lines(explanation, {});
    EXPECT_EQ(lines.find('\x1b'), std::string::npos);
    EXPECT_NE(lines.find("query: paris\\e]0;pwn\\x07\n"), std::string::npos) << lines;
}

TEST(ExplanationText, APassageLineGivesItsRankTheRuleAndTheNextBest) {
    PassageChoice choice;
    choice.rule = "holds all the words";
    choice.rank = 1;
    choice.candidates = 2;
    choice.passages = 5;
    choice.holding_all = 2;
    choice.holding_some = 3;
    choice.score = 3.0;
    choice.next_score = 1.5;
    choice.parts = {{"attacks", "attack", 3.0, false}};
    EXPECT_EQ(passage_choice_line(choice, {}),
              "   why this passage: holds all the words; 1st of 2 by passage score (5 passages in all: 2 with all the "
              "words, 1 with only some); score 3.000 = attacks 3.000; next 1.500\n");
}

}  // namespace
}  // namespace news
