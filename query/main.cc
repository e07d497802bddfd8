// news-query: rank the passages of a news-search database for a query.
#include "cli/cli_support.h"
#include "formats/file_walker.h"
#include "output/result_printer.h"
#include "output/terminal_text.h"
#include "search/searcher.h"
#include "store/errors.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace po = boost::program_options;

namespace {

bool want_colour(const std::string& mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    if (mode != "auto") throw po::error("--color takes auto, always or never, not '" + mode + "'");
    const char* no_colour = std::getenv("NO_COLOR");
    return news::cli::is_terminal(STDOUT_FILENO) && (no_colour == nullptr || *no_colour == '\0');
}

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& word : words) out += (out.empty() ? "" : " ") + word;
    return out;
}

std::string count_line(const news::SearchResults& results, bool passages) {
    const char* unit = passages ? "passage" : "article";
    std::string line = (results.counts_exact ? "" : "about ") + std::to_string(results.matching) + " matching " +
                       unit + (results.matching == 1 ? "" : "s");
    if (results.matching_some > results.matching) {
        line += " (" + std::to_string(results.matching_some) + " with some of the words)";
    }
    size_t copies = 0;
    for (const news::SearchHit& hit : results.hits) copies += hit.copies_total;
    if (copies > 0) line += ", " + std::to_string(copies) + " listed under a result with the same text";
    char timing[32];
    std::snprintf(timing, sizeof timing, ", %.1f ms", results.seconds * 1000);
    return line + timing;
}

}  // namespace

int main(int argc, char** argv) {
    return news::cli::run_tool("news-query", [&] {
        std::string db_path;
        std::string colour;
        std::vector<std::string> words;
        news::SearchOptions options;
        bool json = false;

        po::options_description general("Query");
        general.add_options()
            ("help,h", "show this help and exit")
            ("version", "show the version (and Xapian's) and exit")
            ("count,n", news::cli::whole_number("--count", options.count, size_t{1}, news::kMaxResults),
             "how many results")
            ("offset", news::cli::whole_number("--offset", options.offset, size_t{0}, news::kMaxResults),
             "skip this many results first")
            ("per-article",
             news::cli::whole_number("--per-article", options.per_article, size_t{1}, news::kMaxResults),
             "passages shown for each article")
            ("all-passages", po::bool_switch(&options.all_passages), "rank passages alone, not by article")
            ("any", po::bool_switch(&options.any), "rank by any of the words, not all first")
            ("json", po::bool_switch(&json), "JSON Lines output (docs/output.md)")
            ("color", po::value<std::string>(&colour)->default_value("auto"), "auto, always or never");
        po::options_description hidden;
        hidden.add_options()("query", po::value<std::vector<std::string>>(&words));
        po::options_description visible;
        visible.add(news::cli::database_options(db_path)).add(general);
        po::options_description all;
        all.add(visible).add(hidden);
        po::positional_options_description positional;
        positional.add("query", -1);

        po::variables_map vm;
        try {
            po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
        } catch (const po::unknown_option& e) {
            throw po::error(std::string(e.what()) + "; to search for a word starting with '-', put -- before the query");
        }
        po::notify(vm);
        if (vm.contains("help")) {
            std::cout << "Usage: news-query [OPTIONS] QUERY...\n"
                         "Rank the passages of the database for QUERY: words, \"phrases\", AND/OR/NOT,\n"
                         "+word/-word, NEAR, wildcards (terror*) and the fields title:, author:,\n"
                         "source: and section:.\n\n"
                      << visible << "\nExit status: 0 results, 1 no results, 2 error.\n";
            return news::cli::kExitSuccess;
        }
        if (vm.contains("version")) {
            std::cout << news::cli::version_text("news-query");
            return news::cli::kExitSuccess;
        }
        options.query = join(words);
        if (options.query.find_first_not_of(" \t\r\n") == std::string::npos) {
            throw news::UserError("no query given (try: news-query --help)");
        }
        const bool colour_on = want_colour(colour);

        news::Searcher searcher(news::open_readable_index(db_path));
        const news::SearchResults results = searcher.search(options);
        for (const std::string& note : results.notes) {
            std::cerr << "news-query: note: " << news::terminal_safe(note) << '\n';
        }

        std::unique_ptr<news::ResultPrinter> printer =
            json ? news::make_json_printer(std::cout)
                 : news::make_text_printer(std::cout, {colour_on, news::absolute_path(".")});
        for (const news::SearchHit& hit : results.hits) {
            printer->print_hit(hit);
            if (!std::cout.flush()) return news::cli::kExitSuccess;  // reader went away
        }
        printer->finish(results);
        std::cout.flush();
        std::cerr << "news-query: " << count_line(results, options.all_passages) << std::endl;
        return results.hits.empty() ? news::cli::kExitNoMatchOrSkipped : news::cli::kExitSuccess;
    });
}
