#include "resident_copy_dialog.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace nmdt::gui {

ResidentCopyDialog::ResidentCopyDialog(wxWindow* parent, const wxString& residentName,
                                       bool largePrintByDefault)
    : wxDialog(parent, wxID_ANY,
               wxString::Format(_("My care and support plan: %s"), residentName)) {
    SetName("ResidentCopyDialog");
    auto* text = new wxStaticText(
        this, wxID_ANY,
        wxString::Format(_("A copy of the agreed plan for %s to keep, in plain words. It leaves "
                           "out consent decisions, referral details and anything only the team "
                           "needs."),
                         residentName));
    text->Wrap(FromDIP(420));
    largePrint_ = new wxCheckBox(this, wxID_ANY, _("&Large print (16 point text)"));
    largePrint_->SetValue(largePrintByDefault);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* print = new wxButton(this, kPrint, _("&Print..."));
    auto* save = new wxButton(this, kSavePdf, _("Save as P&DF..."));
    auto* cancel = new wxButton(this, wxID_CANCEL);
    buttons->AddStretchSpacer();
    buttons->Add(print, 0, wxRIGHT, FromDIP(6));
    buttons->Add(save, 0, wxRIGHT, FromDIP(6));
    buttons->Add(cancel);
    print->SetDefault();
    for (int id : {kPrint, kSavePdf})
        Bind(
            wxEVT_BUTTON, [this, id](wxCommandEvent&) { EndModal(id); }, id);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(text, 0, wxEXPAND | wxALL, FromDIP(12));
    sizer->Add(largePrint_, 0, wxLEFT | wxRIGHT, FromDIP(12));
    sizer->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(sizer);
    largePrint_->SetFocus();
}

bool ResidentCopyDialog::largePrintChosen() const {
    return largePrint_->GetValue();
}

}  // namespace nmdt::gui
