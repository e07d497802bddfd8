// news-index: bring a news-search database up to date with folders of articles.
#include "cli_support.h"
#include "index_progress.h"
#include "indexer.h"

#include <unistd.h>

#include <iostream>

namespace po = boost::program_options;

int main(int argc, char** argv) {
    return news::cli::run_tool("news-index", [&] {
        news::IndexOptions options;
        std::string language;
        bool quiet = false;
        bool verbose = false;

        po::options_description general("Indexing");
        general.add_options()
            ("help,h", "show this help and exit")
            ("language", po::value<std::string>(&language),
             "stemming language, any Xapian stemmer (default: the database's, else english)")
            ("force", po::bool_switch(&options.force), "rebuild the database from scratch")
            ("follow-symlinks", po::bool_switch(&options.follow_symlinks), "follow symbolic links inside folders")
            ("quiet,q", po::bool_switch(&quiet), "print only problems")
            ("verbose,v", po::bool_switch(&verbose), "name every file added, changed or removed");
        po::options_description hidden;
        hidden.add_options()("input", po::value<std::vector<std::string>>(&options.inputs));
        po::options_description visible;
        visible.add(news::cli::database_options(options.db_path)).add(general);
        po::options_description all;
        all.add(visible).add(hidden);
        po::positional_options_description positional;
        positional.add("input", -1);

        po::variables_map vm;
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
        po::notify(vm);
        if (vm.contains("help")) {
            std::cout << "Usage: news-index [OPTIONS] PATH...\n"
                         "Index the articles in the files and folders PATH into a database;\n"
                         "a re-run indexes only what changed and removes what is gone.\n\n"
                      << visible << "\nExit status: 0 all indexed, 1 some inputs skipped, 2 error.\n";
            return news::cli::kExitSuccess;
        }
        if (quiet && verbose) throw po::error("--quiet and --verbose exclude each other");
        if (vm.contains("language")) options.language = language;

        news::IndexReporter reporter(std::cerr, quiet, verbose, news::cli::is_terminal(STDERR_FILENO));
        const news::IndexSummary summary = news::run_indexer(options, reporter);
        reporter.print_summary(summary, options.db_path);
        return summary.counts.skipped > 0 ? news::cli::kExitNoMatchOrSkipped : news::cli::kExitSuccess;
    });
}
