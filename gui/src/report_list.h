#pragma once
// A report's table in a list control: its columns (the first left-aligned, numbers to the
// right), its rows, and column widths that fit the headers.

#include <wx/string.h>

#include <functional>

#include "model/report_service.h"

class wxListCtrl;

namespace nmdt::gui {

/// Replaces what `list` shows with `table`. `firstCell`, when given, words each row's first
/// cell (a group's code as the window says it); otherwise the table's text is shown.
void showReportTable(wxListCtrl* list, const ReportTable& table, int firstColumnWidth,
                     const std::function<wxString(std::size_t row)>& firstCell = {});

}  // namespace nmdt::gui
