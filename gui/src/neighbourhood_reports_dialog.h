#pragma once
// The neighbourhood reports on screen: one page per report with a bar chart and the table
// behind it, and Save as CSV for the page shown.

#include <wx/dialog.h>

#include <vector>

#include "model/commands.h"

class wxListCtrl;
class wxNotebook;
class wxStaticText;

namespace nmdt::gui {

class BarChart;

/// Caseload, actions, overdue and referral-to-discussion reports.
class NeighbourhoodReportsDialog : public wxDialog {
  public:
    NeighbourhoodReportsDialog(wxWindow* parent, Commands commands);

    /// Reads the store again and redraws every page.
    void refresh();
    std::size_t pageCount() const { return pages_.size(); }
    void showPage(std::size_t page);
    const ReportTable& table(std::size_t page) const { return tables_.at(page); }
    const BarChart* chart(std::size_t page) const { return pages_.at(page).chart; }
    long rowCount(std::size_t page) const;
    wxString headline(std::size_t page) const;
    /// Writes the page's table as CSV; false and `problem` when it cannot.
    bool saveCsv(std::size_t page, const std::string& path, wxString& problem) const;

  private:
    struct Page {
        wxStaticText* headline = nullptr;
        BarChart* chart = nullptr;
        wxListCtrl* list = nullptr;
    };
    void addPage(const wxString& title, const wxString& highlightMeaning);
    void onSaveCsv();

    Commands commands_;
    wxNotebook* book_ = nullptr;
    std::vector<Page> pages_;
    std::vector<ReportTable> tables_;
};

}  // namespace nmdt::gui
