// Prints what the HTML reader takes from each page given, one JSON object a
// line (bench/extraction compares it with Readability's expected output):
//   news-html-extract PAGE...            the articles, as JSON Lines
//   news-html-extract --time N PAGE...   only reads every page N times and
//                                        prints pages/s (the reader's speed)
#include "formats/html_reader.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    int repeats = 0;
    if (args.size() >= 2 && args[0] == "--time") {
        repeats = std::stoi(args[1]);
        args.erase(args.begin(), args.begin() + 2);
    }
    const news::HtmlReader reader;
    if (repeats > 0) {
        std::vector<std::string> pages;
        for (const std::string& path : args) pages.push_back(slurp(path));
        size_t articles = 0;
        const auto start = std::chrono::steady_clock::now();
        for (int r = 0; r < repeats; ++r) {
            for (size_t i = 0; i < pages.size(); ++i) articles += reader.read_all(args[i], pages[i]).articles.size();
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::cout << nlohmann::json{{"pages", pages.size() * static_cast<size_t>(repeats)},
                                    {"articles", articles},
                                    {"seconds", seconds},
                                    {"pages_per_second", static_cast<double>(pages.size()) * repeats / seconds}}
                  << "\n";
        return 0;
    }
    for (const std::string& path : args) {
        const news::ReadResult result = reader.read_all(path, slurp(path));
        nlohmann::json line{{"path", path}};
        for (const news::ReadProblem& problem : result.problems) line["problems"].push_back(problem.where + ": " + problem.reason);
        for (const news::Article& article : result.articles) {
            line["title"] = article.title;
            line["title_line"] = article.title_line;
            line["author"] = article.author;
            line["date"] = article.date;
            line["source"] = article.source;
            line["section"] = article.section;
            line["url"] = article.url;
            line["language"] = article.language;
            nlohmann::json paragraphs = nlohmann::json::array();
            for (const news::Paragraph& p : article.paragraphs) paragraphs.push_back({{"line", p.first_line()}, {"text", p.text}});
            line["paragraphs"] = paragraphs;
        }
        std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
    return 0;
}
