// The main window's outcome commands: the outcome reports, a resident's wellbeing score and
// a practice's service-use import.
#include <wx/filedlg.h>
#include <wx/msgdlg.h>

#include <filesystem>
#include <fstream>

#include "command_table.h"
#include "gui/main_frame.h"
#include "model/commands.h"
#include "model/permissions.h"
#include "model/utf8_path.h"
#include "outcomes_dialog.h"
#include "refusable.h"
#include "wellbeing_dialog.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {
/// Bigger than any practice's monthly export for its MDT residents.
constexpr std::uintmax_t kMaxServiceUseBytes = 200u * 1024u * 1024u;
}  // namespace

void MainFrame::showOutcomes() {
    OutcomesDialog dialog(this, Commands(ServiceContext{*store_, *clock_, *ids_, user_}),
                          exchangeFormat_);
    dialog.ShowModal();
}

bool MainFrame::recordWellbeingForCurrent(const WellbeingScore& entered, wxString& problem) {
    if (!currentCase_)
        return false;
    WellbeingScore score = entered;
    score.caseId = *currentCase_;
    if (!runRefusable([&] { Commands(editing()).outcomes().recordWellbeing(score); }, problem))
        return false;
    refreshRecord();
    return true;
}

void MainFrame::onRecordWellbeing() {
    if (!currentCase_)
        return;
    // The record being scored is the one on screen: from another page, show it first.
    showResidents();
    const CaseId about = *currentCase_;
    std::vector<WellbeingScore> history;
    wxString problem;
    if (!runRefusable([&] { history = Commands(editing()).outcomes().wellbeingHistory(about); },
                      problem)) {
        wxMessageBox(problem, _("Wellbeing"), wxOK | wxICON_WARNING, this);
        return;
    }
    auto theCase = store_->caseById(about);
    if (!theCase)
        return;
    WellbeingDialog dialog(this, theCase->resident, history, clock_->today());
    while (dialog.ShowModal() == wxID_OK) {
        if (currentCase_ != about)
            return;  // the record on screen changed (sync, merge): never score someone else
        if (recordWellbeingForCurrent(dialog.score(), problem))
            return;
        wxMessageBox(problem, _("Wellbeing"), wxOK | wxICON_WARNING, this);
    }
}

bool MainFrame::importServiceUse(const std::string& path, wxString& summary, wxString& problem) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(pathFromUtf8(path), ec);
    if (ec || size > kMaxServiceUseBytes) {
        problem = ec ? wxString::Format(_("Could not read %s."), toWx(path))
                     : _("The file is larger than 200 MB: it is not a service-use export.");
        return false;
    }
    std::string bytes;
    {
        std::ifstream in(pathFromUtf8(path), std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    ServiceUseImportResult result;
    const std::string name = pathToUtf8(pathFromUtf8(path).filename());
    if (!runRefusable(
            [&] { result = Commands(editing()).outcomes().importServiceUse(bytes, name); },
            problem)) {
        problem = _("Nothing was imported.") + "\n\n" + problem;
        return false;
    }
    summary = wxString::Format(wxPLURAL("Imported %zu month", "Imported %zu months",
                                        static_cast<unsigned>(result.months)),
                               result.months) +
              " " +
              wxString::Format(wxPLURAL("for %zu resident.", "for %zu residents.",
                                        static_cast<unsigned>(result.residents)),
                               result.residents);
    if (result.replaced)
        summary += " " + wxString::Format(_("%zu of them replaced months imported before."),
                                          result.replaced);
    if (result.notHeld)
        summary += "\n\n" + wxString::Format(wxPLURAL("%zu row was for someone the team does "
                                                      "not support here; it was not kept.",
                                                      "%zu rows were for people the team does "
                                                      "not support here; they were not kept.",
                                                      static_cast<unsigned>(result.notHeld)),
                                             result.notHeld);
    return true;
}

void MainFrame::onImportServiceUse() {
    wxFileDialog choose(this, _("Import your practice's service-use export"), {}, {},
                        _("CSV files (*.csv)|*.csv;*.CSV|All files|*"),
                        wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (choose.ShowModal() != wxID_OK)
        return;
    wxString summary, problem;
    wxBusyCursor busy;
    if (importServiceUse(fromWx(choose.GetPath()), summary, problem))
        wxMessageBox(summary, _("Service use imported"), wxOK | wxICON_INFORMATION, this);
    else
        wxMessageBox(problem, _("Service use not imported"), wxOK | wxICON_WARNING, this);
}

void MainFrame::bindOutcomeCommands() {
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { showOutcomes(); }, ID_OUTCOMES);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { onRecordWellbeing(); }, ID_RECORD_WELLBEING);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { onImportServiceUse(); }, ID_IMPORT_SERVICE_USE);
    Bind(
        wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(!locked_); }, ID_OUTCOMES);
    Bind(
        wxEVT_UPDATE_UI,
        [this](wxUpdateUIEvent& e) {
            e.Enable(!locked_ && currentCase_ && !currentWithheld_ &&
                     isAllowed(user_, Operation::EditCase));
        },
        ID_RECORD_WELLBEING);
    Bind(
        wxEVT_UPDATE_UI,
        [this](wxUpdateUIEvent& e) {
            e.Enable(!locked_ && isAllowed(user_, Operation::FindCases));
        },
        ID_IMPORT_SERVICE_USE);
}

}  // namespace nmdt::gui
