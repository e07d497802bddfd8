#include "formats/html_metadata.h"
#include "formats/html_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace news {
namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(NEWS_FIXTURES_DIR) + "/html/" + name, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

Article read_one(const std::string& path, const std::string& bytes) {
    const ReadResult result = HtmlReader().read_all(path, bytes);
    EXPECT_TRUE(result.problems.empty());
    EXPECT_EQ(result.articles.size(), 1U);
    return result.articles.empty() ? Article{} : result.articles.front();
}

std::vector<std::string> texts(const Article& article) {
    std::vector<std::string> out;
    for (const Paragraph& p : article.paragraphs) out.push_back(p.text);
    return out;
}

bool any_contains(const Article& article, const std::string& needle) {
    const std::vector<std::string> all = texts(article);
    return std::any_of(all.begin(), all.end(), [&](const std::string& t) { return t.find(needle) != std::string::npos; });
}

TEST(HtmlReader, TakesTheArticleWithoutThePageAroundIt) {
    const Article article = read_one("/pages/floods.html", fixture("news_article.html"));
    // The story's own paragraphs, in order, with the subheading and the quote.
    const std::vector<std::string> expected{
        "Flood barriers gave way in Tewkesbury, Upton and Worcester on Saturday night, forcing hundreds of families "
        "from their homes as the River Severn rose faster than forecast.",
        "The Environment Agency said the defences, built in 2009 at a cost of \xC2\xA3" "12m, had been "
        "\xE2\x80\x9Coverwhelmed\xE2\x80\x9D by water levels not seen in four decades \xE2\x80\x94 and that engineers "
        "would inspect every barrier along the river.",
        "Residents described scenes of chaos. \"We had twenty minutes to get out,\" said Maria Lopez, 43, whose ground "
        "floor was under a metre of water by midnight. The council opened three rest centres and asked people to "
        "check on elderly neighbours.",
        "What happens next",
        "Ministers will meet on Monday to decide whether to release emergency funding for the towns, where shops, "
        "schools and a hospital ward remain closed.",
        "This is the worst flooding the county has seen since records began, and we will rebuild stronger.",
        "More rain is expected on Tuesday, and forecasters have issued amber warnings for much of the West Midlands, "
        "Wales and south-west England.",
    };
    EXPECT_EQ(texts(article), expected);
    // None of the furniture: cookie banner, menu, share buttons, related
    // stories, comments, footer, scripts and styles.
    for (const char* furniture : {"cookies", "Sport", "Share on", "Related stories", "Comments", "disgrace",
                                  "All rights reserved", "Subscribe now", "font-size", "analytics", "injected"}) {
        EXPECT_FALSE(any_contains(article, furniture)) << furniture;
    }
}

TEST(HtmlReader, EachParagraphKnowsItsSourceLines) {
    const Article article = read_one("/pages/floods.html", fixture("news_article.html"));
    ASSERT_EQ(article.paragraphs.size(), 7U);
    EXPECT_EQ(article.paragraphs[0].first_line(), 30U);
    EXPECT_EQ(article.paragraphs[3].first_line(), 34U);  // the <h2>
    EXPECT_EQ(article.paragraphs[6].first_line(), 37U);
    // A paragraph written over two lines of the file points at both.
    const Paragraph& two_lines = article.paragraphs[2];
    EXPECT_EQ(two_lines.first_line(), 32U);
    EXPECT_EQ(two_lines.line_at(two_lines.text.find("The council")), 33U);
}

TEST(HtmlReader, ReadsTheMetadataThePageDeclares) {
    const Article article = read_one("/pages/floods.html", fixture("news_article.html"));
    EXPECT_EQ(article.path, "/pages/floods.html");
    EXPECT_EQ(article.record, "");
    EXPECT_EQ(article.title, "Flood defences fail in three towns");
    EXPECT_EQ(article.title_line, 11U);  // the JSON-LD block that gave it
    EXPECT_EQ(article.author, "Jane Doe, Sam Roe");
    EXPECT_EQ(article.date, "2024-02-11T08:30:00Z");
    EXPECT_EQ(article.source, "The Daily Courier");
    EXPECT_EQ(article.section, "UK news");
    EXPECT_EQ(article.url, "https://courier.example/uk/floods-2024");
    EXPECT_EQ(article.language, "en-GB");
    EXPECT_EQ(article.encoding, "utf-8");
    // The <h1> repeating the headline is not a paragraph.
    EXPECT_FALSE(any_contains(article, "Flood defences fail"));
}

TEST(HtmlReader, RecoversFromMalformedAndTruncatedHtml) {
    const Article article = read_one("/pages/storm.htm", fixture("malformed.html"));
    // <title> less the site's name; author and date from <meta name=...>.
    EXPECT_EQ(article.title, "Storm closes port");
    EXPECT_EQ(article.title_line, 1U);
    EXPECT_EQ(article.author, "Ana Silva");
    EXPECT_EQ(article.date, "2023-03-12");
    ASSERT_EQ(article.paragraphs.size(), 4U);
    // Misnested <b><i>, entities with and without their semicolon, &nbsp;.
    EXPECT_EQ(article.paragraphs[0].text,
              "The storm closed the port of Leix\xC3\xB5" "es for a second day on Tuesday, stranding forty container "
              "ships at anchor off the coast & c\xC3\xA9nt\xC3\xA9r of town with no sign of relief.");
    EXPECT_EQ(article.paragraphs[1].text.substr(0, 60), "Dock workers said the cranes were locked down at dawn; the h");
    EXPECT_NE(article.paragraphs[1].text.find("master's office"), std::string::npos);
    // The ESC of an ANSI colour sequence never reaches the text.
    EXPECT_EQ(article.paragraphs[2].text,
              "Red text arrived as [31mALERT[0m in the feed, and fishermen kept their boats tied up in the inner basin "
              "for safety.");
    // The page ends mid-sentence: what is there is kept.
    EXPECT_EQ(article.paragraphs[3].text, "The final paragraph of this page is cut off in the middle of a sent");
    EXPECT_EQ(article.paragraphs[3].first_line(), 8U);
}

TEST(HtmlReader, APageWithoutTextIsReportedNotIndexed) {
    const ReadResult result = HtmlReader().read_all("/pages/blank.html", fixture("no_text.html"));
    EXPECT_TRUE(result.articles.empty());
    ASSERT_EQ(result.problems.size(), 1U);
    EXPECT_EQ(result.problems[0].where, "/pages/blank.html");
    EXPECT_EQ(result.problems[0].reason, "no text in this page (no title, no paragraphs)");
}

TEST(HtmlReader, NeverThrowsOnBrokenBytes) {
    // Cut anywhere, the page still reads (the parser recovers like a browser).
    const std::string page = fixture("news_article.html");
    for (size_t cut = 0; cut < page.size(); cut += 97) {
        EXPECT_NO_THROW((void)HtmlReader().read_all("/p.html", page.substr(0, cut))) << cut;
    }
    const Article latin1 = read_one("/p.html", "<title>Caf\xE9 news</title><p>Un caf\xE9 cr\xE8me, s'il vous pla\xEEt.</p>");
    EXPECT_EQ(latin1.title, "Caf\xC3\xA9 news");
    EXPECT_EQ(latin1.encoding, "windows-1252");
}

TEST(HtmlReader, DeepNestingKeepsItsTextWithoutExhaustingTheStack) {
    // 50,000 nested <div>s (a hostile page; gumbo alone would take a
    // minute over it): the text deep inside is read, at once.
    std::string page = "<html><body>";
    for (int i = 0; i < 50000; ++i) page += "<div>";
    page += "<p>The text at the bottom of a very deep page is still an article paragraph.</p>";
    const Article article = read_one("/p.html", page);
    ASSERT_EQ(article.paragraphs.size(), 1U);
    EXPECT_EQ(article.paragraphs[0].text, "The text at the bottom of a very deep page is still an article paragraph.");
}

TEST(HtmlReader, DateFromTimeElementAndBylineFromThePage) {
    const Article article = read_one(
        "/p.html",
        "<!doctype html><title>Council approves budget</title>\n"
        "<article><p class=\"byline\">By <a rel=\"author\" href=\"/r\">Ravi Patel</a></p>\n"
        "<time datetime=\"2021-06-30T09:00:00Z\">Wednesday</time>\n"
        "<p>The council approved a budget of 4.2 million pounds on Tuesday evening, after a debate that lasted four "
        "hours and ended with a vote of nine to four.</p></article>");
    EXPECT_EQ(article.title, "Council approves budget");
    EXPECT_EQ(article.author, "Ravi Patel");
    EXPECT_EQ(article.date, "2021-06-30T09:00:00Z");
    // The byline is metadata, not a paragraph; the <time>'s own text is
    // what a reader sees on the page.
    EXPECT_EQ(texts(article).front(), "Wednesday");
    EXPECT_FALSE(any_contains(article, "Ravi"));
    EXPECT_EQ(article.paragraphs.back().first_line(), 4U);
}

TEST(HtmlReader, ALineEndWrittenAsACharacterReferenceIsNoLineOfTheFile) {
    // Found by fuzz_html_reader: "&#10;" decodes to a line end, and counting
    // it sent path:line past the end of a one-line page.
    const Article article = read_one(
        "/p.html",
        "<html><body><article><p>The council approved a budget of 4.2 million pounds on Tuesday evening "
        "after a long debate.&#10;&#10;&#10;&#10;The vote was nine to four, and the mayor said the city would "
        "hold its rates.</p></article></body></html>");
    ASSERT_EQ(article.paragraphs.size(), 1U);
    const Paragraph& paragraph = article.paragraphs.front();
    EXPECT_EQ(paragraph.line_at(paragraph.text.find("The vote")), 1U);
}

TEST(HtmlReader, ADateThatIsNoDateIsLeftOutWithANoteNamingItsLine) {
    const std::string body =
        "<p>The council approved a budget of 4.2 million pounds on Tuesday evening, after a debate that lasted four "
        "hours and ended with a vote of nine to four.</p>";
    const ReadResult result = HtmlReader().read_all(
        "/p.html", "<html><head><title>Budget</title>\n<meta property=\"article:published_time\" content=\"sometime in May\">"
                   "</head><body>" + body + "</body></html>");
    ASSERT_EQ(result.articles.size(), 1U);
    EXPECT_EQ(result.articles[0].date, "");
    ASSERT_EQ(result.notes.size(), 1U);
    EXPECT_EQ(result.notes[0].where, "/p.html:2");
    EXPECT_EQ(result.notes[0].reason, "date 'sometime in May' is not a date: left out");

    // A later field that is a date gives it, and no note.
    const ReadResult later = HtmlReader().read_all(
        "/p.html", "<html><head><title>Budget</title><meta name=\"date\" content=\"sometime\"></head><body>"
                   "<time datetime=\"2021-06-30\">Wednesday</time>" + body + "</body></html>");
    ASSERT_EQ(later.articles.size(), 1U);
    EXPECT_EQ(later.articles[0].date, "2021-06-30");
    EXPECT_TRUE(later.notes.empty());
}

TEST(HtmlReader, TitleLosesTheSiteNameOnlyWhenAHeadlineRemains) {
    EXPECT_EQ(title_without_site_suffix("Floods close schools - BBC News"), "Floods close schools");
    EXPECT_EQ(title_without_site_suffix("Markets fall again | CNN"), "Markets fall again");
    EXPECT_EQ(title_without_site_suffix("Why we sleep \xE2\x80\x94 The Atlantic"), "Why we sleep");
    // Left with fewer than three words, it was not a site's name.
    EXPECT_EQ(title_without_site_suffix("Brexit - what next"), "Brexit - what next");
    EXPECT_EQ(title_without_site_suffix("Plain headline"), "Plain headline");
}

TEST(HtmlReader, ScriptBodiesAreTakenOutWithTheirLineEnds) {
    EXPECT_EQ(without_script_bodies("<p>a</p><script>x = 1;\ny = '</p>';\n</script><p>b</p>"),
              "<p>a</p><script>\n\n</script><p>b</p>");
    EXPECT_EQ(without_script_bodies("<STYLE type=\"text/css\">p { x: y }</STYLE >"), "<STYLE type=\"text/css\"></STYLE >");
    // Kept: JSON-LD, a script with HTML's comment escapes, <title>, comments.
    const std::string json_ld = "<script type=\"application/ld+json\">{\"a\": 1}</script>";
    EXPECT_EQ(without_script_bodies(json_ld), json_ld);
    const std::string escaped = "<script><!-- document.write('<script>x</script>') --></script>";
    EXPECT_EQ(without_script_bodies(escaped), escaped);
    const std::string title = "<title>Using <script> tags</title><p>text</p>";
    EXPECT_EQ(without_script_bodies(title), title);
    const std::string comment = "<!-- <script> --><p>text</p>";
    EXPECT_EQ(without_script_bodies(comment), comment);
    // A script never closed is left to the parser.
    EXPECT_EQ(without_script_bodies("<p>a</p><script>never closed"), "<p>a</p><script>never closed");
}

TEST(HtmlReader, NestingPastTheBoundLosesTagsNotText) {
    EXPECT_FALSE(with_bounded_nesting("<div><div><p>a<p>b</div></div>", 2).has_value());
    // The third <div> goes; its text and the line end in the tag stay.
    EXPECT_EQ(with_bounded_nesting("<div><div><div\nclass=x>deep</div></div></div>", 2),
              "<div><div>    \n        deep</div></div></div>");
    // Void and self-closing elements, <p> and <li>, closed tags do not deepen.
    EXPECT_FALSE(with_bounded_nesting("<ul><li>a<li>b<li><img src=x><br><span/>c</ul><b>d</b><i>e</i>", 2).has_value());
    // A quote opens a value only after "=": elsewhere it hides no tags.
    EXPECT_TRUE(with_bounded_nesting("<div a\"><div><div title='x>y'><div>", 2).has_value());
    // Nor does markup inside a script or a comment.
    EXPECT_FALSE(with_bounded_nesting("<div><script><div><div><div></script><!-- <div><div><div> --></div>", 2).has_value());
}

TEST(HtmlReader, ChosenByExtensionOrByItsFirstBytes) {
    EXPECT_TRUE(has_reader_for("/x/page.html"));
    EXPECT_TRUE(has_reader_for("/x/PAGE.HTM"));
    EXPECT_TRUE(has_reader_for("/x/book.xhtml"));
    const std::string page = "<!DOCTYPE html><title>T</title><p>Text of the page.</p>";
    EXPECT_EQ(choose_reader("/x/page.html", page).reader->name(), "html");
    EXPECT_EQ(choose_reader("/x/page.htm", "Just text, no markup.").reader->name(), "html");
    // Without an extension the bytes decide.
    EXPECT_EQ(choose_reader("/x/saved", page).reader->name(), "html");
    EXPECT_EQ(choose_reader("/x/saved", "\xEF\xBB\xBF  <!-- saved --> <html><body>x</body></html>").reader->name(), "html");
    EXPECT_EQ(choose_reader("/x/story", "Headline\n\nBody with <b>tags</b>.\n").reader->name(), "text");
    EXPECT_TRUE(looks_like_html("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"));
    EXPECT_FALSE(looks_like_html("<p>a fragment</p>"));
}

// A page in the charset it declares: KOI8-R bytes read as Russian, not as
// Windows-1252 letters; without the declaration, as before.
TEST(HtmlReader, ReadsAPageInTheCharsetItDeclares) {
    const std::string privet = "\xF0\xD2\xC9\xD7\xC5\xD4";  // "Привет" in KOI8-R
    const std::string body = "<body><article><h1>" + privet + "</h1><p>" + privet +
                             " - this paragraph is long enough to be the article text of the page, "
                             "long enough by far, with commas, words, and more words to read.</p></article></body></html>\n";
    const ReadResult declared =
        HtmlReader().read_all("/p/ru.html", "<html><head><meta charset=\"koi8-r\"><title>" + privet + "</title></head>" + body);
    ASSERT_EQ(declared.articles.size(), 1U);
    EXPECT_EQ(declared.articles[0].title, "Привет");
    EXPECT_EQ(declared.articles[0].encoding, "koi8-r");
    ASSERT_FALSE(declared.articles[0].paragraphs.empty());
    EXPECT_TRUE(declared.articles[0].paragraphs[0].text.starts_with("Привет")) << declared.articles[0].paragraphs[0].text;

    const ReadResult undeclared =
        HtmlReader().read_all("/p/ru.html", "<html><head><title>" + privet + "</title></head>" + body);
    ASSERT_EQ(undeclared.articles.size(), 1U);
    EXPECT_EQ(undeclared.articles[0].encoding, "windows-1252");

    // UTF-8 stays UTF-8 whatever a page declares.
    std::string utf8_body = body;
    for (size_t at = utf8_body.find(privet); at != std::string::npos; at = utf8_body.find(privet)) {
        utf8_body.replace(at, privet.size(), "Привет");
    }
    const ReadResult mislabelled = HtmlReader().read_all(
        "/p/ru.html", "<html><head><meta charset=\"koi8-r\"><title>Привет</title></head>" + utf8_body);
    ASSERT_EQ(mislabelled.articles.size(), 1U);
    EXPECT_EQ(mislabelled.articles[0].title, "Привет");
}

}  // namespace
}  // namespace news
