#include "store/schema.h"

#include "index/document_builder.h"
#include "store/article_record.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

namespace news {
namespace {

bool has_term(const Xapian::Document& document, const std::string& term) {
    auto it = document.termlist_begin();
    it.skip_to(term);
    return it != document.termlist_end() && *it == term;
}

Xapian::termcount wdf_of(const Xapian::Document& document, const std::string& term) {
    auto it = document.termlist_begin();
    it.skip_to(term);
    return it != document.termlist_end() && *it == term ? it.get_wdf() : 0;
}

TEST(Schema, UniqueIdTermsFitXapiansLimitAndStayDistinct) {
    const std::string long_a = "/" + std::string(400, 'a') + "/one.txt";
    const std::string long_b = "/" + std::string(400, 'a') + "/two.txt";
    EXPECT_LE(schema::unique_id_term(long_a).size(), 245U);
    EXPECT_NE(schema::unique_id_term(long_a), schema::unique_id_term(long_b));
    EXPECT_EQ(schema::unique_id_term("/short/path"), "Q/short/path");
}

TEST(Schema, SectionTermsAreLowerCase) { EXPECT_EQ(schema::section_term("Sport"), "XSECTIONsport"); }

TEST(Schema, ABylineIsCutIntoItsNames) {
    using V = std::vector<std::string_view>;
    EXPECT_EQ(schema::author_names("Steve Stecklow and Melanie Lee"), (V{"Steve Stecklow", "Melanie Lee"}));
    EXPECT_EQ(schema::author_names("Jane Doe, Sam Roe & Al Poe"), (V{"Jane Doe", "Sam Roe", "Al Poe"}));
    EXPECT_EQ(schema::author_names("  Yereth Rosen "), (V{"Yereth Rosen"}));
    EXPECT_EQ(schema::author_names(""), V{});
    EXPECT_EQ(schema::section_parts("grain, corn"), (V{"grain", "corn"}));
    EXPECT_EQ(schema::list_items(std::string("a") + schema::kListSeparator + "b c"), (V{"a", "b c"}));
}

TEST(Schema, SectionAndLanguageTermsFindAnArticleByEachPartAndByItsLanguage) {
    using V = std::vector<std::string>;
    EXPECT_EQ(schema::boolean_field_terms("Sport", ""), (V{"XSECTIONsport"}));
    EXPECT_EQ(schema::boolean_field_terms("grain, corn", ""), (V{"XSECTIONgrain, corn", "XSECTIONgrain", "XSECTIONcorn"}));
    EXPECT_EQ(schema::boolean_field_terms("", "en-GB"), (V{"XLANGen-gb", "XLANGen"}));
    EXPECT_EQ(schema::boolean_field_terms("", "fr"), (V{"XLANGfr"}));
    EXPECT_EQ(schema::language_term("EN_us"), "XLANGen-us");
    EXPECT_EQ(schema::boolean_field_terms("", ""), V{});
    EXPECT_EQ(schema::boolean_field_terms("", "", "20061020"), (V{"XY2006", "XM200610", "XD20061020"}));
    EXPECT_EQ(schema::date_terms("2006-10-20"), V{});
    EXPECT_TRUE(schema::is_date_term("XM200610"));
    EXPECT_FALSE(schema::is_date_term("XMas"));
    EXPECT_FALSE(schema::is_date_term("2006"));
}

std::vector<Xapian::termpos> positions_of(const Xapian::Document& document, const std::string& term) {
    auto it = document.termlist_begin();
    it.skip_to(term);
    if (it == document.termlist_end() || *it != term) return {};
    return {it.positionlist_begin(), it.positionlist_end()};
}

TEST(DocumentBuilder, WritesOneDocumentPerArticleWithItsPassagesInTheData) {
    const Analyzer analyzer(AnalysisSettings{});
    DocumentBuilder builder(analyzer);
    Article article = test::make_article("/n/sport/1.txt", "Chelsea sack Mutu",
                                         {std::string(100, 'x') + " Mutu failed a drugs test.",
                                          std::string(100, 'y') + " Chelsea decided."},
                                         "sport");
    article.author = "Jane Doe";
    article.date = "2004-10-29";
    const FileStamp stamp{"/n/sport/1.txt", 42, 7, "00ff"};
    ArticleDocument built = builder.build(article, stamp);
    Xapian::WritableDatabase db = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    store_article(db, built, 5);

    const Xapian::Document& document = built.document;
    EXPECT_TRUE(has_term(document, "XKINDarticle"));
    EXPECT_TRUE(has_term(document, "Q/n/sport/1.txt"));
    EXPECT_TRUE(has_term(document, "XHASH00ff"));
    EXPECT_TRUE(has_term(document, "XSECTIONsport"));
    EXPECT_TRUE(has_term(document, "XA5"));
    // Every word once, title words boosted, with positions for phrases.
    EXPECT_EQ(wdf_of(document, "drug"), 1U);
    EXPECT_EQ(wdf_of(document, "decid"), 1U);
    EXPECT_EQ(wdf_of(document, "mutu"), schema::kTitleWdfBoost + 1);
    EXPECT_EQ(wdf_of(document, "Smutu"), schema::kTitleWdfBoost);
    EXPECT_EQ(wdf_of(document, "Ajane"), 1U);
    const std::vector<Xapian::termpos> failed = positions_of(document, "fail");
    const std::vector<Xapian::termpos> mutu = positions_of(document, "mutu");
    ASSERT_EQ(failed.size(), 1U);
    EXPECT_NE(std::find(mutu.begin(), mutu.end(), failed[0] - 1), mutu.end()) << "\"Mutu failed\" is a phrase";
    // Passages are apart: no phrase joins the end of one and the start of the next.
    const std::vector<Xapian::termpos> test_word = positions_of(document, "test");
    const std::vector<Xapian::termpos> chelsea = positions_of(document, "chelsea");
    ASSERT_EQ(test_word.size(), 1U);
    ASSERT_FALSE(chelsea.empty());
    EXPECT_GT(chelsea.back(), test_word[0] + schema::kFieldPositionGap);
    EXPECT_EQ(document.get_value(schema::kSlotPath), "/n/sport/1.txt");
    EXPECT_EQ(document.get_value(schema::kSlotMtime), "42");
    EXPECT_EQ(document.get_value(schema::kSlotDate), "20041029");
    EXPECT_EQ(Xapian::sortable_unserialise(document.get_value(schema::kSlotTime)), 1099008000.0);
    EXPECT_EQ(document.get_value(schema::kSlotAuthors), "Jane Doe");
    EXPECT_EQ(document.get_value(schema::kSlotSections), "sport");
    EXPECT_EQ(document.get_value(schema::kSlotSource), "");
    EXPECT_TRUE(has_term(document, "XD20041029"));
    EXPECT_TRUE(has_term(document, "XM200410"));
    EXPECT_TRUE(has_term(document, "XY2004"));
    EXPECT_EQ(document.get_value(schema::kSlotArticleId), "5");

    const std::string data = unpack_article_data(db.get_document(1).get_data());
    EXPECT_EQ(ArticleRecord::parse(data).title, "Chelsea sack Mutu");
    EXPECT_EQ(ArticleRecord::parse(data).passages, 2U);
    const std::vector<StoredPassage> passages = stored_passages(data);
    ASSERT_EQ(built.passages, 2U);
    ASSERT_EQ(passages.size(), 2U);
    EXPECT_EQ(passages[0].line, 3U);
    // Where each passage's words are: "failed" is its second (a run of 100
    // letters is too long to be a word for Xapian).
    EXPECT_EQ(passages[0].words, 5U);
    EXPECT_EQ(failed[0], passages[0].first_position + 1);
    EXPECT_GE(passages[1].first_position, passages[0].first_position + passages[0].words + schema::kFieldPositionGap);
    EXPECT_EQ(passages[0].text, article.paragraphs[0].text);
    EXPECT_EQ(passages[1].text, article.paragraphs[1].text);
}

TEST(Schema, FieldPrefixesAreLeadingCapitals) {
    EXPECT_TRUE(schema::is_word_term("bank"));
    EXPECT_TRUE(schema::is_word_term("2.4"));
    EXPECT_FALSE(schema::is_word_term("Sbank"));
    EXPECT_FALSE(schema::is_word_term("XSOURCEreuter"));
    EXPECT_FALSE(schema::is_word_term(""));
    EXPECT_EQ(schema::without_prefix("XSOURCEreuter"), "reuter");
    EXPECT_EQ(schema::without_prefix("Sbank"), "bank");
    EXPECT_EQ(schema::without_prefix("bank"), "bank");
    EXPECT_EQ(schema::without_prefix("XKIND"), "");
}

TEST(ArticleData, PassagesComeBackByteForByteAndDamageIsCaught) {
    ArticleRecord record;
    record.title = "T";
    const std::vector<StoredPassage> passages{
        {std::string("any\0byte:\n 12:", 15), 7, 1, 4}, {"", 9, 105, 0}, {"last", 11, 205, 1}};
    const std::string data = article_data(record, passages);
    const std::vector<StoredPassage> back = stored_passages(data);
    ASSERT_EQ(back.size(), 3U);
    for (size_t i = 0; i < back.size(); ++i) {
        EXPECT_EQ(back[i].text, passages[i].text);
        EXPECT_EQ(back[i].line, passages[i].line);
        EXPECT_EQ(back[i].first_position, passages[i].first_position);
        EXPECT_EQ(back[i].words, passages[i].words);
    }
    EXPECT_EQ(ArticleRecord::parse(data).title, "T");
    EXPECT_THROW(stored_passages(data.substr(0, data.size() - 1)), std::runtime_error);
    EXPECT_THROW(stored_passages(data + "x"), std::runtime_error);
}

TEST(ArticleData, PackedDataUnpacksToTheSameBytesAndDamageIsCaught) {
    ArticleRecord record;
    record.title = "Chelsea sack Mutu";
    const std::string data =
        article_data(record, {{std::string(2000, 'a') + std::string("\0\xFF", 2), 3, 1, 1}, {"Mutu", 5, 102, 1}});
    const std::string packed = pack_article_data(data);
    EXPECT_LT(packed.size(), data.size() / 4);  // the run of a's compresses
    EXPECT_EQ(unpack_article_data(packed), data);
    EXPECT_EQ(unpack_article_data(pack_article_data("")), "");
    EXPECT_THROW(unpack_article_data(data), std::runtime_error);  // not packed
    EXPECT_THROW(unpack_article_data(packed.substr(0, packed.size() - 1)), std::runtime_error);
    std::string damaged = packed;
    damaged[damaged.size() / 2] = static_cast<char>(damaged[damaged.size() / 2] ^ 0x55);
    EXPECT_THROW(unpack_article_data(damaged), std::runtime_error);
}

}  // namespace
}  // namespace news
