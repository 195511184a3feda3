#pragma once
// Moves an action's due date or changes its priority, asking why (the reason becomes a
// progress note, so whoever picks the action up next can see what changed).

#include <wx/dialog.h>

#include <optional>

#include "model/action.h"

class wxCheckBox;
class wxChoice;
class wxTextCtrl;

namespace nmdt::gui {

class DateField;

/// Asks for the new due date and priority of one action, and the reason.
class ReplanDialog : public wxDialog {
  public:
    ReplanDialog(wxWindow* parent, const Action& action, const wxString& residentName);

    std::optional<Date> dueDate() const;
    Priority priority() const;
    std::string reason() const;

    wxCheckBox* hasDue() const { return hasDue_; }
    DateField* due() const { return due_; }
    wxChoice* priorityChoice() const { return priority_; }
    wxTextCtrl* reasonField() const { return reason_; }

  private:
    wxCheckBox* hasDue_ = nullptr;
    DateField* due_ = nullptr;
    wxChoice* priority_ = nullptr;
    wxTextCtrl* reason_ = nullptr;
};

/// Adds a progress note, shared with partners or kept on this desktop.
class NoteDialog : public wxDialog {
  public:
    NoteDialog(wxWindow* parent, const Action& action, const wxString& residentName);
    std::string text() const;
    NoteSharing sharing() const;
    wxTextCtrl* textField() const { return text_; }
    wxCheckBox* privateBox() const { return private_; }

  private:
    wxTextCtrl* text_ = nullptr;
    wxCheckBox* private_ = nullptr;
};

}  // namespace nmdt::gui
