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
    if (results.stories && *results.stories < results.matching) {
        line += std::string(" in ") + (results.stories_exact ? "" : "about ") + std::to_string(*results.stories) +
                (*results.stories == 1 ? " story" : " stories");
    }
    if (results.matching_some > results.matching) {
        line += " (" + std::to_string(results.matching_some) + " with some of the words)";
    }
    size_t copies = 0;
    for (const news::SearchHit& hit : results.hits) copies += hit.copies_total;
    if (copies > 0) line += ", " + std::to_string(copies) + " listed under a result with the same text";
    size_t similar = 0;
    for (const news::SearchHit& hit : results.hits) similar += hit.similar_total;
    if (similar > 0) line += ", " + std::to_string(similar) + " under a version of their story";
    char timing[32];
    std::snprintf(timing, sizeof timing, ", %.1f ms", results.seconds * 1000);
    return line + timing;
}

// "--timeline month" takes month as the period, but "--timeline euro" is
// --timeline=auto and the query word euro: Boost would take any word after
// an option whose value may be left out as its value.
std::vector<std::string> with_timeline_period(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--") break;
        if (args[i] != "--timeline") continue;
        if (i + 1 < args.size() && news::is_timeline_period(args[i + 1])) {
            args[i] += "=" + args[i + 1];
            args.erase(args.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        } else {
            args[i] += "=auto";
        }
    }
    return args;
}

}  // namespace

int main(int argc, char** argv) {
    return news::cli::run_tool("news-query", [&] {
        std::string db_path;
        std::string colour;
        std::vector<std::string> words;
        news::SearchOptions options;
        bool json = false;
        bool no_fold = false;

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
            ("like", po::value<std::string>(&options.like)->value_name("ARTICLE"),
             "the articles most like this one (PATH, PATH:LINE or ARCHIVE//MEMBER as shown)")
            ("no-fold", po::bool_switch(&no_fold),
             "list every copy of a text and every version of a story as a hit of its own")
            ("json", po::bool_switch(&json), "JSON Lines output (docs/output.md)")
            ("color", po::value<std::string>(&colour)->default_value("auto"), "auto, always or never")
            ("explain", po::bool_switch(&options.explain),
             "say how the query was read (stems, stopwords, tiers, feedback words) and what each word added to "
             "each hit's score");
        std::string since;
        std::string until;
        std::string sort = "relevance";
        std::string facets;
        std::string timeline;
        po::options_description counts("Dates, order and counts");
        counts.add_options()
            ("since", po::value<std::string>(&since)->value_name("DATE"),
             "only articles of DATE or later: YYYY, YYYY-MM, YYYY-MM-DD, today, yesterday, or Nd, Nw, Nm, Ny "
             "(days, weeks, months, years before today, in UTC)")
            ("until", po::value<std::string>(&until)->value_name("DATE"),
             "only articles of DATE or earlier (YYYY and YYYY-MM: up to their last day)")
            ("sort", po::value<std::string>(&sort)->value_name("ORDER")->default_value(sort),
             "relevance, newest or oldest (ties by relevance; undated articles last)")
            ("facets", po::value<std::string>(&facets)->value_name("FIELDS"),
             "after the hits, count every matching article by source, section, author, lang, year, month, day "
             "(comma-separated)")
            ("timeline", po::value<std::string>(&timeline)->value_name("PERIOD")->implicit_value("auto"),
             "after the hits, a chart of matching articles per PERIOD: auto (the default: from the span), day, "
             "week, month or year")
            ("count-only", po::bool_switch(&options.count_only),
             "no hits: the count, and the facets, timeline and top words asked for")
            ("top-words", news::cli::whole_number("--top-words", options.top_words, size_t{0}, size_t{1000}),
             "the N words that most set the best matches apart from the rest");
        po::options_description hidden;
        hidden.add_options()("query", po::value<std::vector<std::string>>(&words));
        po::options_description visible;
        visible.add(news::cli::database_options(db_path)).add(general).add(counts);
        po::options_description all;
        all.add(visible).add(hidden);
        po::positional_options_description positional;
        positional.add("query", -1);

        po::variables_map vm;
        try {
            po::store(po::command_line_parser(with_timeline_period(argc, argv)).options(all).positional(positional).run(),
                      vm);
        } catch (const po::unknown_option& e) {
            throw po::error(std::string(e.what()) + "; to search for a word starting with '-', put -- before the query");
        }
        po::notify(vm);
        if (vm.contains("help")) {
            std::cout << "Usage: news-query [OPTIONS] QUERY...\n"
                         "Rank the passages of the database for QUERY: words, \"phrases\", AND/OR/NOT,\n"
                         "+word/-word, NEAR, wildcards (terror*), the fields title:, author: and\n"
                         "source: (words of the field), the exact filters section: and lang:, and\n"
                         "date: (date:2015, date:2015-11-13, date:2010-03..2010-06, date:..2008-12-31,\n"
                         "date:2012.., date:7d..: the forms --since takes).  An article's date is the\n"
                         "day its source wrote, in the source's own zone.\n\n"
                      << visible << "\nExit status: 0 results, 1 no results, 2 error.\n";
            return news::cli::kExitSuccess;
        }
        if (vm.contains("version")) {
            std::cout << news::cli::version_text("news-query");
            return news::cli::kExitSuccess;
        }
        const long long today = news::today_utc();
        if (!since.empty()) {
            options.dates.first_day = news::parse_date_bound(since, news::RangeEnd::kFirst, today, "--since");
        }
        if (!until.empty()) {
            options.dates.last_day = news::parse_date_bound(until, news::RangeEnd::kLast, today, "--until");
        }
        news::check_not_empty(options.dates, "--since " + since + " --until " + until);
        options.today = today;
        options.sort = news::parse_sort_order(sort);
        options.fold = !no_fold;
        if (vm.contains("facets")) options.facets = news::parse_facet_fields(facets);
        if (vm.contains("timeline")) options.timeline = news::parse_timeline_period(timeline);
        options.query = join(words);
        if (options.query.find_first_not_of(" \t\r\n") == std::string::npos && !options.dates.bounded() &&
            options.like.empty()) {
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
                 : news::make_text_printer(std::cout, {colour_on, news::absolute_path("."),
                                                       news::cli::terminal_columns(STDOUT_FILENO), &std::cerr});
        printer->start(results);
        if (results.spelling) printer->print_spelling(*results.spelling);
        for (const news::SearchHit& hit : results.hits) {
            printer->print_hit(hit);
            if (!std::cout.flush()) return news::cli::kExitSuccess;  // reader went away
        }
        // --count-only counts articles, with --all-passages too.
        if (options.count_only && !json) std::cout << count_line(results, false) << '\n';
        printer->finish(results);
        std::cout.flush();
        if (!options.count_only) std::cerr << "news-query: " << count_line(results, options.all_passages) << std::endl;
        const bool found = options.count_only ? results.matching > 0 : !results.hits.empty();
        return found ? news::cli::kExitSuccess : news::cli::kExitNoMatchOrSkipped;
    });
}
