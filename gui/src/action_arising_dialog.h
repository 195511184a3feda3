#pragma once
// Captures one action, agreed in a meeting or raised from a resident's record: what, who
// (a person, shown with their organisation), by when, how urgent.

#include <wx/dialog.h>

#include <vector>

#include "model/action_service.h"
#include "model/organisation.h"

class wxCheckBox;
class wxChoice;
class wxStaticText;
class wxTextCtrl;

namespace nmdt::gui {

class DateField;

/// Asks for an action arising from a discussion.
class ActionArisingDialog : public wxDialog {
  public:
    ActionArisingDialog(wxWindow* parent, std::vector<Professional> people,
                        const std::vector<Organisation>& organisations, Date today,
                        const wxString& title = _("Action arising"));
    NewAction action() const;
    /// OK as the user presses it: refuses (and says why) without a title or an owner.
    bool validate();

    wxTextCtrl* titleField() const { return title_; }
    wxTextCtrl* detailField() const { return detail_; }
    wxChoice* owner() const { return owner_; }
    wxCheckBox* hasDue() const { return hasDue_; }
    DateField* due() const { return due_; }
    wxChoice* priority() const { return priority_; }

  private:
    std::vector<Professional> people_;
    wxTextCtrl* title_ = nullptr;
    wxTextCtrl* detail_ = nullptr;
    wxChoice* owner_ = nullptr;
    wxCheckBox* hasDue_ = nullptr;
    DateField* due_ = nullptr;
    wxChoice* priority_ = nullptr;
    wxStaticText* message_ = nullptr;
};

}  // namespace nmdt::gui
