#include "triage_dialog.h"

#include <wx/choice.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "labelled.h"
#include "wording.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {
/// The outcomes a chair chooses from, in the order offered (never "awaiting triage").
constexpr Triage kOffered[] = {Triage::AcceptedForMdt, Triage::NavigatorOnly,
                               Triage::SocialPrescribing, Triage::Signposted, Triage::Declined};
}  // namespace

TriageDialog::TriageDialog(wxWindow* parent, const Case& theCase, std::vector<MeetingSeries> series)
    : wxDialog(parent, wxID_ANY,
               wxString::Format(_("Triage referral: %s"), toWx(theCase.resident.displayName()))) {
    std::erase_if(series, [](const MeetingSeries& s) { return !s.active; });
    series_ = std::move(series);
    SetName("TriageDialog");
    wxArrayString choices;
    int current = 0;
    for (std::size_t i = 0; i < std::size(kOffered); ++i) {
        choices.Add(describe(kOffered[i]));
        if (kOffered[i] == theCase.triage)
            current = static_cast<int>(i);
    }
    outcomes_ = new wxRadioBox(this, wxID_ANY, _("Decision"), wxDefaultPosition, wxDefaultSize,
                               choices, 1, wxRA_SPECIFY_COLS);
    outcomes_->SetSelection(current);
    reason_ = new wxTextCtrl(this, wxID_ANY, toWx(theCase.triageNote), wxDefaultPosition,
                             FromDIP(wxSize(380, 70)), wxTE_MULTILINE);
    reason_->SetName(_("Reason"));
    auto* referral =
        new wxStaticText(this, wxID_ANY,
                         wxString::Format(_("Referred %s: %s"), describe(theCase.urgency).Lower(),
                                          toWx(theCase.referralReason)));
    referral->Wrap(FromDIP(380));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(referral, 0, wxALL, FromDIP(12));
    sizer->Add(outcomes_, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
    if (!series_.empty()) {
        seriesChoice_ = new wxChoice(this, wxID_ANY);
        seriesChoice_->SetName(_("Which MDT"));
        seriesChoice_->Append(_("Whichever MDT meets first"));
        int chosen = 0;
        for (std::size_t i = 0; i < series_.size(); ++i) {
            seriesChoice_->Append(toWx(series_[i].name));
            if (series_[i].id == theCase.mdtSeries)
                chosen = static_cast<int>(i) + 1;
        }
        seriesChoice_->SetSelection(chosen);
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        row->Add(labelFor(this, _("Which &MDT takes them on:"), seriesChoice_), 0,
                 wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
        row->Add(seriesChoice_, 1);
        sizer->Add(row, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
        // Only a resident the MDT takes on goes to one of its series.
        auto follow = [this] { seriesChoice_->Enable(outcome() == Triage::AcceptedForMdt); };
        outcomes_->Bind(wxEVT_RADIOBOX, [follow](wxCommandEvent& e) {
            follow();
            e.Skip();
        });
        follow();
    }
    sizer->Add(labelFor(this, _("&Reason (needed to signpost or decline; the referrer sees it):"),
                        reason_),
               0, wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    sizer->Add(reason_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(sizer);
    outcomes_->SetFocus();
}

Triage TriageDialog::outcome() const {
    return kOffered[static_cast<std::size_t>(std::max(0, outcomes_->GetSelection()))];
}

MeetingSeriesId TriageDialog::series() const {
    if (!seriesChoice_ || outcome() != Triage::AcceptedForMdt || seriesChoice_->GetSelection() < 1)
        return {};
    return series_[static_cast<std::size_t>(seriesChoice_->GetSelection() - 1)].id;
}

std::string TriageDialog::reason() const {
    wxString text = reason_->GetValue();
    return fromWx(text.Trim().Trim(false));
}

}  // namespace nmdt::gui
