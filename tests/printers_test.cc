#include "result_printer.h"

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
    EXPECT_NE(text.find("Fran\xC3\xA7ois Hollande <b>called</b> on [31m allies"), std::string::npos);
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
    EXPECT_EQ(hit["passage"]["line"], 3);
    EXPECT_EQ(hit["passage"]["matches"][1][0], 10);
    EXPECT_EQ(hit["passage"]["text"], sample_hit().passages[0].text);
    ASSERT_TRUE(std::getline(lines, line));
    const auto summary = nlohmann::json::parse(line);
    EXPECT_EQ(summary["type"], "summary");
    EXPECT_EQ(summary["matching"], 1);
    EXPECT_FALSE(std::getline(lines, line));
}

}  // namespace
}  // namespace news
