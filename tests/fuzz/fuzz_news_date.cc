// Date parsing on any text: never throws; a date it returns is a real
// calendar day in YYYY-MM-DD form, and compact_date turns it into YYYYMMDD.
#include "fuzz_support.h"
#include "text/news_date.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace news;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::optional<std::string> date = parse_news_date(text);
    if (!date) return 0;
    fuzz::require(date->size() == 10 && (*date)[4] == '-' && (*date)[7] == '-', "not YYYY-MM-DD");
    const int year = std::stoi(date->substr(0, 4));
    const int month = std::stoi(date->substr(5, 2));
    const int day = std::stoi(date->substr(8, 2));
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    fuzz::require(month >= 1 && month <= 12, "month out of range");
    fuzz::require(day >= 1 && day <= kDays[month - 1], "day out of range");
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    fuzz::require(!(month == 2 && day == 29 && !leap), "29 February of a common year");
    fuzz::require(compact_date(*date) == date->substr(0, 4) + date->substr(5, 2) + date->substr(8, 2),
                  "compact_date disagrees");
    return 0;
}
