// Date parsing on any text: never throws; a date it returns is a real
// calendar day in one of the three ISO 8601 forms (YYYY-MM-DD, then
// THH:MM:SS, then Z or +hh:mm) with a real time and offset, it reads back
// unchanged, and compact_date turns it into YYYYMMDD.
#include "fuzz_support.h"
#include "text/news_date.h"

#include <cstdint>
#include <string>

namespace {

bool digits_at(const std::string& s, size_t at, size_t count) {
    for (size_t i = at; i < at + count; ++i) {
        if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    }
    return true;
}

int number_at(const std::string& s, size_t at, size_t count) { return std::stoi(s.substr(at, count)); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace news;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::optional<std::string> date = parse_news_date(text);
    if (!date) return 0;
    const std::string& d = *date;
    fuzz::require(d.size() == 10 || d.size() == 19 || d.size() == 20 || d.size() == 25, "not an ISO 8601 form");
    fuzz::require(digits_at(d, 0, 4) && d[4] == '-' && digits_at(d, 5, 2) && d[7] == '-' && digits_at(d, 8, 2),
                  "not YYYY-MM-DD");
    const int year = number_at(d, 0, 4);
    const int month = number_at(d, 5, 2);
    const int day = number_at(d, 8, 2);
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    fuzz::require(month >= 1 && month <= 12, "month out of range");
    fuzz::require(day >= 1 && day <= kDays[month - 1], "day out of range");
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    fuzz::require(!(month == 2 && day == 29 && !leap), "29 February of a common year");
    if (d.size() > 10) {
        fuzz::require(d[10] == 'T' && digits_at(d, 11, 2) && d[13] == ':' && digits_at(d, 14, 2) && d[16] == ':' &&
                          digits_at(d, 17, 2),
                      "not THH:MM:SS");
        fuzz::require(number_at(d, 11, 2) <= 23 && number_at(d, 14, 2) <= 59 && number_at(d, 17, 2) <= 59,
                      "time out of range");
    }
    if (d.size() == 20) fuzz::require(d[19] == 'Z', "a one-letter zone that is not Z");
    if (d.size() == 25) {
        fuzz::require((d[19] == '+' || d[19] == '-') && digits_at(d, 20, 2) && d[22] == ':' && digits_at(d, 23, 2),
                      "not +hh:mm");
        fuzz::require(number_at(d, 20, 2) <= 14 && number_at(d, 23, 2) <= 59, "offset out of range");
        fuzz::require(d.substr(20) != "00:00", "a zero offset not written Z");
    }
    fuzz::require(parse_news_date(d) == d, "the date does not read back unchanged");
    fuzz::require(compact_date(d) == d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2), "compact_date disagrees");
    return 0;
}
