#include "referral_dialog.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/listbox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "consent_method_choice.h"
#include "date_field.h"
#include "dialog_checks.h"
#include "formatting.h"
#include "identity_text.h"
#include "labelled.h"
#include "model/nhs_number.h"
#include "resident_form.h"
#include "wording.h"
#include "wx_text.h"

namespace nmdt::gui {

wxArrayString peopleWithOrganisations(const std::vector<Professional>& people,
                                      const std::vector<Organisation>& organisations) {
    wxArrayString out;
    for (const auto& p : people) {
        std::string org;
        for (const auto& o : organisations)
            if (o.id == p.organisationId)
                org = o.name;
        out.Add(toWx(org.empty() ? p.name : p.name + " (" + org + ")"));
    }
    return out;
}

ReferralDialog::ReferralDialog(wxWindow* parent, const CaseReader& cases,
                               std::vector<Professional> people,
                               const std::vector<Organisation>& organisations, Date today,
                               Submit submit)
    : wxDialog(parent, wxID_ANY, _("Refer a Resident"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      cases_(cases),
      people_(std::move(people)),
      organisations_(organisations),
      today_(today),
      submit_(std::move(submit)) {
    SetName("ReferralDialog");
    auto* columns = new wxBoxSizer(wxHORIZONTAL);
    auto* left = new wxBoxSizer(wxVERTICAL);
    form_ = new ResidentForm(this, organisations, true);
    left->Add(form_, 0, wxEXPAND);
    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 6)));
    grid->AddGrowableCol(1);
    reason_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(320, 70)),
                             wxTE_MULTILINE);
    reason_->SetName(_("Reason for referral"));
    keyWorker_ = new wxChoice(this, wxID_ANY);
    keyWorker_->SetName(_("Key worker"));
    keyWorker_->Append(_("Not yet assigned (agree at the MDT)"));
    keyWorker_->Append(peopleWithOrganisations(people_, organisations));
    keyWorker_->SetSelection(0);  // never a name nobody chose
    urgency_ = new wxChoice(this, wxID_ANY);
    urgency_->SetName(_("Urgency"));
    urgency_->Append(describe(Urgency::Routine));
    urgency_->Append(describe(Urgency::Urgent));
    urgency_->SetSelection(0);
    grid->Add(labelFor(this, _("Reas&on for referral:"), reason_), 0, wxALIGN_TOP);
    grid->Add(reason_, 1, wxEXPAND);
    grid->Add(labelFor(this, _("&Urgency:"), urgency_), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(urgency_, 0);
    grid->Add(labelFor(this, _("&Key worker:"), keyWorker_), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(keyWorker_, 1, wxEXPAND);
    // A carer or next of kin, when the referrer knows one: added with the referral.
    carerName_ = new wxTextCtrl(this, wxID_ANY);
    carerName_->SetName(_("Carer or next of kin"));
    carerRelationship_ = new wxTextCtrl(this, wxID_ANY);
    carerRelationship_->SetName(_("Relationship"));
    carerRelationship_->SetHint(_("e.g. daughter"));
    carerPhone_ = new wxTextCtrl(this, wxID_ANY);
    carerPhone_->SetName(_("Carer's phone"));
    carerPhone_->SetHint(_("Phone"));
    isCarer_ = new wxCheckBox(this, wxID_ANY, _("Carer"));
    isNextOfKin_ = new wxCheckBox(this, wxID_ANY, _("Next of kin"));
    auto* carerRow = new wxBoxSizer(wxHORIZONTAL);
    carerRow->Add(carerName_, 2, wxRIGHT, FromDIP(4));
    carerRow->Add(carerRelationship_, 1, wxRIGHT, FromDIP(4));
    carerRow->Add(carerPhone_, 1);
    auto* carerBoxes = new wxBoxSizer(wxHORIZONTAL);
    carerBoxes->Add(isCarer_, 0, wxRIGHT, FromDIP(12));
    carerBoxes->Add(isNextOfKin_);
    grid->Add(labelFor(this, _("Carer or ne&xt of kin:"), carerName_), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(carerRow, 1, wxEXPAND);
    grid->AddSpacer(0);
    grid->Add(carerBoxes);
    left->Add(grid, 0, wxEXPAND | wxTOP, FromDIP(6));

    auto* right = new wxBoxSizer(wxVERTICAL);
    right->Add(new wxStaticText(this, wxID_ANY, _("Already known (check before referring):")));
    matchList_ = new wxListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(300, 160)));
    matchList_->SetName(_("Already known"));
    right->Add(matchList_, 1, wxEXPAND | wxTOP, FromDIP(4));
    // Consent is asked at referral: without it nothing about the resident can be shared.
    consent_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(300, 160)));
    consent_->SetName(_("Agrees to share with"));
    for (const auto& o : organisations_)
        consent_->Append(toWx(o.name));
    right->Add(labelFor(this, _("Agrees to share w&ith (obtained by you, today):"), consent_), 0,
               wxTOP, FromDIP(10));
    right->Add(consent_, 1, wxEXPAND | wxTOP, FromDIP(4));
    consentMethod_ = makeConsentMethodChoice(this);
    consentMethod_->SetName(_("Consent obtained"));
    auto* methodRow = new wxBoxSizer(wxHORIZONTAL);
    methodRow->Add(labelFor(this, _("Obtained:"), consentMethod_), 0,
                   wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    methodRow->Add(consentMethod_, 1);
    right->Add(methodRow, 0, wxEXPAND | wxTOP, FromDIP(4));
    columns->Add(left, 1, wxEXPAND | wxALL, FromDIP(12));
    columns->Add(right, 0, wxEXPAND | wxTOP | wxRIGHT | wxBOTTOM, FromDIP(12));

    message_ = problemText(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(columns, 1, wxEXPAND);
    sizer->Add(message_, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
    auto* buttons = CreateStdDialogButtonSizer(wxOK | wxCANCEL);
    if (auto* ok = wxDynamicCast(FindWindow(wxID_OK), wxButton))
        ok->SetLabel(_("&Refer"));
    sizer->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(sizer);

    form_->nhsNumber()->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { lookForMatches(); });
    form_->familyName()->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { lookForMatches(); });
    Bind(
        wxEVT_BUTTON,
        [this](wxCommandEvent&) {
            if (trySubmit())
                EndModal(wxID_OK);
        },
        wxID_OK);
    form_->nhsNumber()->SetFocus();
}

void ReferralDialog::lookForMatches() {
    matches_.clear();
    const std::string nhs = NhsNumber::digitsOf(fromWx(form_->nhsNumber()->GetValue()));
    wxString family = form_->familyName()->GetValue();
    family.Trim().Trim(false);
    // A whole or partial NHS number is the surest match; otherwise the family name.
    if (nhs.size() >= 3)
        matches_ = cases_.searchCases(nhs, 20);
    if (matches_.empty() && family.length() >= 2)
        matches_ = cases_.searchCases(fromWx(family), 20);
    matchList_->Clear();
    for (const auto& m : matches_)
        matchList_->Append(toWx(m.familyName + ", " + m.givenName + "  " +
                                nhsNumberText(m.nhsNumber) + "  " +
                                fromWx(formatDate(m.dateOfBirth)) +
                                (m.status == CaseStatus::Closed ? "  (closed)" : "")));
}

Referral ReferralDialog::referral() const {
    Referral r;
    r.resident = form_->resident();
    wxString reason = reason_->GetValue();
    r.reason = fromWx(reason.Trim().Trim(false));
    r.date = today_;
    int chosen = keyWorker_->GetSelection();
    if (chosen > 0)
        r.keyWorker = people_[static_cast<std::size_t>(chosen - 1)].id;
    return r;
}

std::vector<OrganisationId> ReferralDialog::consentTo() const {
    std::vector<OrganisationId> out;
    for (unsigned i = 0; i < consent_->GetCount(); ++i)
        if (consent_->IsChecked(i))
            out.push_back(organisations_[i].id);
    return out;
}

ReferralChoices ReferralDialog::choices() const {
    ReferralChoices out{
        consentTo(), chosenUrgency(), form_->nhsNumberKnown(), consentMethodOf(consentMethod_), {}};
    wxString name = carerName_->GetValue();
    name.Trim().Trim(false);
    if (!name.empty() || isCarer_->GetValue() || isNextOfKin_->GetValue()) {
        Contact c;
        c.name = fromWx(name);
        wxString relationship = carerRelationship_->GetValue();
        wxString phone = carerPhone_->GetValue();
        c.relationship = fromWx(relationship.Trim().Trim(false));
        c.phone = fromWx(phone.Trim().Trim(false));
        c.isCarer = isCarer_->GetValue();
        c.isNextOfKin = isNextOfKin_->GetValue();
        out.contacts.push_back(c);
    }
    return out;
}

Urgency ReferralDialog::chosenUrgency() const {
    return urgency_->GetSelection() == 1 ? Urgency::Urgent : Urgency::Routine;
}

wxString ReferralDialog::message() const {
    return message_->GetLabel();
}

bool ReferralDialog::trySubmit() {
    if (!form_->datesReadable())
        return false;
    wxString problem;
    if (submit_(referral(), choices(), problem))
        return true;
    message_->SetLabel(problem);
    Layout();
    Fit();
    return false;
}

}  // namespace nmdt::gui
