// news-index's terminate handler (report_write_failures_on_terminate): a
// write failure that ends the process through std::terminate is reported as
// the usual one line with exit status 2, in both ways the C++ runtime gets
// there; anything else keeps the default abort.
#include "cli/cli_support.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <exception>
#include <string>
#include <thread>
#include <vector>

namespace news {
namespace {

const char* const kAdvice = "; it keeps what was committed before, and a re-run finishes the job";

void report_write_failures() { cli::report_write_failures_on_terminate("news-index", "news.db", kAdvice); }

// A write fails (errno set, DatabaseError thrown) and, while the exception
// unwinds towards its handler, a cleanup calls std::terminate without the
// exception being caught: what GCC before 14 compiles for Xapian's
// Glass::ValueUpdater destructor throwing inside GlassValueManager::
// merge_changes.  std::current_exception() is empty in the handler.  (The
// cleanup terminates only while unwinding: were it always to, GCC would
// drop the unreachable catch, no handler would be found, and the runtime
// would call std::terminate with the exception caught.)
void fail_a_write_under_a_cleanup_that_terminates(int error_number) {
    struct TerminatesWhileUnwinding {
        ~TerminatesWhileUnwinding() {
            if (std::uncaught_exceptions() > 0) std::terminate();
        }
    };
    try {
        const TerminatesWhileUnwinding cleanup;
        errno = error_number;
        throw Xapian::DatabaseError("Error writing block 7", error_number);
    } catch (...) {
    }
}

// Out of line, so the noexcept caller below has no cleanup of its own: the
// runtime then calls std::terminate with the exception caught.
[[gnu::noinline]] void throw_write_failure() { throw Xapian::DatabaseError("Error writing block 7", ENOSPC); }
void fail_a_write_in_a_function_that_may_not_throw() noexcept { throw_write_failure(); }

TEST(TerminateHandlerDeathTest, AWriteFailureCaughtOnItsWayToTerminateIsTheUsualLine) {
    EXPECT_EXIT(
        {
            report_write_failures();
            fail_a_write_in_a_function_that_may_not_throw();
        },
        testing::ExitedWithCode(cli::kExitError),
        "^news-index: cannot write database 'news.db': No space left on device \\(Error writing block 7\\); it keeps");
}

TEST(TerminateHandlerDeathTest, AWriteFailureTerminatingWithoutACurrentExceptionIsTheUsualLine) {
    EXPECT_EXIT(
        {
            report_write_failures();
            fail_a_write_under_a_cleanup_that_terminates(ENOSPC);
        },
        testing::ExitedWithCode(cli::kExitError),
        "^news-index: cannot write database 'news.db': No space left on device; it keeps what was committed before");
}

TEST(TerminateHandlerDeathTest, AFileSizeLimitIsAWriteFailureToo) {
    EXPECT_EXIT(
        {
            report_write_failures();
            fail_a_write_under_a_cleanup_that_terminates(EFBIG);
        },
        testing::ExitedWithCode(cli::kExitError), "^news-index: cannot write database 'news.db': File too large; ");
}

TEST(TerminateHandlerDeathTest, AnExceptionInFlightWithoutAWriteErrorKeepsTheDefault) {
    EXPECT_EXIT(
        {
            report_write_failures();
            fail_a_write_under_a_cleanup_that_terminates(EINVAL);
        },
        testing::KilledBySignal(SIGABRT), "terminate called without an active exception");
}

TEST(TerminateHandlerDeathTest, TerminateWithNoExceptionAtAllKeepsTheDefault) {
    // A joinable std::thread destroyed, say: errno may hold anything.
    EXPECT_EXIT(
        {
            report_write_failures();
            errno = ENOSPC;
            std::terminate();
        },
        testing::KilledBySignal(SIGABRT), "terminate called without an active exception");
}

TEST(TerminateHandlerDeathTest, TwoThreadsFailingAtOnceGiveOneLine) {
    EXPECT_EXIT(
        {
            report_write_failures();
            std::atomic<int> ready{0};
            std::vector<std::thread> threads;
            for (int i = 0; i < 2; ++i) {
                threads.emplace_back([&ready] {
                    ++ready;
                    while (ready < 2) {
                    }
                    fail_a_write_under_a_cleanup_that_terminates(ENOSPC);
                });
            }
            for (std::thread& thread : threads) thread.join();
        },
        // The whole of stderr: one line.
        testing::ExitedWithCode(cli::kExitError), "^news-index: [^\n]*No space left on device[^\n]*\n$");
}

}  // namespace
}  // namespace news
