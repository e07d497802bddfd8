#include "formats/archive_writing.h"
#include "formats/warc_reader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

namespace news {
namespace {

// Stands in for the HTML reader: an article whose title is the page's
// <title> and whose one paragraph is the bytes it was given, so a test sees
// exactly what the WARC reader hands over.
class StandInHtmlReader final : public ArticleReader {
public:
    [[nodiscard]] std::string_view name() const override { return "html"; }
    void read(const std::string& path, std::string_view bytes, const ReaderOptions& options,
              ReadSink& sink) const override {
        Article article;
        article.path = path;
        const size_t open = bytes.find("<title>");
        const size_t close = bytes.find("</title>");
        if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
            article.title = std::string(bytes.substr(open + 7, close - open - 7));
        }
        if (bytes.find("2024-03-05T08:30:00Z") != std::string_view::npos) article.date = "2024-03-05";
        article.language = std::to_string(options.depth);  // where the reader was called
        Paragraph paragraph;
        paragraph.text = std::string(bytes);
        paragraph.line_starts.emplace_back(0, 1);
        article.paragraphs.push_back(std::move(paragraph));
        sink.article(std::move(article));
    }
};

std::string fixture() {
    std::ifstream in(std::string(NEWS_FIXTURES_DIR) + "/warc/site.warc.gz", std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// The URI less the server's port, which changes each time the fixture is made.
std::string local_path(const std::string& uri) {
    const size_t slash = uri.find('/', std::string("http://").size());
    return slash == std::string::npos ? uri : uri.substr(slash);
}

std::string record(std::string_view type, std::string_view uri, std::string_view content_type, std::string_view block,
                   std::string_view extra = "") {
    std::ostringstream out;
    out << "WARC/1.1\r\nWARC-Type: " << type << "\r\n";
    if (!uri.empty()) out << "WARC-Target-URI: " << uri << "\r\n";
    out << "WARC-Date: 2023-11-14T22:13:20Z\r\nWARC-Record-ID: <urn:uuid:" << block.size()
        << ">\r\nContent-Type: " << content_type << "\r\n" << extra << "Content-Length: " << block.size()
        << "\r\n\r\n" << block << "\r\n\r\n";
    return out.str();
}

std::string response(std::string_view uri, std::string_view http_headers, std::string_view body) {
    return record("response", uri, "application/http;msgtype=response",
                  std::string("HTTP/1.1 200 OK\r\n") + std::string(http_headers) + "\r\n" + std::string(body));
}

const std::string kPage = "<!DOCTYPE html><html><head><title>Harbour news</title></head><body><p>Text.</p></body></html>";

TEST(WarcReader, ReadsEachHtmlResponseOfARealWarcAndPassesOverTheRest) {
    const StandInHtmlReader html;
    const ReadResult result = WarcReader(&html).read_all("/crawls/site.warc.gz", fixture());
    EXPECT_TRUE(result.problems.empty()) << result.problems[0].where << ": " << result.problems[0].reason;
    ASSERT_EQ(result.articles.size(), 3U);
    std::map<std::string, const Article*> pages;
    for (const Article& article : result.articles) pages[local_path(article.record)] = &article;
    ASSERT_EQ(pages.count("/world/ferry.html"), 1U);
    const Article& ferry = *pages["/world/ferry.html"];
    EXPECT_EQ(ferry.path, "/crawls/site.warc.gz");
    EXPECT_EQ(ferry.url, ferry.record);
    EXPECT_TRUE(ferry.url.starts_with("http://127.0.0.1:")) << ferry.url;
    EXPECT_EQ(ferry.title, "Ferry service resumes after repairs - Harbour Gazette");
    // The HTTP headers are gone: the HTML reader gets the page alone.
    EXPECT_TRUE(ferry.paragraphs[0].text.starts_with("<!DOCTYPE html>")) << ferry.paragraphs[0].text.substr(0, 80);
    EXPECT_EQ(ferry.language, "1");  // read one container deep
    // The page's own date wins; a page without one has the crawl's date.
    EXPECT_EQ(ferry.date, "2024-03-05");
    const Article& storm = *pages["/world/storm.html"];
    EXPECT_FALSE(storm.date.empty());
    EXPECT_NE(storm.date, "2024-03-05");
    EXPECT_EQ(pages.count("/index.html"), 1U);

    // warcinfo, 8 requests, wget's metadata and 2 resources (its log and
    // arguments), robots.txt (404), the folder's redirect (301), 2 PNGs.
    std::map<std::string, unsigned> passed;
    for (const PassedOver& what : result.passed_over) ++passed[what.what];
    EXPECT_EQ(passed["WARC warcinfo record"], 1U);
    EXPECT_EQ(passed["WARC request record"], 8U);
    EXPECT_EQ(passed["WARC metadata record"], 1U);
    EXPECT_EQ(passed["WARC resource record"], 2U);
    EXPECT_EQ(passed["HTTP 404 response"], 1U);
    EXPECT_EQ(passed["HTTP 301 response"], 1U);
    EXPECT_EQ(passed["response of type image/png"], 2U);
    EXPECT_EQ(result.passed_over.size(), 16U);
}

TEST(WarcReader, HandsPagesToTheReaderRegisteredForHtml) {
    // Without a stand-in the pages go where choose_reader sends ".html";
    // a build without an HTML reader passes them over and says so.
    const ReadResult result = WarcReader().read_all("/crawls/site.warc.gz", fixture());
    if (has_reader_for("page.html")) {
        EXPECT_GE(result.articles.size(), 2U);
        for (const Article& article : result.articles) EXPECT_EQ(article.path, "/crawls/site.warc.gz");
    } else {
        EXPECT_TRUE(result.articles.empty());
        unsigned no_reader = 0;
        for (const PassedOver& what : result.passed_over) no_reader += what.what.find("no HTML reader") != std::string::npos;
        EXPECT_EQ(no_reader, 3U);
    }
}

TEST(WarcReader, ReadsAWarcInsideAnArchive) {
    const std::string tar = test::write_tar({{"crawls/site.warc.gz", fixture()}}, test::Compression::none);
    const ReaderChoice choice = choose_reader("/c/crawls.tar", tar);
    ASSERT_NE(choice.reader, nullptr);
    const ReadResult result = choice.reader->read_all("/c/crawls.tar", tar);
    const std::string key = "crawls/site.warc.gz//http://127.0.0.1:";
    for (const Article& article : result.articles) {
        EXPECT_EQ(article.path, "/c/crawls.tar");
        EXPECT_TRUE(article.record.starts_with(key)) << article.record;
    }
    EXPECT_EQ(result.passed_over.size() + result.articles.size(), 19U);
    EXPECT_TRUE(result.passed_over.back().where.starts_with("/c/crawls.tar//crawls/site.warc.gz"))
        << result.passed_over.back().where;
}

TEST(WarcReader, PassesOverBinaryPayloadsAndReadsPagesAroundThem) {
    std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    for (int i = 0; i < 3000; ++i) png.push_back(static_cast<char>(i * 37));
    const std::string warc = response("http://a.example/1.html", "Content-Type: text/html\r\n", kPage) +
                             response("http://a.example/logo.png", "Content-Type: image/png\r\n", png) +
                             response("http://a.example/data", "Content-Type: application/octet-stream\r\n", png) +
                             response("http://a.example/2.html", "", kPage);
    const StandInHtmlReader html;
    for (const test::Compression compression : {test::Compression::none, test::Compression::gzip}) {
        const std::string bytes = compression == test::Compression::none ? warc : test::compress(warc, compression);
        const ReadResult result = WarcReader(&html).read_all("/c/x.warc", bytes);
        EXPECT_TRUE(result.problems.empty());
        ASSERT_EQ(result.articles.size(), 2U);
        EXPECT_EQ(result.articles[0].record, "http://a.example/1.html");
        EXPECT_EQ(result.articles[1].record, "http://a.example/2.html");
        EXPECT_EQ(result.articles[0].date, "2023-11-14T22:13:20Z");
        ASSERT_EQ(result.passed_over.size(), 2U);
        EXPECT_EQ(result.passed_over[0].where, "/c/x.warc//http://a.example/logo.png");
        EXPECT_EQ(result.passed_over[0].what, "response of type image/png");
        EXPECT_EQ(result.passed_over[1].what, "response of type application/octet-stream");
    }
}

TEST(WarcReader, UndoesChunkingAndGzipOfTheHttpBody) {
    const std::string chunked = "10\r\n" + kPage.substr(0, 16) + "\r\n" +
                                [] { std::ostringstream s; s << std::hex << kPage.size() - 16; return s.str(); }() +
                                ";ext=1\r\n" + kPage.substr(16) + "\r\n0\r\n\r\n";
    const std::string warc =
        response("http://a.example/chunked", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", chunked) +
        response("http://a.example/gzip", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                 test::compress(kPage, test::Compression::gzip)) +
        response("http://a.example/br", "Content-Type: text/html\r\nContent-Encoding: br\r\n", "\x1b\x02");
    const StandInHtmlReader html;
    const ReadResult result = WarcReader(&html).read_all("/c/x.warc", warc);
    ASSERT_EQ(result.articles.size(), 2U);
    EXPECT_EQ(result.articles[0].paragraphs[0].text, kPage);
    EXPECT_EQ(result.articles[1].paragraphs[0].text, kPage);
    ASSERT_EQ(result.problems.size(), 1U);
    EXPECT_EQ(result.problems[0].where, "/c/x.warc//http://a.example/br");
    EXPECT_EQ(result.problems[0].reason, "the page is compressed with br, which is not read");
}

TEST(WarcReader, KeysARecordWithoutUriByItsIdAndReadsHtmlResources) {
    const std::string warc = record("resource", "", "text/html", kPage);
    const StandInHtmlReader html;
    const ReadResult result = WarcReader(&html).read_all("/c/x.warc", warc);
    ASSERT_EQ(result.articles.size(), 1U);
    EXPECT_EQ(result.articles[0].record, "<urn:uuid:" + std::to_string(kPage.size()) + ">");
    EXPECT_EQ(result.articles[0].url, "");
}

TEST(WarcReader, SkipsABrokenRecordToTheNextAndSaysWhereAFileIsCut) {
    const std::string good = response("http://a.example/1.html", "Content-Type: text/html\r\n", kPage);
    const std::string no_length = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://a.example/bad\r\n\r\n"
                                  "HTTP/1.1 200 OK\r\n\r\n<html>lost</html>\r\n\r\n";
    const StandInHtmlReader html;
    const ReadResult result =
        WarcReader(&html).read_all("/c/x.warc", "garbage first\r\n" + good + no_length + good + good.substr(0, good.size() - 20));
    ASSERT_EQ(result.articles.size(), 2U);
    ASSERT_EQ(result.problems.size(), 3U);
    EXPECT_EQ(result.problems[0].where, "/c/x.warc record 1");
    EXPECT_NE(result.problems[0].reason.find("not a WARC record"), std::string::npos);
    EXPECT_EQ(result.problems[1].where, "/c/x.warc//http://a.example/bad");
    EXPECT_EQ(result.problems[1].reason, "no valid Content-Length: skipped to the next record");
    EXPECT_EQ(result.problems[2].where, "/c/x.warc//http://a.example/1.html");
    EXPECT_EQ(result.problems[2].reason, "cut off: the file ends inside the record");
}

TEST(WarcReader, RefusesToReadDeeperThanTheBound) {
    ReaderOptions deep;
    deep.depth = kMaxContainerDepth;
    const ReadResult result = WarcReader().read_all("/c/x.warc", "WARC/1.0\r\n", deep);
    ASSERT_EQ(result.problems.size(), 1U);
    EXPECT_EQ(result.problems[0].reason, "nested more than 4 containers deep: not read");
}

}  // namespace
}  // namespace news
