#include "formats/csv_reader.h"
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

ReadResult read_csv(const std::string& path, const std::string& bytes, const ReaderOptions& options = {}) {
    return CsvReader().read_all(path, bytes, options);
}

// tests/fixtures/dumps/news.csv: a BOM, CRLF line ends, a quoted field
// over three lines, doubled quotes, a record with a quote never closed, one
// with too few fields, one with no text and a last line without its end.
TEST(CsvReader, ReadsEachRecordOfADumpAndSkipsTheBadOnesByLine) {
    const std::string path = kDumpFixtures + "news.csv";
    const ReadResult result = read_csv(path, read_text_file(path));
    ASSERT_EQ(result.articles.size(), 4U);

    const Article& budget = result.articles[0];
    EXPECT_EQ(budget.path, path);
    EXPECT_EQ(budget.record, "1");
    EXPECT_EQ(budget.title, "As budget fight looms, Republicans flip");
    EXPECT_EQ(budget.title_line, 2U);
    EXPECT_EQ(budget.section, "politicsNews");
    EXPECT_TRUE(budget.date.starts_with("2017-12-31"));
    ASSERT_EQ(budget.paragraphs.size(), 1U);
    EXPECT_EQ(budget.paragraphs[0].text, "WASHINGTON (Reuters) - The head of a faction said \"no\" on Sunday.");
    EXPECT_EQ(budget.place, "WASHINGTON");
    EXPECT_EQ(budget.source, "Reuters");

    // The field over three lines: a paragraph per blank-line block, each
    // on its own line of the file.
    const Article& plain = result.articles[1];
    EXPECT_EQ(plain.record, "2");
    EXPECT_EQ(plain.title, "Plain title");
    ASSERT_EQ(plain.paragraphs.size(), 2U);
    EXPECT_EQ(plain.paragraphs[0].text, "First paragraph.");
    EXPECT_EQ(plain.paragraphs[0].first_line(), 3U);
    EXPECT_EQ(plain.paragraphs[1].text, "Second paragraph, after a blank line.");
    EXPECT_EQ(plain.paragraphs[1].first_line(), 5U);
    EXPECT_TRUE(plain.date.starts_with("2017-12-30"));

    // Reading goes on after the broken quote, on the next line.
    EXPECT_EQ(result.articles[2].title, "Good after bad");
    EXPECT_EQ(result.articles[2].record, "4");  // the bad record had number 3
    EXPECT_EQ(result.articles[2].paragraphs[0].first_line(), 7U);

    // Spaces around an unquoted field go; the last line needs no end.
    EXPECT_EQ(result.articles[3].title, "Spaced title");
    EXPECT_EQ(result.articles[3].record, "7");
    EXPECT_TRUE(result.articles[3].date.starts_with("2017-12-26"));

    ASSERT_EQ(result.problems.size(), 3U);
    EXPECT_EQ(result.problems[0].where, path + ":6");
    EXPECT_EQ(result.problems[0].reason, "unbalanced quote");
    EXPECT_EQ(result.problems[1].where, path + ":8");
    EXPECT_EQ(result.problems[1].reason, "2 fields where the header has 4");
    EXPECT_EQ(result.problems[2].where, path + ":9");
    EXPECT_EQ(result.problems[2].reason, "no text");
}

TEST(CsvReader, AQuoteNeverClosedSkipsOnlyItsRecord) {
    // The quote opened on line 2 runs to the end of the file: line 2 is
    // skipped and the lines after it are read again as records.
    const ReadResult result = read_csv("/d/x.csv", "title,text\nOne,\"never closed\nTwo,text two\nThree,text three\n");
    ASSERT_EQ(result.problems.size(), 1U);
    EXPECT_EQ(result.problems[0].where, "/d/x.csv:2");
    EXPECT_EQ(result.problems[0].reason, "unbalanced quote (a quoted field runs to the end of the file)");
    ASSERT_EQ(result.articles.size(), 2U);
    EXPECT_EQ(result.articles[0].title, "Two");
    EXPECT_EQ(result.articles[0].record, "2");
    EXPECT_EQ(result.articles[1].title, "Three");
}

TEST(CsvReader, AQuoteThatBreaksOnALaterLineNamesBoth) {
    const ReadResult result =
        read_csv("/d/x.csv", "title,text\nOne,\"opened\nTwo,\"quoted\" text\nThree,text three\n");
    ASSERT_EQ(result.problems.size(), 2U);
    EXPECT_EQ(result.problems[0].where, "/d/x.csv:2");
    EXPECT_EQ(result.problems[0].reason, "unbalanced quote (the quoting breaks at line 3)");
    // Line 3 on its own has a quote inside an unquoted field: RFC 4180
    // allows none.
    EXPECT_EQ(result.problems[1].where, "/d/x.csv:3");
    ASSERT_EQ(result.articles.size(), 1U);
    EXPECT_EQ(result.articles[0].title, "Three");
}

TEST(CsvReader, ABrokenHeaderStopsTheFileWithOneProblem) {
    const ReadResult result = read_csv("/d/x.csv", "title,\"text\nOne,two\n");
    EXPECT_TRUE(result.articles.empty());
    ASSERT_EQ(result.problems.size(), 1U);
    EXPECT_EQ(result.problems[0].where, "/d/x.csv:1");
    EXPECT_TRUE(result.problems[0].reason.starts_with("the header is broken")) << result.problems[0].reason;
}

TEST(CsvReader, AHeaderAloneIsNamed) {
    const ReadResult result = read_csv("/d/x.csv", "title,text\r\n");
    EXPECT_TRUE(result.articles.empty());
    ASSERT_EQ(result.problems.size(), 1U);
    EXPECT_EQ(result.problems[0].reason, "no records after the header");
}

TEST(CsvReader, ARecordOverTheLimitIsSkippedBeforeItIsParsed) {
    const std::string big = "Big,\"" + std::string(kMaxRecordBytes, 'a') + "\"\n";
    const ReadResult result = read_csv("/d/big.csv", "title,text\n" + big + "Small,text\n");
    ASSERT_EQ(result.articles.size(), 1U);
    EXPECT_EQ(result.articles[0].title, "Small");
    EXPECT_EQ(result.articles[0].record, "2");
    ASSERT_EQ(result.problems.size(), 1U);
    EXPECT_EQ(result.problems[0].where, "/d/big.csv:2");
    EXPECT_EQ(result.problems[0].reason, "record too large (17 MiB; the limit is 16 MiB)");
}

TEST(CsvReader, ReadsTabSeparatedValues) {
    const std::string path = kDumpFixtures + "news.tsv";
    const ReadResult result = read_csv(path, read_text_file(path));
    EXPECT_TRUE(result.problems.empty());
    ASSERT_EQ(result.articles.size(), 1U);
    EXPECT_EQ(result.articles[0].title, "Tab title");
    EXPECT_EQ(result.articles[0].author, "Eve Ng");
    EXPECT_EQ(paragraph_texts(result.articles[0]), std::vector<std::string>{"Tab body, with a comma."});
}

TEST(CsvReader, TheIdColumnKeysTheRecordAndTheUsersNamesApply) {
    ReaderOptions options;
    options.field_names = parse_field_names("title=name,text=story,id=guid").field_names;
    const ReadResult result = read_csv("/d/x.csv", "guid,Name,Story,title\nq-7,Real title,Real story.,Ignored\n", options);
    ASSERT_EQ(result.articles.size(), 1U);
    EXPECT_EQ(result.articles[0].record, "q-7");
    EXPECT_EQ(result.articles[0].title, "Real title");
    EXPECT_EQ(paragraph_texts(result.articles[0]), std::vector<std::string>{"Real story."});
}

TEST(CsvReader, LatinOneBytesAreDecoded) {
    const ReadResult result = read_csv("/d/x.csv", "title,text\nCaf\xE9,Cr\xE8me.\n");
    ASSERT_EQ(result.articles.size(), 1U);
    EXPECT_EQ(result.articles[0].title, "Caf\xC3\xA9");
    EXPECT_EQ(result.articles[0].encoding, "windows-1252");
}

TEST(CsvReader, IsChosenByExtension) {
    EXPECT_TRUE(has_reader_for("/d/x.csv"));
    EXPECT_TRUE(has_reader_for("/d/x.TSV"));
    EXPECT_EQ(choose_reader("/d/x.csv", "title\nx\n").reader->name(), "csv");
}

// The real ISOT samples: every record is an article, with its date and,
// for Reuters' true news, the dateline's place and agency.
TEST(CsvReader, ReadsEveryRecordOfTheIsotSamples) {
    const std::filesystem::path true_path = kSharedDumps / "isot-true-sample.csv";
    const std::filesystem::path fake_path = kSharedDumps / "isot-fake-sample.csv";
    if (!std::filesystem::exists(true_path) || !std::filesystem::exists(fake_path)) {
        GTEST_SKIP() << kSharedDumps << " is not here";
    }
    const ReadResult real = read_csv(true_path.string(), read_text_file(true_path.string()));
    EXPECT_TRUE(real.problems.empty()) << real.problems.front().where << ": " << real.problems.front().reason;
    ASSERT_EQ(real.articles.size(), 989U);
    EXPECT_EQ(real.articles[0].title, "As U.S. budget fight looms, Republicans flip their fiscal script");
    EXPECT_EQ(real.articles[0].place, "WASHINGTON");
    EXPECT_EQ(real.articles[0].source, "Reuters");
    EXPECT_TRUE(real.articles[0].date.starts_with("2017-12-31"));
    size_t dated = 0;
    for (const Article& article : real.articles) dated += article.date.empty() ? 0U : 1U;
    EXPECT_EQ(dated, real.articles.size());

    const ReadResult fake = read_csv(fake_path.string(), read_text_file(fake_path.string()));
    for (const ReadProblem& problem : fake.problems) ADD_FAILURE() << problem.where << ": " << problem.reason;
    EXPECT_EQ(fake.articles.size(), 1413U);
}

}  // namespace
}  // namespace news
