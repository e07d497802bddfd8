#include "cli/cli_support.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace news::cli {
namespace {

namespace po = boost::program_options;

std::string refusal(const std::string& option, const std::string& text, uint64_t min, uint64_t max) {
    try {
        checked_whole_number(option, text, min, max);
    } catch (const po::error& e) {
        return e.what();
    }
    return "accepted";
}

TEST(CheckedWholeNumber, AcceptsTheRangeInclusive) {
    EXPECT_EQ(checked_whole_number("--count", "1", 1, 4294967295), 1U);
    EXPECT_EQ(checked_whole_number("--count", "4294967295", 1, 4294967295), 4294967295U);
    EXPECT_EQ(checked_whole_number("--offset", "0", 0, 10), 0U);
}

TEST(CheckedWholeNumber, RefusesWhatWouldWrapOrBeCutWithTheOptionAndItsRange) {
    // Regression: "-1" wrapped round to the largest size_t (-n -1 showed
    // everything) and 4294967296 was cut to 0 on its way to 32 bits.
    EXPECT_EQ(refusal("--count", "-1", 1, 4294967295),
              "--count takes a whole number from 1 to 4294967295, not '-1'");
    EXPECT_EQ(refusal("--count", "4294967296", 1, 4294967295),
              "--count takes a whole number from 1 to 4294967295, not '4294967296'");
    EXPECT_EQ(refusal("--threads", "99999999999999999999999", 0, 1024),
              "--threads takes a whole number from 0 to 1024, not '99999999999999999999999'");
    for (const std::string text : {"", "0", "2.5", "+3", " 3", "3 ", "1e3", "lots", "0x10"}) {
        EXPECT_NE(refusal("--per-article", text, 1, 10), "accepted") << "'" << text << "'";
    }
}

TEST(CheckedWholeNumber, AMessageStaysOneShortLine) {
    const std::string message = refusal("--count", std::string(5000, '9') + "\n\x1b[2J", 1, 10);
    EXPECT_LT(message.size(), 150U);
    EXPECT_EQ(message.find('\n'), std::string::npos);
    EXPECT_EQ(message.find('\x1b'), std::string::npos);
}

TEST(CheckedSeconds, AcceptsFractionsUpToTheLimit) {
    EXPECT_DOUBLE_EQ(checked_seconds("--lock-timeout", "0", 100), 0.0);
    EXPECT_DOUBLE_EQ(checked_seconds("--lock-timeout", "0.25", 100), 0.25);
    EXPECT_DOUBLE_EQ(checked_seconds("--lock-timeout", "100", 100), 100.0);
}

TEST(CheckedSeconds, RefusesInfinityNanNegativeAndHugeValues) {
    // Regression: "inf" or anything from 9.3e9 overflowed the deadline, so
    // news-index gave up at once instead of waiting.
    for (const std::string text : {"inf", "nan", "-1", "1e10", "101", "", "soon", "1s"}) {
        try {
            checked_seconds("--lock-timeout", text, 100);
            ADD_FAILURE() << "accepted '" << text << "'";
        } catch (const po::error& e) {
            EXPECT_EQ(std::string(e.what()),
                      "--lock-timeout takes a number of seconds from 0 to 100, not '" + text + "'");
        }
    }
}

}  // namespace
}  // namespace news::cli
