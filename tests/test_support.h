// Helpers shared by the unit tests: scratch folders and small in-memory
// indexes built through the same code news-index uses.
#pragma once

#include "formats/article.h"
#include "store/news_database.h"
#include "text/analysis.h"

#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

namespace news::test {

// A fresh folder under the system temp dir, removed with everything in it.
class ScratchDir {
public:
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    // Writes `bytes` to path()/relative, making folders as needed.
    std::filesystem::path write(const std::string& relative, const std::string& bytes) const;

private:
    std::filesystem::path path_;
};

// An article from a title and paragraphs; line numbers as if the file had
// the title on line 1 and a blank line between paragraphs.
Article make_article(const std::string& path, const std::string& title, const std::vector<std::string>& paragraphs,
                     const std::string& section = "");

// Enough oil stories for pseudo-relevance feedback to run on "oil": 10 of
// OPEC output (opec, crude, barrel: the words feedback finds) and
// `market_reports` market reports that mention oil in passing.
std::vector<Article> opec_and_market_articles(int market_reports);

// An in-memory index holding `articles`, written as news-index writes them.
ReadableIndex make_index(const std::vector<Article>& articles, const AnalysisSettings& settings = {});

std::string read_text_file(const std::filesystem::path& path);

// How many articles the database's spelling data says hold `word` (0: none).
Xapian::doccount spelling_frequency(const Xapian::Database& db, const std::string& word);

}  // namespace news::test
