#pragma once
// Dialogs for one need or one goal of a care plan draft.

#include <wx/dialog.h>

#include "model/care_plan.h"

class wxCheckBox;
class wxChoice;
class wxTextCtrl;

namespace nmdt::gui {

class DateField;

/// Edits a need: its domain, what it is, and the support planned.
class NeedDialog : public wxDialog {
  public:
    NeedDialog(wxWindow* parent, const Need& need);
    Need need() const;

  private:
    Need need_;
    wxChoice* domain_ = nullptr;
    wxTextCtrl* description_ = nullptr;
    wxTextCtrl* support_ = nullptr;
};

/// Edits a goal, in the person's own words, with a target date and progress.
class GoalDialog : public wxDialog {
  public:
    GoalDialog(wxWindow* parent, const Goal& goal);
    Goal goal() const;

  private:
    Goal goal_;
    wxChoice* domain_ = nullptr;
    wxTextCtrl* description_ = nullptr;
    wxCheckBox* hasTarget_ = nullptr;
    DateField* target_ = nullptr;
    wxChoice* progress_ = nullptr;
    wxTextCtrl* progressNote_ = nullptr;
};

/// Words for a need domain ("Money and debt").
wxString describeDomain(NeedDomain domain);
wxString describeProgress(GoalProgress progress);

}  // namespace nmdt::gui
