#pragma once
// Captures one action agreed in the meeting: what, who, by when, how urgent.

#include <wx/dialog.h>

#include <vector>

#include "model/action_service.h"

class wxCheckBox;
class wxChoice;
class wxDatePickerCtrl;
class wxTextCtrl;

namespace nmdt::gui {

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
    wxDatePickerCtrl* due_ = nullptr;
    wxChoice* priority_ = nullptr;
};

}  // namespace nmdt::gui
