#include "report_list.h"

#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>

#include "wx_text.h"

namespace nmdt::gui {

void showReportTable(wxListCtrl* list, const ReportTable& table, int firstColumnWidth,
                     const std::function<wxString(std::size_t row)>& firstCell) {
    list->Freeze();
    list->ClearAll();
    for (std::size_t c = 0; c < table.columns.size(); ++c)
        list->AppendColumn(toWx(table.columns[c]),
                           c == 0 ? wxLIST_FORMAT_LEFT : wxLIST_FORMAT_RIGHT);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto& row = table.rows[r];
        wxString first = firstCell ? firstCell(r) : wxString();
        if (first.empty())
            first = toWx(row.front());
        long at = list->InsertItem(list->GetItemCount(), first);
        for (std::size_t c = 1; c < row.size(); ++c)
            list->SetItem(at, static_cast<int>(c), toWx(row[c]));
    }
    for (std::size_t c = 0; c < table.columns.size(); ++c)
        list->SetColumnWidth(static_cast<int>(c),
                             c == 0 ? firstColumnWidth : wxLIST_AUTOSIZE_USEHEADER);
    list->Thaw();
}

void saveTableAsCsv(wxWindow* parent, const wxString& title, const std::string& fileStem,
                    const std::function<bool(const std::string& path, wxString& problem)>& save) {
    wxFileDialog where(parent, title, {}, toWx(fileStem + ".csv"), _("CSV files (*.csv)|*.csv"),
                       wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (where.ShowModal() != wxID_OK)
        return;
    wxString problem;
    if (!save(fromWx(where.GetPath()), problem))
        wxMessageBox(problem, _("Save as CSV"), wxOK | wxICON_ERROR, parent);
}

}  // namespace nmdt::gui
