#include "meeting_details_dialog.h"

#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "date_field.h"
#include "formatting.h"
#include "labelled.h"
#include "wx_text.h"

namespace nmdt::gui {

MeetingDetailsDialog::MeetingDetailsDialog(wxWindow* parent, const Meeting& meeting)
    : wxDialog(parent, wxID_ANY, _("Meeting date, time and place")), meeting_(meeting) {
    SetName("MeetingDetailsDialog");
    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 8)));
    grid->AddGrowableCol(1);
    auto text = [&](const wxString& label, const wxString& name, const std::string& value) {
        auto* field = new wxTextCtrl(this, wxID_ANY, toWx(value), wxDefaultPosition,
                                     FromDIP(wxSize(340, -1)));
        field->SetName(name);
        grid->Add(labelFor(this, label, field), 0, wxALIGN_CENTER_VERTICAL);
        grid->Add(field, 1, wxEXPAND);
        return field;
    };
    title_ = text(_("&Title:"), _("Title"), meeting.title);
    date_ = new DateField(this, wxID_ANY, toWxDate(meeting.date));
    grid->Add(labelFor(this, _("&Date:"), date_), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(date_);
    start_ = text(_("&Starts at (HH:MM):"), _("Start time"), meeting.startTime);
    length_ = new wxSpinCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS,
                             15, 480, meeting.durationMinutes);
    length_->SetName(_("Length in minutes"));
    grid->Add(labelFor(this, _("&Length (minutes):"), length_), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(length_);
    place_ = text(_("&Place:"), _("Place"), meeting.place);
    link_ = text(_("&Video link:"), _("Video link"), meeting.link);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, 1, wxEXPAND | wxALL, FromDIP(12));
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(sizer);
    date_->guardOk(this);
    date_->text()->SetFocus();
}

Meeting MeetingDetailsDialog::details() const {
    auto trimmed = [](const wxTextCtrl* t) {
        wxString v = t->GetValue();
        return fromWx(v.Trim().Trim(false));
    };
    Meeting m = meeting_;
    m.title = trimmed(title_);
    m.date = fromWxDate(date_->GetValue());
    m.startTime = trimmed(start_);
    m.durationMinutes = length_->GetValue();
    m.place = trimmed(place_);
    m.link = trimmed(link_);
    return m;
}

}  // namespace nmdt::gui
