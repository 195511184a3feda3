#include "formatting.h"

#include <wx/datetime.h>

#include <string>
#include <vector>

#include "wx_text.h"

namespace nmdt::gui {

wxString formatDate(Date date) {
    // Month names are fixed English abbreviations, as in the NHS display standard, not
    // the locale's, so printouts read the same on every desktop.
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (!date.ok())
        return {};
    return wxString::Format("%02u-%s-%04d", static_cast<unsigned>(date.day()),
                            months[static_cast<unsigned>(date.month()) - 1],
                            static_cast<int>(date.year()));
}

wxString formatLongDate(Date date) {
    if (!date.ok())
        return {};
    return wxString::Format("%u %s %04d", static_cast<unsigned>(date.day()),
                            wxDateTime::GetEnglishMonthName(static_cast<wxDateTime::Month>(
                                static_cast<unsigned>(date.month()) - 1)),
                            static_cast<int>(date.year()));
}

std::optional<Date> parseDisplayDate(const wxString& typed) {
    static const char* months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                   "jul", "aug", "sep", "oct", "nov", "dec"};
    std::string text = fromWx(typed.Strip(wxString::both).Lower());
    if (auto iso = parseIsoDate(text))
        return iso;
    // Split into day, month and year at spaces, '-', '/' or '.'.
    std::vector<std::string> parts(1);
    for (char c : text) {
        if (c == ' ' || c == '-' || c == '/' || c == '.') {
            if (!parts.back().empty())
                parts.emplace_back();
        } else {
            parts.back() += c;
        }
    }
    if (parts.size() != 3)
        return std::nullopt;
    auto number = [](const std::string& s) -> int {
        if (s.empty() || s.size() > 4 || s.find_first_not_of("0123456789") != std::string::npos)
            return -1;
        return std::stoi(s);
    };
    int day = number(parts[0]), year = number(parts[2]), month = number(parts[1]);
    if (month < 0) {
        for (int m = 0; m < 12; ++m)
            if (parts[1].size() >= 3 && std::string(months[m]).starts_with(parts[1].substr(0, 3)) &&
                (parts[1].size() == 3 ||
                 wxDateTime::GetEnglishMonthName(static_cast<wxDateTime::Month>(m))
                     .Lower()
                     .StartsWith(wxString::FromUTF8(parts[1]))))
                month = m + 1;
    }
    // Four-digit years only: "5/10/25" could be 1925 or 2025.
    if (day < 1 || month < 1 || month > 12 || parts[2].size() != 4)
        return std::nullopt;
    Date date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
              std::chrono::day{static_cast<unsigned>(day)}};
    return date.ok() ? std::optional(date) : std::nullopt;
}

wxDateTime toWxDate(Date date) {
    return wxDateTime(static_cast<wxDateTime::wxDateTime_t>(static_cast<unsigned>(date.day())),
                      static_cast<wxDateTime::Month>(static_cast<unsigned>(date.month()) - 1),
                      static_cast<int>(date.year()));
}

Date fromWxDate(const wxDateTime& d) {
    return Date{std::chrono::year{d.GetYear()},
                std::chrono::month{static_cast<unsigned>(d.GetMonth()) + 1},
                std::chrono::day{d.GetDay()}};
}

wxString formatDateTime(Timestamp when) {
    wxDateTime local(static_cast<wxLongLong>(toMillis(when)));
    return formatDate(fromWxDate(local)) + local.Format(" %H:%M");
}

}  // namespace nmdt::gui
