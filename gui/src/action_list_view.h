#pragma once
// A list of actions: due date, resident, action, owner, priority, status. Overdue rows
// stand out in red; undated ones come last.

#include <wx/listctrl.h>

#include <map>
#include <optional>
#include <vector>

#include "model/case_record_service.h"
#include "model/store.h"

namespace nmdt::gui {

/// Shows a list of actions already fetched; knows which are overdue today.
class ActionListView : public wxListCtrl {
  public:
    ActionListView(wxWindow* parent, const CaseReader& cases, const DirectoryReader& directory);

    void show(std::vector<Action> actions, Date today);
    std::optional<Action> actionAt(long row) const;
    long selectedRow() const { return GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); }

  protected:
    wxString OnGetItemText(long item, long column) const override;
    wxListItemAttr* OnGetItemAttr(long item) const override;

  private:
    const CaseReader& store_;           // to name each action's resident
    const DirectoryReader& directory_;  // and its owner
    std::vector<Action> actions_;
    Date today_{};
    std::unique_ptr<DirectoryNames> names_;
    mutable std::map<std::string, std::optional<Case>> cases_;  // resident shown per row
    mutable wxListItemAttr overdue_;
};

}  // namespace nmdt::gui
