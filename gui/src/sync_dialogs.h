#pragma once
// What sync leaves for a person: conflicting values to choose between, and the same person
// recorded twice to merge.

#include <wx/dialog.h>

#include <functional>
#include <vector>

#include "model/commands.h"
#include "model/sync_store.h"

class wxListCtrl;
class wxStaticText;

namespace nmdt::gui {

/// A list of things sync left for a person, an explanation, a message line and buttons.
class SyncListDialog : public wxDialog {
  public:
    void select(long row);
    long count() const;
    wxString message() const;

  protected:
    struct Button {
        wxString label;
        std::function<void()> action;
    };
    SyncListDialog(wxWindow* parent, const wxString& title, const wxString& intro,
                   const std::vector<std::pair<wxString, int>>& columns,
                   const std::vector<Button>& buttons);
    /// The selected row, or -1 after saying "choose one first".
    long selectedOrSay(const wxString& what);

    wxListCtrl* list_ = nullptr;
    wxStaticText* message_ = nullptr;
};

/// Lists open conflicts; the person keeps the current value or takes the other one.
class ConflictsDialog : public SyncListDialog {
  public:
    ConflictsDialog(wxWindow* parent, Commands commands, SyncStore& sync, const CaseReader& cases,
                    const ActionReader& actions);
    /// Resolves the selected conflict as the buttons do; false (and a message) if refused.
    bool resolveSelected(bool useOther);

  private:
    void reload();
    wxString describeRecord(const SyncConflict& c) const;

    Commands commands_;
    SyncStore& sync_;
    const CaseReader& cases_;  // to name the record each conflict is in
    const ActionReader& actions_;
    std::vector<SyncConflict> conflicts_;
};

/// Lists cases that share an NHS number; merges one into another after confirmation.
class DuplicatesDialog : public SyncListDialog {
  public:
    DuplicatesDialog(wxWindow* parent, Commands commands, SyncStore& sync, const CaseReader& cases);
    /// Merges the selected row's record into the first (oldest) record of its group.
    bool mergeSelected(bool askFirst = true);

  private:
    void reload();

    struct Row {
        CaseId keep;
        CaseId absorb;
    };
    Commands commands_;
    SyncStore& sync_;
    const CaseReader& cases_;
    std::vector<Row> rows_;
};

}  // namespace nmdt::gui
