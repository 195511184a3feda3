#pragma once
// How dates and times are shown: the NHS display form "14-Mar-1948", local clock times.

#include <wx/datetime.h>
#include <wx/string.h>

#include <optional>

#include "model/calendar.h"

namespace nmdt::gui {

/// "14-Mar-1948"; empty for an unset date.
wxString formatDate(Date date);
/// "14 March 1948", for what residents read; empty for an unset date.
wxString formatLongDate(Date date);
/// Reads a typed date: "05-Oct-2025", "5 Oct 2025", "5 October 2025", "5/10/2025" (day
/// first, as in the UK) or "2025-10-05"; nullopt for anything else or no such day.
std::optional<Date> parseDisplayDate(const wxString& text);
/// "23-Nov-2026 09:00" in the computer's local time.
wxString formatDateTime(Timestamp when);
/// Between the model's dates and the date pickers'.
wxDateTime toWxDate(Date date);
Date fromWxDate(const wxDateTime& date);

}  // namespace nmdt::gui
