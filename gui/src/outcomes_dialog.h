#pragma once
// The outcome reports on screen: goal attainment over time, wellbeing change, service use
// before and after the MDT, and every figure by practice, age band, sex or need domain, each
// a chart over its table; saved as CSV or as a FHIR MeasureReport with small numbers
// suppressed.

#include <wx/dialog.h>

#include <memory>
#include <vector>

#include "model/commands.h"
#include "model/exchange_format.h"

class wxChoice;
class wxListCtrl;
class wxNotebook;
class wxStaticText;

namespace nmdt::gui {

class BarChart;

/// Reports > Outcomes.
class OutcomesDialog : public wxDialog {
  public:
    OutcomesDialog(wxWindow* parent, Commands commands,
                   std::shared_ptr<const ExchangeFormat> format);

    void refresh();
    void setBreakdown(OutcomeBreakdown breakdown);
    std::size_t pageCount() const { return pages_.size(); }
    void showPage(std::size_t page);
    const ReportTable& table(std::size_t page) const { return tables_.at(page); }
    const BarChart* chart(std::size_t page) const { return pages_.at(page).chart; }
    wxString cell(std::size_t page, long row, int column) const;
    long rowCount(std::size_t page) const;
    wxString headline(std::size_t page) const;
    /// Writes the page's table as CSV, small numbers suppressed; false and `problem` if not.
    bool saveCsv(std::size_t page, const std::string& path, wxString& problem) const;
    /// Writes the FHIR MeasureReport; false and `problem` when it cannot.
    bool saveMeasureReport(const std::string& path, wxString& problem) const;

  private:
    struct Page {
        wxStaticText* headline = nullptr;
        BarChart* chart = nullptr;
        wxListCtrl* list = nullptr;
    };
    void addPage(const wxString& title, const wxString& highlightMeaning);
    void fillTables();
    void onSaveCsv();
    void onSaveMeasureReport();

    Commands commands_;
    std::shared_ptr<const ExchangeFormat> format_;
    wxNotebook* book_ = nullptr;
    wxChoice* breakdown_ = nullptr;
    std::vector<Page> pages_;
    OutcomeReport report_;
    std::vector<ReportTable> tables_;  // as on screen
};

}  // namespace nmdt::gui
