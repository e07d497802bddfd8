#include "cli_support.h"

#include "errors.h"
#include "news_database.h"

#include <xapian.h>

#include <unistd.h>

#include <csignal>
#include <iostream>

namespace news::cli {

namespace po = boost::program_options;

po::options_description database_options(std::string& db_path) {
    po::options_description group("Database");
    group.add_options()("db", po::value<std::string>(&db_path)->default_value(default_database_path()),
                        "database folder (default: $NEWS_SEARCH_DB, else ./news.db)");
    return group;
}

void print_error(const char* tool, const std::string& message) {
    std::cerr << tool << ": " << message << std::endl;
}

bool is_terminal(int fd) { return ::isatty(fd) == 1; }

int run_tool(const char* tool, const std::function<int()>& body) {
    // A reader that goes away (`| head`) shows up as a failed write, not a
    // signal, so it can be told apart from real errors.
    std::signal(SIGPIPE, SIG_IGN);
    try {
        return body();
    } catch (const UserError& e) {
        print_error(tool, e.what());
    } catch (const po::error& e) {
        print_error(tool, std::string(e.what()) + " (see --help)");
    } catch (const Xapian::DatabaseLockError& e) {
        print_error(tool, "database is locked by another writer: " + e.get_msg());
    } catch (const Xapian::DatabaseCorruptError& e) {
        print_error(tool, "the database is damaged (" + e.get_msg() + "); rebuild it with news-index --force");
    } catch (const Xapian::DatabaseError& e) {
        // Met while reading, after the database opened: a truncated or
        // overwritten file, or an I/O error.
        const char* system_error = e.get_error_string();
        const std::string why = system_error != nullptr && *system_error != '\0'
                                    ? e.get_msg() + ": " + system_error
                                    : e.get_msg();
        print_error(tool, "cannot read the database (" + why + "); if it is damaged, rebuild it with news-index --force");
    } catch (const Xapian::Error& e) {
        print_error(tool, e.get_description());
    } catch (const std::bad_alloc&) {
        print_error(tool, "out of memory");
    } catch (const std::exception& e) {
        print_error(tool, e.what());
    }
    return kExitError;
}

}  // namespace news::cli
