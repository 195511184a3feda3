#pragma once
// Working days in England: weekdays that are not bank holidays, so meetings are never
// scheduled on a Saturday or on Boxing Day.

#include <vector>

#include "model/calendar.h"

namespace nmdt {

/// England and Wales bank holidays in `year`, in date order: the regular ones with their
/// substitute days, and the one-off holidays proclaimed so far.
std::vector<Date> bankHolidays(int year);
/// Monday to Friday and not a bank holiday.
bool isWorkingDay(Date date);
/// `date` itself if it is a working day, else the first working day after it.
Date workingDayOnOrAfter(Date date);

}  // namespace nmdt
