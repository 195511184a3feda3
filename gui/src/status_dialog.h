#pragma once
// Moves an action to another status: offers only what the state machine allows, and asks
// for a reason where the model requires one.

#include <wx/dialog.h>

#include <optional>

#include "model/action.h"

class wxChoice;
class wxStaticText;
class wxTextCtrl;

namespace nmdt::gui {

/// Asks for the new status of one action (and why, where that matters).
class StatusDialog : public wxDialog {
  public:
    /// `residentName` says whose action it is, in the title.
    StatusDialog(wxWindow* parent, const Action& action, const wxString& residentName = {});

    /// Chooses a status as the user would; false if it is not offered.
    bool choose(ActionStatus status);
    void setReason(const wxString& reason);
    /// Checks the choice and reason; shows what is missing and returns false if incomplete.
    bool validate();
    ActionStatus chosen() const;
    std::string reason() const;
    wxString message() const;

  private:
    void onChoice();

    ActionStatus from_;
    std::vector<ActionStatus> offered_;
    wxChoice* status_ = nullptr;
    wxTextCtrl* reason_ = nullptr;
    wxStaticText* reasonLabel_ = nullptr;
    wxStaticText* message_ = nullptr;
};

}  // namespace nmdt::gui
