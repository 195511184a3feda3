// The main window's exchange commands: export and import through FHIR, the neighbourhood
// reports, and restore from a backup. Kept apart from main_frame.cpp, which lays out the
// window and runs the day-to-day commands.
#include <wx/filedlg.h>
#include <wx/msgdlg.h>
#include <wx/srchctrl.h>

#include "actions_panel.h"
#include "command_table.h"
#include "gui/main_frame.h"
#include "meetings_panel.h"
#include "model/permissions.h"
#include "neighbourhood_reports_dialog.h"
#include "record_exchange.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {
/// Asks where to save a new document; empty when cancelled.
std::string askSavePath(wxWindow* parent, const wxString& title, const wxString& name) {
    wxFileDialog where(parent, title, {}, name, _("FHIR JSON (*.json)|*.json"),
                       wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    return where.ShowModal() == wxID_OK ? fromWx(where.GetPath()) : std::string();
}
}  // namespace

bool MainFrame::exportCurrentCase(const std::string& path, wxString& problem) {
    if (!currentCase_) {
        problem = _("Open a resident's record first.");
        return false;
    }
    RecordExchange exchange(Commands(ServiceContext{*store_, *clock_, *ids_, user_}),
                            exchangeFormat_);
    return exchange.exportCase(*currentCase_, path, problem);
}

bool MainFrame::importCase(const std::string& path, wxString& summary, wxString& problem) {
    RecordExchange exchange(Commands(ServiceContext{*store_, *clock_, *ids_, user_}),
                            exchangeFormat_);
    auto result = exchange.importCase(path, summary, problem);
    if (!result)
        return false;
    search(searchBox_->GetValue());
    actions_->refresh();
    showCase(result->caseId);
    return true;
}

namespace {
// The Meetings page always shows a meeting when there is one.
wxString noMeetingYet() {
    return _("There are no meetings yet, so there is nothing to export.");
}
}  // namespace

bool MainFrame::exportMeetingOutcomes(const std::string& path, wxString& problem) {
    auto meeting = meetings()->current();
    if (!meeting) {
        problem = noMeetingYet();
        return false;
    }
    RecordExchange exchange(Commands(ServiceContext{*store_, *clock_, *ids_, user_}),
                            exchangeFormat_);
    return exchange.exportMeeting(meeting->id, path, problem);
}

bool MainFrame::exportAuditTrail(const std::string& path, wxString& problem) {
    RecordExchange exchange(Commands(ServiceContext{*store_, *clock_, *ids_, user_}),
                            exchangeFormat_);
    AuditQuery all;
    all.limit = 10'000'000;
    return exchange.exportAudit(all, path, problem);
}

void MainFrame::showReports() {
    NeighbourhoodReportsDialog dialog(this,
                                      Commands(ServiceContext{*store_, *clock_, *ids_, user_}));
    dialog.ShowModal();
}

void MainFrame::onExportCase() {
    std::string path = askSavePath(this, _("Export case as FHIR"),
                                   "fhir-case-" + toWx(toIsoDate(clock_->today())) + ".json");
    if (path.empty())
        return;
    wxString problem;
    if (exportCurrentCase(path, problem))
        SetStatusText(wxString::Format(_("FHIR case bundle written: %s"), toWx(path)), 0);
    else
        wxMessageBox(problem, _("Export case"), wxOK | wxICON_ERROR, this);
}

void MainFrame::onImportCase() {
    wxFileDialog from(this, _("Import a FHIR case"), {}, {}, _("FHIR JSON (*.json)|*.json"),
                      wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (from.ShowModal() != wxID_OK)
        return;
    wxString summary, problem;
    if (importCase(fromWx(from.GetPath()), summary, problem))
        wxMessageBox(summary, _("Import case"), wxOK | wxICON_INFORMATION, this);
    else
        wxMessageBox(problem, _("Import case"), wxOK | wxICON_ERROR, this);
}

void MainFrame::onExportMeeting() {
    auto meeting = meetings()->current();
    if (!meeting) {
        // Said before asking where to save: there is nothing to write yet.
        wxMessageBox(noMeetingYet(), _("Export meeting outcomes"), wxOK | wxICON_INFORMATION, this);
        showMeetings();
        return;
    }
    std::string path = askSavePath(this, _("Export meeting outcomes as FHIR"),
                                   "fhir-meeting-" + toWx(toIsoDate(meeting->date)) + ".json");
    if (path.empty())
        return;
    wxString problem;
    if (exportMeetingOutcomes(path, problem))
        SetStatusText(wxString::Format(_("FHIR meeting outcomes written: %s"), toWx(path)), 0);
    else
        wxMessageBox(problem, _("Export meeting outcomes"), wxOK | wxICON_ERROR, this);
}

void MainFrame::onExportAudit() {
    std::string path = askSavePath(this, _("Export audit trail as FHIR"),
                                   "fhir-audit-" + toWx(toIsoDate(clock_->today())) + ".json");
    if (path.empty())
        return;
    wxString problem;
    if (exportAuditTrail(path, problem))
        SetStatusText(wxString::Format(_("FHIR AuditEvent bundle written: %s"), toWx(path)), 0);
    else
        wxMessageBox(problem, _("Export audit trail"), wxOK | wxICON_ERROR, this);
}

void MainFrame::bindExchangeCommands() {
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { onExportCase(); }, ID_EXPORT_CASE);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { onImportCase(); }, ID_IMPORT_CASE);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { onExportMeeting(); }, ID_EXPORT_MEETING);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { onExportAudit(); }, ID_EXPORT_AUDIT);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { showReports(); }, ID_REPORTS);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (onRestoreBackup)
                onRestoreBackup();
        },
        ID_RESTORE);

    // Greyed out where the role, the installation or the screen does not allow them.
    auto exchanging = [this] {
        return exchangeFormat_ && !locked_ && isAllowed(user_, Operation::ExchangeRecords);
    };
    Bind(
        wxEVT_UPDATE_UI,
        [this, exchanging](wxUpdateUIEvent& e) {
            e.Enable(exchanging() && currentCase_ && !currentWithheld_);
        },
        ID_EXPORT_CASE);
    Bind(
        wxEVT_UPDATE_UI, [exchanging](wxUpdateUIEvent& e) { e.Enable(exchanging()); },
        ID_IMPORT_CASE);
    Bind(
        wxEVT_UPDATE_UI,
        [this, exchanging](wxUpdateUIEvent& e) {
            // Before the Meetings page is first built, enabled: exporting then asks for a
            // meeting if there is none (building the page here would be done at idle).
            e.Enable(exchanging() && (!meetings_ || meetings_->current().has_value()));
        },
        ID_EXPORT_MEETING);
    Bind(
        wxEVT_UPDATE_UI,
        [this](wxUpdateUIEvent& e) {
            e.Enable(exchangeFormat_ && !locked_ && isAllowed(user_, Operation::ReviewAudit));
        },
        ID_EXPORT_AUDIT);
    Bind(
        wxEVT_UPDATE_UI,
        [this](wxUpdateUIEvent& e) {
            e.Enable(onRestoreBackup && !locked_ && isAllowed(user_, Operation::RestoreStore));
        },
        ID_RESTORE);
    Bind(
        wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(!locked_); }, ID_REPORTS);
    Bind(
        wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(!locked_); }, ID_MDT_SERIES);
}

}  // namespace nmdt::gui
