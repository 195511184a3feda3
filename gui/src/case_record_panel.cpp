#include "case_record_panel.h"

#include <wx/html/htmlwin.h>
#include <wx/sizer.h>

#include "identity_banner.h"
#include "reports/case_reports.h"
#include "wx_text.h"

namespace nmdt::gui {

CaseRecordPanel::CaseRecordPanel(wxWindow* parent) : wxPanel(parent) {
    banner_ = new IdentityBannerPanel(this);
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
    banner_->show(bannerFor(record.theCase, today));
    record_->SetPage(toWx(reportToHtml(caseRecordReport(record, names, today))));
    shown_ = record.theCase.id;
    Layout();
}

void CaseRecordPanel::showWithheld(const Case& theCase, Date today, const wxString& why) {
    banner_->show(bannerFor(theCase, today));
    wxString escaped = why;
    escaped.Replace("&", "&amp;");
    escaped.Replace("<", "&lt;");
    record_->SetPage("<html><body><h3>" + _("Record not shown") + "</h3><p>" + escaped + "</p><p>" +
                     _("Ask their key worker or the referring organisation if you need to know "
                       "more, or record the resident's consent if they now agree.") +
                     "</p></body></html>");
    shown_ = theCase.id;
    Layout();
}

void CaseRecordPanel::clear(const wxString& firstStep, const wxString& reminder) {
    shown_.reset();
    banner_->showNobody(_("No resident selected"));
    record_->SetPage("<html><body><p>" +
                     (firstStep.empty()
                          ? _("Find a resident by name or NHS number, then choose them in the "
                              "list to see their record.")
                          : firstStep) +
                     "</p>" + (reminder.empty() ? wxString() : "<p><b>" + reminder + "</b></p>") +
                     "</body></html>");
    Layout();
}

wxString CaseRecordPanel::bannerText() const {
    return banner_->text();
}
wxString CaseRecordPanel::recordText() const {
    return record_->ToText();
}

}  // namespace nmdt::gui
