#include "text/analysis.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace news {
namespace {

TEST(Analyzer, FoldsAccentsSoSpellingsMeet) {
    const Analyzer analyzer(AnalysisSettings{});
    EXPECT_EQ(analyzer.fold("Fran\xC3\xA7ois"), "Francois");
    EXPECT_EQ(analyzer.fold("fran\xC3\xA7ois"), "francois");
    EXPECT_EQ(analyzer.fold("Z\xC3\xBCrich Caf\xC3\xA9"), "Zurich Cafe");
    // Letters with no decomposition still fold.
    EXPECT_EQ(analyzer.fold("\xC3\x98resund Stra\xC3\x9F" "e \xC5\x81\xC3\xB3" "d\xC5\xBA"), "Oresund Strasse Lodz");
    // A combining accent typed separately goes too.
    EXPECT_EQ(analyzer.fold("Jose\xCC\x81"), "Jose");
}

TEST(Analyzer, FoldingLeavesOtherScriptsAndSymbolsAlone) {
    const Analyzer analyzer(AnalysisSettings{});
    EXPECT_EQ(analyzer.fold("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 \xC2\xA3" "5"),
              "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 \xC2\xA3" "5");
}

TEST(Analyzer, FoldingCanBeTurnedOff) {
    AnalysisSettings settings;
    settings.fold_accents = false;
    EXPECT_EQ(Analyzer(settings).fold("Fran\xC3\xA7ois"), "Fran\xC3\xA7ois");
}

TEST(Analyzer, InitialsTypedInLowerCaseAreReadAsInCapitals) {
    const Analyzer analyzer(AnalysisSettings{});
    EXPECT_EQ(analyzer.fold("u.s. troops"), "U.S. troops");
    EXPECT_EQ(analyzer.fold("the u.n. and e.g. this"), "the U.N. and E.G. this");
    EXPECT_EQ(analyzer.fold("(u.s.a.)"), "(U.S.A.)");
    // The last dot left out, as queries are typed (TIME's "u.n . consideration").
    EXPECT_EQ(analyzer.fold("u.n . consideration"), "U.N. . consideration");
    EXPECT_EQ(analyzer.fold("u.s troops"), "U.S. troops");
    // Not initials: one letter, letters inside a word, a file name, a run
    // that goes on without a dot.
    EXPECT_EQ(analyzer.fold("mr. x. jones"), "mr. x. jones");
    EXPECT_EQ(analyzer.fold("file.a.b."), "file.a.b.");
    EXPECT_EQ(analyzer.fold("u.s.army"), "u.s.army");
    EXPECT_EQ(analyzer.fold("U.S. troops"), "U.S. troops");
    AnalysisSettings unfolded;
    unfolded.fold_accents = false;
    EXPECT_EQ(Analyzer(unfolded).fold("u.s. troops"), "U.S. troops");
}

TEST(Analyzer, CompoundsAreLettersJoinedByHyphens) {
    std::vector<std::string> joined;
    for (const Compound& compound : Analyzer::compounds("Spider-Man 2, an e-mail, mother-in-law, 2015-11-13, "
                                                         "x-2, -well-known, co--op, U.S.-led")) {
        joined.push_back(compound.joined);
    }
    EXPECT_EQ(joined, (std::vector<std::string>{"SpiderMan", "email", "motherinlaw", "wellknown"}));
    // Text written without spaces joins no line into a "word" (Xapian
    // refuses a term over 245 bytes: the whole run would fail).
    std::string unspaced;
    for (int i = 0; i < 40; ++i) unspaced += "\xE9\x86\x89";  // 醉
    EXPECT_TRUE(Analyzer::compounds(unspaced + "-" + unspaced).empty());
    EXPECT_TRUE(Analyzer::compounds(std::string(100, 'a') + "-" + std::string(100, 'b')).empty());
}

TEST(Analyzer, QueriesLookForACompoundEitherWayOutsideQuotes) {
    size_t parts = 0;
    EXPECT_EQ(Analyzer::compounds_either_way("counter-terrorism adviser", &parts),
              "(counterterrorism OR counter-terrorism) adviser");
    EXPECT_EQ(parts, 2U);
    EXPECT_EQ(Analyzer::compounds_either_way("\"spider-man 2\" dvd"), "\"spider-man 2\" dvd");
    EXPECT_EQ(Analyzer::compounds_either_way("dvd -spider-man title:e-mail"), "dvd -spider-man title:e-mail");
    EXPECT_EQ(Analyzer::compounds_either_way("no compound here"), "no compound here");
}

TEST(Analyzer, TermForWordStemsFoldsAndLowerCases) {
    const Analyzer analyzer(AnalysisSettings{});
    EXPECT_EQ(analyzer.term_for_word("Attacks"), "attack");
    EXPECT_EQ(analyzer.term_for_word("Fran\xC3\xA7ois"), analyzer.term_for_word("francois"));
    EXPECT_EQ(analyzer.term_for_word("terrorism"), analyzer.term_for_word("terrorism"));
}

TEST(Analyzer, TermForWordMatchesTheIndexTermGenerator) {
    const Analyzer analyzer(AnalysisSettings{});
    Xapian::TermGenerator generator;
    analyzer.configure(generator);
    Xapian::Document document;
    generator.set_document(document);
    const std::string text = "Investigators identified Belgium's national running \xE2\x80\x9C" "attacks\xE2\x80\x9D";
    generator.index_text(analyzer.fold(text));
    for (const WordSpan& word : Analyzer::words(text)) {
        const std::string term = analyzer.term_for_word(text.substr(word.begin, word.end - word.begin));
        auto it = document.termlist_begin();
        it.skip_to(term);
        ASSERT_TRUE(it != document.termlist_end() && *it == term) << "no term " << term;
    }
}

// The index's stemmer keeps recent stems in a small table; words that share
// a slot, and words met again after their slot was taken, still get their
// own stem.
TEST(Analyzer, IndexStemsAreSnowballsWhateverTheCacheHolds) {
    const Analyzer analyzer(AnalysisSettings{});
    Xapian::TermGenerator generator;
    analyzer.configure(generator);
    const std::vector<std::string> endings{"ing", "ed", "s", "ation", "ly"};
    std::string text;
    std::set<std::string> expected;
    for (int round = 0; round < 2; ++round) {
        for (size_t i = 0; i < 6000; ++i) {
            // Built by appending: GCC 12 warns falsely on "w" + to_string(i).
            std::string word = std::to_string(i);
            word.insert(0, 1, 'w');
            word += 'x';
            word += endings[i % endings.size()];
            text += word + " ";
            expected.insert(analyzer.stemmer()(word));
        }
    }
    Xapian::Document document;
    generator.set_document(document);
    generator.index_text(text);
    std::set<std::string> indexed(document.termlist_begin(), document.termlist_end());
    EXPECT_EQ(indexed, expected);
}

TEST(Analyzer, StemsOtherLanguages) {
    AnalysisSettings settings;
    settings.language = "french";
    EXPECT_EQ(Analyzer(settings).term_for_word("attaques"), "attaqu");
}

TEST(Analyzer, EnglishStopwordsAreKnown) {
    const Analyzer analyzer(AnalysisSettings{});
    // The first and last of the list, and words between and beside them.
    for (const char* word : {"the", "a", "yourselves", "they're", "can't", "off"}) {
        EXPECT_TRUE(analyzer.is_stopword(word)) << word;
    }
    for (const char* word : {"paris", "", "aa", "yourselvesz", "theyre", "zebra"}) {
        EXPECT_FALSE(analyzer.is_stopword(word)) << word;
    }
    AnalysisSettings french;
    french.language = "french";
    EXPECT_FALSE(Analyzer(french).is_stopword("the"));
}

TEST(Analyzer, QueriesDropEnglishStopwordsOutsidePhrases) {
    const Analyzer analyzer(AnalysisSettings{});
    Xapian::QueryParser parser;
    analyzer.configure(parser);
    EXPECT_EQ(parser.parse_query("the bank of england").get_description(), "Query((bank@2 OR england@4))");
    EXPECT_NE(parser.parse_query("\"bank of england\"").get_description().find("of@2"), std::string::npos);
}

TEST(Words, KeepsApostrophesInsideWords) {
    const std::string text = "Don't stop, Reuters' men \xE2\x80\x99ok\xE2\x80\x99";
    std::vector<std::string> words;
    for (const WordSpan& word : Analyzer::words(text)) words.push_back(text.substr(word.begin, word.end - word.begin));
    EXPECT_EQ(words, (std::vector<std::string>{"Don't", "stop", "Reuters", "men", "ok"}));
}

TEST(AnalysisSettings, RoundTripsThroughMetadata) {
    AnalysisSettings settings;
    settings.language = "german";
    settings.fold_accents = false;
    EXPECT_EQ(AnalysisSettings::parse(settings.serialise()), settings);
    EXPECT_THROW(AnalysisSettings::parse("colour=blue"), std::invalid_argument);
}

TEST(CanonicalLanguage, AcceptsXapianNamesAndCodes) {
    EXPECT_EQ(canonical_language("en"), "english");
    EXPECT_EQ(canonical_language("french"), "french");
    try {
        canonical_language("klingon");
        FAIL() << "klingon accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("english"), std::string::npos) << "should list the choices";
    }
}

}  // namespace
}  // namespace news
