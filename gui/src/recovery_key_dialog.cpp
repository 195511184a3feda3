#include "recovery_key_dialog.h"

#include <wx/button.h>
#include <wx/clipbrd.h>
#include <wx/cmndata.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "printing/report_printout.h"
#include "reports/recovery_key_report.h"
#include "wx_text.h"

namespace nmdt::gui {

RecoveryKeyDialog::RecoveryKeyDialog(wxWindow* parent, std::string key, std::string store,
                                     std::string madeBy, Timestamp madeAt)
    : wxDialog(parent, wxID_ANY, _("Recovery key")),
      key_(std::move(key)),
      store_(std::move(store)),
      madeBy_(std::move(madeBy)),
      madeAt_(madeAt) {
    SetName("RecoveryKeyDialog");
    auto* intro = new wxStaticText(
        this, wxID_ANY,
        _("This store's recovery key opens it if every administrator forgets their "
          "passphrase. It is shown only now and is not kept anywhere: print it or write it "
          "down, and lock it away from the computer."));
    intro->Wrap(FromDIP(520));
    keyField_ = new wxTextCtrl(this, wxID_ANY, toWx(key_), wxDefaultPosition, wxDefaultSize,
                               wxTE_READONLY | wxTE_CENTRE);
    keyField_->SetName(_("Recovery key"));
    wxFont mono(wxFontInfo(13).Family(wxFONTFAMILY_TELETYPE).Bold());
    keyField_->SetFont(mono);
    // Wide enough for the whole key on one line, so it is never read across a wrap.
    keyField_->SetMinSize(wxSize(keyField_->GetTextExtent(toWx(key_) + "MMMM").x, -1));
    auto* later = new wxStaticText(
        this, wxID_ANY,
        _("An administrator can make a new one at any time from View > People; the old one "
          "then stops working."));
    later->Wrap(FromDIP(520));

    auto* copy = new wxButton(this, wxID_ANY, _("&Copy"));
    auto* print = new wxButton(this, wxID_PRINT, _("&Print..."));
    auto* done = new wxButton(this, wxID_OK, _("I Have &Kept It Safe"));
    done->SetDefault();
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->Add(copy, 0, wxRIGHT, FromDIP(6));
    buttons->Add(print);
    buttons->AddStretchSpacer();
    buttons->Add(done);

    auto* top = new wxBoxSizer(wxVERTICAL);
    top->Add(intro, 0, wxEXPAND | wxALL, FromDIP(12));
    top->Add(keyField_, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
    top->Add(later, 0, wxEXPAND | wxALL, FromDIP(12));
    top->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(12));
    SetSizerAndFit(top);
    CentreOnParent();
    done->SetFocus();

    copy->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { copyKey(); });
    print->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { printKey(); });
}

bool RecoveryKeyDialog::copyKey() {
    wxClipboardLocker locked;
    if (!locked || !wxTheClipboard->SetData(new wxTextDataObject(toWx(key_)))) {
        wxMessageBox(_("The clipboard is not available. Select the key and copy it, or print "
                       "it instead."),
                     _("Recovery key"), wxOK | wxICON_WARNING, this);
        return false;
    }
    wxTheClipboard->Flush();  // stays after the dialog closes
    return true;
}

void RecoveryKeyDialog::printKey() {
    wxPrintData printData;
    printReport(this, recoveryKeyReport({key_, store_, madeBy_, madeAt_}), printData);
}

void showRecoveryKey(wxWindow* parent, const std::string& key, const std::string& store,
                     const std::string& madeBy, Timestamp madeAt) {
    RecoveryKeyDialog dialog(parent, key, store, madeBy, madeAt);
    dialog.ShowModal();
}

}  // namespace nmdt::gui
