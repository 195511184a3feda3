#include "resident_form.h"

#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "date_field.h"
#include "formatting.h"
#include "model/nhs_number.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {
std::string trimmed(const wxTextCtrl* field) {
    wxString text = field->GetValue();
    return fromWx(text.Trim().Trim(false));
}
}  // namespace

ResidentForm::ResidentForm(wxWindow* parent, const std::vector<Organisation>& organisations,
                           bool offerNotKnown)
    : wxPanel(parent, wxID_ANY) {
    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 6)));
    grid->AddGrowableCol(1);
    // Each label is created before its field: a label's mnemonic (Alt+G) moves the focus
    // to the next control in tab order, which must be its own field.
    auto field = [&](const wxString& label, const wxString& name, long style = 0) {
        grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        auto* text = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition,
                                    FromDIP(wxSize(320, style & wxTE_MULTILINE ? 54 : -1)), style);
        text->SetName(name);
        grid->Add(text, 1, wxEXPAND);
        return text;
    };
    nhsNumber_ = field(_("&NHS number:"), _("NHS number"));
    if (offerNotKnown) {
        // Some residents have no NHS number (homeless, newly arrived): they are referred
        // under a provisional identity, said so explicitly so a number is never left out
        // by accident.
        notKnown_ = new wxCheckBox(this, wxID_ANY,
                                   _("Not kno&wn yet: provisional identity, trace it later"));
        notKnown_->SetName(_("NHS number not known yet"));
        grid->AddSpacer(0);
        grid->Add(notKnown_);
        notKnown_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent& e) {
            if (e.IsChecked())
                nhsNumber_->ChangeValue({});
            nhsNumber_->Enable(!e.IsChecked());
            e.Skip();
        });
    }
    givenName_ = field(_("&Given name:"), _("Given name"));
    familyName_ = field(_("&Family name:"), _("Family name"));
    grid->Add(new wxStaticText(this, wxID_ANY, _("Date of &birth:")), 0, wxALIGN_CENTER_VERTICAL);
    dateOfBirth_ = new DateField(this, wxID_ANY);
    dateOfBirth_->SetName(_("Date of birth"));
    grid->Add(dateOfBirth_);
    grid->Add(new wxStaticText(this, wxID_ANY, _("&Sex:")), 0, wxALIGN_CENTER_VERTICAL);
    sex_ = new wxChoice(this, wxID_ANY);
    sex_->SetName(_("Sex"));
    // In Sex's order: not known, female, male, other.
    for (const wxString& s : {_("Not known"), _("Female"), _("Male"), _("Other")})
        sex_->Append(s);
    sex_->SetSelection(0);
    grid->Add(sex_);
    address_ = field(_("&Address:"), _("Address"), wxTE_MULTILINE);
    postcode_ = field(_("&Postcode:"), _("Postcode"));
    grid->Add(new wxStaticText(this, wxID_ANY, _("Registered GP prac&tice:")), 0,
              wxALIGN_CENTER_VERTICAL);
    practice_ = new wxChoice(this, wxID_ANY);
    practice_->SetName(_("Registered GP practice"));
    practice_->Append(_("Not known"));
    for (const auto& o : organisations)
        if (o.kind == OrganisationKind::GpPractice) {
            practice_->Append(toWx(o.name));
            practiceIds_.push_back(o.id);
        }
    practice_->SetSelection(0);
    grid->Add(practice_, 1, wxEXPAND);
    phone_ = field(_("P&hone:"), _("Phone"));
    email_ = field(_("&Email:"), _("Email"));
    language_ = field(_("Preferred &language:"), _("Preferred language"));
    // No hint text in the multi-line boxes: GTK draws a hint there in the colour of the
    // text itself, so a typed value could be mistaken for a suggestion.
    communicationNeeds_ =
        field(_("Communication nee&ds:"), _("Communication needs"), wxTE_MULTILINE);
    communicationNeeds_->SetToolTip(_("e.g. BSL interpreter, large print, easy read"));
    SetSizer(grid);
}

void ResidentForm::show(const Resident& r) {
    nhsNumber_->ChangeValue(toWx(formatNhsNumber(r.nhsNumber)));
    givenName_->ChangeValue(toWx(r.givenName));
    familyName_->ChangeValue(toWx(r.familyName));
    dateOfBirth_->SetValue(toWxDate(r.dateOfBirth));
    sex_->SetSelection(static_cast<int>(r.sex));
    address_->ChangeValue(toWx(r.address));
    postcode_->ChangeValue(toWx(r.postcode));
    phone_->ChangeValue(toWx(r.phone));
    email_->ChangeValue(toWx(r.email));
    language_->ChangeValue(toWx(r.preferredLanguage));
    communicationNeeds_->ChangeValue(toWx(r.communicationNeeds));
    int chosen = 0;
    for (std::size_t i = 0; i < practiceIds_.size(); ++i)
        if (practiceIds_[i] == r.registeredPractice)
            chosen = static_cast<int>(i) + 1;
    practice_->SetSelection(chosen);
}

Resident ResidentForm::resident() const {
    Resident r;
    r.nhsNumber = trimmed(nhsNumber_);
    r.givenName = trimmed(givenName_);
    r.familyName = trimmed(familyName_);
    r.dateOfBirth = fromWxDate(dateOfBirth_->GetValue());
    r.sex = static_cast<Sex>(std::max(0, sex_->GetSelection()));
    r.address = trimmed(address_);
    r.postcode = trimmed(postcode_);
    r.phone = trimmed(phone_);
    r.email = trimmed(email_);
    r.preferredLanguage = trimmed(language_);
    r.communicationNeeds = trimmed(communicationNeeds_);
    const int chosen = practice_->GetSelection();
    if (chosen > 0)
        r.registeredPractice = practiceIds_[static_cast<std::size_t>(chosen - 1)];
    return r;
}

NhsNumberKnown ResidentForm::nhsNumberKnown() const {
    return notKnown_ && notKnown_->GetValue() ? NhsNumberKnown::NotYet : NhsNumberKnown::Yes;
}

bool ResidentForm::datesReadable() {
    return dateOfBirth_->readableOrSay();
}

}  // namespace nmdt::gui
