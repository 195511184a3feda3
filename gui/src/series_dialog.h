#pragma once
// Sets up one MDT series (a frailty MDT, a mental health MDT): its name, how often it
// meets, when and for how long, where, and which organisations are invited by default.

#include <wx/dialog.h>

#include <vector>

#include "model/meeting.h"
#include "model/organisation.h"

class wxCheckListBox;
class wxChoice;
class wxSpinCtrl;
class wxTextCtrl;

namespace nmdt::gui {

/// Edits a MeetingSeries; the model checks what is typed.
class SeriesDialog : public wxDialog {
  public:
    SeriesDialog(wxWindow* parent, const MeetingSeries& series,
                 std::vector<Organisation> organisations);

    /// What is typed, as a series (with the id of the one being changed).
    MeetingSeries series() const;
    wxTextCtrl* name() const { return name_; }
    wxChoice* cadence() const { return cadence_; }
    wxTextCtrl* startTime() const { return startTime_; }
    wxSpinCtrl* length() const { return length_; }
    wxCheckListBox* invitees() const { return invitees_; }

  private:
    MeetingSeries original_;
    std::vector<Organisation> organisations_;
    wxTextCtrl* name_ = nullptr;
    wxChoice* cadence_ = nullptr;
    wxTextCtrl* startTime_ = nullptr;
    wxSpinCtrl* length_ = nullptr;
    wxTextCtrl* place_ = nullptr;
    wxTextCtrl* link_ = nullptr;
    wxCheckListBox* invitees_ = nullptr;
};

/// "Every 4 weeks" for a cadence in days.
wxString describeCadence(int days);

}  // namespace nmdt::gui
