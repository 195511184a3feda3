#include "consent_dialog.h"

#include <wx/choice.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "consent_method_choice.h"
#include "labelled.h"
#include "wx_text.h"

namespace nmdt::gui {

ConsentDialog::ConsentDialog(wxWindow* parent, const wxString& residentName,
                             std::vector<Organisation> organisations)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Consent to share: %s"), residentName)),
      organisations_(std::move(organisations)) {
    SetName("ConsentDialog");
    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 8)));
    grid->AddGrowableCol(1);
    organisation_ = new wxChoice(this, wxID_ANY);
    organisation_->SetName(_("Organisation"));
    for (const auto& o : organisations_)
        organisation_->Append(toWx(o.name));
    const wxString choices[] = {_("Agrees to share with this organisation"),
                                _("Does not agree, or withdraws agreement")};
    decision_ = new wxRadioBox(this, wxID_ANY, _("Decision"), wxDefaultPosition, wxDefaultSize, 2,
                               choices, 1, wxRA_SPECIFY_COLS);
    decision_->SetName(_("Decision"));
    legalBasis_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(360, -1)));
    legalBasis_->SetName(_("Legal basis"));
    legalBasis_->SetHint(_("Only where sharing rests on a basis other than consent"));
    method_ = makeConsentMethodChoice(this);
    method_->SetName(_("How obtained"));
    grid->Add(labelFor(this, _("Or&ganisation:"), organisation_), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(organisation_, 1, wxEXPAND);
    grid->AddSpacer(0);
    grid->Add(decision_, 1, wxEXPAND);
    grid->Add(labelFor(this, _("&How obtained:"), method_), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(method_, 0);
    grid->Add(labelFor(this, _("&Legal basis:"), legalBasis_), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(legalBasis_, 1, wxEXPAND);
    auto* note = new wxStaticText(this, wxID_ANY,
                                  _("Recorded as obtained by you, today, as chosen above. A "
                                    "refusal stops sharing with that organisation "
                                    "from the next sync on; what it already holds stays with it."));
    note->Wrap(FromDIP(460));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, 1, wxEXPAND | wxALL, FromDIP(12));
    sizer->Add(note, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(sizer);
    organisation_->SetFocus();
}

OrganisationId ConsentDialog::chosenOrganisation() const {
    int i = organisation_->GetSelection();
    return i < 0 ? OrganisationId() : organisations_[static_cast<std::size_t>(i)].id;
}

ConsentDecision ConsentDialog::chosenDecision() const {
    return decision_->GetSelection() == 1 ? ConsentDecision::Deny : ConsentDecision::Permit;
}

ConsentMethod ConsentDialog::chosenMethod() const {
    return consentMethodOf(method_);
}

std::string ConsentDialog::basis() const {
    wxString text = legalBasis_->GetValue();
    return fromWx(text.Trim().Trim(false));
}

}  // namespace nmdt::gui
