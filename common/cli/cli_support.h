// What both command-line tools share: option groups, and turning every
// failure into one line on stderr and exit code 2.
#pragma once

#include <boost/program_options.hpp>

#include <concepts>
#include <cstdint>
#include <functional>
#include <string>

namespace news::cli {

inline constexpr int kExitSuccess = 0;
inline constexpr int kExitNoMatchOrSkipped = 1;
inline constexpr int kExitError = 2;

// --db PATH, defaulting to $NEWS_SEARCH_DB or ./news.db.
boost::program_options::options_description database_options(std::string& db_path);

// Numeric options are read as text and checked against their range when
// po::notify runs: "-1", "4294967296", "2.5", "inf" or "lots" are refused with
// one line naming the option and what it takes ("--count takes a whole
// number from 1 to 4294967295, not '-1'"), never wrapped round or cut to fit
// the variable.  `target` holds the default and receives the value.
uint64_t checked_whole_number(const std::string& option, const std::string& text, uint64_t min, uint64_t max);
double checked_seconds(const std::string& option, const std::string& text, double max);

template <std::unsigned_integral Number>
boost::program_options::typed_value<std::string>* whole_number(const std::string& option, Number& target,
                                                                Number min, Number max) {
    return boost::program_options::value<std::string>()
        ->default_value(std::to_string(target))
        ->value_name("N")
        ->notifier([option, &target, min, max](const std::string& text) {
            target = static_cast<Number>(checked_whole_number(option, text, min, max));
        });
}

// Seconds from 0 to `max`, fractions allowed.
boost::program_options::typed_value<std::string>* seconds(const std::string& option, double& target, double max);

// Runs `body`, printing "TOOL: message" for any exception and returning 2.
// A closed standard output (`| head`) ends the run quietly with `body`'s
// intended status 0.
int run_tool(const char* tool, const std::function<int()>& body);

// Xapian 1.4 can end the process from inside a failed commit (an exception
// escapes a function that may not throw, so std::terminate runs) when the
// disk fills.  Past this call, such an end prints the one-line write failure
// naming `db_path`, followed by `advice`, and exits with kExitError, as a
// caught failure would: whether the runtime hands over the exception (a
// Xapian::DatabaseError from a failed system call) or not (GCC before 14
// does not where that function has cleanups; then an exception still in
// flight and errno from a failed write, ENOSPC, EDQUOT, EFBIG, EROFS or EIO,
// tell it).  Any other std::terminate keeps the default.  Threads failing at
// once give one line.  A commit is atomic, so the database still holds its
// last commit.  Before it
// exits it removes `scratch_path` (if not empty), the temporary files a
// failed run would otherwise leave on a disk that is likely full.
void report_write_failures_on_terminate(const char* tool, const std::string& db_path, const std::string& advice,
                                        const std::string& scratch_path = {});

// What --version prints: "TOOL VERSION (git DESCRIBE)" (the commit only in
// a build from a git checkout) and the Xapian library's version, one per
// line.  The version is the root CMakeLists.txt's project(VERSION).
std::string version_text(const char* tool);

// Xapian's stemmer languages as a list for people and for the shell
// completion (completion/), which reads it from --help:
// "armenian, basque, ... or yiddish".
std::string stemmer_language_list();

// Writes "TOOL: message" to stderr, the message escaped for the terminal
// (terminal_text.h).
void print_error(const char* tool, const std::string& message);

// Whether a file descriptor is a terminal.
bool is_terminal(int fd);

// The width of the terminal `fd` is, else $COLUMNS, else 80.
size_t terminal_columns(int fd);

}  // namespace news::cli
