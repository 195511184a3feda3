// The main window's Resident menu: refer someone in, keep their record right (details,
// carers, consent), raise an action outside a meeting, close and reopen the case. Each
// handler gathers input in a dialog and runs one model command; the words live here.
#include <wx/choicdlg.h>
#include <wx/choice.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/srchctrl.h>
#include <wx/textdlg.h>

#include "action_arising_dialog.h"
#include "actions_panel.h"
#include "case_finding_dialog.h"
#include "command_table.h"
#include "consent_dialog.h"
#include "contact_dialog.h"
#include "formatting.h"
#include "gui/main_frame.h"
#include "model/commands.h"
#include "model/permissions.h"
#include "referral_dialog.h"
#include "refusable.h"
#include "resident_form.h"
#include "tracing_dialog.h"
#include "triage_dialog.h"
#include "wording.h"
#include "wx_text.h"

namespace nmdt::gui {

ServiceContext MainFrame::editing() {
    return ServiceContext{*store_, *clock_, *ids_, user_, &history_};
}

std::optional<CaseId> MainFrame::refer(Referral referral, wxString& problem,
                                       const ReferralChoices& choices) {
    referral.referredBy = user_.userId;
    referral.referrerOrganisation = user_.organisationId;
    if (referral.date == Date{})
        referral.date = clock_->today();
    std::optional<CaseId> id;
    if (!runRefusable([&] { id = CaseService(editing()).refer(referral, choices); }, problem))
        return std::nullopt;
    // The new resident is listed and opened, so what is selected is who was referred.
    showAllCases();
    showCase(*id);
    return id;
}

bool MainFrame::recordNhsNumberOfCurrent(const std::string& nhsNumber,
                                         std::optional<CaseId>& sameAs, wxString& problem) {
    sameAs.reset();
    if (!currentCase_)
        return false;
    CaseService cases(editing());
    if (auto other = cases.caseWithNhsNumber(nhsNumber); other && *other != *currentCase_) {
        sameAs = other;
        return false;
    }
    if (!runRefusable([&] { cases.recordNhsNumber(*currentCase_, nhsNumber); }, problem))
        return false;
    search(searchBox_->GetValue());
    refreshRecord();
    return true;
}

bool MainFrame::mergeCurrentInto(const CaseId& keep, wxString& problem) {
    if (!currentCase_)
        return false;
    const CaseId provisional = *currentCase_;
    if (!runRefusable([&] { CaseService(editing()).mergeDuplicate(keep, provisional); }, problem))
        return false;
    showAllCases();
    showCase(keep);
    return true;
}

bool MainFrame::updateCurrentResident(const Resident& resident, wxString& problem) {
    if (!currentCase_)
        return false;
    if (!runRefusable([&] { CaseService(editing()).updateResident(*currentCase_, resident); },
                      problem))
        return false;
    search(searchBox_->GetValue());  // the list shows the corrected name
    refreshRecord();
    return true;
}

bool MainFrame::setKeyWorkerOfCurrent(const ProfessionalId& keyWorker, wxString& problem) {
    if (!currentCase_)
        return false;
    if (!runRefusable([&] { CaseService(editing()).setKeyWorker(*currentCase_, keyWorker); },
                      problem))
        return false;
    refreshRecord();
    return true;
}

void MainFrame::onSetKeyWorker() {
    auto theCase = currentCase_ ? store_->caseById(*currentCase_) : std::nullopt;
    if (!theCase)
        return;
    auto people = store_->professionals();
    wxSingleChoiceDialog dialog(
        this, _("Who holds this case day to day?"),
        wxString::Format(_("Key worker: %s"), toWx(theCase->resident.displayName())),
        peopleWithOrganisations(people, store_->organisations()));
    for (std::size_t i = 0; i < people.size(); ++i)
        if (people[i].id == theCase->keyWorker)
            dialog.SetSelection(static_cast<int>(i));
    if (dialog.ShowModal() != wxID_OK)
        return;
    wxString problem;
    if (!setKeyWorkerOfCurrent(people[static_cast<std::size_t>(dialog.GetSelection())].id, problem))
        wxMessageBox(problem, _("Key worker"), wxOK | wxICON_WARNING, this);
}

bool MainFrame::addContactToCurrent(const Contact& contact, wxString& problem) {
    if (!currentCase_)
        return false;
    if (!runRefusable([&] { CaseService(editing()).addContact(*currentCase_, contact); }, problem))
        return false;
    refreshRecord();
    return true;
}

bool MainFrame::recordConsentForCurrent(const OrganisationId& organisation,
                                        ConsentDecision decision, const std::string& legalBasis,
                                        wxString& problem, ConsentMethod method) {
    if (!currentCase_)
        return false;
    if (organisation.empty()) {
        problem = describeField("organisation") + ": " + describe(ErrorCode::RequiredFieldMissing);
        return false;
    }
    if (!runRefusable(
            [&] {
                CaseService(editing()).recordConsent(*currentCase_, organisation, decision,
                                                     legalBasis, method);
            },
            problem))
        return false;
    refreshRecord();
    return true;
}

bool MainFrame::triageCurrent(Triage outcome, const std::string& reason, wxString& problem,
                              const MeetingSeriesId& series) {
    if (!currentCase_)
        return false;
    if (!runRefusable(
            [&] { CaseService(editing()).triage(*currentCase_, outcome, reason, series); },
            problem))
        return false;
    refreshRecord();
    return true;
}

void MainFrame::onTriage() {
    auto theCase = currentCase_ ? store_->caseById(*currentCase_) : std::nullopt;
    if (!theCase)
        return;
    TriageDialog dialog(this, *theCase, store_->meetingSeries());
    while (dialog.ShowModal() == wxID_OK) {
        wxString problem;
        if (triageCurrent(dialog.outcome(), dialog.reason(), problem, dialog.series()))
            return;
        wxMessageBox(problem, _("Triage referral"), wxOK | wxICON_WARNING, this);
    }
}

bool MainFrame::closeCurrentCase(const std::string& reason, wxString& problem) {
    if (!currentCase_)
        return false;
    if (!runRefusable([&] { CaseService(editing()).close(*currentCase_, reason); }, problem))
        return false;
    search(searchBox_->GetValue());
    refreshRecord();
    return true;
}

bool MainFrame::reopenCurrentCase(wxString& problem) {
    if (!currentCase_)
        return false;
    if (!runRefusable([&] { CaseService(editing()).reopen(*currentCase_); }, problem))
        return false;
    search(searchBox_->GetValue());
    refreshRecord();
    return true;
}

std::optional<ActionId> MainFrame::raiseActionForCurrent(NewAction action, wxString& problem) {
    if (!currentCase_)
        return std::nullopt;
    action.caseId = *currentCase_;
    std::optional<ActionId> id;
    if (!runRefusable([&] { id = ActionService(editing()).raise(action); }, problem))
        return std::nullopt;
    actions_->refresh();
    updateActionsTab();
    refreshRecord();
    return id;
}

namespace {
/// "Okafor, Ifeoma": who a dialog is about, in its title.
wxString nameOf(const Store& store, const std::optional<CaseId>& id) {
    auto c = id ? store.caseById(*id) : std::nullopt;
    return c ? toWx(c->resident.displayName()) : wxString();
}
}  // namespace

void MainFrame::onRefer() {
    ReferralDialog dialog(
        this, *store_, store_->professionals(), store_->organisations(), clock_->today(),
        [this](const Referral& r, const ReferralChoices& choices, wxString& problem) {
            return refer(r, problem, choices).has_value();
        });
    dialog.ShowModal();
}

void MainFrame::showCaseFinding() {
    CaseFindingDialog dialog(this, Commands(editing()).caseFinding(), *store_, user_.organisationId,
                             clock_->today(),
                             [this](const CaseFindingEntry& entry, const CaseFindingList& list) {
                                 return referFromList(entry, list);
                             });
    dialog.ShowModal();
    if (!currentCase_)
        clearRecord();  // the reminder of reviews due, as the dialog left them
}

void MainFrame::showTracing() {
    Commands commands(editing());
    TracingDialog dialog(this, commands.tracing(), commands.cases(), *store_);
    dialog.ShowModal();
    refreshRecord();  // a number recorded or a record merged shows at once
}

std::optional<CaseId> MainFrame::referFromList(const CaseFindingEntry& entry,
                                               const CaseFindingList& list) {
    std::optional<CaseId> made;
    ReferralDialog dialog(
        this, *store_, store_->professionals(), store_->organisations(), clock_->today(),
        [this, &made](const Referral& r, const ReferralChoices& choices, wxString& problem) {
            made = refer(r, problem, choices);
            return made.has_value();
        });
    Resident resident;
    resident.nhsNumber = entry.nhsNumber;
    resident.familyName = entry.familyName;
    resident.givenName = entry.givenName;
    resident.dateOfBirth = entry.dateOfBirth;
    resident.sex = sexFromExport(entry.sex);
    resident.postcode = entry.postcode;
    resident.registeredPractice = user_.organisationId;
    dialog.form()->show(resident);
    // Why they were found, as the list said it (its risk columns), for triage to read.
    wxString why = wxString::Format(_("Found by the practice's search \"%s\""), toWx(list.title));
    for (std::size_t i = 0; i < list.riskColumns.size() && i < entry.risk.size(); ++i)
        if (!entry.risk[i].empty())
            why += wxString::Format("; %s: %s", toWx(list.riskColumns[i]), toWx(entry.risk[i]));
    dialog.reason()->SetValue(why + ".");
    dialog.ShowModal();
    return made;
}

void MainFrame::onRecordNhsNumber() {
    auto theCase = currentCase_ ? store_->caseById(*currentCase_) : std::nullopt;
    if (!theCase || !theCase->resident.identityProvisional())
        return;
    const wxString who = toWx(theCase->resident.displayName());
    wxString typed;
    for (;;) {
        wxTextEntryDialog ask(this,
                              wxString::Format(_("The NHS number traced for %s, born %s:"), who,
                                               formatDate(theCase->resident.dateOfBirth)),
                              wxString::Format(_("Record NHS Number: %s"), who), typed);
        if (ask.ShowModal() != wxID_OK)
            return;
        typed = ask.GetValue();
        std::optional<CaseId> sameAs;
        wxString problem;
        if (recordNhsNumberOfCurrent(fromWx(typed), sameAs, problem)) {
            SetStatusText(wxString::Format(_("NHS number recorded for %s"), who), 0);
            return;
        }
        if (!sameAs) {
            wxMessageBox(problem, _("Record NHS Number"), wxOK | wxICON_WARNING, this);
            continue;  // the number stays typed, to be corrected
        }
        // The number belongs to a record already here: the same person, referred twice.
        auto other = store_->caseById(*sameAs);
        if (!other)
            return;
        // A different date of birth is the likeliest sign of a mistyped or wrong trace.
        const bool bornApart = other->resident.dateOfBirth != theCase->resident.dateOfBirth;
        wxString message = wxString::Format(
            _("This NHS number is already held by:\n\n    %s, born %s (%s)\n\nThis "
              "provisional record is:\n\n    %s, born %s\n\nIf the resident confirms "
              "they are the same person, this record's contacts, consent, care team, plans, "
              "actions and agenda items move to theirs, and this one is closed as merged."),
            toWx(other->resident.displayName()), formatDate(other->resident.dateOfBirth),
            other->status == CaseStatus::Open ? _("open") : _("closed"), who,
            formatDate(theCase->resident.dateOfBirth));
        if (bornApart)
            message = _("THEIR DATES OF BIRTH DIFFER. Check the number with whoever traced it "
                        "before merging.\n\n") +
                      message;
        wxMessageDialog confirm(
            this, message, _("Same person?"),
            wxYES_NO | wxNO_DEFAULT | (bornApart ? wxICON_WARNING : wxICON_QUESTION));
        confirm.SetYesNoLabels(_("&Merge into Their Record"), _("&Not the Same Person"));
        if (confirm.ShowModal() != wxID_YES)
            return;
        if (!mergeCurrentInto(*sameAs, problem))
            wxMessageBox(problem, _("Merge"), wxOK | wxICON_WARNING, this);
        return;
    }
}

void MainFrame::onEditDetails() {
    auto theCase = currentCase_ ? store_->caseById(*currentCase_) : std::nullopt;
    if (!theCase)
        return;
    wxDialog dialog(this, wxID_ANY,
                    wxString::Format(_("Details: %s"), toWx(theCase->resident.displayName())));
    dialog.SetName("EditDetailsDialog");
    auto* form = new ResidentForm(&dialog, store_->organisations());
    form->show(theCase->resident);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(form, 1, wxEXPAND | wxALL, dialog.FromDIP(12));
    sizer->Add(dialog.CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL,
               dialog.FromDIP(12));
    dialog.SetSizerAndFit(sizer);
    // Refused edits keep the dialog open with everything typed.
    dialog.Bind(
        wxEVT_BUTTON,
        [this, form, &dialog](wxCommandEvent&) {
            if (!form->datesReadable())
                return;
            wxString problem;
            if (updateCurrentResident(form->resident(), problem))
                dialog.EndModal(wxID_OK);
            else
                wxMessageBox(problem, _("Edit details"), wxOK | wxICON_WARNING, &dialog);
        },
        wxID_OK);
    form->givenName()->SetFocus();
    dialog.ShowModal();
}

void MainFrame::onAddContact() {
    if (!currentCase_)
        return;
    ContactDialog dialog(this, nameOf(*store_, currentCase_));
    while (dialog.ShowModal() == wxID_OK) {
        wxString problem;
        if (addContactToCurrent(dialog.contact(), problem))
            return;
        wxMessageBox(problem, _("Carer or contact"), wxOK | wxICON_WARNING, this);
    }
}

void MainFrame::onRecordConsent() {
    if (!currentCase_)
        return;
    ConsentDialog dialog(this, nameOf(*store_, currentCase_), store_->organisations());
    while (dialog.ShowModal() == wxID_OK) {
        wxString problem;
        if (recordConsentForCurrent(dialog.chosenOrganisation(), dialog.chosenDecision(),
                                    dialog.basis(), problem, dialog.chosenMethod())) {
            if (dialog.chosenDecision() == ConsentDecision::Deny)
                wxMessageBox(
                    wxString::Format(
                        _("Recorded. From the next sync on, nothing more about this resident is "
                          "shared with %s.\n\nWhat they were sent before stays with them: ask "
                          "their information governance lead if it must be removed."),
                        dialog.organisation()->GetStringSelection()),
                    _("Consent withdrawn"), wxOK | wxICON_INFORMATION, this);
            return;
        }
        wxMessageBox(problem, _("Consent"), wxOK | wxICON_WARNING, this);
    }
}

void MainFrame::onRaiseAction() {
    if (!currentCase_)
        return;
    ActionArisingDialog dialog(
        this, store_->professionals(), store_->organisations(), clock_->today(),
        wxString::Format(_("Raise an action: %s"), nameOf(*store_, currentCase_)));
    while (dialog.ShowModal() == wxID_OK) {
        wxString problem;
        if (raiseActionForCurrent(dialog.action(), problem))
            return;
        wxMessageBox(problem, _("Raise an action"), wxOK | wxICON_WARNING, this);
    }
}

void MainFrame::onCloseCase() {
    if (!currentCase_)
        return;
    wxTextEntryDialog dialog(this, _("Why is the case closing, and what was achieved?"),
                             wxString::Format(_("Close case: %s"), nameOf(*store_, currentCase_)),
                             {}, wxOK | wxCANCEL | wxTE_MULTILINE);
    while (dialog.ShowModal() == wxID_OK) {
        wxString problem;
        if (closeCurrentCase(fromWx(dialog.GetValue()), problem))
            return;
        wxMessageBox(problem, _("Close case"), wxOK | wxICON_WARNING, this);
    }
}

void MainFrame::onReopenCase() {
    wxString problem;
    if (!reopenCurrentCase(problem) && !problem.empty())
        wxMessageBox(problem, _("Reopen case"), wxOK | wxICON_WARNING, this);
}

void MainFrame::bindResidentCommands() {
    const std::pair<int, void (MainFrame::*)()> handlers[] = {
        {ID_REFER, &MainFrame::onRefer},
        {ID_EDIT_DETAILS, &MainFrame::onEditDetails},
        {ID_ADD_CONTACT, &MainFrame::onAddContact},
        {ID_SET_KEY_WORKER, &MainFrame::onSetKeyWorker},
        {ID_RECORD_CONSENT, &MainFrame::onRecordConsent},
        {ID_RAISE_ACTION, &MainFrame::onRaiseAction},
        {ID_CLOSE_CASE, &MainFrame::onCloseCase},
        {ID_TRIAGE, &MainFrame::onTriage},
        {ID_REOPEN_CASE, &MainFrame::onReopenCase},
        {ID_RECORD_NHS_NUMBER, &MainFrame::onRecordNhsNumber},
    };
    for (const auto& [id, handler] : handlers)
        Bind(
            wxEVT_MENU, [this, handler = handler](wxCommandEvent&) { (this->*handler)(); }, id);
    Bind(
        wxEVT_UPDATE_UI,
        [this](wxUpdateUIEvent& e) { e.Enable(isAllowed(user_, Operation::Refer)); }, ID_REFER);
    // Commands on the record on screen: only for a record the user may see and their role
    // may change (the model refuses the rest anyway); close and reopen by the case's status.
    auto statusOfCurrent = [this]() -> std::optional<CaseStatus> {
        return currentCase_ && !currentWithheld_ ? currentStatus_ : std::nullopt;
    };
    for (int id : {ID_EDIT_DETAILS, ID_ADD_CONTACT, ID_RECORD_CONSENT, ID_SET_KEY_WORKER})
        Bind(
            wxEVT_UPDATE_UI,
            [this](wxUpdateUIEvent& e) {
                e.Enable(currentCase_ && !currentWithheld_ &&
                         isAllowed(user_, Operation::EditCase));
            },
            id);
    Bind(
        wxEVT_UPDATE_UI,
        [this, statusOfCurrent](wxUpdateUIEvent& e) {
            e.Enable(isAllowed(user_, Operation::RaiseAction) &&
                     statusOfCurrent() == CaseStatus::Open);
        },
        ID_RAISE_ACTION);
    Bind(
        wxEVT_UPDATE_UI,
        [this, statusOfCurrent](wxUpdateUIEvent& e) {
            e.Enable(isAllowed(user_, Operation::EditCase) &&
                     statusOfCurrent() == CaseStatus::Open);
        },
        ID_CLOSE_CASE);
    Bind(
        wxEVT_UPDATE_UI,
        [this, statusOfCurrent](wxUpdateUIEvent& e) {
            e.Enable(isAllowed(user_, Operation::TriageReferral) &&
                     statusOfCurrent() == CaseStatus::Open);
        },
        ID_TRIAGE);
    Bind(
        wxEVT_UPDATE_UI,
        [this, statusOfCurrent](wxUpdateUIEvent& e) {
            e.Enable(isAllowed(user_, Operation::EditCase) &&
                     statusOfCurrent() == CaseStatus::Closed);
        },
        ID_REOPEN_CASE);
    Bind(
        wxEVT_UPDATE_UI,
        [this, statusOfCurrent](wxUpdateUIEvent& e) {
            e.Enable(isAllowed(user_, Operation::EditCase) && statusOfCurrent() &&
                     currentProvisional_);
        },
        ID_RECORD_NHS_NUMBER);
}

}  // namespace nmdt::gui
