#pragma once
// The chair's decision on a referral: the MDT takes it on, a navigator or social
// prescriber does, it is signposted elsewhere, or declined (the last two say why).

#include <wx/dialog.h>

#include <vector>

#include "model/case_record.h"
#include "model/meeting.h"

class wxChoice;
class wxRadioBox;
class wxTextCtrl;

namespace nmdt::gui {

/// Asks for a triage outcome, its reason and, when the neighbourhood runs several MDTs,
/// which of them takes the resident on.
class TriageDialog : public wxDialog {
  public:
    TriageDialog(wxWindow* parent, const Case& theCase, std::vector<MeetingSeries> series = {});
    Triage outcome() const;
    /// The MDT series chosen for a resident accepted for the MDT; empty for "any".
    MeetingSeriesId series() const;
    /// Null when the neighbourhood has no series to choose from.
    wxChoice* seriesChoice() const { return seriesChoice_; }
    std::string reason() const;
    wxRadioBox* outcomes() const { return outcomes_; }
    wxTextCtrl* reasonField() const { return reason_; }

  private:
    std::vector<MeetingSeries> series_;
    wxChoice* seriesChoice_ = nullptr;
    wxRadioBox* outcomes_ = nullptr;
    wxTextCtrl* reason_ = nullptr;
};

}  // namespace nmdt::gui
