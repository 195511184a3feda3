#pragma once
// The identity banner: name, date of birth with age, NHS number, in NHS blue, at the top
// of every screen about one person (wrong-patient is the top clinical hazard).

#include <wx/panel.h>

#include "printing/report.h"

class wxStaticText;

namespace nmdt::gui {

/// Shows who a screen is about; never scrolls away.
class IdentityBannerPanel : public wxPanel {
  public:
    explicit IdentityBannerPanel(wxWindow* parent);
    void show(const IdentityBanner& banner);
    void showNobody(const wxString& message);
    wxString text() const;

  private:
    wxStaticText* name_ = nullptr;
    wxStaticText* born_ = nullptr;
    wxStaticText* nhsNumber_ = nullptr;
};

}  // namespace nmdt::gui
