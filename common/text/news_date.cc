#include "text/news_date.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <regex>

namespace news {
namespace {

int month_number(std::string name) {
    static constexpr std::array<const char*, 12> kMonths{
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    if (name.size() < 3) return 0;
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (size_t i = 0; i < kMonths.size(); ++i) {
        if (name.compare(0, 3, kMonths[i]) == 0) return static_cast<int>(i) + 1;
    }
    return 0;
}

bool valid_date(int year, int month, int day) {
    if (year < 1000 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
    static constexpr std::array<int, 12> kDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (day > kDays[static_cast<size_t>(month - 1)]) return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return !(month == 2 && day == 29 && !leap);
}

std::optional<std::string> format(int year, int month, int day) {
    if (!valid_date(year, month, day)) return std::nullopt;
    std::array<char, 40> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02d", year, month, day);
    return std::string(buffer.data());
}

}  // namespace

std::optional<std::string> parse_news_date(std::string_view text) {
    const std::string s(text.substr(0, 200));
    std::smatch m;
    static const std::regex iso(R"((\d{4})-(\d{2})-(\d{2}))");
    static const std::regex month_day_year(R"(\b([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})\b)");
    static const std::regex day_month_year(R"(\b(\d{1,2})[ -]([A-Za-z]{3,9})[ ,-]+(\d{4})\b)");
    static const std::regex compact(R"(^(\d{4})(\d{2})(\d{2})$)");
    if (std::regex_search(s, m, iso)) {
        return format(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]));
    }
    if (std::regex_search(s, m, month_day_year)) {
        if (const int month = month_number(m[1]); month != 0) {
            return format(std::stoi(m[3]), month, std::stoi(m[2]));
        }
    }
    if (std::regex_search(s, m, day_month_year)) {
        if (const int month = month_number(m[2]); month != 0) {
            return format(std::stoi(m[3]), month, std::stoi(m[1]));
        }
    }
    if (std::regex_search(s, m, compact)) {
        return format(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]));
    }
    return std::nullopt;
}

std::string compact_date(std::string_view iso_date) {
    std::string out;
    for (const char c : iso_date) {
        if (c != '-') out.push_back(c);
    }
    return out;
}

}  // namespace news
