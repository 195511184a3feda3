#pragma once
// Captures one action agreed in the meeting: what, who, by when, how urgent.

#include <wx/dialog.h>

#include <vector>

#include "model/action_service.h"

class wxCheckBox;
class wxChoice;
class wxTextCtrl;

namespace nmdt::gui {

class DateField;

/// Asks for an action arising from a discussion.
class ActionArisingDialog : public wxDialog {
  public:
    ActionArisingDialog(wxWindow* parent, std::vector<Professional> people, Date today);
    NewAction action() const;

  private:
    std::vector<Professional> people_;
    wxTextCtrl* title_ = nullptr;
    wxChoice* owner_ = nullptr;
    wxCheckBox* hasDue_ = nullptr;
    DateField* due_ = nullptr;
    wxChoice* priority_ = nullptr;
};

}  // namespace nmdt::gui
