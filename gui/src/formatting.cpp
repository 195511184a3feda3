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

wxString formatDateTime(Timestamp when) {
    wxDateTime local(static_cast<wxLongLong>(toMillis(when)));
    Date day{std::chrono::year{local.GetYear()},
             std::chrono::month{static_cast<unsigned>(local.GetMonth()) + 1},
             std::chrono::day{local.GetDay()}};
    return formatDate(day) + local.Format(" %H:%M");
}

}  // namespace nmdt::gui
