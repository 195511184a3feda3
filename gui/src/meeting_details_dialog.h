#pragma once
// A planned meeting's when and where: title, date, start time, length, room or video link.

#include <wx/dialog.h>

#include "model/meeting.h"

class wxSpinCtrl;
class wxTextCtrl;

namespace nmdt::gui {

class DateField;

/// Edits the details of one planned meeting.
class MeetingDetailsDialog : public wxDialog {
  public:
    MeetingDetailsDialog(wxWindow* parent, const Meeting& meeting);
    /// The meeting as the dialog holds it now (the model checks it).
    Meeting details() const;

    wxTextCtrl* titleField() const { return title_; }
    DateField* date() const { return date_; }
    wxTextCtrl* startTime() const { return start_; }
    wxSpinCtrl* length() const { return length_; }
    wxTextCtrl* place() const { return place_; }
    wxTextCtrl* link() const { return link_; }

  private:
    Meeting meeting_;
    wxTextCtrl* title_ = nullptr;
    DateField* date_ = nullptr;
    wxTextCtrl* start_ = nullptr;
    wxSpinCtrl* length_ = nullptr;
    wxTextCtrl* place_ = nullptr;
    wxTextCtrl* link_ = nullptr;
};

}  // namespace nmdt::gui
