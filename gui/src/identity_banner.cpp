#include "identity_banner.h"

#include <wx/sizer.h>
#include <wx/stattext.h>

#include "identity_text.h"
#include "wx_text.h"

namespace nmdt::gui {

IdentityBannerPanel::IdentityBannerPanel(wxWindow* parent) : wxPanel(parent) {
    SetBackgroundColour(wxColour(0, 94, 184));  // NHS blue
    SetName(_("Identity banner"));
    name_ = new wxStaticText(this, wxID_ANY, {});
    born_ = new wxStaticText(this, wxID_ANY, {});
    nhsNumber_ = new wxStaticText(this, wxID_ANY, {});
    for (auto* label : {name_, born_, nhsNumber_})
        label->SetForegroundColour(*wxWHITE);
    wxFont big = name_->GetFont();
    big.SetPointSize(big.GetPointSize() + 3);
    big.MakeBold();
    name_->SetFont(big);
    nhsNumber_->SetFont(big);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(name_, 0, wxALIGN_CENTER_VERTICAL | wxALL, FromDIP(8));
    row->AddStretchSpacer();
    row->Add(born_, 0, wxALIGN_CENTER_VERTICAL | wxALL, FromDIP(8));
    row->AddStretchSpacer();
    row->Add(nhsNumber_, 0, wxALIGN_CENTER_VERTICAL | wxALL, FromDIP(8));
    SetSizer(row);
}

void IdentityBannerPanel::show(const IdentityBanner& banner) {
    name_->SetLabel(toWx(banner.name));
    born_->SetLabel(_("Born") + " " + toWx(banner.dateOfBirth));
    nhsNumber_->SetLabel(_("NHS No.") + " " + toWx(banner.nhsNumber));
    Layout();
}

void IdentityBannerPanel::showNobody(const wxString& message) {
    name_->SetLabel(message);
    born_->SetLabel({});
    nhsNumber_->SetLabel({});
    Layout();
}

wxString IdentityBannerPanel::text() const {
    // Read as plain text (tests, screen readers): without the direction marks.
    return toWx(withoutIsolates(
        fromWx(name_->GetLabel() + " | " + born_->GetLabel() + " | " + nhsNumber_->GetLabel())));
}

}  // namespace nmdt::gui
