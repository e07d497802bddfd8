#include "search/query_text.h"

#include <gtest/gtest.h>

#include <string>

namespace news {
namespace {

std::string prepared(const std::string& query, size_t max_words = 1000, size_t max_wildcards = 50) {
    return prepare_query(query, {.max_words = max_words, .max_wildcards = max_wildcards}).text;
}

TEST(ReadAsWords, SyntaxBecomesWordsAndWordsStay) {
    EXPECT_EQ(read_as_words("jet flow -dash experimental papers ."), "jet flow dash experimental papers .");
    EXPECT_EQ(read_as_words("the \"training\" phase (ca) +x"), "the training phase ca x");
    EXPECT_EQ(read_as_words("war AND peace OR NOT love"), "war and peace or not love");
    EXPECT_EQ(read_as_words("\u201Cfirst line\u201D title:paris terror* spider-man u.s."),
              "first line title:paris terror* spider-man u.s.");
}

TEST(ReadAsWords, PhrasesFieldsAndOperatorsAreMeant) {
    EXPECT_TRUE(has_deliberate_syntax("title:\"Sony wares win innovation award\""));
    EXPECT_TRUE(has_deliberate_syntax("the \"global coalition\" against isis"));
    EXPECT_TRUE(has_deliberate_syntax("section:sport chelsea"));
    EXPECT_TRUE(has_deliberate_syntax("war AND peace"));
    EXPECT_FALSE(has_deliberate_syntax("the \"training\" phase of the program"));
    EXPECT_FALSE(has_deliberate_syntax("jet flow -dash experimental papers"));
    EXPECT_FALSE(has_deliberate_syntax("what is it: a question (or two)"));
    // In a pasted paragraph a phrase in quotes is punctuation; an operator
    // or a field is still meant.
    EXPECT_FALSE(has_deliberate_syntax("the \"global coalition\" against isis", false));
    EXPECT_TRUE(has_deliberate_syntax("(s0* OR w0) (s1* OR w1)", false));
    EXPECT_TRUE(has_deliberate_syntax("section:sport \"chelsea fc\"", false));
}

TEST(ReadAsWords, ASlashBetweenWordsIsASpace) {
    EXPECT_EQ(slashes_between_words_as_spaces("chelsea/mutu and/or 24/7"), "chelsea mutu and or 24/7");
    EXPECT_EQ(slashes_between_words_as_spaces("\"a/b\" c/d"), "\"a/b\" c d");
}

TEST(ReadAsWords, AQuestionsHowMuchAndHowManyAskForANumberNotAWord) {
    EXPECT_EQ(without_question_quantities("how much was bellamy fined by newcastle?"),
              "how  was bellamy fined by newcastle?");
    EXPECT_EQ(without_question_quantities("How Many troops?"), "How  troops?");
    // Only after "how", and never inside quotes.
    EXPECT_EQ(without_question_quantities("much ado about nothing"), "much ado about nothing");
    EXPECT_EQ(without_question_quantities("\"how much is that doggie\""), "\"how much is that doggie\"");
    EXPECT_EQ(without_question_quantities("howmuch many"), "howmuch many");
}

TEST(PrepareQuery, OrdinaryQueriesAreLeftByteForByte) {
    for (const std::string query :
         {"paris attacks", "\"global coalition\"", "hollande OR obama", "section:sport -chelsea", "mutu -chelsea",
          "NOT chelsea", "title:paris terror*", "(hollande", "hollande)", "chelsea chelsea", "s* XOR s*",
          "s* OR t* AND s*", "+the  who", "-a NEAR b", "caf\xC3\xA9 \xE2\x80\x9Cles bleus\xE2\x80\x9D", "",
          "hollande AND", "- chelsea"}) {
        const PreparedQuery result = prepare_query(query, {});
        EXPECT_EQ(result.text, query);
        EXPECT_TRUE(result.notes.empty()) << query;
    }
}

// Regression: Xapian 1.4 refuses a part of a query that only excludes and
// reads the whole query again without operators: "-chelsea" found the
// Chelsea articles.
TEST(PrepareQuery, APartThatOnlyExcludesIsWrittenWithNot) {
    EXPECT_EQ(prepared("-chelsea"), "NOT chelsea");
    EXPECT_EQ(prepared("-chelsea -arsenal"), "NOT chelsea NOT arsenal");
    EXPECT_EQ(prepared("-\"chelsea sack\""), "NOT \"chelsea sack\"");
    EXPECT_EQ(prepared("-title:chelsea"), "NOT title:chelsea");
    EXPECT_EQ(prepared("-title:\"chelsea sack\""), "NOT title:\"chelsea sack\"");
    EXPECT_EQ(prepared("-section:sport"), "NOT section:sport");
    EXPECT_EQ(prepared("-(chelsea arsenal)"), "NOT (chelsea arsenal)");
    EXPECT_EQ(prepared("(-chelsea) OR mutu"), "(NOT chelsea) OR mutu");
    EXPECT_EQ(prepared("mutu OR -chelsea"), "mutu OR NOT chelsea");
    EXPECT_EQ(prepared("mutu AND -chelsea -arsenal"), "mutu AND NOT chelsea NOT arsenal");
    EXPECT_EQ(prepared("-c*"), "NOT c*");
}

// Regression: each repetition of a wildcard was expanded again (1,000 of
// "s*": 58 s and 783 MB).
TEST(PrepareQuery, ARepeatedWildcardIsKeptOnceWithANote) {
    const PreparedQuery result = prepare_query("s* s* s*", {});
    EXPECT_EQ(result.text, "s*");
    ASSERT_EQ(result.notes.size(), 1U);
    EXPECT_EQ(result.notes[0], "'s*' appears 3 times; it is searched once");
    EXPECT_EQ(prepared("s* OR s* OR s*"), "s*");
    EXPECT_EQ(prepared("s* AND s*"), "s*");
    EXPECT_EQ(prepared("s* market s*"), "s* market");
    EXPECT_EQ(prepared("(s* OR x) (s* OR x)"), "(s* OR x)");
    EXPECT_EQ(prepared("(s* OR s*) AND t*"), "(s*) AND t*");
    std::string thousand;
    for (int i = 0; i < 1000; ++i) thousand += " s*";
    EXPECT_EQ(prepared(thousand), "s*");
}

TEST(PrepareQuery, OnlyTheFirstWildcardsAreExpanded) {
    const PreparedQuery result = prepare_query("a* b* c* d*", {.max_words = 1000, .max_wildcards = 2});
    EXPECT_EQ(result.text, "a* b* c d");
    ASSERT_EQ(result.notes.size(), 1U);
    EXPECT_EQ(result.notes[0],
              "the query has 4 wildcards; the first 2 are expanded, the others searched as the words they start with");
}

TEST(PrepareQuery, ALongQueryIsCutAfterItsWordsNotCountingOperators) {
    EXPECT_EQ(prepared("a OR b OR c", 3), "a OR b OR c");
    const PreparedQuery result = prepare_query("a b c d e", {.max_words = 3, .max_wildcards = 50});
    EXPECT_EQ(result.text, "a b c");
    ASSERT_EQ(result.notes.size(), 1U);
    EXPECT_EQ(result.notes[0], "the query has more than 3 words; only the first 3 are used");
}

// Regression: the cut counted OR as a word, so a long "a* OR b* OR ..." was
// cut to end in OR and could not be parsed.
TEST(PrepareQuery, TheCutLeavesNoOperatorDanglingNorAQuoteOrBracketOpen) {
    EXPECT_EQ(prepared("a OR b OR c OR d", 3), "a OR b OR c");
    EXPECT_EQ(prepared("a b NOT c d", 3), "a b NOT c");
    EXPECT_EQ(prepared("a b AND NOT c", 2), "a b");
    EXPECT_EQ(prepared("a NEAR b NEAR c", 2), "a NEAR b");
    EXPECT_EQ(prepared("a \"b c d\" e", 3), "a \"b c\"");
    EXPECT_EQ(prepared("\"a b c d", 2), "\"a b\"");
    EXPECT_EQ(prepared("(a b (c d e)) f", 3), "(a b (c))");
    EXPECT_EQ(prepared("a AND (b c", 1), "a");
    EXPECT_EQ(prepared("a OR title:(b c)", 1), "a");
    EXPECT_EQ(prepared("a OR -b c d", 2), "a OR -b");
    std::string alphabet;
    for (int i = 0; i < 100; ++i) {
        for (const char letter : std::string("abcdefghij")) {
            alphabet += std::string(alphabet.empty() ? "" : " OR ") + letter + "*";
        }
    }
    EXPECT_EQ(prepared(alphabet), "a* OR b* OR c* OR d* OR e* OR f* OR g* OR h* OR i* OR j*");
    EXPECT_EQ(prepared(alphabet, 1000, 3), "a* OR b* OR c* OR d OR e OR f OR g OR h OR i OR j");
}

TEST(PrepareQuery, DeepBracketsNeitherCrashNorLoseTheirWords) {
    const std::string deep = std::string(100'000, '(') + "hollande" + std::string(100'000, ')');
    EXPECT_EQ(prepared(deep), deep);
    const std::string cut = prepared(std::string(100'000, '(') + "a b c", 2);
    EXPECT_EQ(cut, std::string(100'000, '(') + "a b" + std::string(100'000, ')'));
}

TEST(QueryExcerpt, IsOneShortLine) {
    EXPECT_EQ(query_excerpt("hollande AND"), "'hollande AND'");
    EXPECT_EQ(query_excerpt("a\nb\x1b[31m"), "'a b [31m'");
    const std::string excerpt = query_excerpt(std::string(5000, 'x'));
    EXPECT_EQ(excerpt, "'" + std::string(60, 'x') + "... (5000 bytes)'");
    // Not inside a character: "é" is 2 bytes.
    EXPECT_EQ(query_excerpt("\xC3\xA9\xC3\xA9\xC3\xA9", 3), "'\xC3\xA9... (6 bytes)'");
}

}  // namespace
}  // namespace news
