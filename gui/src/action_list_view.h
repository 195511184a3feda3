#pragma once
// A list of actions: due date, resident, action, owner, priority, status. Overdue rows
// stand out in red; undated ones come last. It holds the list's ids and reads rows a screen
// at a time as they come into view, so a long list shows at once after a restart.

#include <wx/listctrl.h>

#include <map>
#include <optional>
#include <vector>

#include "model/case_record_service.h"
#include "model/store.h"

namespace nmdt::gui {

/// Shows a list of actions by id, reading each block of rows when first drawn or asked
/// for; knows which are overdue today.
class ActionListView : public wxListCtrl {
  public:
    ActionListView(wxWindow* parent, const ActionReader& actions, const CaseReader& cases,
                   const DirectoryReader& directory);

    void show(std::vector<ActionId> ids, Date today);
    /// The action on a row as read for this list (none past the end, or if it has gone).
    std::optional<Action> actionAt(long row) const;
    /// The row showing an action, if the list has it.
    std::optional<long> rowOf(const ActionId& id) const;
    long selectedRow() const { return GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); }

  protected:
    wxString OnGetItemText(long item, long column) const override;
    wxListItemAttr* OnGetItemAttr(long item) const override;

  private:
    /// Rows are read in blocks of this many, about half a screen: read cold, each row
    /// costs a disk read or two, so a block bigger than what is drawn costs time for nothing.
    static constexpr std::size_t kBlock = 20;
    const Action* rowAt(long row) const;

    const ActionReader& actions_;
    const CaseReader& store_;           // to name each action's resident
    const DirectoryReader& directory_;  // and its owner
    std::vector<ActionId> ids_;
    mutable std::vector<std::optional<Action>> rows_;  // by row, once its block is read
    mutable std::vector<bool> blockRead_;
    Date today_{};
    std::unique_ptr<DirectoryNames> names_;
    mutable std::map<std::string, std::optional<Case>> cases_;  // resident shown per row
    mutable wxListItemAttr overdue_;
};

}  // namespace nmdt::gui
