#pragma once
// The chair's decision on a referral: the MDT takes it on, a navigator or social
// prescriber does, it is signposted elsewhere, or declined (the last two say why).

#include <wx/dialog.h>

#include "model/case_record.h"

class wxRadioBox;
class wxTextCtrl;

namespace nmdt::gui {

/// Asks for a triage outcome and its reason.
class TriageDialog : public wxDialog {
  public:
    TriageDialog(wxWindow* parent, const Case& theCase);
    Triage outcome() const;
    std::string reason() const;
    wxRadioBox* outcomes() const { return outcomes_; }
    wxTextCtrl* reasonField() const { return reason_; }

  private:
    wxRadioBox* outcomes_ = nullptr;
    wxTextCtrl* reason_ = nullptr;
};

}  // namespace nmdt::gui
