#include "series_dialog.h"

#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>

#include "labelled.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {
/// The cadences offered, in days.
constexpr int kCadences[] = {7, 14, 21, 28, 42, 56, 91};

std::string trimmed(const wxTextCtrl* field) {
    wxString text = field->GetValue();
    return fromWx(text.Trim().Trim(false));
}
}  // namespace

wxString describeCadence(int days) {
    if (days == 7)
        return _("Every week");
    if (days % 7 == 0)
        return wxString::Format(_("Every %d weeks"), days / 7);
    return wxString::Format(_("Every %d days"), days);
}

SeriesDialog::SeriesDialog(wxWindow* parent, const MeetingSeries& series,
                           std::vector<Organisation> organisations)
    : wxDialog(parent, wxID_ANY,
               series.id.empty() ? _("New MDT Series")
                                 : wxString::Format(_("MDT Series: %s"), toWx(series.name)),
               wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      original_(series),
      organisations_(std::move(organisations)) {
    SetName("SeriesDialog");
    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 6)));
    grid->AddGrowableCol(1);
    auto text = [&](const wxString& label, const wxString& name, const std::string& value) {
        auto* field = new wxTextCtrl(this, wxID_ANY, toWx(value), wxDefaultPosition,
                                     FromDIP(wxSize(300, -1)));
        field->SetName(name);
        grid->Add(labelFor(this, label, field), 0, wxALIGN_CENTER_VERTICAL);
        grid->Add(field, 1, wxEXPAND);
        return field;
    };
    name_ = text(_("&Name:"), _("Name"), series.name);
    name_->SetHint(_("e.g. Frailty MDT"));
    cadence_ = new wxChoice(this, wxID_ANY);
    cadence_->SetName(_("How often"));
    int chosen = -1;
    for (std::size_t i = 0; i < std::size(kCadences); ++i) {
        cadence_->Append(describeCadence(kCadences[i]));
        if (kCadences[i] == series.cadenceDays)
            chosen = static_cast<int>(i);
    }
    if (chosen < 0) {  // a cadence set elsewhere is kept, not rounded
        cadence_->Append(describeCadence(series.cadenceDays));
        chosen = static_cast<int>(cadence_->GetCount()) - 1;
    }
    cadence_->SetSelection(chosen);
    grid->Add(labelFor(this, _("&How often:"), cadence_), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(cadence_, 0);
    startTime_ = text(_("&Starts at (HH:MM):"), _("Start time"), series.startTime);
    length_ = new wxSpinCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS,
                             15, 480, series.durationMinutes);
    length_->SetName(_("Length in minutes"));
    grid->Add(labelFor(this, _("&Length (minutes):"), length_), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(length_, 0);
    place_ = text(_("&Place:"), _("Place"), series.place);
    link_ = text(_("&Video link:"), _("Video link"), series.link);
    invitees_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(300, 150)));
    invitees_->SetName(_("Invited by default"));
    for (std::size_t i = 0; i < organisations_.size(); ++i) {
        invitees_->Append(toWx(organisations_[i].name));
        const auto& id = organisations_[i].id;
        if (std::find(series.defaultInvitees.begin(), series.defaultInvitees.end(), id) !=
            series.defaultInvitees.end())
            invitees_->Check(static_cast<unsigned>(i));
    }
    grid->Add(labelFor(this, _("&Invited by default:"), invitees_), 0, wxALIGN_TOP);
    grid->Add(invitees_, 1, wxEXPAND);
    auto* note = new wxStaticText(
        this, wxID_ANY,
        _("Changes apply to meetings planned from now on; meetings already planned keep "
          "their date, time and invitees."));
    note->Wrap(FromDIP(440));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, 1, wxEXPAND | wxALL, FromDIP(12));
    sizer->Add(note, 0, wxLEFT | wxRIGHT, FromDIP(12));
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(sizer);
    name_->SetFocus();
}

MeetingSeries SeriesDialog::series() const {
    MeetingSeries s = original_;
    s.name = trimmed(name_);
    const int i = cadence_->GetSelection();
    if (i >= 0 && static_cast<std::size_t>(i) < std::size(kCadences))
        s.cadenceDays = kCadences[i];
    s.startTime = trimmed(startTime_);
    s.durationMinutes = length_->GetValue();
    s.place = trimmed(place_);
    s.link = trimmed(link_);
    s.defaultInvitees.clear();
    for (unsigned j = 0; j < invitees_->GetCount(); ++j)
        if (invitees_->IsChecked(j))
            s.defaultInvitees.push_back(organisations_[j].id);
    return s;
}

}  // namespace nmdt::gui
