#include "text/news_date.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>

namespace news {
namespace {

// Dates are looked for in the first bytes of a text: a header line, a field,
// a meta tag's content.
constexpr size_t kSearchBytes = 200;
constexpr int kMaxOffsetHours = 14;  // UTC+14 (Kiribati) is the farthest zone

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_letter(c); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool same_letters(std::string_view word, std::string_view lower_name) {
    if (word.size() != lower_name.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
        if (lower(word[i]) != lower_name[i]) return false;
    }
    return true;
}

// A run of at most four digits as a number (callers check the length first).
int value(std::string_view digits) {
    int n = 0;
    for (const char c : digits.substr(0, 4)) n = n * 10 + (c - '0');
    return n;
}

}  // namespace

int month_from_name(std::string_view word) {
    static constexpr std::array<std::string_view, 12> kNames{
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    if (same_letters(word, "sept")) return 9;
    for (size_t i = 0; i < kNames.size(); ++i) {
        if (same_letters(word, kNames[i]) || same_letters(word, kNames[i].substr(0, 3))) {
            return static_cast<int>(i) + 1;
        }
    }
    return 0;
}

namespace {

bool valid_date(int year, int month, int day) {
    if (year < 1000 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
    static constexpr std::array<int, 12> kDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (day > kDays[static_cast<size_t>(month - 1)]) return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return !(month == 2 && day == 29 && !leap);
}

struct DateTime {
    int year = 0;
    int month = 0;
    int day = 0;
    bool has_time = false;
    int hour = 0;
    int minute = 0;
    int second = 0;
    bool has_zone = false;
    int offset_minutes = 0;  // east of UTC
};

// What a shape read at one place of the text: not that shape, a date that
// cannot be (the search stops there: never guessed), or a date.
enum class Found { kNothing, kImpossible, kDate };

class Scanner {
public:
    Scanner(std::string_view text, size_t at) : text_(text), at_(at) {}

    [[nodiscard]] size_t at() const { return at_; }
    void seek(size_t at) { at_ = at; }
    void advance(size_t count) { at_ = std::min(at_ + count, text_.size()); }
    [[nodiscard]] char peek(size_t ahead = 0) const {
        return at_ + ahead < text_.size() ? text_[at_ + ahead] : '\0';
    }
    bool take(char c) {
        if (peek() != c) return false;
        ++at_;
        return true;
    }
    // Spaces, tabs, line ends and U+00A0; how many bytes were skipped.
    size_t skip_blanks() {
        const size_t start = at_;
        while (true) {
            const char c = peek();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
                ++at_;
            } else if (c == '\xC2' && peek(1) == '\xA0') {
                at_ += 2;
            } else {
                return at_ - start;
            }
        }
    }
    std::string_view digits() { return run(is_digit); }
    std::string_view letters() { return run(is_letter); }

private:
    std::string_view run(bool (*accepts)(char)) {
        const size_t start = at_;
        while (at_ < text_.size() && accepts(text_[at_])) ++at_;
        return text_.substr(start, at_ - start);
    }

    std::string_view text_;
    size_t at_;
};

// "20th", "1st": the suffix after a day's number.
void skip_ordinal(Scanner& s) {
    const size_t start = s.at();
    const std::string_view word = s.letters();
    for (const std::string_view suffix : {"st", "nd", "rd", "th"}) {
        if (same_letters(word, suffix)) return;
    }
    s.seek(start);
}

// "am", "PM", "a.m.": 1 for am, 2 for pm, 0 (nothing read) for neither.
int read_meridiem(Scanner& s) {
    const char c = lower(s.peek());
    if (c != 'a' && c != 'p') return 0;
    size_t length = 1;
    const bool dotted = s.peek(1) == '.';
    if (dotted) ++length;
    if (lower(s.peek(length)) != 'm') return 0;
    ++length;
    if (dotted && s.peek(length) == '.') ++length;
    if (is_alnum(s.peek(length))) return 0;
    s.advance(length);
    return c == 'a' ? 1 : 2;
}

// h:mm, hh:mm:ss, hh:mm:ss.fff, 6:15pm, 6:15 p.m.  Anything shaped
// "digits:digit" is taken for a time, so a broken one (25:00, 605:12:19)
// makes the date impossible.
Found read_time(Scanner& s, DateTime& dt) {
    const size_t start = s.at();
    const std::string_view hours = s.digits();
    if (hours.empty() || s.peek() != ':' || !is_digit(s.peek(1))) {
        s.seek(start);
        return Found::kNothing;
    }
    s.take(':');
    const std::string_view minutes = s.digits();
    if (hours.size() > 2 || minutes.size() != 2) return Found::kImpossible;
    int second = 0;
    if (s.peek() == ':' && is_digit(s.peek(1))) {
        s.take(':');
        const std::string_view seconds = s.digits();
        if (seconds.size() != 2) return Found::kImpossible;
        second = value(seconds);
        if ((s.peek() == '.' || s.peek() == ',') && is_digit(s.peek(1))) {
            s.advance(1);
            s.digits();  // a fraction of a second: dropped
        }
    }
    int hour = value(hours);
    const size_t before_meridiem = s.at();
    s.skip_blanks();
    if (const int meridiem = read_meridiem(s); meridiem != 0) {
        if (hour < 1 || hour > 12) return Found::kImpossible;
        hour = hour % 12 + (meridiem == 2 ? 12 : 0);
    } else {
        s.seek(before_meridiem);
        if (hour > 23) return Found::kImpossible;
    }
    const int minute = value(minutes);
    if (minute > 59 || second > 59) return Found::kImpossible;
    dt.has_time = true;
    dt.hour = hour;
    dt.minute = minute;
    dt.second = second;
    return Found::kDate;
}

// +hh:mm, +hhmm, +hh (and +h after GMT or UTC, `short_hours`), the sign
// under the scanner.
Found read_offset(Scanner& s, DateTime& dt, int base_minutes, bool short_hours) {
    const size_t start = s.at();
    const int sign = s.peek() == '-' ? -1 : 1;
    s.advance(1);
    const std::string_view digits = s.digits();
    int hours = 0;
    int minutes = 0;
    if (digits.size() == 4) {
        hours = value(digits.substr(0, 2));
        minutes = value(digits.substr(2));
    } else if (digits.size() == 2 || (short_hours && digits.size() == 1)) {
        hours = value(digits);
        if (s.peek() == ':' && is_digit(s.peek(1))) {
            s.take(':');
            const std::string_view rest = s.digits();
            if (rest.size() != 2) return Found::kImpossible;
            minutes = value(rest);
        }
    } else {
        s.seek(start);
        return Found::kNothing;
    }
    if (hours > kMaxOffsetHours || minutes > 59) return Found::kImpossible;
    dt.has_zone = true;
    dt.offset_minutes = base_minutes + sign * (hours * 60 + minutes);
    return Found::kDate;
}

// A zone name's offset from UTC in minutes, or nothing for a name not read.
std::optional<int> zone_offset(std::string_view name) {
    struct Zone {
        std::string_view name;
        int hours;
    };
    static constexpr std::array<Zone, 17> kZones{{{"z", 0},     {"ut", 0},    {"utc", 0},   {"gmt", 0},
                                                  {"est", -5},  {"edt", -4},  {"cst", -6},  {"cdt", -5},
                                                  {"mst", -7},  {"mdt", -6},  {"pst", -8},  {"pdt", -7},
                                                  {"akst", -9}, {"akdt", -8}, {"hst", -10}, {"cet", 1},
                                                  {"cest", 2}}};
    for (const Zone& zone : kZones) {
        if (same_letters(name, zone.name)) return zone.hours * 60;
    }
    return std::nullopt;
}

// The zone after a time: attached (Z, +01:00) or after blanks (GMT, EDT,
// +0000).  kNothing leaves the scanner where it was.
Found read_zone(Scanner& s, DateTime& dt) {
    const size_t start = s.at();
    if ((s.peek() == 'Z' || s.peek() == 'z') && !is_alnum(s.peek(1))) {
        s.advance(1);
        dt.has_zone = true;
        dt.offset_minutes = 0;
        return Found::kDate;
    }
    if ((s.peek() == '+' || s.peek() == '-') && is_digit(s.peek(1))) return read_offset(s, dt, 0, false);
    s.skip_blanks();
    if ((s.peek() == '+' || s.peek() == '-') && is_digit(s.peek(1))) {
        const Found found = read_offset(s, dt, 0, false);
        if (found == Found::kNothing) s.seek(start);
        return found;
    }
    const std::string_view name = s.letters();
    const std::optional<int> offset = zone_offset(name);
    if (!offset || is_digit(s.peek())) {
        s.seek(start);
        return Found::kNothing;
    }
    dt.has_zone = true;
    dt.offset_minutes = *offset;
    // GMT+1, UTC-05:00
    if (*offset == 0 && (s.peek() == '+' || s.peek() == '-') && is_digit(s.peek(1))) {
        return read_offset(s, dt, 0, true) == Found::kImpossible ? Found::kImpossible : Found::kDate;
    }
    return Found::kDate;
}

// What may follow a date: a time ("T18:15", " 18:15", ", 6:15pm", " at
// 6:15 pm") and its zone.  A date without a time is a date.
Found read_time_and_zone(Scanner& s, DateTime& dt, bool iso) {
    const size_t start = s.at();
    if (iso && (s.peek() == 'T' || s.peek() == 't') && is_digit(s.peek(1))) {
        s.advance(1);
    } else {
        s.skip_blanks();
        if (s.take(',')) s.skip_blanks();
        if (lower(s.peek()) == 'a' && lower(s.peek(1)) == 't' && !is_alnum(s.peek(2))) {
            s.advance(2);
            s.skip_blanks();
        }
    }
    const Found time = read_time(s, dt);
    if (time == Found::kNothing) {
        s.seek(start);
        return Found::kDate;
    }
    if (time == Found::kImpossible) return Found::kImpossible;
    return read_zone(s, dt) == Found::kImpossible ? Found::kImpossible : Found::kDate;
}

Found set_date(DateTime& dt, int year, int month, int day) {
    if (!valid_date(year, month, day)) return Found::kImpossible;
    dt.year = year;
    dt.month = month;
    dt.day = day;
    return Found::kDate;
}

// 2006-10-20, 2006/10/20, then a time.
Found read_numeric_date(Scanner& s, DateTime& dt) {
    const std::string_view year = s.digits();
    const char separator = s.peek();
    if (year.size() != 4 || (separator != '-' && separator != '/')) return Found::kNothing;
    s.advance(1);
    const std::string_view month = s.digits();
    if (month.empty() || month.size() > 2 || !s.take(separator)) return Found::kNothing;
    const std::string_view day = s.digits();
    if (day.empty() || day.size() > 2) return Found::kNothing;
    if (set_date(dt, value(year), value(month), value(day)) == Found::kImpossible) return Found::kImpossible;
    return read_time_and_zone(s, dt, true);
}

// Oct 20, 2006 [time]; October 20th 2006; and the Unix date
// "Mon Jan 02 15:04:05 MST 2006" whose year comes after the time.
Found read_month_first(Scanner& s, DateTime& dt) {
    const int month = month_from_name(s.letters());
    if (month == 0) return Found::kNothing;
    s.take('.');
    if (s.skip_blanks() == 0) return Found::kNothing;
    const std::string_view day = s.digits();
    if (day.empty() || day.size() > 2) return Found::kNothing;
    skip_ordinal(s);
    if (is_alnum(s.peek())) return Found::kNothing;
    const size_t after_day = s.at();
    const bool comma = s.take(',');
    const size_t blanks = s.skip_blanks();
    const std::string_view year = s.digits();
    if (year.size() == 4 && !is_alnum(s.peek()) && (comma || blanks > 0)) {
        if (set_date(dt, value(year), month, value(day)) == Found::kImpossible) return Found::kImpossible;
        return read_time_and_zone(s, dt, false);
    }
    s.seek(after_day);
    if (s.skip_blanks() == 0) return Found::kNothing;
    const Found time = read_time(s, dt);
    if (time == Found::kNothing) return Found::kNothing;
    const Found zone = read_zone(s, dt);
    s.skip_blanks();
    const std::string_view late_year = s.digits();
    if (late_year.size() != 4 || is_alnum(s.peek())) return Found::kNothing;
    if (time == Found::kImpossible || zone == Found::kImpossible) return Found::kImpossible;
    return set_date(dt, value(late_year), month, value(day));
}

// 20 October 2006, 26-FEB-1987 15:01:01.79, 02 Jan 2006 15:04:05 GMT.
Found read_day_first(Scanner& s, DateTime& dt) {
    const std::string_view day = s.digits();
    if (day.empty() || day.size() > 2) return Found::kNothing;
    skip_ordinal(s);
    if (!s.take('-') && s.skip_blanks() == 0) return Found::kNothing;
    const int month = month_from_name(s.letters());
    if (month == 0) return Found::kNothing;
    s.take('.');
    bool separated = s.take('-');
    if (!separated) {
        separated = s.take(',');
        separated = s.skip_blanks() > 0 || separated;
    }
    const std::string_view year = s.digits();
    if (!separated || year.size() != 4 || is_alnum(s.peek())) return Found::kNothing;
    if (set_date(dt, value(year), month, value(day)) == Found::kImpossible) return Found::kImpossible;
    return read_time_and_zone(s, dt, false);
}

std::string format(const DateTime& dt) {
    std::array<char, 48> buffer{};
    int length = std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02d", dt.year, dt.month, dt.day);
    std::string out(buffer.data(), static_cast<size_t>(length));
    if (!dt.has_time) return out;
    length = std::snprintf(buffer.data(), buffer.size(), "T%02d:%02d:%02d", dt.hour, dt.minute, dt.second);
    out.append(buffer.data(), static_cast<size_t>(length));
    if (!dt.has_zone) return out;
    if (dt.offset_minutes == 0) return out + "Z";
    const int offset = std::abs(dt.offset_minutes);
    length = std::snprintf(buffer.data(), buffer.size(), "%c%02d:%02d", dt.offset_minutes < 0 ? '-' : '+',
                           offset / 60, offset % 60);
    out.append(buffer.data(), static_cast<size_t>(length));
    return out;
}

std::string_view trim(std::string_view s) {
    constexpr std::string_view kBlanks = " \t\r\n\f\v";
    s.remove_prefix(std::min(s.find_first_not_of(kBlanks), s.size()));
    while (!s.empty() && kBlanks.find(s.back()) != std::string_view::npos) s.remove_suffix(1);
    return s;
}

}  // namespace

std::optional<std::string> parse_news_date(std::string_view text) {
    text = text.substr(0, kSearchBytes);
    // 20061020 only when it is all the text: eight digits inside a longer
    // text (an id, a URL) are not taken for a date.
    if (const std::string_view whole = trim(text);
        whole.size() == 8 && whole.find_first_not_of("0123456789") == std::string_view::npos) {
        DateTime dt;
        if (set_date(dt, value(whole.substr(0, 4)), value(whole.substr(4, 2)), value(whole.substr(6, 2))) ==
            Found::kImpossible) {
            return std::nullopt;
        }
        return format(dt);
    }
    for (size_t i = 0; i < text.size(); ++i) {
        if (i > 0 && is_alnum(text[i - 1])) continue;  // only where a word starts
        DateTime dt;
        Found found = Found::kNothing;
        if (is_digit(text[i])) {
            Scanner numeric(text, i);
            found = read_numeric_date(numeric, dt);
            if (found == Found::kNothing) {
                dt = DateTime{};
                Scanner day_first(text, i);
                found = read_day_first(day_first, dt);
            }
        } else if (is_letter(text[i])) {
            Scanner month_first(text, i);
            found = read_month_first(month_first, dt);
        }
        if (found == Found::kImpossible) return std::nullopt;
        if (found == Found::kDate) return format(dt);
    }
    return std::nullopt;
}

std::string compact_date(std::string_view iso_date) {
    if (iso_date.size() < 10 || iso_date[4] != '-' || iso_date[7] != '-') return {};
    std::string out;
    static constexpr std::array<size_t, 8> kDigits{0, 1, 2, 3, 5, 6, 8, 9};
    for (const size_t i : kDigits) {
        if (!is_digit(iso_date[i])) return {};
        out.push_back(iso_date[i]);
    }
    return out;
}

long long days_from_civil(int year, int month, int day) {
    const long long y = year - (month <= 2 ? 1 : 0);
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const long long year_of_era = y - era * 400;
    const long long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const long long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

CivilDate civil_from_days(long long days) {
    days += 719468;
    const long long era = (days >= 0 ? days : days - 146096) / 146097;
    const long long day_of_era = days - era * 146097;
    const long long year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const long long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const long long mp = (5 * day_of_year + 2) / 153;
    const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
    return {year, month, day};
}

std::optional<long long> utc_seconds(std::string_view iso_date) {
    const std::string day = compact_date(iso_date);
    if (day.empty()) return std::nullopt;
    auto number = [](std::string_view digits) {
        int n = 0;
        for (const char c : digits) {
            if (!is_digit(c)) return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    };
    long long seconds =
        days_from_civil(number(day.substr(0, 4)), number(day.substr(4, 2)), number(day.substr(6, 2))) * 86400;
    std::string_view rest = iso_date.substr(10);
    if (rest.empty()) return seconds;
    // "THH:MM:SS" then nothing, "Z" or "+hh:mm"/"-hh:mm".
    if (rest.size() < 9 || rest[0] != 'T' || rest[3] != ':' || rest[6] != ':') return std::nullopt;
    const int hour = number(rest.substr(1, 2));
    const int minute = number(rest.substr(4, 2));
    const int second = number(rest.substr(7, 2));
    if (hour < 0 || minute < 0 || second < 0) return std::nullopt;
    seconds += hour * 3600LL + minute * 60LL + second;
    rest = rest.substr(9);
    if (rest.empty() || rest == "Z") return seconds;
    if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':') return std::nullopt;
    const int offset_hours = number(rest.substr(1, 2));
    const int offset_minutes = number(rest.substr(4, 2));
    if (offset_hours < 0 || offset_minutes < 0) return std::nullopt;
    const long long offset = offset_hours * 3600LL + offset_minutes * 60LL;
    // A local time east of UTC happened earlier in UTC.
    return rest[0] == '+' ? seconds - offset : seconds + offset;
}

}  // namespace news
