// The main window's "My care and support plan": the resident's own copy of their agreed
// plan, printed or saved as a PDF, in large print when they need it.
#include <wx/filedlg.h>
#include <wx/msgdlg.h>

#include "gui/main_frame.h"
#include "model/care_plan_service.h"
#include "model/record_access_service.h"
#include "printing/report_printout.h"
#include "refusable.h"
#include "reports/resident_plan_report.h"
#include "resident_copy_dialog.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {
/// What the audit trail says was given out.
std::string copyDescription(bool largePrint, const Report& report) {
    return std::string("resident's copy") + (largePrint ? ", large print" : "") + ", " +
           report.subtitle;
}
}  // namespace

std::optional<Report> MainFrame::residentCopyReport(bool largePrint) const {
    auto agreed = currentAgreedPlan();
    if (!agreed)
        return std::nullopt;
    DirectoryNames names(*store_);
    return residentPlanReport(agreed->record, agreed->plan, names, printContext(names),
                              ResidentCopyOptions{largePrint});
}

bool MainFrame::saveResidentCopyPdf(const std::string& path, bool largePrint, wxString& problem) {
    auto report = residentCopyReport(largePrint);
    if (!report) {
        problem = _("This resident has no agreed care plan to give them.");
        return false;
    }
    return saveCurrentResidentPdf(*report, path, copyDescription(largePrint, *report), problem);
}

void MainFrame::onResidentCopy() {
    auto theCase = currentCase_ ? store_->caseById(*currentCase_) : std::nullopt;
    if (!theCase)
        return;
    // Someone whose record asks for large print gets it unless the user says otherwise.
    wxString needs = toWx(theCase->resident.communicationNeeds).Lower();
    ResidentCopyDialog dialog(this, toWx(theCase->resident.displayName()),
                              needs.Contains("large print"));
    const int choice = dialog.ShowModal();
    const bool large = dialog.largePrintChosen();
    wxString problem;
    if (choice == ResidentCopyDialog::kSavePdf) {
        wxFileDialog files(this, _("Save the resident's copy as PDF"), {},
                           toWx("my-care-plan-" + theCase->resident.familyName + ".pdf"),
                           _("PDF files (*.pdf)|*.pdf"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        if (files.ShowModal() != wxID_OK)
            return;
        wxBusyCursor busy;
        if (!saveResidentCopyPdf(fromWx(files.GetPath()), large, problem))
            wxMessageBox(problem, _("Save as PDF"), wxOK | wxICON_ERROR, this);
        else
            SetStatusText(wxString::Format(_("Saved %s"), files.GetPath()), 0);
        return;
    }
    if (choice != ResidentCopyDialog::kPrint)
        return;
    auto report = residentCopyReport(large);
    if (!report || !printReport(this, *report, printData_))
        return;
    if (!runRefusable(
            [&] {
                RecordAccessService({*store_, *clock_, noIds_, user_})
                    .recordOutput({AuditEventKind::Print, "case:" + currentCase_->str(),
                                   copyDescription(large, *report)});
            },
            problem))
        wxMessageBox(problem, _("Print"), wxOK | wxICON_ERROR, this);
}

}  // namespace nmdt::gui
