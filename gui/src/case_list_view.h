#pragma once
// The case list: a virtual list control that fetches rows a page at a time, so it stays
// responsive with tens of thousands of cases.

#include <wx/listctrl.h>

#include <map>
#include <optional>
#include <vector>

#include "model/store.h"

namespace nmdt::gui {

/// Lists every case in name order, or the results of a search.
class CaseListView : public wxListCtrl {
  public:
    CaseListView(wxWindow* parent, const CaseReader& cases);

    /// Every case, paged in from the store as rows scroll into view. Like showResults, it
    /// leaves no row selected: a row number means another person once the rows change.
    void showAll();
    /// A fixed list of search results.
    void showResults(std::vector<CaseSummary> results);
    bool showingResults() const { return results_.has_value(); }
    std::optional<CaseSummary> summaryAt(long row) const;
    /// The row showing `id`, if the list shows it.
    std::optional<long> rowOf(const CaseId& id) const;
    /// The selected row, or -1.
    long selectedRow() const;
    /// The person on the selected row, if a row is selected.
    std::optional<CaseSummary> selectedSummary() const;
    /// Selects (and scrolls to) one row, as a click does; -1 selects none.
    void selectRow(long row);
    /// Pages fetched from the store since the list was last reset (for tests and tuning).
    std::size_t pagesFetched() const { return pagesFetched_; }

  protected:
    wxString OnGetItemText(long item, long column) const override;

  private:
    const CaseSummary* rowAt(long row) const;
    void selectNone();

    static constexpr long kPageSize = 200;
    static constexpr std::size_t kPagesKept = 32;
    const CaseReader& cases_;
    std::optional<std::vector<CaseSummary>> results_;
    mutable std::map<long, std::vector<CaseSummary>> pages_;
    mutable std::size_t pagesFetched_ = 0;
};

}  // namespace nmdt::gui
