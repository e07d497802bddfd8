#include "cli/cli_support.h"

#include "cli/build_info.h"

#include "output/terminal_text.h"
#include "store/errors.h"
#include "store/news_database.h"

#include <xapian.h>

#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <vector>

namespace news::cli {

namespace po = boost::program_options;

po::options_description database_options(std::string& db_path) {
    po::options_description group("Database");
    group.add_options()("db", po::value<std::string>(&db_path)->default_value(default_database_path()),
                        "database folder (default: $NEWS_SEARCH_DB, else ./news.db)");
    return group;
}

namespace {

// The value as the user typed it, made safe for one line of message.
std::string quoted_value(const std::string& text) {
    constexpr size_t kShownBytes = 40;
    std::string shown;
    for (const char c : text.substr(0, kShownBytes)) {
        shown.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c);
    }
    return "'" + shown + (text.size() > kShownBytes ? "...'" : "'");
}

}  // namespace

uint64_t checked_whole_number(const std::string& option, const std::string& text, uint64_t min, uint64_t max) {
    uint64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || stop != end || value < min || value > max) {
        throw po::error(option + " takes a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                        ", not " + quoted_value(text));
    }
    return value;
}

double checked_seconds(const std::string& option, const std::string& text, double max) {
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    // !(a <= b) also refuses NaN; from_chars reads "inf" as a number.
    if (text.empty() || error != std::errc() || stop != end || !(value >= 0 && value <= max)) {
        char limit[32];
        std::snprintf(limit, sizeof limit, "%.0f", max);
        throw po::error(option + " takes a number of seconds from 0 to " + limit + ", not " + quoted_value(text));
    }
    return value;
}

po::typed_value<std::string>* seconds(const std::string& option, double& target, double max) {
    char shown_default[32];
    std::snprintf(shown_default, sizeof shown_default, "%g", target);
    return po::value<std::string>()
        ->default_value(shown_default)
        ->value_name("SECONDS")
        ->notifier([option, &target, max](const std::string& text) { target = checked_seconds(option, text, max); });
}

namespace {

struct TerminateReport {
    const char* tool = nullptr;
    std::string db_path;
    std::string advice;
    std::string scratch_path;
    std::terminate_handler previous = nullptr;
};

TerminateReport& terminate_report() {
    static TerminateReport report;
    return report;
}

// The line for the write failure that is ending the process, if it is one.
// `error_number` is errno as std::terminate was called.
std::optional<std::string> write_failure_in_flight(const TerminateReport& report, int error_number) {
    if (const std::exception_ptr caught = std::current_exception()) {
        // Thrown out of a function that may not throw, with no handler
        // further up: the C++ runtime marks it caught as it calls
        // std::terminate.
        try {
            std::rethrow_exception(caught);
        } catch (const Xapian::DatabaseError& e) {
            if (failed_system_call(e)) return write_failure_message(report.db_path, e);
        } catch (...) {
        }
    }
    // An exception thrown and never caught, and no current exception: a
    // handler further up was found (the worker's catch, run_tool's), the
    // stack unwound to a function that may not throw, and its cleanup called
    // std::terminate without marking the exception caught, as GCC before 14
    // compiles it (GCC bugs 97720, 55918); the exception cannot be seen here.
    // Xapian 1.4 does that on a full disk: Glass::ValueUpdater's destructor
    // writes the last value chunk of a commit (GlassValueManager::
    // merge_changes) and throws DatabaseError (ENOSPC) out of it, and the
    // default handler says "terminate called without an active exception".
    // errno still tells the failed write: Xapian threw right after it, and
    // nothing on the way here (allocating the exception, unwinding, freeing
    // strings) sets errno unless it fails.
    if (std::uncaught_exceptions() > 0 && is_write_failure_errno(error_number)) {
        return write_failure_message(report.db_path, error_number);
    }
    return std::nullopt;
}

[[noreturn]] void report_write_failure_and_exit() {
    const int error_number = errno;  // before anything below changes it
    // Re-entered on this thread (the handler itself failed): end plainly.
    thread_local bool handling = false;
    if (handling) std::abort();
    handling = true;
    // Each worker of a parallel build writes its own segment, so two can
    // fail at once: one reports and ends the process, a second waits for
    // that (one line, not two).
    static std::atomic_flag reporting = ATOMIC_FLAG_INIT;
    if (reporting.test_and_set()) {
        for (;;) ::pause();
    }
    const TerminateReport& report = terminate_report();
    if (const std::optional<std::string> failure = write_failure_in_flight(report, error_number)) {
        const std::string line = std::string(report.tool) + ": " + terminal_safe(*failure) + report.advice + "\n";
        // Other threads may still run: write once and leave at once.
        // Files they still hold open vanish with the process.
        [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, line.data(), line.size());
        if (!report.scratch_path.empty()) {
            std::error_code ignored;
            std::filesystem::remove_all(report.scratch_path, ignored);
        }
        std::_Exit(kExitError);
    }
    if (report.previous != nullptr) report.previous();
    std::abort();
}

}  // namespace

void report_write_failures_on_terminate(const char* tool, const std::string& db_path, const std::string& advice,
                                        const std::string& scratch_path) {
    TerminateReport& report = terminate_report();
    report.tool = tool;
    report.db_path = db_path;
    report.advice = advice;
    report.scratch_path = scratch_path;
    report.previous = std::set_terminate(report_write_failure_and_exit);
}

void print_error(const char* tool, const std::string& message) {
    // Messages carry paths and query words the user may not have typed.
    std::cerr << tool << ": " << terminal_safe(message) << std::endl;
}

std::string version_text(const char* tool) {
    std::string text = std::string(tool) + " " + build_info::kVersion;
    if (*build_info::kGitDescribe != '\0') text += std::string(" (git ") + build_info::kGitDescribe + ")";
    return text + "\nXapian " + Xapian::version_string() + "\n";
}

std::string stemmer_language_list() {
    std::istringstream names(Xapian::Stem::get_available_languages());
    std::vector<std::string> languages{std::istream_iterator<std::string>(names), {}};
    std::string list;
    for (size_t i = 0; i < languages.size(); ++i) {
        if (i > 0) list += i + 1 == languages.size() ? " or " : ", ";
        list += languages[i];
    }
    return list;
}

bool is_terminal(int fd) { return ::isatty(fd) == 1; }

size_t terminal_columns(int fd) {
    constexpr size_t kDefaultColumns = 80;
    winsize size{};
    if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    if (const char* columns = std::getenv("COLUMNS"); columns != nullptr) {
        const long value = std::strtol(columns, nullptr, 10);
        if (value > 0 && value < 10000) return static_cast<size_t>(value);
    }
    return kDefaultColumns;
}

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
    } catch (const Xapian::DatabaseModifiedError&) {
        // Still there after every reopen: no writer commits that often, a
        // block newer than the database's revision is damage.  Xapian's own
        // words advise a programmer to reopen: done already.
        print_error(tool, "the database is damaged (a block is newer than the database itself, still after "
                          "reopening it); rebuild it with news-index --force");
    } catch (const Xapian::FeatureUnavailableError& e) {
        // Glass reads a missing table file as a database built without it.
        print_error(tool, "the database is damaged: one of its files is missing (" + e.get_msg() +
                              "); rebuild it with news-index --force");
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
