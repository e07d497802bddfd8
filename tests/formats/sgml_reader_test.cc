#include "formats/sgml_reader.h"

#include "formats/plain_text_reader.h"
#include "test_support.h"
#include "text/text_decoding.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace news {
namespace {

const std::string kFixtures = std::string(NEWS_FIXTURES_DIR) + "/sgml/";

ReadResult read_fixture(const std::string& name) {
    const std::string path = kFixtures + name;
    return SgmlReader().read_all(path, test::read_text_file(path));
}

const Article& by_record(const ReadResult& result, const std::string& record) {
    const auto found = std::find_if(result.articles.begin(), result.articles.end(),
                                    [&](const Article& article) { return article.record == record; });
    if (found == result.articles.end()) {
        ADD_FAILURE() << "no article for record " << record;
        static const Article kNone;
        return kNone;
    }
    return *found;
}

bool any_paragraph_holds(const Article& article, const std::string& text) {
    return std::any_of(article.paragraphs.begin(), article.paragraphs.end(),
                       [&](const Paragraph& paragraph) { return paragraph.text.find(text) != std::string::npos; });
}

TEST(SgmlReader, ReadsEachRecordAsAnArticle) {
    const ReadResult result = read_fixture("stories.sgm");
    EXPECT_TRUE(result.problems.empty());
    ASSERT_EQ(result.articles.size(), 3U);
    const Article& cocoa = result.articles[0];
    EXPECT_EQ(cocoa.path, kFixtures + "stories.sgm");
    EXPECT_EQ(cocoa.record, "1");
    EXPECT_EQ(cocoa.title, "BAHIA COCOA REVIEW");
    EXPECT_EQ(cocoa.title_line, 15U);
    EXPECT_EQ(cocoa.date, "1987-02-26T15:01:01");
    EXPECT_EQ(cocoa.section, "cocoa");
    EXPECT_EQ(cocoa.place, "SALVADOR");  // the dateline, not the PLACES list
    EXPECT_EQ(cocoa.source, "Reuters");
    EXPECT_EQ(cocoa.author, "");
    EXPECT_EQ(cocoa.encoding, "utf-8");
    EXPECT_EQ(result.articles[1].record, "11860");
    EXPECT_EQ(result.articles[2].record, "1843");
}

TEST(SgmlReader, SplitsTheBodyAtIndentedLinesAndKeepsTheirFileLines) {
    const Article cocoa = read_fixture("stories.sgm").articles.at(0);
    ASSERT_GE(cocoa.paragraphs.size(), 3U);
    // The first paragraph starts on the line of <BODY>; its hard-wrapped
    // lines are joined.
    const Paragraph& first = cocoa.paragraphs[0];
    EXPECT_EQ(first.text,
              "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought since early "
              "January and improving prospects for the coming temporao, although normal humidity levels have not "
              "been restored, Comissaria Smith said in its weekly review.");
    EXPECT_EQ(first.first_line(), 16U);
    EXPECT_EQ(first.line_at(first.text.find("the Bahia cocoa")), 17U);
    EXPECT_EQ(first.line_at(first.text.find("Comissaria")), 20U);
    // An indented line starts the next paragraph.
    EXPECT_EQ(cocoa.paragraphs[1].text, "The dry period means the temporao will be late this year.");
    EXPECT_EQ(cocoa.paragraphs[1].first_line(), 21U);
    // The wire's sign-off ("Reuter") and end-of-text code are not text.
    EXPECT_TRUE(cocoa.paragraphs.back().text.ends_with("February 27.")) << cocoa.paragraphs.back().text;
    EXPECT_FALSE(any_paragraph_holds(cocoa, "Reuter"));
}

TEST(SgmlReader, ReadsTheBylineTopicsAndPlaces) {
    const ReadResult result = read_fixture("stories.sgm");
    const Article& boliden = by_record(result, "11860");
    EXPECT_EQ(boliden.author, "Per Isaksson");  // "By Per Isaksson, Reuters"
    EXPECT_EQ(boliden.place, "STOCKHOLM");
    EXPECT_EQ(boliden.date, "1987-04-01T08:01:28");
    EXPECT_EQ(boliden.section, "acq");
    ASSERT_EQ(boliden.paragraphs.size(), 3U);
    EXPECT_EQ(boliden.paragraphs[2].text,
              "He said the Allis-Chalmers' division, accounting for some 50 pct of the U.S. Group's sales, would "
              "fit in well into Boliden.");
    EXPECT_EQ(boliden.paragraphs[2].first_line(), 98U);
    EXPECT_FALSE(any_paragraph_holds(boliden, "REUTER"));
    const Article& israel = by_record(result, "1843");
    EXPECT_EQ(israel.section, "grain, corn, sorghum");  // every TOPICS value
    EXPECT_EQ(israel.place, "KANSAS CITY");
}

TEST(SgmlReader, TakesThePlaceFromTheDatelineLessItsDate) {
    struct Case {
        const char* dateline;
        const char* place;
    };
    // Datelines as the corpus writes them, typing mistakes included.
    for (const Case& c : std::initializer_list<Case>{
             {"    SANTA CRUZ, Calif., Feb 26 - ", "SANTA CRUZ, Calif."},
             {"    RICHMOND, Va. Feb 26 -", "RICHMOND, Va."},
             {"    NEW YORK, Oct. 20 - ", "NEW YORK"},
             {"    WASHINGTON, Oct 20, Reuter - ", "WASHINGTON"},
             {"    TORONTO, Apri 13 - ", "TORONTO"},
             {"    SAN DIEGO, Calif., June 219 - ", "SAN DIEGO, Calif."},
             {"    WINSTON-SALEM, N.C., March 3 - ", "WINSTON-SALEM, N.C."},
             {"    Sioux Falls, April 7 - Clear/calm/43 degrees - ", "Sioux Falls"},
             {"    WASHINGTON - ", "WASHINGTON"},
             // Nothing like a place: the PLACES list instead.
             {"    APRIL 7  - ", "usa, canada"},
             {"    us 7.8015 - ", "usa, canada"},
             {"    (totals - ", "usa, canada"},
             {"    MAR8  --     --", "usa, canada"},
         }) {
        const std::string record = std::string("<REUTERS NEWID=\"1\"><PLACES><D>usa</D><D>canada</D></PLACES><TEXT>") +
                                   "<TITLE>T</TITLE><DATELINE>" + c.dateline + "</DATELINE><BODY>Text.</BODY></TEXT>" +
                                   "</REUTERS>\n";
        const ReadResult result = SgmlReader().read_all("/data/d.sgm", record);
        ASSERT_EQ(result.articles.size(), 1U);
        EXPECT_EQ(result.articles[0].place, c.place) << c.dateline;
    }
}

// reut2-*.sgm holds "605:12:19.12" where a date should be: left out, with a note.
TEST(SgmlReader, AnImpossibleDateIsLeftOutWithANote) {
    const ReadResult result = SgmlReader().read_all(
        "/data/d.sgm", "<REUTERS NEWID=\"7\"><DATE>605:12:19.12</DATE><TEXT><TITLE>T</TITLE>"
                       "<BODY>Text.</BODY></TEXT></REUTERS>\n");
    ASSERT_EQ(result.articles.size(), 1U);
    EXPECT_EQ(result.articles[0].date, "");
    ASSERT_EQ(result.notes.size(), 1U);
    EXPECT_EQ(result.notes[0].where, "/data/d.sgm:1");
    EXPECT_EQ(result.notes[0].reason, "record 7: date '605:12:19.12' is not a date: left out");
}

TEST(SgmlReader, DecodesEntitiesAndDropsControlCharacters) {
    const ReadResult result = read_fixture("entities.sgm");
    EXPECT_TRUE(result.problems.empty());
    const Article& standard = by_record(result, "2");
    EXPECT_EQ(standard.title, "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT");
    EXPECT_TRUE(any_paragraph_holds(standard, "British Petroleum Co Plc <BP>, which also owns"));
    const Article& barclays = by_record(result, "13929");
    // "gz&#127;gg&#127;ggy..." : the DEL characters go, the letters stay.
    EXPECT_TRUE(any_paragraph_holds(barclays, "gzggggyggyggggzggggggygyggyggygg 7"));
    for (const Article& article : result.articles) {
        for (const std::string* field : {&article.title, &article.date, &article.place, &article.section}) {
            EXPECT_TRUE(std::none_of(field->begin(), field->end(),
                                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
                << *field;
        }
        for (const Paragraph& paragraph : article.paragraphs) {
            EXPECT_TRUE(std::none_of(paragraph.text.begin(), paragraph.text.end(),
                                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
                << paragraph.text;
            EXPECT_EQ(paragraph.text.find("&#"), std::string::npos) << paragraph.text;
        }
    }
}

TEST(SgmlReader, DecodesEntityShapes) {
    EXPECT_EQ(decode_sgml_text("a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;"), "a <b> & \"c\" 'd'");
    EXPECT_EQ(decode_sgml_text("&#3;&#22;x&#127;&#5;y&#31;"), "xy");
    EXPECT_EQ(decode_sgml_text("a&#9;b&#10;c&#13;d\te"), "a b c d e");
    EXPECT_EQ(decode_sgml_text("caf&#233; &#x20AC;5 &#X41;"), "caf\xC3\xA9 \xE2\x82\xAC" "5 A");
    EXPECT_EQ(decode_sgml_text("&#65 B"), "A B");  // SGML lets a reference end without ';'
    EXPECT_EQ(decode_sgml_text("&#150;"), "");     // C1 control
    EXPECT_EQ(decode_sgml_text("&#55296;&#99999999999;"), "\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(decode_sgml_text("AT&T &nbsp; & &# &#x; &lt"), "AT&T &nbsp; & &# &#x; &lt");
    EXPECT_EQ(decode_sgml_text("a\x01" "b\x7F" "c"), "abc");
}

// Regression: the body's lines were decoded twice, "&amp;lt;" becoming "<".
TEST(SgmlReader, DecodesEntitiesOnce) {
    const ReadResult result = SgmlReader().read_all(
        "/data/once.sgm",
        "<REUTERS NEWID=\"4\n2\"><TEXT><TITLE>A &amp;lt; B</TITLE><BODY>C &amp;amp; D &amp;#3;\n</BODY></TEXT>"
        "</REUTERS>\n");
    ASSERT_EQ(result.articles.size(), 1U);
    EXPECT_EQ(result.articles[0].record, "4 2");  // white space in a NEWID collapsed to a space
    EXPECT_EQ(result.articles[0].title, "A &lt; B");
    ASSERT_EQ(result.articles[0].paragraphs.size(), 1U);
    EXPECT_EQ(result.articles[0].paragraphs[0].text, "C &amp; D &#3;");
}

TEST(SgmlReader, IndexesRecordsWithoutABodyByTheirTitle) {
    const ReadResult result = read_fixture("no_body.sgm");
    ASSERT_EQ(result.articles.size(), 3U);
    const Article& price = by_record(result, "18645");
    EXPECT_EQ(price.title, "PRICE CO 3RD QTR SHR 30 CTS VS 24 CTS");  // the "******" flag is not in it
    EXPECT_EQ(price.title_line, 15U);
    EXPECT_TRUE(price.paragraphs.empty());
    EXPECT_EQ(price.place, "");
    const Article& motors = by_record(result, "4865");
    EXPECT_EQ(motors.title, "GENERAL MOTORS EARLY MARCH CAR SALES OFF 8.2 PCT");
    EXPECT_TRUE(motors.paragraphs.empty());  // "Blah blah blah." stands for the story
    EXPECT_EQ(motors.place, "usa");          // no dateline: the PLACES list
    const Article& tektronix = by_record(result, "10401");
    EXPECT_EQ(tektronix.date, "1987-03-27T09:08:42");  // "09:08:42.51&#5;&#5;&#5;F"
    EXPECT_EQ(tektronix.section, "earn");
    // A record with no text at all is named, not dropped in silence.
    ASSERT_EQ(result.problems.size(), 1U);
    EXPECT_EQ(result.problems[0].where, kFixtures + "no_body.sgm:57");
    EXPECT_EQ(result.problems[0].reason, "record 12793 has no text");
}

TEST(SgmlReader, ReadsUnprocessedRecordsFromTheirText) {
    const ReadResult result = read_fixture("unproc.sgm");
    EXPECT_TRUE(result.problems.empty());
    ASSERT_EQ(result.articles.size(), 3U);
    // A first line in capitals is the headline.
    const Article& funds = by_record(result, "14225");
    EXPECT_EQ(funds.title, "N.Y. FUNDS 1200 - APR 7");
    EXPECT_EQ(funds.title_line, 15U);
    ASSERT_EQ(funds.paragraphs.size(), 1U);
    EXPECT_EQ(funds.paragraphs[0].text, "6-1/8 (6-1/8)");
    EXPECT_EQ(funds.paragraphs[0].first_line(), 16U);
    // Otherwise there is no title and every line is text: each indented
    // table row a paragraph of its own.
    const Article& carlots = by_record(result, "14138");
    EXPECT_EQ(carlots.title, "");
    ASSERT_FALSE(carlots.paragraphs.empty());
    EXPECT_EQ(carlots.paragraphs[0].text, "KANSAS CITY CARLOTS AS OF April 7");
    EXPECT_EQ(carlots.paragraphs[0].first_line(), 35U);
    EXPECT_TRUE(any_paragraph_holds(carlots, "Bran &"));
    EXPECT_EQ(carlots.paragraphs.back().text, "Flour 2 2 -- --");
    const Article& rubber = by_record(result, "14494");
    EXPECT_EQ(rubber.title, "");
    EXPECT_EQ(rubber.paragraphs.at(0).text, "N.Y. RUBBER DEALERS C AND F 1615-Apr 7");
}

TEST(SgmlReader, ReadsBytesThatAreNotUtf8AsWindows1252) {
    const ReadResult result = read_fixture("latin1.sgm");
    ASSERT_EQ(result.articles.size(), 1U);
    const Article& lawson = result.articles[0];
    EXPECT_EQ(lawson.encoding, "windows-1252");
    EXPECT_EQ(lawson.place, "LONDON");
    ASSERT_EQ(lawson.paragraphs.size(), 2U);
    const Paragraph& second = lawson.paragraphs[1];
    const size_t at = second.text.find("growth.\xC3\xBCside measures");
    ASSERT_NE(at, std::string::npos) << second.text;
    EXPECT_EQ(second.line_at(at), 24U);
}

TEST(SgmlReader, ReportsACutOffRecordAndKeepsTheOthers) {
    const ReadResult result = read_fixture("cut_off.sgm");
    ASSERT_EQ(result.articles.size(), 2U);
    EXPECT_EQ(result.articles[0].record, "3");
    EXPECT_EQ(result.articles[1].record, "5");
    EXPECT_EQ(result.articles[1].title_line, 107U);
    ASSERT_EQ(result.problems.size(), 2U);
    EXPECT_EQ(result.problems[0].where, kFixtures + "cut_off.sgm:26");
    EXPECT_EQ(result.problems[0].reason, "record 4 cut off: no </REUTERS> before the next record");
    EXPECT_EQ(result.problems[1].where, kFixtures + "cut_off.sgm:136");
    EXPECT_EQ(result.problems[1].reason, "record 6 cut off: no </REUTERS> before the end of the file");
}

TEST(SgmlReader, ReportsWhatIsNotReutersSgml) {
    const ReadResult none = SgmlReader().read_all("/data/notes.sgm", "just some text\n");
    EXPECT_TRUE(none.articles.empty());
    ASSERT_EQ(none.problems.size(), 1U);
    EXPECT_EQ(none.problems[0].where, "/data/notes.sgm");
    EXPECT_EQ(none.problems[0].reason, "no <REUTERS> record");
    // A record without NEWID is keyed by its position; a NEWID seen before
    // in the file is told apart by its position too.
    const ReadResult keyed = SgmlReader().read_all(
        "/data/k.sgm",
        "<REUTERS><TEXT><TITLE>ONE</TITLE></TEXT></REUTERS>\n"
        "<reuters newid=7><text><title>TWO</title></text></reuters>\n"
        "<REUTERS NEWID=\"7\"><TEXT><TITLE>THREE</TITLE></TEXT></REUTERS>\n");
    ASSERT_EQ(keyed.articles.size(), 3U);
    EXPECT_EQ(keyed.articles[0].record, "1");
    EXPECT_EQ(keyed.articles[1].record, "7");
    EXPECT_EQ(keyed.articles[1].title, "TWO");  // names in any case
    EXPECT_EQ(keyed.articles[1].title_line, 2U);
    EXPECT_EQ(keyed.articles[2].record, "7#3");
    // Found by fuzz_sgml_reader: a byte that is not UTF-8 in the start tag
    // went into the key as it was.
    const ReadResult latin = SgmlReader().read_all(
        "/data/l.sgm", "<REUTERS NEWID=\"1\xF2\"><TEXT><TITLE>T</TITLE></TEXT></REUTERS>\n");
    ASSERT_EQ(latin.articles.size(), 1U);
    EXPECT_EQ(latin.articles[0].record, "1\xC3\xB2");
}

TEST(SgmlReader, IsChosenBySgmAndByContentWithoutAnExtension) {
    EXPECT_TRUE(has_reader_for("/data/reut2-000.sgm"));
    EXPECT_TRUE(has_reader_for("/data/REUT2-000.SGM"));
    const std::string sniffed = test::read_text_file(kFixtures + "reut2-sniffed");
    ASSERT_NE(choose_reader("/data/reut2-sniffed", sniffed).reader, nullptr);
    EXPECT_EQ(choose_reader("/data/reut2-sniffed", sniffed).reader->name(), "reuters-sgml");
    EXPECT_EQ(choose_reader("/data/stories.sgm", "plain words").reader->name(), "reuters-sgml");
    EXPECT_EQ(choose_reader("/data/story.txt", sniffed).reader->name(), "text");
    EXPECT_EQ(choose_reader("/data/20061020/story", "-- Headline\n-- Fri Oct 20, 2006\n").reader->name(), "text");
    EXPECT_TRUE(looks_like_reuters_sgml("\xEF\xBB\xBF\n<!doctype LEWIS SYSTEM \"lewis.dtd\">"));
    EXPECT_TRUE(looks_like_reuters_sgml("  <REUTERS NEWID=\"1\">"));
    EXPECT_FALSE(looks_like_reuters_sgml("<!DOCTYPE lewisite>"));
    EXPECT_FALSE(looks_like_reuters_sgml("<REUTERSX>"));
    EXPECT_FALSE(looks_like_reuters_sgml("News from <REUTERS>"));
    const ReadResult result =
        choose_reader("/data/reut2-sniffed", sniffed).reader->read_all("/data/reut2-sniffed", sniffed);
    ASSERT_EQ(result.articles.size(), 1U);
    EXPECT_EQ(result.articles[0].record, "2");
}

bool is_word_character(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || static_cast<unsigned char>(c) >= 0x80;
}

// Every record of the real corpus is an article or a named problem, each
// with its own key, and every line of text maps back to its line.
TEST(SgmlReader, AccountsForAll21578RecordsOfTheCorpus) {
    const std::filesystem::path archive = "/work/shared/corpora/reuters21578.tar.xz";
    if (!std::filesystem::exists(archive)) GTEST_SKIP() << archive << " is not here";
    const test::ScratchDir scratch;
    const std::string command =
        "tar -xJf '" + archive.string() + "' -C '" + scratch.path().string() + "' --wildcards '*.sgm'";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    std::set<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(scratch.path())) {
        if (entry.path().extension() == ".sgm") files.insert(entry.path());
    }
    ASSERT_EQ(files.size(), 22U);
    size_t articles = 0;
    size_t problems = 0;
    size_t undated = 0;
    size_t untitled = 0;
    size_t mapped = 0;
    size_t mismapped = 0;
    for (const std::filesystem::path& file : files) {
        const std::string bytes = test::read_text_file(file);
        const ReaderChoice choice = choose_reader(file.string(), bytes);
        ASSERT_NE(choice.reader, nullptr) << file;
        const ReadResult result = choice.reader->read_all(file.string(), bytes);
        const std::string text = decode_text(bytes).utf8;
        const std::vector<std::string_view> lines = split_lines(text);
        // The first word of each piece of a title or paragraph is on the
        // file line it is mapped to.
        auto on_its_line = [&](std::string_view piece, unsigned line) {
            const auto begin = std::find_if(piece.begin(), piece.end(), is_word_character);
            const std::string word(begin, std::find_if_not(begin, piece.end(), is_word_character));
            ++mapped;
            if (line >= 1 && line <= lines.size() &&
                decode_sgml_text(lines[line - 1]).find(word) != std::string::npos) {
                return;
            }
            ++mismapped;
            ADD_FAILURE() << file.string() << ":" << line << " does not hold \"" << word << '"';
        };
        std::set<std::string> keys;
        for (const Article& article : result.articles) {
            EXPECT_TRUE(keys.insert(article.record).second) << file << " record " << article.record;
            if (article.date.empty()) ++undated;
            if (article.title.empty()) ++untitled;
            if (!article.title.empty()) on_its_line(article.title, article.title_line);
            for (const Paragraph& paragraph : article.paragraphs) {
                for (const auto& [offset, line] : paragraph.line_starts) {
                    on_its_line(std::string_view(paragraph.text).substr(offset), line);
                }
            }
        }
        if (mismapped > 10) break;
        for (const ReadProblem& problem : result.problems) {
            EXPECT_TRUE(problem.reason.ends_with("has no text")) << problem.where << ": " << problem.reason;
        }
        articles += result.articles.size();
        problems += result.problems.size();
    }
    EXPECT_EQ(articles + problems, 21578U);
    EXPECT_LE(problems, 5U);
    // One <DATE> is impossible ("31-MAR-1987 605:12:19.12") and dropped.
    EXPECT_EQ(undated, 1U);
    EXPECT_GT(mapped, 300000U);
    EXPECT_EQ(mismapped, 0U);
    RecordProperty("articles", static_cast<int>(articles));
    RecordProperty("untitled", static_cast<int>(untitled));
}

}  // namespace
}  // namespace news
