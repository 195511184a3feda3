#pragma once
// A report's table in a list control: its columns (the first left-aligned, numbers to the
// right), its rows, and column widths that fit the headers.

#include <wx/string.h>

#include <functional>
#include <string>

#include "model/report_service.h"

class wxListCtrl;
class wxWindow;

namespace nmdt::gui {

/// Replaces what `list` shows with `table`. `firstCell`, when given, words each row's first
/// cell (a group's code as the window says it); otherwise the table's text is shown.
void showReportTable(wxListCtrl* list, const ReportTable& table, int firstColumnWidth,
                     const std::function<wxString(std::size_t row)>& firstCell = {});

/// Asks where to save a table as CSV (offering `fileStem`.csv) and saves it with `save`,
/// saying in a message box why it could not; nothing when the person cancels.
void saveTableAsCsv(wxWindow* parent, const wxString& title, const std::string& fileStem,
                    const std::function<bool(const std::string& path, wxString& problem)>& save);

}  // namespace nmdt::gui
