#include "model/outcomes.h"

#include <cstdio>

namespace nmdt {

std::string monthOf(Date date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()));
    return text;
}

bool isMonth(std::string_view text) {
    if (text.size() != 7 || text[4] != '-')
        return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u})
        if (text[i] < '0' || text[i] > '9')
            return false;
    const int month = (text[5] - '0') * 10 + (text[6] - '0');
    return month >= 1 && month <= 12;
}

std::string addMonths(const std::string& month, int months) {
    if (!isMonth(month))
        return month;
    const int year = std::stoi(month.substr(0, 4));
    const int index = year * 12 + std::stoi(month.substr(5, 2)) - 1 + months;
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", index / 12, index % 12 + 1);
    return text;
}

}  // namespace nmdt
