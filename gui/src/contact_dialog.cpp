#include "contact_dialog.h"

#include <wx/checkbox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "labelled.h"
#include "wx_text.h"

namespace nmdt::gui {

ContactDialog::ContactDialog(wxWindow* parent, const wxString& residentName)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Carer or contact: %s"), residentName)) {
    SetName("ContactDialog");
    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 8)));
    grid->AddGrowableCol(1);
    auto field = [&](const wxString& label, const wxString& name) {
        auto* text =
            new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(300, -1)));
        text->SetName(name);
        grid->Add(labelFor(this, label, text), 0, wxALIGN_CENTER_VERTICAL);
        grid->Add(text, 1, wxEXPAND);
        return text;
    };
    name_ = field(_("&Name:"), _("Name"));
    relationship_ = field(_("&Relationship:"), _("Relationship"));
    relationship_->SetHint(_("e.g. daughter, neighbour, paid carer"));
    phone_ = field(_("&Phone:"), _("Phone"));
    carer_ = new wxCheckBox(this, wxID_ANY, _("Is a car&er"));
    nextOfKin_ = new wxCheckBox(this, wxID_ANY, _("Is next of &kin"));
    grid->AddSpacer(0);
    grid->Add(carer_);
    grid->AddSpacer(0);
    grid->Add(nextOfKin_);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, 1, wxEXPAND | wxALL, FromDIP(12));
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(sizer);
    name_->SetFocus();
}

Contact ContactDialog::contact() const {
    auto text = [](const wxTextCtrl* t) {
        wxString v = t->GetValue();
        return fromWx(v.Trim().Trim(false));
    };
    Contact c;
    c.name = text(name_);
    c.relationship = text(relationship_);
    c.phone = text(phone_);
    c.isCarer = carer_->GetValue();
    c.isNextOfKin = nextOfKin_->GetValue();
    return c;
}

}  // namespace nmdt::gui
