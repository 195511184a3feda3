#include "formatting.h"

#include <wx/datetime.h>

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
