#include "schema.h"

#include "document_builder.h"
#include "test_support.h"

#include <gtest/gtest.h>

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

TEST(DocumentBuilder, WritesTheSchemaForArticlesAndPassages) {
    const Analyzer analyzer(AnalysisSettings{});
    DocumentBuilder builder(analyzer);
    Article article = test::make_article("/n/sport/1.txt", "Chelsea sack Mutu",
                                         {std::string(100, 'x') + " Mutu failed a drugs test.",
                                          std::string(100, 'y') + " Chelsea decided."},
                                         "sport");
    article.author = "Jane Doe";
    article.date = "2004-10-29";
    const FileStamp stamp{"/n/sport/1.txt", 42, 7, "00ff"};
    ArticleDocuments documents = builder.build(article, stamp);
    Xapian::WritableDatabase db = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    store_article(db, documents, 5);

    const Xapian::Document& catalogue = documents.article;
    EXPECT_TRUE(has_term(catalogue, "XKINDarticle"));
    EXPECT_TRUE(has_term(catalogue, "Q/n/sport/1.txt"));
    EXPECT_TRUE(has_term(catalogue, "XHASH00ff"));
    EXPECT_TRUE(has_term(catalogue, "XSECTIONsport"));
    // Every word of the article under its own prefix, counted once, title
    // words boosted once (not once per passage), and no positions.
    EXPECT_TRUE(has_term(catalogue, "XWdrug"));
    EXPECT_TRUE(has_term(catalogue, "XWdecid"));
    EXPECT_FALSE(has_term(catalogue, "drug"));
    EXPECT_EQ(wdf_of(catalogue, "XWdrug"), 1U);
    EXPECT_EQ(wdf_of(catalogue, "XWmutu"), schema::kTitleWdfBoost + 1);
    EXPECT_EQ(wdf_of(catalogue, "Smutu"), schema::kTitleWdfBoost);
    EXPECT_EQ(wdf_of(catalogue, "Ajane"), 1U);
    EXPECT_EQ(catalogue.termlist_begin().positionlist_count(), 0U);
    EXPECT_EQ(catalogue.get_value(schema::kSlotPath), "/n/sport/1.txt");
    EXPECT_EQ(catalogue.get_value(schema::kSlotMtime), "42");
    EXPECT_EQ(catalogue.get_value(schema::kSlotDate), "20041029");
    EXPECT_EQ(catalogue.get_value(schema::kSlotArticleId), "5");

    ASSERT_EQ(documents.passages.size(), 2U);
    const Xapian::Document& first = documents.passages[0];
    EXPECT_TRUE(has_term(first, "XKINDpassage"));
    EXPECT_TRUE(has_term(first, "XP5"));
    EXPECT_TRUE(has_term(catalogue, "XA5"));
    EXPECT_TRUE(has_term(first, "drug"));
    EXPECT_FALSE(has_term(first, "decid"));
    EXPECT_EQ(wdf_of(first, "Smutu"), schema::kTitleWdfBoost);
    EXPECT_TRUE(has_term(first, "Ajane"));
    EXPECT_TRUE(has_term(first, "XSECTIONsport"));
    EXPECT_EQ(first.get_value(schema::kSlotArticleId), "5");
    EXPECT_EQ(Xapian::sortable_unserialise(first.get_value(schema::kSlotLine)), 3.0);
    EXPECT_EQ(first.get_data(), article.paragraphs[0].text);
}

}  // namespace
}  // namespace news
