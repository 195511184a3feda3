#pragma once
// The main window: find a resident, see their record, print or save their care plan.

#include <wx/frame.h>
#include <wx/print.h>
#include <wx/timer.h>

#include <chrono>
#include <functional>

#include <map>
#include <memory>
#include <optional>

#include "model/action_service.h"
#include "model/calendar.h"
#include "model/care_plan_service.h"
#include "model/case_finding.h"
#include "model/case_record_service.h"
#include "model/case_service.h"
#include "model/change_set.h"
#include "model/edit_history.h"
#include "model/exchange_format.h"
#include "model/ids.h"
#include "model/session_service.h"
#include "model/store_provider.h"
#include "model/sync_runner.h"

class wxNotebook;
class wxSearchCtrl;

namespace nmdt::gui {

class ActionsPanel;
class SyncController;
class CarePlanEditor;
class LockPanel;
class MeetingsPanel;
class CaseListView;
class CaseRecordPanel;
struct Report;
struct PrintContext;

/// Main window over one unlocked store. Owns the store for as long as it is open.
class MainFrame : public wxFrame {
  public:
    MainFrame(std::unique_ptr<OpenStore> store, std::shared_ptr<const Clock> clock, Actor user);
    ~MainFrame() override;

    /// Lists every case again (Escape, or clearing the search box).
    void showAllCases();
    /// Shows cases whose name or NHS number starts with `text`; empty text shows all.
    void search(const wxString& text);
    /// Opens a resident's record beside the list by selecting them in it (the record, the
    /// banner and every resident command follow the list's selection and nothing else).
    void showCase(const CaseId& id);
    const std::optional<CaseId>& currentCase() const { return currentCase_; }
    /// The printout of the current resident's agreed care plan, if they have one.
    std::optional<Report> currentCarePlanReport() const;
    /// Saves that printout as a PDF; on failure `problem` says why.
    bool saveCarePlanPdf(const std::string& path, wxString& problem);
    /// "My care and support plan": the resident's own copy of their agreed plan.
    std::optional<Report> residentCopyReport(bool largePrint) const;
    /// Saves the resident's copy as a PDF and records it in the audit trail.
    bool saveResidentCopyPdf(const std::string& path, bool largePrint, wxString& problem);

    /// Hides every trace of patient data until the store passphrase is entered again.
    void lock();
    /// Unlocks if `passphrase` opens the store; otherwise says why and stays locked.
    bool unlock(const Passphrase& passphrase, wxString& problem);
    bool isLocked() const { return locked_; }
    /// Idle locking: the limit, activity, and the periodic check (times injectable for tests).
    void setIdleLimit(std::chrono::minutes limit) { idleLimit_ = limit; }
    void noteActivity(std::chrono::steady_clock::time_point when) { lastActivity_ = when; }
    void checkIdle(std::chrono::steady_clock::time_point now);

    /// Changes the store passphrase after checking the current one; `problem` says why not.
    bool changePassphrase(const Passphrase& current, const Passphrase& next, wxString& problem);

    /// Writes an encrypted backup of the store; on failure `problem` says why.
    bool backUpTo(const std::string& path, const Passphrase& passphrase, wxString& problem);
    /// Reverses the user's last undoable edit; on refusal `problem` says why.
    bool undo(wxString& problem);
    void showActions();
    void showResidents();
    void showMeetings();
    /// Set by the application: asks for another store and opens it in a new window.
    std::function<void()> onOpenAnotherStore;
    /// Someone else signs in on this store (the window is locked first; a new window
    /// replaces it once they have).
    std::function<void()> onSwitchUser;
    /// Administrators: the neighbourhood's people and who signs in here (View > People).
    void showPeople();
    /// Locks the window and asks who signs in next.
    void switchUser();
    /// Opens (or brings forward) the care plan editor of the current resident.
    CarePlanEditor* editCarePlan();
    /// The Meetings page, built the first time anything wants it (its tab shown, a meeting
    /// exported): start-up does not wait for its thirty controls.
    MeetingsPanel* meetings();

    /// Turns on background sync (every `interval`, and on Sync Now) for this store.
    void enableSync(SyncRunnerFactory runners, std::chrono::minutes interval);
    SyncController* syncController() const { return sync_.get(); }
    /// Shows what sync left for a person (modal).
    void showConflicts();
    void showDuplicates();
    void showSyncStatus();
    /// Sync > Publish Snapshot: asks, then publishes the organisation's snapshot in the
    /// background and says how it went (modal).
    void publishSnapshot();
    /// Re-reads what the window shows after partners' changes arrived.
    void refreshAfterSync();

    /// Records go to and come from other systems in this format (FHIR); unset, the
    /// export and import commands stay greyed out.
    void setExchangeFormat(std::shared_ptr<const ExchangeFormat> format) {
        exchangeFormat_ = std::move(format);
    }
    /// Writes the open resident's record as a document; false and `problem` if refused.
    bool exportCurrentCase(const std::string& path, wxString& problem);
    /// Takes a case in, matched on NHS number, and opens it; `summary` says what changed.
    bool importCase(const std::string& path, wxString& summary, wxString& problem);
    /// Writes the meeting shown on the Meetings page: attendance, decisions, actions.
    bool exportMeetingOutcomes(const std::string& path, wxString& problem);
    /// Writes the whole audit trail as a document (administrators).
    bool exportAuditTrail(const std::string& path, wxString& problem);
    /// Opens the neighbourhood reports (modal).
    void showReports();
    /// Opens the outcome reports (View > Outcomes, modal).
    void showOutcomes();
    /// Records a wellbeing score for the resident on screen; false and `problem` if refused.
    bool recordWellbeingForCurrent(const WellbeingScore& score, wxString& problem);
    /// Imports a practice's service-use export; `summary` says what was kept, `problem` why
    /// nothing was.
    bool importServiceUse(const std::string& path, wxString& summary, wxString& problem);
    /// Practices: their case-finding lists, imported and screened here (Resident > Case
    /// Finding, modal).
    void showCaseFinding();
    /// Residents without an NHS number: trace request out, reply in (Resident > Trace NHS
    /// Numbers, modal).
    void showTracing();
    /// Opens the referral form filled in from a person on a case-finding list; the case
    /// made if the referral was accepted.
    std::optional<CaseId> referFromList(const CaseFindingEntry& entry, const CaseFindingList& list);

    // The resident's journey (main_frame_resident.cpp). Each returns false, with `problem`
    // in words, when the model refuses; the "current" ones act on the record on screen.
    /// Refers a resident in as the signed-in person and opens the new record.
    std::optional<CaseId> refer(Referral referral, wxString& problem,
                                const ReferralChoices& choices = {});
    /// Records the traced NHS number of the current (provisional) resident. When another
    /// record holds that number, `sameAs` is set to it and nothing changes: the caller asks
    /// whether they are one person and then calls mergeCurrentInto.
    bool recordNhsNumberOfCurrent(const std::string& nhsNumber, std::optional<CaseId>& sameAs,
                                  wxString& problem);
    /// Merges the current provisional record into `keep` and opens `keep`.
    bool mergeCurrentInto(const CaseId& keep, wxString& problem);
    bool triageCurrent(Triage outcome, const std::string& reason, wxString& problem,
                       const MeetingSeriesId& series = {});
    bool updateCurrentResident(const Resident& resident, wxString& problem);
    bool addContactToCurrent(const Contact& contact, wxString& problem);
    bool setKeyWorkerOfCurrent(const ProfessionalId& keyWorker, wxString& problem);
    bool recordConsentForCurrent(const OrganisationId& organisation, ConsentDecision decision,
                                 const std::string& legalBasis, wxString& problem,
                                 ConsentMethod method = ConsentMethod::InPerson);
    bool closeCurrentCase(const std::string& reason, wxString& problem);
    bool reopenCurrentCase(wxString& problem);
    std::optional<ActionId> raiseActionForCurrent(NewAction action, wxString& problem);
    /// The dialogs behind the Resident menu.
    void onRefer();
    void onEditDetails();
    void onAddContact();
    void onSetKeyWorker();
    void onRecordConsent();
    void onRaiseAction();
    void onCloseCase();
    void onTriage();
    void onReopenCase();
    void onRecordWellbeing();
    void onImportServiceUse();

    /// Set by the application: restores this store from a backup (administrators).
    std::function<void()> onRestoreBackup;
    /// Called from the destructor, once the store is closed.
    std::function<void()> onDestroyed;
    const Actor& user() const { return user_; }

    ActionsPanel* actions() const { return actions_; }
    wxNotebook* pages() const { return pages_; }
    CaseListView* caseList() const { return caseList_; }
    CaseRecordPanel* caseRecord() const { return caseRecord_; }
    wxSearchCtrl* searchBox() const { return searchBox_; }
    OpenStore& store() const { return *store_; }

  private:
    /// Says how publishing a snapshot went.
    void showPublishedSnapshot(const SnapshotPublishReport& report);
    /// The session and record-access commands, as the signed-in person.
    SessionService session();
    void bindResidentCommands();
    void bindOutcomeCommands();
    /// A context for commands the user may undo.
    ServiceContext editing();
    /// Makes the record follow the list's selected row: that person, or nobody.
    void followSelection();
    /// Changes the list's rows, keeping the current resident selected if still listed.
    void replaceListRows(const std::function<void()>& replace);
    /// Reads the current resident's record again (after an edit, undo or sync).
    void refreshRecord();
    void displayRecord(const CaseId& id, bool opening);
    void clearRecord();
    /// What the empty record pane says to do first when the store holds no residents yet.
    wxString firstStep() const;
    /// Reminds practice staff of case-finding reviews that are due, or says nothing.
    wxString reviewReminder() const;
    /// Selects no one in the list and clears the record (a record that cannot be shown).
    void showNobody();
    void buildMenus();
    void updateStatus();
    void onPrint();
    void onPreview();
    void onSavePdf();
    void onResidentCopy();
    void onRecordNhsNumber();
    /// Writes a printout of the current resident to `path` and records the saved PDF in the
    /// audit trail as `what`; on failure `problem` says why.
    bool saveCurrentResidentPdf(const Report& report, const std::string& path,
                                const std::string& what, wxString& problem);
    /// The current resident's record and agreed plan, for a printout; none if withheld or
    /// without an agreed plan.
    struct AgreedPlan {
        CaseRecord record;
        CarePlanDocument plan;
    };
    std::optional<AgreedPlan> currentAgreedPlan() const;
    /// Who is printing and how fresh this desktop's copy of partners' changes is.
    PrintContext printContext(const DirectoryNames& names) const;
    void onBackup();
    void onChangePassphrase();
    void onExportCase();
    void onImportCase();
    void onExportMeeting();
    void onExportAudit();
    void bindExchangeCommands();
    /// Closes the care plan editors first, so each saves its draft; false if one refused.
    bool closeEditors();
    void updateActionsTab();

    std::unique_ptr<OpenStore> store_;
    std::unique_ptr<SyncController> sync_;
    SyncRunnerFactory syncRunners_;
    std::shared_ptr<const Clock> clock_;
    Actor user_;
    std::shared_ptr<IdSource> ids_;
    NoIdSource noIds_;
    std::shared_ptr<const ExchangeFormat> exchangeFormat_;
    EditHistory history_;
    std::optional<CaseId> currentCase_;  // always the person on the list's selected row
    bool listChanging_ = false;
    bool currentHasAgreedPlan_ = false;  // known when the record loads; enables printing
    bool currentWithheld_ = false;       // not shared with the user's organisation
    // Known when the record loads, so menu updates never read the store.
    std::optional<CaseStatus> currentStatus_;
    bool currentProvisional_ = false;  // no NHS number recorded yet
    wxPrintData printData_;
    wxNotebook* pages_ = nullptr;
    ActionsPanel* actions_ = nullptr;
    wxPanel* meetingsPage_ = nullptr;  // the Meetings tab; holds meetings_ once built
    MeetingsPanel* meetings_ = nullptr;
    std::map<std::string, wxWindowID> editors_;  // open care plan editors by case id
    LockPanel* lockPanel_ = nullptr;
    bool locked_ = false;
    wxTimer idleTimer_;
    std::chrono::minutes idleLimit_{10};
    std::chrono::steady_clock::time_point lastActivity_ = std::chrono::steady_clock::now();
    wxPoint lastMouse_;
    wxSearchCtrl* searchBox_ = nullptr;
    CaseListView* caseList_ = nullptr;
    CaseRecordPanel* caseRecord_ = nullptr;
};

}  // namespace nmdt::gui
