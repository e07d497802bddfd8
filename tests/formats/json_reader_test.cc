#include "formats/json_reader.h"
#include "formats/passage_splitter.h"
#include "formats/record_fields.h"

#include "dump_test_support.h"
#include "test_support.h"

#include <gtest/gtest.h>

namespace news {
namespace {

using test::kDumpFixtures;
using test::kSharedDumps;
using test::paragraph_texts;
using test::read_text_file;

ReadResult read_json(const std::string& path, const std::string& bytes, const ReaderOptions& options = {}) {
    return JsonReader().read_all(path, bytes, options);
}

TEST(JsonReader, ReadsEachLineOfAJsonLinesDumpAsAnArticle) {
    const std::string path = kDumpFixtures + "news.jsonl";
    const ReadResult result = read_json(path, read_text_file(path));
    ASSERT_EQ(result.articles.size(), 3U);

    const Article& storm = result.articles[0];
    EXPECT_EQ(storm.path, path);
    EXPECT_EQ(storm.record, "a-1");  // the id field
    EXPECT_EQ(storm.title, "Storm hits coast");
    EXPECT_EQ(storm.title_line, 1U);
    EXPECT_EQ(storm.author, "Ann Lee, Bo Chan");  // a list of authors
    EXPECT_TRUE(storm.date.starts_with("2018-05-26"));
    EXPECT_EQ(storm.url, "https://www.example.com/storm");
    EXPECT_EQ(storm.section, "WEATHER");
    EXPECT_EQ(storm.encoding, "utf-8");
    // The description the body does not hold leads; the body's "\n\n"
    // separates paragraphs, all on the record's line; its dateline gives
    // the place and the agency.
    EXPECT_EQ(paragraph_texts(storm),
              (std::vector<std::string>{"Thousands lost power.", "MIAMI (Reuters) - A storm hit the coast on Saturday.",
                                        "Thousands lost power, officials said."}));
    for (const Paragraph& paragraph : storm.paragraphs) EXPECT_EQ(paragraph.first_line(), 1U);
    EXPECT_EQ(storm.place, "MIAMI");
    EXPECT_EQ(storm.source, "Reuters");

    const Article& no_id = result.articles[1];
    EXPECT_EQ(no_id.record, "2");  // its position in the file
    EXPECT_EQ(no_id.author, "Cy Park");         // an object with a name
    EXPECT_EQ(no_id.source, "Daily Planet");    // the same
    EXPECT_TRUE(no_id.date.starts_with("2019-01-03"));  // publishedAt
    // Without a blank line, each line of the text is a paragraph.
    EXPECT_EQ(paragraph_texts(no_id), (std::vector<std::string>{"First line.", "Second line."}));
    EXPECT_EQ(no_id.paragraphs[1].first_line(), 2U);

    const Article& numeric = result.articles[2];
    EXPECT_EQ(numeric.record, "42");
    EXPECT_EQ(numeric.author, "Dee Ray");  // "By " dropped
    EXPECT_EQ(numeric.paragraphs.front().first_line(), 6U);

    // The bad line, the record without text and the array are named with
    // their lines; the lines after them are read all the same.
    ASSERT_EQ(result.problems.size(), 3U);
    EXPECT_EQ(result.problems[0].where, path + ":3");
    EXPECT_TRUE(result.problems[0].reason.starts_with("not JSON (")) << result.problems[0].reason;
    EXPECT_EQ(result.problems[0].reason.find("last read"), std::string::npos);
    EXPECT_EQ(result.problems[1].where, path + ":5");
    EXPECT_EQ(result.problems[1].reason, "no text");
    EXPECT_EQ(result.problems[2].where, path + ":7");
    EXPECT_EQ(result.problems[2].reason, "not a JSON object (array)");
}

// An impossible date is left out with a note, never guessed; the article stays.
TEST(JsonReader, AnImpossibleDateIsLeftOutWithANote) {
    const ReadResult result = read_json("/d/a.jsonl",
                                        "{\"title\": \"One\", \"text\": \"x\", \"date\": \"2018-05-26\"}\n"
                                        "{\"title\": \"Two\", \"text\": \"y\", \"date\": \"Feb 30, 2017\"}\n"
                                        "{\"title\": \"Three\", \"text\": \"z\"}\n");
    ASSERT_EQ(result.articles.size(), 3U);
    EXPECT_EQ(result.articles[0].date, "2018-05-26");
    EXPECT_EQ(result.articles[1].date, "");
    EXPECT_EQ(result.articles[2].date, "");
    ASSERT_EQ(result.notes.size(), 1U);
    EXPECT_EQ(result.notes[0].where, "/d/a.jsonl:2");
    EXPECT_EQ(result.notes[0].reason, "date 'Feb 30, 2017' is not a date: left out");
    EXPECT_TRUE(result.problems.empty());
}

TEST(JsonReader, ReadsAnArrayOfObjectsElementByElement) {
    const std::string path = kDumpFixtures + "news.json";
    const ReadResult result = read_json(path, read_text_file(path));
    EXPECT_TRUE(result.problems.empty());
    ASSERT_EQ(result.articles.size(), 2U);
    EXPECT_EQ(result.articles[0].title, "First in array");
    EXPECT_EQ(result.articles[0].record, "1");
    EXPECT_EQ(result.articles[0].title_line, 2U);  // where the element starts
    EXPECT_EQ(result.articles[1].record, "2");
    EXPECT_EQ(result.articles[1].title_line, 6U);
    EXPECT_EQ(paragraph_texts(result.articles[1]),
              (std::vector<std::string>{"Array body two.", "Second paragraph."}));
}

TEST(JsonReader, ABadElementOfAnArrayIsSkippedAndTheOthersRead) {
    const ReadResult result =
        read_json("/d/a.json", "[\n{\"title\": \"One\", \"text\": \"x\"},\n{\"title\": tru},\n{\"title\": \"Three\"}\n]\n");
    ASSERT_EQ(result.articles.size(), 2U);
    EXPECT_EQ(result.articles[1].title, "Three");
    EXPECT_EQ(result.articles[1].record, "3");  // the bad element keeps its number
    ASSERT_EQ(result.problems.size(), 1U);
    EXPECT_EQ(result.problems[0].where, "/d/a.json:3");
    EXPECT_TRUE(result.problems[0].reason.starts_with("not JSON")) << result.problems[0].reason;
}

TEST(JsonReader, ACutOffArrayKeepsTheElementsBeforeTheCut) {
    const ReadResult result = read_json("/d/a.json", "[{\"title\": \"One\"}, {\"title\": \"Tw");
    ASSERT_EQ(result.articles.size(), 1U);
    ASSERT_EQ(result.problems.size(), 2U);
    EXPECT_TRUE(result.problems[0].reason.starts_with("not JSON")) << result.problems[0].reason;
    EXPECT_EQ(result.problems[1].reason, "the JSON array is cut off (no closing ']')");
}

TEST(JsonReader, ReadsOnePrettyPrintedObjectAndObjectsOneAfterAnother) {
    const ReadResult one = read_json("/d/one.json", "{\n  \"title\": \"Alone\",\n  \"text\": \"Only one.\"\n}\n");
    ASSERT_EQ(one.articles.size(), 1U);
    EXPECT_EQ(one.articles[0].title, "Alone");
    EXPECT_EQ(one.articles[0].record, "1");
    const ReadResult two = read_json("/d/two.json", "{\n \"title\": \"A\"\n},\n{\n \"title\": \"B\"\n}\n");
    ASSERT_EQ(two.articles.size(), 2U);
    EXPECT_EQ(two.articles[1].title, "B");
    EXPECT_EQ(two.articles[1].title_line, 4U);
}

TEST(JsonReader, AnObjectHoldingAListOfArticlesGivesEachOfThem) {
    // A NewsAPI answer.
    const ReadResult result = read_json(
        "/d/newsapi.json",
        R"({"status": "ok", "totalResults": 2, "articles": [{"title": "One", "description": "d1"}, {"title": "Two"}]})");
    ASSERT_EQ(result.articles.size(), 2U);
    EXPECT_EQ(result.articles[0].record, "1");
    EXPECT_EQ(result.articles[1].title, "Two");
    EXPECT_TRUE(result.problems.empty());
}

TEST(JsonReader, TheUsersFieldNamesOverrideTheConventions) {
    const std::string line =
        R"({"title": "Not the title", "head": "The title", "copy": "The text.", "text": "Not the text."})";
    ReaderOptions options;
    options.field_names = parse_field_names("title=head, text=COPY").field_names;
    const ReadResult result = read_json("/d/x.jsonl", line, options);
    ASSERT_EQ(result.articles.size(), 1U);
    EXPECT_EQ(result.articles[0].title, "The title");
    EXPECT_EQ(paragraph_texts(result.articles[0]), std::vector<std::string>{"The text."});
}

TEST(JsonReader, ARecordOverTheLimitIsSkippedUnparsed) {
    std::string big = R"({"title": "Big", "text": ")" + std::string(kMaxRecordBytes, 'a') + "\"}";
    const ReadResult result = read_json("/d/big.jsonl", big + "\n{\"title\": \"Small\"}\n");
    ASSERT_EQ(result.articles.size(), 1U);
    EXPECT_EQ(result.articles[0].title, "Small");
    EXPECT_EQ(result.articles[0].record, "2");
    ASSERT_EQ(result.problems.size(), 1U);
    EXPECT_EQ(result.problems[0].where, "/d/big.jsonl:1");
    EXPECT_EQ(result.problems[0].reason, "record too large (17 MiB; the limit is 16 MiB)");
}

TEST(JsonReader, WindowsBytesAreDecodedAndABomAndCrlfAccepted) {
    const ReadResult result = read_json("/d/x.jsonl", "\xEF\xBB\xBF{\"title\": \"Caf\xE9\"}\r\n{\"title\": \"Two\"}\r\n");
    ASSERT_EQ(result.articles.size(), 2U);
    EXPECT_EQ(result.articles[0].title, "Caf\xC3\xA9");
    EXPECT_EQ(result.articles[0].encoding, "windows-1252");
    EXPECT_TRUE(result.problems.empty());
}

TEST(JsonReader, DeepNestingIsReadWithoutHarm) {
    const std::string deep = "{\"title\": \"Deep\", \"author\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
    const ReadResult result = read_json("/d/deep.jsonl", deep);
    ASSERT_EQ(result.articles.size(), 1U);
    EXPECT_EQ(result.articles[0].author, "");
}

TEST(JsonReader, IsChosenByExtensionAndForAJsonFileWithoutOne) {
    EXPECT_TRUE(has_reader_for("/d/x.jsonl"));
    EXPECT_TRUE(has_reader_for("/d/x.NDJSON"));
    EXPECT_TRUE(has_reader_for("/d/x.json"));
    EXPECT_EQ(choose_reader("/d/x.json", "[]").reader->name(), "json");
    EXPECT_EQ(choose_reader("/d/dump", "{\"title\": \"x\"}\n").reader->name(), "json");
    EXPECT_EQ(choose_reader("/d/article", "{not json}\nText.\n").reader->name(), "text");
}

TEST(FieldNames, ParsesTheUsersTextOrSaysWhatIsWrong) {
    const FieldNamesParse parsed = parse_field_names("title=headline, Text=content,");
    EXPECT_TRUE(parsed.error.empty());
    EXPECT_EQ(parsed.field_names, (std::vector<std::pair<std::string, std::string>>{{"title", "headline"},
                                                                                     {"text", "content"}}));
    EXPECT_EQ(parse_field_names("headline=title").error,
              "unknown field 'headline' in 'headline=title' (the fields are title, text, description, date, author, "
              "source, url, section, language, id)");
    EXPECT_EQ(parse_field_names("title").error, "'title' is not FIELD=NAME (for example title=headline)");
    EXPECT_EQ(parse_field_names("title=").error, "'title=' names no field of the records");
    EXPECT_EQ(parse_field_names("").error, "no FIELD=NAME given (for example title=headline)");
}

TEST(FieldMapping, MatchesNamesInAnyCaseAndTheUsersNamesFirst) {
    const FieldMapping conventional({});
    EXPECT_EQ(conventional.field_for("pubDate"), RecordField::kDate);
    EXPECT_EQ(conventional.field_for("datePublished"), RecordField::kDate);
    EXPECT_EQ(conventional.field_for("HEADLINE"), RecordField::kTitle);
    EXPECT_EQ(conventional.field_for("short_description"), RecordField::kDescription);
    EXPECT_EQ(conventional.field_for("urlToImage"), std::nullopt);
    const FieldMapping user(std::vector<std::pair<std::string, std::string>>{{"text", "description"}});
    EXPECT_EQ(user.field_for("description"), RecordField::kText);
    EXPECT_EQ(user.field_for("body"), std::nullopt);  // text comes only from the name given
    EXPECT_EQ(user.field_for("title"), RecordField::kTitle);
}

// The real HuffPost sample: every one of its 50 records is an article.
TEST(JsonReader, ReadsEveryRecordOfTheHuffPostSample) {
    const std::filesystem::path path = kSharedDumps / "huffpost-news-category-sample.jsonl";
    if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is not here";
    const ReadResult result = read_json(path.string(), read_text_file(path.string()));
    EXPECT_TRUE(result.problems.empty());
    ASSERT_EQ(result.articles.size(), 50U);
    const Article& first = result.articles.front();
    EXPECT_EQ(first.title, "There Were 2 Mass Shootings In Texas Last Week, But Only 1 On TV");
    EXPECT_EQ(first.author, "Melissa Jeltsen");
    EXPECT_EQ(first.section, "CRIME");
    EXPECT_EQ(first.source, "huffingtonpost.com");
    EXPECT_TRUE(first.date.starts_with("2018-05-26"));
    EXPECT_EQ(result.articles.back().record, "50");
    for (const Article& article : result.articles) EXPECT_FALSE(split_passages(article).empty()) << article.title;
}

}  // namespace
}  // namespace news
