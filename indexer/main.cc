// news-index: bring a news-search database up to date with folders of articles.
#include "cli/cli_support.h"
#include "formats/record_fields.h"
#include "index/indexer.h"
#include "index_progress.h"
#include "store/database_folder.h"
#include "store/errors.h"
#include "store/news_database.h"

#include <unistd.h>

#include <csignal>
#include <iostream>

namespace po = boost::program_options;

namespace {

// More threads than this only take memory: a fresh build hands each thread
// runs of 2,000 files.
constexpr unsigned kMaxThreads = 1024;
// Each shard is a database open for writing while news-index runs.
constexpr size_t kMaxShards = 256;
// A year: as good as waiting for ever, and the deadline stays far inside
// what the clock can count.
constexpr double kMaxLockTimeoutSeconds = 365.0 * 24 * 3600;

}  // namespace

int main(int argc, char** argv) {
    return news::cli::run_tool("news-index", [&] {
        news::IndexOptions options;
        std::string language;
        bool quiet = false;
        bool verbose = false;
        double lock_timeout = 30;
        size_t shards = 1;
        std::vector<std::string> fields;

        po::options_description general("Indexing");
        general.add_options()
            ("help,h", "show this help and exit")
            ("version", "show the version (and Xapian's) and exit")
            ("language", po::value<std::string>(&language),
             ("stemming language (default: the database's, else english), one of: " +
              news::cli::stemmer_language_list())
                 .c_str())
            ("force", po::bool_switch(&options.force), "rebuild the database from scratch")
            ("follow-symlinks", po::bool_switch(&options.follow_symlinks), "follow symbolic links inside folders")
            ("no-spelling", po::bool_switch(&options.no_spelling),
             "no did-you-mean data in a new or rebuilt database (a re-run keeps the database's choice)")
            ("threads", news::cli::whole_number("--threads", options.threads, 0U, kMaxThreads),
             "threads for building a new database (0: one per core)")
            ("lock-timeout", news::cli::seconds("--lock-timeout", lock_timeout, kMaxLockTimeoutSeconds),
             "seconds to wait while another news-index writes the database (0: do not wait)")
            ("field", po::value<std::vector<std::string>>(&fields)->composing()->value_name("FIELD=NAME,..."),
             ("what JSON and CSV dumps call our fields, e.g. title=head,text=story (fields: " +
              news::record_field_list() + ")").c_str())
            ("shards", news::cli::whole_number("--shards", shards, size_t{1}, kMaxShards),
             "build a new database (or rebuild one with --force) as N shards searched as one")
            ("add-shard", po::value<std::string>(&options.add_shard)->value_name("PATH"),
             "add the news-search database at PATH to the database's shards")
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
                      << visible
                      << "\nFormats (docs/formats.md), chosen by extension, else by the first bytes:\n"
                         "  plain text      .txt .text, or none (the Reuters files)\n"
                         "  web pages       .html .htm .xhtml: the article only, with its metadata\n"
                         "  dumps           .jsonl .ndjson .json .csv .tsv: one article per record (--field)\n"
                         "  newswire SGML   .sgm (Reuters-21578): one article per <REUTERS> record\n"
                         "  web archives    .warc .warc.gz: each HTML response\n"
                         "  archives        .tar .tar.gz .tgz .tar.xz .tar.zst .tar.bz2 .zip, and\n"
                         "                  .gz .xz .zst .bz2 files: read in place, nested, never extracted\n"
                         "\nExit status: 0 all indexed, 1 some inputs skipped, 2 error.\n";
            return news::cli::kExitSuccess;
        }
        if (vm.contains("version")) {
            std::cout << news::cli::version_text("news-index");
            return news::cli::kExitSuccess;
        }
        if (quiet && verbose) throw po::error("--quiet and --verbose exclude each other");
        if (vm.contains("language")) options.language = language;
        // Not given: the database stays as it is (a new one: one database).
        if (!vm["shards"].defaulted()) options.shards = shards;
        for (const std::string& field : fields) {
            news::FieldNamesParse parsed = news::parse_field_names(field);
            if (!parsed.error.empty()) throw po::error("--field: " + parsed.error);
            options.readers.field_names.insert(options.readers.field_names.end(), parsed.field_names.begin(),
                                               parsed.field_names.end());
        }
        options.db_path = news::database_folder::without_trailing_slashes(options.db_path);
        options.lock_wait.seconds = lock_timeout;
        options.lock_wait.on_wait = [](const std::string& message) { news::cli::print_error("news-index", message); };
        // Past a file size limit (ulimit -f) a write should fail with EFBIG
        // and be reported, not kill the process.
        std::signal(SIGXFSZ, SIG_IGN);

        // A commit is atomic: a failed write drops the batch in progress,
        // and what earlier batches committed stays.
        const std::string after_write_failure = "; it keeps what was committed before, and a re-run finishes the job";
        news::cli::report_write_failures_on_terminate("news-index", options.db_path, after_write_failure,
                                                      news::database_folder::scratch_path(options.db_path));

        news::IndexReporter reporter(std::cerr, quiet, verbose, news::cli::is_terminal(STDERR_FILENO));
        news::IndexSummary summary;
        try {
            summary = news::run_indexer(options, reporter);
        } catch (const Xapian::DatabaseCorruptError& e) {
            throw news::UserError("database '" + options.db_path + "' is damaged: " + e.get_msg() +
                                  "; rebuild it with news-index --force");
        } catch (const Xapian::DatabaseError& e) {
            throw news::writer_error(options.db_path, e, after_write_failure);
        }
        reporter.print_summary(summary, options.db_path);
        return summary.counts.skipped > 0 ? news::cli::kExitNoMatchOrSkipped : news::cli::kExitSuccess;
    });
}
