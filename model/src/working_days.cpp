#include "model/working_days.h"

#include <algorithm>

namespace nmdt {

namespace {
using namespace std::chrono;

Date ymd(int y, unsigned m, unsigned d) {
    return Date{year{y}, month{m}, day{d}};
}

weekday weekdayOf(Date d) {
    return weekday{sys_days{d}};
}

/// Easter Sunday (the anonymous Gregorian computus).
Date easterSunday(int y) {
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25;
    int g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
    int n = h + l - 7 * m + 114;
    return ymd(y, static_cast<unsigned>(n / 31), static_cast<unsigned>(n % 31 + 1));
}

Date firstMonday(int y, unsigned m) {
    return Date{sys_days{year_month_weekday{year{y}, month{m}, Monday[1]}}};
}
Date lastMonday(int y, unsigned m) {
    return Date{sys_days{year_month_weekday_last{year{y}, month{m}, Monday[last]}}};
}

/// Holidays proclaimed for one year only, and regular ones moved for that year.
struct OneOff {
    Date date;
    Date replaces;  // the regular holiday it moved, or unset if it is an extra day
};
const OneOff kOneOffs[] = {
    {ymd(2020, 5, 8), ymd(2020, 5, 4)},   // VE Day 75: early May holiday moved
    {ymd(2022, 6, 2), ymd(2022, 5, 30)},  // Platinum Jubilee: spring holiday moved
    {ymd(2022, 6, 3), {}},                // Platinum Jubilee
    {ymd(2022, 9, 19), {}},               // State funeral of Queen Elizabeth II
    {ymd(2023, 5, 8), {}},                // Coronation of King Charles III
};
}  // namespace

std::vector<Date> bankHolidays(int y) {
    std::vector<Date> out;
    // New Year's Day, or the Monday after when it falls at a weekend.
    Date newYear = ymd(y, 1, 1);
    if (weekdayOf(newYear) == Saturday)
        newYear = addDays(newYear, 2);
    else if (weekdayOf(newYear) == Sunday)
        newYear = addDays(newYear, 1);
    out.push_back(newYear);
    Date easter = easterSunday(y);
    out.push_back(addDays(easter, -2));  // Good Friday
    out.push_back(addDays(easter, 1));   // Easter Monday
    out.push_back(firstMonday(y, 5));    // early May
    out.push_back(lastMonday(y, 5));     // spring
    out.push_back(lastMonday(y, 8));     // summer
    // Christmas and Boxing Day, each moved to the next free weekday when at a weekend.
    Date christmas = ymd(y, 12, 25), boxing = ymd(y, 12, 26);
    auto wc = weekdayOf(christmas);
    if (wc == Friday) {
        out.push_back(christmas);
        out.push_back(addDays(boxing, 2));  // Saturday -> Monday 28th
    } else if (wc == Saturday) {
        out.push_back(addDays(christmas, 2));  // Monday 27th
        out.push_back(addDays(boxing, 2));     // Tuesday 28th
    } else if (wc == Sunday) {
        out.push_back(addDays(christmas, 2));  // Tuesday 27th
        out.push_back(boxing);                 // Monday 26th
    } else {
        out.push_back(christmas);
        out.push_back(boxing);
    }
    for (const auto& o : kOneOffs) {
        if (static_cast<int>(o.date.year()) != y)
            continue;
        if (o.replaces.ok())
            std::erase(out, o.replaces);
        out.push_back(o.date);
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool isWorkingDay(Date date) {
    auto wd = weekdayOf(date);
    if (wd == Saturday || wd == Sunday)
        return false;
    auto holidays = bankHolidays(static_cast<int>(date.year()));
    return std::find(holidays.begin(), holidays.end(), date) == holidays.end();
}

Date workingDayOnOrAfter(Date date) {
    while (!isWorkingDay(date))
        date = addDays(date, 1);
    return date;
}

}  // namespace nmdt
