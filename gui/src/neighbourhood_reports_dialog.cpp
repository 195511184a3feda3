#include "neighbourhood_reports_dialog.h"

#include <wx/button.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/utils.h>

#include <fstream>

#include "bar_chart.h"
#include "model/utf8_path.h"
#include "refusable.h"
#include "report_list.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {
std::vector<Bar> barsOf(const std::vector<ReportBar>& bars) {
    std::vector<Bar> out;
    for (const auto& b : bars)
        out.push_back({toWx(b.label), b.count, 0, {}});
    return out;
}

wxString days(std::optional<int> d) {
    return d ? wxString::Format("%d", *d) : wxString("-");
}
}  // namespace

NeighbourhoodReportsDialog::NeighbourhoodReportsDialog(wxWindow* parent, Commands commands)
    : wxDialog(parent, wxID_ANY, _("Neighbourhood Reports"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      commands_(std::move(commands)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    book_ = new wxNotebook(this, wxID_ANY);
    addPage(_("Caseload by need"), {});
    addPage(_("Actions by organisation"), _("overdue"));
    addPage(_("Overdue actions"), {});
    addPage(_("Referral to first MDT"), {});
    sizer->Add(book_, 1, wxEXPAND | wxALL, FromDIP(8));

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* save = new wxButton(this, wxID_SAVEAS, _("Save as CS&V..."));
    auto* again = new wxButton(this, wxID_REFRESH, _("&Refresh"));
    buttons->Add(save, 0, wxRIGHT, FromDIP(8));
    buttons->Add(again, 0);
    buttons->AddStretchSpacer();
    buttons->Add(new wxButton(this, wxID_CLOSE, _("Close")), 0);
    sizer->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    SetSizerAndFit(sizer);
    SetSize(FromDIP(wxSize(900, 640)));
    SetEscapeId(wxID_CLOSE);

    save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onSaveCsv(); });
    again->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { refresh(); });
    Bind(
        wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(wxID_CLOSE); }, wxID_CLOSE);
    refresh();
}

void NeighbourhoodReportsDialog::addPage(const wxString& title, const wxString& highlightMeaning) {
    auto* panel = new wxPanel(book_);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    Page page;
    page.headline = new wxStaticText(panel, wxID_ANY, {});
    page.headline->SetFont(page.headline->GetFont().Bold());
    page.chart = new BarChart(panel, highlightMeaning);
    page.list = new wxListCtrl(panel, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                               wxLC_REPORT | wxLC_SINGLE_SEL);
    sizer->Add(page.headline, 0, wxALL, FromDIP(8));
    sizer->Add(page.chart, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(8));
    sizer->Add(page.list, 1, wxEXPAND | wxALL, FromDIP(8));
    panel->SetSizer(sizer);
    book_->AddPage(panel, title);
    pages_.push_back(page);
}

void NeighbourhoodReportsDialog::refresh() {
    NeighbourhoodReport report;
    wxString problem;
    wxBusyCursor busy;  // under a second on 50,000 cases, but not instant
    if (!runRefusable([&] { report = commands_.reports().build(); }, problem)) {
        wxMessageBox(problem, _("Neighbourhood Reports"), wxOK | wxICON_WARNING, this);
        return;
    }
    tables_ = reportTables(report);

    pages_[0].chart->setBars(barsOf(report.caseloadByDomain));
    pages_[0].headline->SetLabel(wxString::Format(
        _("%zu open cases. Each bar counts the open cases with at least one need in that "
          "domain in the care plan in force."),
        report.openCases));

    std::vector<Bar> organisations;
    for (const auto& o : report.actionsByOrganisation)
        organisations.push_back({toWx(o.name), o.open, o.overdue, {}});
    pages_[1].chart->setBars(organisations);
    std::size_t open = 0;
    for (const auto& o : report.actionsByOrganisation)
        open += o.open;
    pages_[1].headline->SetLabel(
        wxString::Format(_("%zu open actions, %zu of them overdue. Bars show open actions by the "
                           "organisation that owns them."),
                         open, report.overdueTotal));

    pages_[2].chart->setBars(barsOf(report.overdueByAge));
    pages_[2].headline->SetLabel(wxString::Format(_("%zu overdue actions; the oldest is %s days "
                                                    "past its due date."),
                                                  report.overdueTotal,
                                                  days(report.oldestOverdueDays)));

    pages_[3].chart->setBars(barsOf(report.referralToDiscussion));
    pages_[3].headline->SetLabel(wxString::Format(
        _("%zu cases discussed: median %s days from referral (longest %s). %zu open cases not "
          "yet discussed, waiting up to %s days."),
        report.discussed, days(report.medianDaysToDiscussion), days(report.longestDaysToDiscussion),
        report.awaitingDiscussion, days(report.longestWaitSoFar)));

    for (std::size_t p = 0; p < pages_.size(); ++p) {
        showReportTable(pages_[p].list, tables_[p], FromDIP(260));
        pages_[p].headline->Wrap(FromDIP(840));
    }
    Layout();
}

void NeighbourhoodReportsDialog::showPage(std::size_t page) {
    book_->SetSelection(page);
}

long NeighbourhoodReportsDialog::rowCount(std::size_t page) const {
    return pages_.at(page).list->GetItemCount();
}

wxString NeighbourhoodReportsDialog::headline(std::size_t page) const {
    return pages_.at(page).headline->GetLabel();
}

bool NeighbourhoodReportsDialog::saveCsv(std::size_t page, const std::string& path,
                                         wxString& problem) const {
    std::ofstream out(pathFromUtf8(path), std::ios::binary | std::ios::trunc);
    out << toCsv(tables_.at(page));
    out.flush();
    if (!out) {
        problem = wxString::Format(_("Could not write %s (is the disk full?)."), toWx(path));
        return false;
    }
    return true;
}

void NeighbourhoodReportsDialog::onSaveCsv() {
    int page = book_->GetSelection();
    if (page < 0)
        return;
    const auto& t = tables_.at(static_cast<std::size_t>(page));
    saveTableAsCsv(this, _("Save report as CSV"),
                   t.name + "-" + toIsoDate(commands_.clock().today()),
                   [&](const std::string& path, wxString& problem) {
                       return saveCsv(static_cast<std::size_t>(page), path, problem);
                   });
}

}  // namespace nmdt::gui
