#include "case_record_panel.h"

#include <wx/html/htmlwin.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "reports/case_reports.h"
#include "wx_text.h"

namespace nmdt::gui {

CaseRecordPanel::CaseRecordPanel(wxWindow* parent) : wxPanel(parent) {
    banner_ = new wxPanel(this);
    banner_->SetBackgroundColour(wxColour(0, 94, 184));  // NHS blue
    banner_->SetName(_("Identity banner"));
    name_ = new wxStaticText(banner_, wxID_ANY, {});
    born_ = new wxStaticText(banner_, wxID_ANY, {});
    nhsNumber_ = new wxStaticText(banner_, wxID_ANY, {});
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
    banner_->SetSizer(row);

    record_ =
        new wxHtmlWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxHW_SCROLLBAR_AUTO);
    record_->SetName(_("Case record"));

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(banner_, 0, wxEXPAND);
    sizer->Add(record_, 1, wxEXPAND);
    SetSizer(sizer);
    clear();
}

void CaseRecordPanel::show(const CaseRecord& record, const DirectoryNames& names, Date today) {
    IdentityBanner banner = bannerFor(record.theCase, today);
    name_->SetLabel(toWx(banner.name));
    born_->SetLabel(_("Born") + " " + toWx(banner.dateOfBirth));
    nhsNumber_->SetLabel(_("NHS No.") + " " + toWx(banner.nhsNumber));
    record_->SetPage(toWx(reportToHtml(caseRecordReport(record, names, today))));
    Layout();
}

void CaseRecordPanel::clear() {
    name_->SetLabel(_("No resident selected"));
    born_->SetLabel({});
    nhsNumber_->SetLabel({});
    record_->SetPage(toWx("<html><body><p>" +
                          fromWx(_("Find a resident by name or NHS number, then choose them "
                                   "in the list to see their record.")) +
                          "</p></body></html>"));
    Layout();
}

wxString CaseRecordPanel::bannerText() const {
    return name_->GetLabel() + " | " + born_->GetLabel() + " | " + nhsNumber_->GetLabel();
}

wxString CaseRecordPanel::recordText() const {
    return record_->ToText();
}

}  // namespace nmdt::gui
