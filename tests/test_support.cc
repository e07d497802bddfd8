#include "test_support.h"

#include "index/document_builder.h"
#include "store/schema.h"
#include "text/content_hash.h"

#include <fstream>
#include <random>
#include <sstream>

namespace news::test {

ScratchDir::ScratchDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() / ("news-search-test-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
}

ScratchDir::~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path ScratchDir::write(const std::string& relative, const std::string& bytes) const {
    const std::filesystem::path file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << bytes;
    return file;
}

Article make_article(const std::string& path, const std::string& title, const std::vector<std::string>& paragraphs,
                     const std::string& section) {
    Article article;
    article.path = path;
    article.title = title;
    article.title_line = 1;
    article.section = section;
    unsigned line = 3;
    for (const std::string& text : paragraphs) {
        Paragraph paragraph;
        paragraph.text = text;
        paragraph.line_starts.emplace_back(0, line);
        article.paragraphs.push_back(paragraph);
        line += 2;
    }
    return article;
}

std::vector<Article> opec_and_market_articles(int market_reports) {
    std::vector<Article> articles;
    for (int i = 0; i < 10; ++i) {
        articles.push_back(make_article("/c/opec" + std::to_string(i) + ".txt", "Opec output",
                                        {"Opec raised oil output; crude barrel prices fell on day " + std::to_string(i) + "."}));
    }
    for (int i = 0; i < market_reports; ++i) {
        articles.push_back(make_article("/c/market" + std::to_string(i) + ".txt", "Market report",
                                        {"Shares and bonds moved while oil was quiet in market report " + std::to_string(i) + "."}));
    }
    return articles;
}

ReadableIndex make_index(const std::vector<Article>& articles, const AnalysisSettings& settings) {
    Xapian::WritableDatabase db = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    db.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
    db.set_metadata(std::string(schema::kMetaAnalysis), settings.serialise());
    const Analyzer analyzer(settings);
    DocumentBuilder builder(analyzer);
    schema::ArticleKey key = 0;
    for (const Article& article : articles) {
        const FileStamp stamp{article.path, 1, 1, content_hash(article.path)};
        ArticleDocument built = builder.build(article, stamp);
        store_article(db, built, ++key);
    }
    db.commit();
    return {db, settings, {}};
}

std::string read_text_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

Xapian::doccount spelling_frequency(const Xapian::Database& db, const std::string& word) {
    Xapian::TermIterator it = db.spellings_begin();
    it.skip_to(word);
    return it != db.spellings_end() && *it == word ? it.get_termfreq() : 0;
}

}  // namespace news::test
