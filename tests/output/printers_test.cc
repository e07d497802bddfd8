#include "output/result_printer.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <sstream>

namespace news {
namespace {

SearchHit sample_hit() {
    SearchHit hit;
    hit.rank = 1;
    hit.score = 2.5;
    hit.article_id = 7;
    hit.article.path = "/home/u/news/seeds/000.txt";
    hit.article.title = "Paris attacks: France & allies";
    hit.article.source = "AFP";
    hit.article.date = "2015-11-16";
    hit.article.section = "world";
    PassageHit passage;
    passage.text = "Fran\xC3\xA7ois Hollande <b>called</b> on\x1b[31m allies";
    passage.line = 3;
    passage.matches = {{0, 9}, {10, 18}};
    hit.passages.push_back(passage);
    return hit;
}

TEST(TextPrinter, PlainOutputHasNoEscapesOrEntities) {
    std::ostringstream out;
    make_text_printer(out, {false, "/home/u/news"})->print_hit(sample_hit());
    const std::string text = out.str();
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
    EXPECT_EQ(text.find("&amp;"), std::string::npos);
    EXPECT_NE(text.find("1. Paris attacks: France & allies"), std::string::npos);
    EXPECT_NE(text.find("AFP | 2015-11-16 | world"), std::string::npos);
    // Relative to the folder the user is in.
    EXPECT_NE(text.find("seeds/000.txt:3\n"), std::string::npos);
    EXPECT_EQ(text.find("/home/u/news/seeds"), std::string::npos);
    EXPECT_NE(text.find("Fran\xC3\xA7ois Hollande <b>called</b> on\\e[31m allies"), std::string::npos);
}

// A hit whose every field holds something a terminal would act on.
SearchHit hostile_hit() {
    SearchHit hit = sample_hit();
    hit.article.path = "/home/u/news/csi-\x9b" "31m-\xE2\x80\xAEtxt.exe";  // raw 8-bit CSI, RLO
    hit.article.title = "Title \xC2\x9B" "31m red \xE2\x81\xA6isolate";     // U+009B, U+2066
    hit.article.source = "AFP\x1b]0;pwn\x07";
    PassageHit& passage = hit.passages[0];
    // Matches: "Hollande" and "allies", each next to a control.
    passage.text = "\xC2\x85Hollande\x1b[2J \xE2\x80\xAE allies\n";
    passage.matches = {{2, 10}, {19, 25}};
    return hit;
}

TEST(TextPrinter, EscapesWhatATerminalWouldActOnInEveryField) {
    std::ostringstream out;
    make_text_printer(out, {false, "/home/u/news"})->print_hit(hostile_hit());
    const std::string text = out.str();
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
    EXPECT_EQ(text.find('\x9b'), std::string::npos);
    EXPECT_EQ(text.find("\xC2\x9B"), std::string::npos);
    EXPECT_EQ(text.find("\xE2\x80\xAE"), std::string::npos);
    EXPECT_NE(text.find("1. Title \\u{9b}31m red \\u{2066}isolate\n"), std::string::npos) << text;
    EXPECT_NE(text.find("   AFP\\e]0;pwn\\x07 | 2015-11-16 | world\n"), std::string::npos) << text;
    EXPECT_NE(text.find("   csi-\\x9b31m-\\u{202e}txt.exe:3\n"), std::string::npos) << text;
    EXPECT_NE(text.find("   \\u{85}Hollande\\e[2J \\u{202e} allies\\n\n"), std::string::npos) << text;
}

TEST(TextPrinter, HighlightsTheRightWordsInEscapedText) {
    std::ostringstream out;
    make_text_printer(out, {true, "/home/u/news"})->print_hit(hostile_hit());
    const std::string text = out.str();
    EXPECT_NE(text.find("\\u{85}\x1b[1;31mHollande\x1b[0m\\e[2J \\u{202e} \x1b[1;31mallies\x1b[0m\\n\n"),
              std::string::npos)
        << text;
}

TEST(TextPrinter, ColourMarksTheMatchedWords) {
    std::ostringstream out;
    make_text_printer(out, {true, "/elsewhere"})->print_hit(sample_hit());
    const std::string text = out.str();
    EXPECT_NE(text.find("\x1b[1;31mFran\xC3\xA7ois\x1b[0m \x1b[1;31mHollande\x1b[0m"), std::string::npos);
    EXPECT_NE(text.find("/home/u/news/seeds/000.txt"), std::string::npos);
}

TEST(JsonPrinter, WritesOneVersionedObjectPerHitAndASummary) {
    std::ostringstream out;
    auto printer = make_json_printer(out);
    printer->print_hit(sample_hit());
    SearchResults results;
    results.matching = 1;
    results.seconds = 0.002;
    printer->finish(results);

    std::istringstream lines(out.str());
    std::string line;
    ASSERT_TRUE(std::getline(lines, line));
    const auto hit = nlohmann::json::parse(line);
    EXPECT_EQ(hit["type"], "hit");
    EXPECT_EQ(hit["version"], kJsonOutputVersion);
    EXPECT_EQ(hit["rank"], 1);
    EXPECT_EQ(hit["path"], "/home/u/news/seeds/000.txt");
    EXPECT_EQ(hit["title"], "Paris attacks: France & allies");
    EXPECT_EQ(hit["title_truncated"], false);
    ASSERT_EQ(hit["passages"].size(), 1U);
    EXPECT_EQ(hit["passages"][0]["line"], 3);
    EXPECT_EQ(hit["passages"][0]["matches"][1][0], 10);
    EXPECT_EQ(hit["passages"][0]["text"], sample_hit().passages[0].text);
    EXPECT_EQ(hit["passages"][0]["truncated"], false);
    // Regression: version 1 printed the best passage twice ("passage" and
    // passages[0]).
    EXPECT_FALSE(hit.contains("passage"));
    ASSERT_TRUE(std::getline(lines, line));
    const auto summary = nlohmann::json::parse(line);
    EXPECT_EQ(summary["type"], "summary");
    EXPECT_EQ(summary["matching"], 1);
    EXPECT_FALSE(std::getline(lines, line));
}

// JSON keeps every character, but C1 and bidirectional controls are written
// as \u escapes (the writer escapes only C0), so viewing the output is safe.
TEST(JsonPrinter, WritesTerminalControlsAsEscapesAndKeepsTheirValues) {
    std::ostringstream out;
    const SearchHit hit = hostile_hit();
    make_json_printer(out)->print_hit(hit);
    const std::string line = out.str();
    EXPECT_EQ(line.find('\x1b'), std::string::npos);
    EXPECT_EQ(line.find("\xC2\x9B"), std::string::npos);
    EXPECT_EQ(line.find("\xC2\x85"), std::string::npos);
    EXPECT_EQ(line.find("\xE2\x80\xAE"), std::string::npos);
    EXPECT_EQ(line.find("\xE2\x81\xA6"), std::string::npos);
    EXPECT_NE(line.find(R"("title":"Title \u009b31m red \u2066isolate")"), std::string::npos) << line;
    const auto json = nlohmann::json::parse(line);
    EXPECT_EQ(json["title"], hit.article.title);
    EXPECT_EQ(json["source"], hit.article.source);
    EXPECT_EQ(json["passages"][0]["text"], hit.passages[0].text);
    // A path that is not UTF-8 cannot be JSON: its bad byte becomes U+FFFD.
    EXPECT_EQ(json["path"], "/home/u/news/csi-\xEF\xBF\xBD" "31m-\xE2\x80\xAEtxt.exe");
}

// A passage of megabytes (written before passages were bounded): each hit
// shows its start, marked as cut, and only the matches inside what is shown.
SearchHit huge_hit() {
    SearchHit hit = sample_hit();
    std::string text;
    while (text.size() < 1'000'000) text += "caf\xC3\xA9 market ";
    hit.passages[0].text = text;
    hit.passages[0].matches = {{0, 6}, {text.size() - 7, text.size() - 1}};
    hit.article.title = std::string(100'000, 'T');
    return hit;
}

TEST(ShownText, CutsAtWhiteSpaceOrOnACharacterBoundary) {
    EXPECT_EQ(shown_text("short", 10).text, "short");
    EXPECT_FALSE(shown_text("short", 10).truncated);
    const ShownText words = shown_text("alpha beta gamma delta", 12);
    EXPECT_EQ(words.text, "alpha beta");
    EXPECT_TRUE(words.truncated);
    // No white space in the last half: cut before the character that does
    // not fit (é is 2 bytes).
    const ShownText accents = shown_text("\xC3\xA9\xC3\xA9\xC3\xA9", 5);
    EXPECT_EQ(accents.text, "\xC3\xA9\xC3\xA9");
    EXPECT_TRUE(accents.truncated);
}

TEST(TextPrinter, AHugePassageAndTitleAreShownInPartWithAMarker) {
    std::ostringstream out;
    make_text_printer(out, {false, ""})->print_hit(huge_hit());
    const std::string text = out.str();
    EXPECT_LT(text.size(), 2 * kMaxShownTextBytes + 500);
    EXPECT_NE(text.find("TTT \u2026\n"), std::string::npos);
    const std::string marker =
        " \u2026 [truncated: " + std::to_string(huge_hit().passages[0].text.size()) + " bytes in all]\n";
    EXPECT_NE(text.find(marker), std::string::npos);
}

TEST(JsonPrinter, AHugePassageAndTitleAreShownInPartAndSaySo) {
    std::ostringstream out;
    make_json_printer(out)->print_hit(huge_hit());
    EXPECT_LT(out.str().size(), 2 * kMaxShownTextBytes + 1000);
    const auto hit = nlohmann::json::parse(out.str());
    EXPECT_EQ(hit["title_truncated"], true);
    EXPECT_LE(hit["title"].get<std::string>().size(), kMaxShownTextBytes);
    const auto& passage = hit["passages"][0];
    EXPECT_EQ(passage["truncated"], true);
    const std::string shown = passage["text"];
    EXPECT_LE(shown.size(), kMaxShownTextBytes);
    EXPECT_EQ(huge_hit().passages[0].text.substr(0, shown.size()), shown);
    // The match past the cut is dropped; the one shown still points into it.
    ASSERT_EQ(passage["matches"].size(), 1U);
    EXPECT_EQ(passage["matches"][0][1], 6);
}

}  // namespace
}  // namespace news
