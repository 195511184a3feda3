#pragma once
// What sync leaves for a person: conflicting values to choose between, and the same person
// recorded twice to merge.

#include <wx/dialog.h>

#include <vector>

#include "model/service_context.h"
#include "model/sync_store.h"

class wxListCtrl;
class wxStaticText;

namespace nmdt::gui {

/// Lists open conflicts; the person keeps the current value or takes the other one.
class ConflictsDialog : public wxDialog {
  public:
    ConflictsDialog(wxWindow* parent, ServiceContext context, SyncStore& sync);
    /// Resolves the selected conflict as the buttons do; false (and a message) if refused.
    bool resolveSelected(bool useOther);
    void select(long row);
    long count() const;
    wxString message() const;

  private:
    void reload();
    wxString describeRecord(const SyncConflict& c) const;

    ServiceContext ctx_;
    SyncStore& sync_;
    std::vector<SyncConflict> conflicts_;
    wxListCtrl* list_ = nullptr;
    wxStaticText* message_ = nullptr;
};

/// Lists cases that share an NHS number; merges one into another after confirmation.
class DuplicatesDialog : public wxDialog {
  public:
    DuplicatesDialog(wxWindow* parent, ServiceContext context, SyncStore& sync);
    /// Merges the selected row's record into the first (oldest) record of its group.
    bool mergeSelected(bool askFirst = true);
    void select(long row);
    long count() const;
    wxString message() const;

  private:
    void reload();

    struct Row {
        CaseId keep;
        CaseId absorb;
    };
    ServiceContext ctx_;
    SyncStore& sync_;
    std::vector<Row> rows_;
    wxListCtrl* list_ = nullptr;
    wxStaticText* message_ = nullptr;
};

}  // namespace nmdt::gui
