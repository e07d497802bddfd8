// The folding rule (text/story_sketch.h) on the 283 pairs of real articles
// labelled by reading them (bench/folding/pairs.tsv): the Reuters financial
// set and the ISOT samples from the shared corpora, read by our own readers
// as news-index reads them.  Issue 19's target: precision >= 0.95 at
// recall >= 0.8.
#include "formats/archive_reader.h"
#include "formats/csv_reader.h"
#include "text/news_date.h"
#include "text/story_sketch.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace news {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

std::string body_of(const Article& article) {
    std::string body;
    for (const Paragraph& paragraph : article.paragraphs) {
        if (!body.empty()) body += '\n';
        body += paragraph.text;
    }
    return body;
}

struct LabelledPair {
    std::string a, b;
    bool same = false;
};

std::vector<LabelledPair> read_pairs() {
    std::ifstream in(std::string(NEWS_SOURCE_DIR) + "/bench/folding/pairs.tsv");
    std::vector<LabelledPair> pairs;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::vector<std::string> columns;
        std::stringstream fields(line);
        for (std::string column; std::getline(fields, column, '\t');) columns.push_back(column);
        if (columns.size() < 3) continue;
        pairs.push_back({columns[0], columns[1], columns[2] == "same"});
    }
    return pairs;
}

// Keeps the articles the pairs name, as "20070618/us-ici-..." (a Reuters
// member under the set's root folder) or "isot-true-sample.csv:343".
class WantedArticles final : public ReadSink {
public:
    WantedArticles(const std::set<std::string>& wanted, std::string prefix) : wanted_(wanted), prefix_(std::move(prefix)) {}
    void article(Article article) override {
        std::string key = article.record;
        if (const size_t slash = key.find('/'); prefix_.empty() && slash != std::string::npos) key = key.substr(slash + 1);
        key = prefix_ + key;
        if (wanted_.contains(key)) found[key] = std::move(article);
    }
    void problem(ReadProblem) override {}
    std::map<std::string, Article> found;

private:
    const std::set<std::string>& wanted_;
    std::string prefix_;
};

TEST(StoryFolding, RealPairsLabelledByReadingThemFoldAtTheIssuesTarget) {
    const fs::path corpora = fs::path(NEWS_SOURCE_DIR).parent_path() / "shared" / "corpora";
    if (!fs::exists(corpora / "reuters-financial-106k.tar.xz")) {
        GTEST_SKIP() << "no shared corpora beside the checkout (" << corpora << ")";
    }
    const std::vector<LabelledPair> pairs = read_pairs();
    ASSERT_GE(pairs.size(), 200U);
    std::set<std::string> wanted;
    for (const LabelledPair& pair : pairs) wanted.insert({pair.a, pair.b});

    std::map<std::string, Article> articles;
    {
        const std::string bytes = slurp(corpora / "reuters-financial-106k.tar.xz");
        WantedArticles sink(wanted, "");
        ExpansionBudget budget(bytes.size());
        ArchiveReader("archive").read_container("/reuters-financial-106k.tar.xz", bytes, {}, sink, budget);
        articles.merge(sink.found);
    }
    for (const std::string name : {"isot-true-sample.csv", "isot-fake-sample.csv"}) {
        WantedArticles sink(wanted, name + ":");
        CsvReader().read(name, slurp(corpora / "dumps" / name), {}, sink);
        articles.merge(sink.found);
    }

    size_t true_folds = 0, false_folds = 0, missed = 0;
    for (const LabelledPair& pair : pairs) {
        ASSERT_TRUE(articles.contains(pair.a)) << pair.a << " not found in the shared corpora";
        ASSERT_TRUE(articles.contains(pair.b)) << pair.b << " not found in the shared corpora";
        const Article& a = articles.at(pair.a);
        const Article& b = articles.at(pair.b);
        const std::optional<StorySketch> sketch_a = sketch_story(body_of(a));
        const std::optional<StorySketch> sketch_b = sketch_story(body_of(b));
        const bool folded = sketch_a && sketch_b &&
                            same_story({*sketch_a, utc_seconds(a.date)}, {*sketch_b, utc_seconds(b.date)});
        if (folded && pair.same) ++true_folds;
        if (folded && !pair.same) ++false_folds;
        if (!folded && pair.same) ++missed;
    }
    const double precision = static_cast<double>(true_folds) / static_cast<double>(true_folds + false_folds);
    const double recall = static_cast<double>(true_folds) / static_cast<double>(true_folds + missed);
    std::cout << "folding on " << pairs.size() << " labelled pairs: " << true_folds << " right folds, "
              << false_folds << " wrong folds, " << missed << " missed; precision " << precision << ", recall "
              << recall << "\n";
    EXPECT_GE(precision, 0.95);
    EXPECT_GE(recall, 0.8);
}

}  // namespace
}  // namespace news
