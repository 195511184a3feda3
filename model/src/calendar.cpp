#include "model/calendar.h"

#include <cstdio>

namespace nmdt {

namespace {
bool parseDigits(std::string_view s, int& out) {
    out = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
        out = out * 10 + (c - '0');
    }
    return !s.empty();
}
}  // namespace

std::optional<Date> parseIsoDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    int y = 0, m = 0, d = 0;
    if (!parseDigits(text.substr(0, 4), y) || !parseDigits(text.substr(5, 2), m) ||
        !parseDigits(text.substr(8, 2), d))
        return std::nullopt;
    Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
              std::chrono::day{static_cast<unsigned>(d)}};
    if (!date.ok())
        return std::nullopt;
    return date;
}

std::string toIsoDate(Date date) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buf;
}

Date addDays(Date date, int days) {
    return Date{std::chrono::sys_days(date) + std::chrono::days(days)};
}

int daysBetween(Date from, Date to) {
    return static_cast<int>((std::chrono::sys_days(to) - std::chrono::sys_days(from)).count());
}

std::int64_t toMillis(Timestamp t) {
    return t.time_since_epoch().count();
}
Timestamp fromMillis(std::int64_t ms) {
    return Timestamp(std::chrono::milliseconds(ms));
}

Date dateOf(Timestamp t) {
    return Date{std::chrono::floor<std::chrono::days>(t)};
}

std::string toIsoTimestamp(Timestamp t) {
    auto day = std::chrono::floor<std::chrono::days>(t);
    std::chrono::hh_mm_ss<std::chrono::milliseconds> hms(t - day);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", toIsoDate(Date{day}).c_str(),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

Timestamp SystemClock::now() const {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}

}  // namespace nmdt
