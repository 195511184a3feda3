#include "gui/main_frame.h"

#include <wx/aboutdlg.h>
#include <wx/busyinfo.h>
#include <wx/config.h>
#include <wx/filedlg.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/numdlg.h>
#include <wx/persist/toplevel.h>
#include <wx/printdlg.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/srchctrl.h>
#include <wx/statusbr.h>
#include <wx/textdlg.h>
#include <wx/toolbar.h>
#include <wx/utils.h>

#include <map>

#include "actions_panel.h"
#include "app_icon.h"
#include "audit_dialog.h"
#include "care_plan_editor.h"
#include "case_list_view.h"
#include "case_record_panel.h"
#include "command_table.h"
#include "formatting.h"
#include "lock_panel.h"
#include "meetings_panel.h"
#include "model/case_record_service.h"
#include "model/permissions.h"
#include "model/record_access_service.h"
#include "people_dialog.h"
#include "printing/pdf_writer.h"
#include "printing/report_printout.h"
#include "refusable.h"
#include "remembered_sash.h"
#include "reports/case_reports.h"
#include "sync_controller.h"
#include "sync_dialogs.h"
#include "wording.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {
/// Words for what an undoable edit did, for the Undo menu item.
wxString describeIntent(const std::string& intent) {
    if (intent == "update-action-status")
        return _("Status Change");
    if (intent == "reassign-action")
        return _("Reassignment");
    if (intent == "reschedule-action")
        return _("Due Date Change");
    if (intent == "remove-agenda-item")
        return _("Removal from Agenda");
    if (intent == "move-agenda-item")
        return _("Agenda Order");
    if (intent == "set-agenda-item-details")
        return _("Agenda Item Change");
    if (intent == "change-meeting-details")
        return _("Meeting Details");
    if (intent == "record-attendance")
        return _("Attendance");
    if (intent == "update-resident")
        return _("Details Change");
    if (intent == "verify-nhs-number")
        return _("NHS Number");
    if (intent == "change-meeting-series")
        return _("MDT Series Change");
    if (intent == "record-consent")
        return _("Consent");
    if (intent == "set-key-worker")
        return _("Key Worker Change");
    if (intent == "triage-referral")
        return _("Triage");
    if (intent == "close-case")
        return _("Closing the Case");
    if (intent == "reopen-case")
        return _("Reopening the Case");
    return _("Last Change");
}

using NoIds = NoIdSource;
}  // namespace

MainFrame::MainFrame(std::unique_ptr<OpenStore> store, std::shared_ptr<const Clock> clock,
                     Actor user)
    : wxFrame(nullptr, wxID_ANY, _("Neighbourhood MDT")),
      store_(std::move(store)),
      clock_(std::move(clock)),
      user_(std::move(user)),
      ids_(makeRandomIdSource()) {
    SetName("MainFrame");
    SetIcons(applicationIcons());
    pages_ = new wxNotebook(this, wxID_ANY);
    auto* splitter = new wxSplitterWindow(pages_, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                          wxSP_LIVE_UPDATE | wxSP_3DSASH);
    splitter->SetMinimumPaneSize(FromDIP(260));

    auto* left = new wxPanel(splitter);
    searchBox_ = new wxSearchCtrl(left, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(360, -1)),
                                  wxTE_PROCESS_ENTER);
    searchBox_->SetDescriptiveText(_("Find a resident by name or NHS number"));
    searchBox_->SetName(_("Find resident"));
    searchBox_->ShowCancelButton(true);
    caseList_ = new CaseListView(left, *store_);
    auto* leftSizer = new wxBoxSizer(wxVERTICAL);
    leftSizer->Add(searchBox_, 0, wxEXPAND | wxALL, FromDIP(8));
    leftSizer->Add(caseList_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    left->SetSizer(leftSizer);

    caseRecord_ = new CaseRecordPanel(splitter);
    clearRecord();  // on a new store, says how the first resident arrives
    splitter->SplitVertically(left, caseRecord_, FromDIP(560));
    splitter->SetName("ResidentsSplitter");
    rememberSash(splitter, "ResidentsSash");
    pages_->AddPage(splitter, _("Residents"), true);

    actions_ = new ActionsPanel(pages_, Commands(editing()), *store_, *store_, *store_);
    actions_->onChanged = [this] {
        updateActionsTab();
        refreshRecord();
    };
    pages_->AddPage(actions_, {});
    updateActionsTab();
    meetingsPage_ = new wxPanel(pages_);
    meetingsPage_->SetSizer(new wxBoxSizer(wxVERTICAL));
    pages_->AddPage(meetingsPage_, _("Meetings"));
    pages_->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& e) {
        if (e.GetSelection() != wxNOT_FOUND) {
            auto* page = pages_->GetPage(static_cast<std::size_t>(e.GetSelection()));
            if (page == actions_)
                actions_->loadIfNotYet();
            else if (page == meetingsPage_)
                meetings();
        }
        e.Skip();
    });

    // The lock screen shares the frame with the pages; only one is ever shown.
    lockPanel_ = new LockPanel(this);
    lockPanel_->Hide();
    lockPanel_->onUnlock = [this](const wxString& typed, wxString& problem) {
        return unlock(Passphrase(fromWx(typed)), problem);
    };
    lockPanel_->onSwitchUser = [this] { switchUser(); };
    lockPanel_->setLockedBy(toWx(user_.userName));
    auto* frameSizer = new wxBoxSizer(wxVERTICAL);
    frameSizer->Add(pages_, 1, wxEXPAND);
    frameSizer->Add(lockPanel_, 1, wxEXPAND);
    SetSizer(frameSizer);
    idleLimit_ = std::chrono::minutes(
        std::clamp(wxConfig::Get()->ReadLong("LockAfterMinutes", 10), 1L, 240L));
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
        noteActivity(std::chrono::steady_clock::now());
        e.Skip();
    });
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        checkIdle(std::chrono::steady_clock::now());
        // Edits made since the last run show up as "waiting" within a few seconds.
        if (sync_->available() && !locked_) {
            sync_->refreshStatus();
            SetStatusText(sync_->statusText(), 1);
        }
    });
    idleTimer_.SetOwner(this);
    idleTimer_.Start(5000);
    // Editors are child windows: destroying this frame would destroy them without their
    // close handler, and an unsaved draft with them. So they are closed first.
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& e) {
        if (!closeEditors() && e.CanVeto()) {
            e.Veto();
            return;
        }
        idleTimer_.Stop();
        sync_->setInterval(std::chrono::minutes(0));
        e.Skip();
    });

    CreateStatusBar(3);
    const int widths[] = {-2, -2, -3};
    GetStatusBar()->SetStatusWidths(3, widths);
    sync_ = std::make_unique<SyncController>(this, store_->syncStore());
    sync_->onFinished = [this](const SyncReport& report) {
        if (report.applied.entriesApplied > 0 || report.joinedFromSnapshot)
            refreshAfterSync();
        updateStatus();
        if (report.joinedFromSnapshot)
            SetStatusText(wxString::Format(_("Joined from your organisation's snapshot: %lu "
                                             "records loaded"),
                                           static_cast<unsigned long>(report.snapshotRecords)),
                          0);
    };
    sync_->onPublished = [this](const SnapshotPublishReport& report) {
        updateStatus();
        showPublishedSnapshot(report);
    };
    buildMenus();
    SetClientSize(FromDIP(wxSize(1280, 760)));
    // Remembers size and position between sessions.
    wxPersistentRegisterAndRestore(this, "MainFrame");

    // Search as the user types: each query reads an index and takes milliseconds.
    searchBox_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { search(searchBox_->GetValue()); });
    searchBox_->Bind(wxEVT_SEARCHCTRL_CANCEL_BTN, [this](wxCommandEvent&) { showAllCases(); });
    // Enter opens the first match, so NHS number + Enter goes straight to the record. GTK's
    // search box reports Enter as wxEVT_TEXT_ENTER, Windows' as wxEVT_SEARCH: both, and doing
    // it twice changes nothing.
    auto openFirstMatch = [this](wxCommandEvent&) {
        if (caseList_->GetItemCount() == 0)
            return;
        if (caseList_->selectedRow() < 0)
            caseList_->selectRow(0);
        followSelection();
        caseList_->SetFocus();
    };
    searchBox_->Bind(wxEVT_TEXT_ENTER, openFirstMatch);
    searchBox_->Bind(wxEVT_SEARCH, openFirstMatch);
    // The record, the banner and every resident command follow the list's selection, and
    // nothing else: see followSelection().
    caseList_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { followSelection(); });
    caseList_->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { followSelection(); });
    showAllCases();
    searchBox_->SetFocus();
}

MainFrame::~MainFrame() {
    auto notify = std::move(onDestroyed);
    // Panels hold references to the store: they go first, then sync, then the store, so
    // whoever is notified finds the file closed (a restore replaces it).
    DestroyChildren();
    sync_.reset();
    store_.reset();
    if (notify)
        notify();
}

void MainFrame::buildMenus() {
    auto* bar = new wxMenuBar();
    std::map<wxString, wxMenu*> menus;
    for (const auto& c : mainWindowCommands()) {
        wxMenu*& menu = menus[c.menu];
        if (!menu) {
            menu = new wxMenu();
            bar->Append(menu, c.menu);
        }
        wxString label = c.accelerator.empty() ? c.label : c.label + "\t" + c.accelerator;
        menu->Append(c.id, label, c.help);
    }
    SetMenuBar(bar);

    // The toolbar holds the most used commands, from the same table as the menus, so a
    // command's label, shortcut and help are the same wherever it appears.
    auto* tools = CreateToolBar(wxTB_HORIZONTAL | wxTB_TEXT | wxTB_FLAT);
    for (const auto& c : mainWindowCommands()) {
        if (c.toolbarIcon.empty())
            continue;
        wxString label = c.label;
        label.Replace("&", "");
        label.Replace("...", "");
        tools->AddTool(c.id, label, wxArtProvider::GetBitmapBundle(c.toolbarIcon, wxART_TOOLBAR),
                       c.help);
    }
    tools->Realize();

    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            // The search box is on the Residents page: from another page, go there first,
            // or the typing would land in a box nobody can see.
            showResidents();
            searchBox_->SetFocus();
            searchBox_->SelectAll();
        },
        ID_FIND_RESIDENT);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { showAllCases(); }, ID_SHOW_ALL_CASES);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { showResidents(); }, ID_SHOW_RESIDENTS);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { showActions(); }, ID_SHOW_ACTIONS);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { showMeetings(); }, ID_SHOW_MEETINGS);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            showMeetings();
            meetings()->onSeries();
        },
        ID_MDT_SERIES);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { showPeople(); }, ID_PEOPLE);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { switchUser(); }, ID_SWITCH_USER);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { showCaseFinding(); }, ID_CASE_FINDING);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { showTracing(); }, ID_TRACE_NHS_NUMBERS);
    Bind(
        wxEVT_UPDATE_UI,
        [this](wxUpdateUIEvent& e) {
            e.Enable(!locked_ && isAllowed(user_, Operation::ExchangeRecords));
        },
        ID_TRACE_NHS_NUMBERS);
    Bind(
        wxEVT_UPDATE_UI,
        [this](wxUpdateUIEvent& e) {
            e.Enable(!locked_ && isAllowed(user_, Operation::FindCases));
        },
        ID_CASE_FINDING);
    Bind(
        wxEVT_UPDATE_UI,
        [this](wxUpdateUIEvent& e) {
            e.Enable(!locked_ && isAllowed(user_, Operation::ManageDirectory) &&
                     store_->signedInPerson().has_value());
        },
        ID_PEOPLE);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { onBackup(); }, ID_BACKUP);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { lock(); }, ID_LOCK);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { onChangePassphrase(); }, ID_CHANGE_PASSPHRASE);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            long minutes = wxGetNumberFromUser(_("Lock the window after this many idle minutes:"),
                                               {}, _("Lock after"),
                                               static_cast<long>(idleLimit_.count()), 1, 240, this);
            if (minutes > 0) {
                idleLimit_ = std::chrono::minutes(minutes);
                wxConfig::Get()->Write("LockAfterMinutes", minutes);
            }
        },
        ID_LOCK_AFTER);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { editCarePlan(); }, ID_EDIT_CARE_PLAN);
    // Only roles that write plans get the editor; others read the plan in the record.
    Bind(
        wxEVT_UPDATE_UI,
        [this](wxUpdateUIEvent& e) {
            e.Enable(currentCase_.has_value() && !currentWithheld_ &&
                     isAllowed(user_, Operation::EditCarePlanDraft));
        },
        ID_EDIT_CARE_PLAN);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            showActions();
            actions_->changeStatusOfSelected();
        },
        ID_CHANGE_STATUS);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            showActions();
            actions_->addNoteToSelected();
        },
        ID_ADD_NOTE);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            showActions();
            actions_->reassignSelected();
        },
        ID_REASSIGN);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            showActions();
            actions_->replanSelected();
        },
        ID_REPLAN_ACTION);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (sync_->syncNow())
                updateStatus();
        },
        ID_SYNC_NOW);
    Bind(
        wxEVT_UPDATE_UI,
        [this](wxUpdateUIEvent& e) { e.Enable(sync_->available() && !sync_->running()); },
        ID_SYNC_NOW);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { showConflicts(); }, ID_SYNC_CONFLICTS);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { showDuplicates(); }, ID_SYNC_DUPLICATES);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { showSyncStatus(); }, ID_SYNC_STATUS);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { publishSnapshot(); }, ID_SYNC_PUBLISH_SNAPSHOT);
    Bind(
        wxEVT_UPDATE_UI,
        [this](wxUpdateUIEvent& e) {
            e.Enable(sync_->available() && !sync_->running() &&
                     isAllowed(user_, Operation::PublishSnapshot));
        },
        ID_SYNC_PUBLISH_SNAPSHOT);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            AuditDialog dialog(this, Commands(editing()), *store_,
                               [this] { return store_->verifyAudit(); });
            dialog.ShowModal();
        },
        ID_AUDIT_TRAIL);
    Bind(
        wxEVT_UPDATE_UI,
        [this](wxUpdateUIEvent& e) { e.Enable(isAllowed(user_, Operation::ReviewAudit)); },
        ID_AUDIT_TRAIL);
    for (int id : std::initializer_list<int>{ID_SYNC_CONFLICTS, ID_SYNC_DUPLICATES, ID_SYNC_STATUS})
        Bind(
            wxEVT_UPDATE_UI,
            [this](wxUpdateUIEvent& e) { e.Enable(store_->syncStore() != nullptr); }, id);
    for (int id :
         std::initializer_list<int>{ID_CHANGE_STATUS, ID_ADD_NOTE, ID_REASSIGN, ID_REPLAN_ACTION})
        Bind(
            wxEVT_UPDATE_UI,
            [this](wxUpdateUIEvent& e) {
                // Only what the user's role lets them work on (the model refuses the rest anyway).
                auto selected = actions_->selected();
                e.Enable(selected && mayWorkOn(user_, *selected));
            },
            id);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            wxString problem;
            if (!undo(problem))
                wxMessageBox(problem, _("Undo"), wxOK | wxICON_INFORMATION, this);
        },
        wxID_UNDO);
    Bind(
        wxEVT_UPDATE_UI,
        [this](wxUpdateUIEvent& e) {
            auto next = history_.nextUndo();
            e.Enable(next.has_value());
            e.SetText((next ? wxString::Format(_("&Undo %s"), describeIntent(*next)) : _("&Undo")) +
                      "\tCtrl+Z");
        },
        wxID_UNDO);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { onPrint(); }, wxID_PRINT);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { onPreview(); }, wxID_PREVIEW);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { onSavePdf(); }, ID_SAVE_PLAN_PDF);
    // Printing needs a resident with an agreed plan. Greyed out alone would not say why,
    // so the menu item says so when the resident has none yet.
    for (const auto& c : mainWindowCommands()) {
        if (c.id != wxID_PRINT && c.id != wxID_PREVIEW && c.id != ID_SAVE_PLAN_PDF &&
            c.id != ID_RESIDENT_COPY)
            continue;
        const wxString label = c.accelerator.empty() ? c.label : c.label + "\t" + c.accelerator;
        wxString bare = c.label;
        bare.EndsWith("...", &bare);
        const wxString nothingToPrint = bare + " " + _("(no agreed plan yet)");
        Bind(
            wxEVT_UPDATE_UI,
            // Runs on every UI update: read a flag, never build the printout here.
            [this, label, nothingToPrint](wxUpdateUIEvent& e) {
                e.Enable(currentCase_ && currentHasAgreedPlan_);
                if (e.GetEventObject() && e.GetEventObject()->IsKindOf(wxCLASSINFO(wxMenu)))
                    e.SetText(currentCase_ && !currentHasAgreedPlan_ ? nothingToPrint : label);
            },
            c.id);
    }
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (onOpenAnotherStore)
                onOpenAnotherStore();
        },
        wxID_OPEN);
    bindExchangeCommands();
    bindResidentCommands();
    bindOutcomeCommands();
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { onResidentCopy(); }, ID_RESIDENT_COPY);
    Bind(
        wxEVT_MENU,
        [](wxCommandEvent&) {
            wxAboutDialogInfo info;
            info.SetName("Neighbourhood MDT");
            info.SetVersion("0.1.0");
            info.SetDescription(
                _("Shared care plans, MDT meetings and actions for neighbourhood health teams."));
            wxAboutBox(info);
        },
        wxID_ABOUT);
}

SessionService MainFrame::session() {
    return SessionService(ServiceContext{*store_, *clock_, noIds_, user_}, *store_);
}

bool MainFrame::undo(wxString& problem) {
    if (!runRefusable([&] { history_.undo(*store_, user_); }, problem))
        return false;
    actions_->refresh();
    updateActionsTab();
    if (meetings_)
        meetings_->refresh();  // agenda and attendance edits are undoable too
    refreshRecord();
    return true;
}

void MainFrame::showActions() {
    pages_->SetSelection(1);
}
void MainFrame::showResidents() {
    pages_->SetSelection(0);
}
void MainFrame::showMeetings() {
    pages_->SetSelection(2);
}

MeetingsPanel* MainFrame::meetings() {
    if (!meetings_) {
        meetings_ = new MeetingsPanel(meetingsPage_, Commands(editing()),
                                      MeetingSources{*store_, *store_, *store_, *store_});
        meetings_->onChanged = [this] {
            actions_->refresh();  // actions arising appear in the work lists at once
            updateActionsTab();
            refreshRecord();
        };
        meetingsPage_->GetSizer()->Add(meetings_, 1, wxEXPAND);
        meetingsPage_->Layout();
    }
    return meetings_;
}

CarePlanEditor* MainFrame::editCarePlan() {
    if (!currentCase_)
        return nullptr;
    auto open = editors_.find(currentCase_->str());
    if (open != editors_.end()) {
        if (auto* existing =
                dynamic_cast<CarePlanEditor*>(wxWindow::FindWindowById(open->second))) {
            existing->Raise();
            return existing;
        }
    }
    // No undo history here: autosaves of a draft are not edits a user means to undo one by one.
    auto* editor =
        new CarePlanEditor(this, Commands(ServiceContext{*store_, *clock_, *ids_, user_}), *store_,
                           *store_, *store_, *currentCase_);
    editor->onChanged = [this, id = *currentCase_] {
        if (currentCase_ && *currentCase_ == id)
            refreshRecord();
    };
    editors_[currentCase_->str()] = editor->GetId();
    editor->Show();
    return editor;
}

void MainFrame::updateActionsTab() {
    pages_->SetPageText(1, actions_->tabText());
}

void MainFrame::showAllCases() {
    if (!searchBox_->IsEmpty())
        searchBox_->ChangeValue({});
    replaceListRows([this] { caseList_->showAll(); });
    updateStatus();
}

void MainFrame::search(const wxString& text) {
    std::string query = fromWx(text);
    if (query.find_first_not_of(" ,-") == std::string::npos) {
        showAllCases();
        return;
    }
    try {
        auto results = store_->searchCases(query, 200);
        replaceListRows([&] { caseList_->showResults(std::move(results)); });
    } catch (const StoreError& e) {
        wxMessageBox(describe(e.code()), _("Search failed"), wxOK | wxICON_ERROR, this);
    }
    updateStatus();
}

void MainFrame::replaceListRows(const std::function<void()>& replace) {
    {
        // The list leaves nothing selected while its rows change; the record must not
        // follow those passing states.
        std::optional<CaseId> keep = currentCase_;
        listChanging_ = true;
        replace();
        listChanging_ = false;
        // The resident on screen stays on screen while the list still shows them.
        if (keep)
            if (auto row = caseList_->rowOf(*keep))
                caseList_->selectRow(*row);
    }
    followSelection();
}

void MainFrame::followSelection() {
    if (listChanging_)
        return;
    auto selected = caseList_->selectedSummary();
    if (!selected) {
        if (currentCase_)
            clearRecord();
        return;
    }
    if (!currentCase_ || *currentCase_ != selected->id)
        displayRecord(selected->id, true);
}

void MainFrame::showCase(const CaseId& id) {
    if (currentCase_ && *currentCase_ == id) {
        refreshRecord();
        return;
    }
    // Opening someone selects them in the list, widening it to every case if a search
    // hides them, so what is selected and what is shown are the same person.
    auto row = caseList_->rowOf(id);
    if (!row) {
        showAllCases();
        row = caseList_->rowOf(id);
    }
    listChanging_ = true;
    caseList_->selectRow(row.value_or(-1));
    listChanging_ = false;
    followSelection();
}

void MainFrame::refreshRecord() {
    if (currentCase_)
        displayRecord(*currentCase_, false);
}

void MainFrame::showNobody() {
    listChanging_ = true;
    caseList_->selectRow(-1);
    listChanging_ = false;
    clearRecord();
}

void MainFrame::clearRecord() {
    caseRecord_->clear(firstStep(), reviewReminder());
    currentCase_.reset();
    currentHasAgreedPlan_ = false;
    currentWithheld_ = false;
    currentStatus_.reset();
    currentProvisional_ = false;
}

wxString MainFrame::firstStep() const {
    try {
        if (!store_->casePage(0, 1).empty())
            return {};
    } catch (const StoreError&) {
        return {};  // the usual words; the list says what went wrong
    }
    // A new store: nobody to find yet, so say how the first resident arrives.
    if (isAllowed(user_, Operation::Refer))
        return _(
            "No residents yet. Refer the first with Resident > Refer a Resident "
            "(Ctrl+Shift+N).");
    wxString text =
        _("No residents yet. They appear here when your team refers them, or when "
          "this desktop syncs with your partners.");
    if (isAllowed(user_, Operation::ManageDirectory))
        text += " " + _("Set up the people who refer and work with them in View > People "
                        "(Ctrl+6).");
    return text;
}

wxString MainFrame::reviewReminder() const {
    if (!isAllowed(user_, Operation::FindCases) || user_.organisationId.empty())
        return {};
    std::size_t due = 0;
    try {
        due = store_->reviewsDue(user_.organisationId, clock_->today());
    } catch (const StoreError&) {
        return {};
    }
    if (due == 0)
        return {};
    // "Review later" on a case-finding list is a promise to look again: kept in sight.
    return wxString::Format(wxPLURAL("%zu person on your case-finding lists is due for review: "
                                     "Resident > Case Finding (Ctrl+Shift+F).",
                                     "%zu people on your case-finding lists are due for review: "
                                     "Resident > Case Finding (Ctrl+Shift+F).",
                                     static_cast<unsigned>(due)),
                            due);
}

void MainFrame::displayRecord(const CaseId& id, bool opening) {
    NoIds noIds;
    try {
        // Every opening of a record is audited (refreshes of the one on screen are not).
        CaseRecord record =
            opening ? RecordAccessService({*store_, *clock_, noIds, user_}).openRecord(id)
                    : CaseRecordService({*store_, *clock_, noIds, user_}).load(id);
        caseRecord_->show(record, DirectoryNames(*store_), clock_->today());
        currentCase_ = id;
        currentHasAgreedPlan_ =
            std::any_of(record.plans.begin(), record.plans.end(),
                        [](const CarePlan& p) { return p.status == PlanStatus::Agreed; });
        currentWithheld_ = false;
        currentStatus_ = record.theCase.status;
        currentProvisional_ = record.theCase.resident.identityProvisional();
    } catch (const StoreError& e) {
        // Never leave another person's record beside this selection, nor a selection
        // beside no record.
        showNobody();
        wxMessageBox(describe(e.code()), _("Could not open the record"), wxOK | wxICON_ERROR, this);
    } catch (const DomainError& e) {
        auto theCase = e.has(ErrorCode::NotShared) ? store_->caseById(id) : std::nullopt;
        if (!theCase) {
            showNobody();  // gone (merged elsewhere, say) since it was listed
            return;
        }
        // Who they are stays in view (they are selected); what is recorded about them does
        // not, and nothing can be printed, exported or edited. (Opening it was recorded.)
        caseRecord_->showWithheld(*theCase, clock_->today(), describe(e));
        currentCase_ = id;
        currentHasAgreedPlan_ = false;
        currentWithheld_ = true;
        currentStatus_.reset();
        currentProvisional_ = false;
    }
}

std::optional<MainFrame::AgreedPlan> MainFrame::currentAgreedPlan() const {
    if (!currentCase_ || currentWithheld_)
        return std::nullopt;
    NoIds noIds;
    ServiceContext ctx{*store_, *clock_, noIds, user_};
    auto agreed = CarePlanService(ctx).currentAgreed(*currentCase_);
    if (!agreed)
        return std::nullopt;
    return AgreedPlan{CaseRecordService(ctx).load(*currentCase_),
                      CarePlanService(ctx).document(agreed->id)};
}

std::optional<Report> MainFrame::currentCarePlanReport() const {
    auto agreed = currentAgreedPlan();
    if (!agreed)
        return std::nullopt;
    DirectoryNames names(*store_);
    return carePlanReport(agreed->record, agreed->plan, names, printContext(names));
}

PrintContext MainFrame::printContext(const DirectoryNames& names) const {
    PrintContext print{
        user_.userName +
            (user_.organisationId.empty() ? "" : ", " + names.organisation(user_.organisationId)),
        clock_->now(), clock_->today(), std::nullopt};
    if (auto* sync = store_->syncStore(); sync && sync_->available()) {
        print.syncSetUp = true;
        auto last = sync->syncCursors().lastSuccessMs;
        print.lastSynced =
            last ? std::optional<Timestamp>(Timestamp(std::chrono::milliseconds(last)))
                 : std::nullopt;
    }
    return print;
}

bool MainFrame::saveCarePlanPdf(const std::string& path, wxString& problem) {
    auto report = currentCarePlanReport();
    if (!report) {
        problem = _("This resident has no agreed care plan to print.");
        return false;
    }
    return saveCurrentResidentPdf(*report, path, "care plan, " + report->subtitle, problem);
}

bool MainFrame::saveCurrentResidentPdf(const Report& report, const std::string& path,
                                       const std::string& what, wxString& problem) {
    std::string error;
    if (!writeReportPdf(report, path, error)) {
        problem = wxString::Format(_("The PDF could not be saved: %s"), toWx(error));
        return false;
    }
    return runRefusable(
        [&] {
            RecordAccessService({*store_, *clock_, noIds_, user_})
                .recordOutput({AuditEventKind::ExportPdf, "case:" + currentCase_->str(), what});
        },
        problem);
}

void MainFrame::onPrint() {
    auto report = currentCarePlanReport();
    if (!report || !printReport(this, *report, printData_))
        return;
    wxString problem;
    if (!runRefusable(
            [&] {
                RecordAccessService({*store_, *clock_, noIds_, user_})
                    .recordOutput(
                        {AuditEventKind::Print, "case:" + currentCase_->str(), report->subtitle});
            },
            problem))
        wxMessageBox(problem, _("Print"), wxOK | wxICON_ERROR, this);
}

void MainFrame::onPreview() {
    if (auto report = currentCarePlanReport())
        previewReport(this, *report, printData_);
}

void MainFrame::onSavePdf() {
    auto record = store_->caseById(*currentCase_);
    wxString suggested =
        record ? toWx("care-plan-" + record->resident.familyName + ".pdf") : "care-plan.pdf";
    wxFileDialog dialog(this, _("Save care plan as PDF"), {}, suggested,
                        _("PDF files (*.pdf)|*.pdf"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK)
        return;
    wxBusyCursor busy;
    wxString problem;
    if (!saveCarePlanPdf(fromWx(dialog.GetPath()), problem))
        wxMessageBox(problem, _("Save as PDF"), wxOK | wxICON_ERROR, this);
    else
        SetStatusText(wxString::Format(_("Saved %s"), dialog.GetPath()), 0);
}

bool MainFrame::closeEditors() {
    for (auto it = editors_.begin(); it != editors_.end();) {
        auto* editor = wxWindow::FindWindowById(it->second);
        // Close() runs the editor's own handler, which saves the draft (or asks).
        if (editor && !editor->Close(false))
            return false;
        it = editors_.erase(it);
    }
    return true;
}

void MainFrame::showPeople() {
    PeopleDialog dialog(
        this, Commands(editing()).people(*store_), *store_, [this] { return store_->keySlots(); },
        user_);
    dialog.ShowModal();
}

void MainFrame::switchUser() {
    // The person at the desk now is locked out first: whatever happens next, nothing of
    // theirs stays on screen, and only their own passphrase brings this window back.
    lock();
    if (onSwitchUser)
        onSwitchUser();
}

void MainFrame::lock() {
    if (locked_)
        return;
    // Editors close first: each saves its draft, so locking never loses work.
    closeEditors();
    searchBox_->ChangeValue({});
    listChanging_ = true;
    caseList_->showAll();
    listChanging_ = false;
    clearRecord();
    pages_->Hide();
    if (GetToolBar())
        GetToolBar()->Hide();
    for (size_t i = 0; i < GetMenuBar()->GetMenuCount(); ++i)
        GetMenuBar()->EnableTop(i, false);
    locked_ = true;
    updateStatus();
    lockPanel_->Show();
    Layout();
    lockPanel_->reset();
    wxString ignored;
    runRefusable([&] { session().lock(); }, ignored);
}

bool MainFrame::unlock(const Passphrase& passphrase, wxString& problem) {
    if (!locked_)
        return true;
    if (!runRefusable([&] { session().unlock(passphrase); }, problem)) {
        // Only one person's passphrase unlocks this window: say whose, not "name and
        // passphrase" as the sign-in dialog does.
        if (problem == describe(StoreErrorCode::WrongPassphrase))
            problem = wxString::Format(_("That is not %s's passphrase. Anyone else: Sign in "
                                         "as Someone Else."),
                                       toWx(user_.userName));
        return false;
    }
    locked_ = false;
    lockPanel_->Hide();
    pages_->Show();
    if (GetToolBar())
        GetToolBar()->Show();
    for (size_t i = 0; i < GetMenuBar()->GetMenuCount(); ++i)
        GetMenuBar()->EnableTop(i, true);
    Layout();
    updateStatus();
    noteActivity(std::chrono::steady_clock::now());
    return true;
}

void MainFrame::checkIdle(std::chrono::steady_clock::time_point now) {
    // Mouse movement counts as activity too (key presses are noted as they happen).
    wxPoint mouse = wxGetMousePosition();
    if (mouse != lastMouse_) {
        lastMouse_ = mouse;
        noteActivity(now);
    }
    if (!locked_ && now - lastActivity_ >= idleLimit_)
        lock();
}

bool MainFrame::changePassphrase(const Passphrase& current, const Passphrase& next,
                                 wxString& problem) {
    // The background connection must not be in the middle of a run while the file is
    // re-keyed; afterwards it opens with the new passphrase.
    sync_->waitUntilIdle();
    bool changed = runRefusable([&] { session().changePassphrase(current, next); }, problem);
    if (changed && syncRunners_)
        sync_->setRunner(syncRunners_(store_->connector(), user_));
    return changed;
}

void MainFrame::onChangePassphrase() {
    wxPasswordEntryDialog current(this, _("Current passphrase:"), _("Change passphrase"));
    if (current.ShowModal() != wxID_OK)
        return;
    wxPasswordEntryDialog next(this, _("New passphrase (at least 12 characters):"),
                               _("Change passphrase"));
    if (next.ShowModal() != wxID_OK)
        return;
    wxPasswordEntryDialog again(this, _("The new passphrase again:"), _("Change passphrase"));
    if (again.ShowModal() != wxID_OK)
        return;
    if (again.GetValue() != next.GetValue()) {
        wxMessageBox(_("The two new passphrases are different."), _("Change passphrase"),
                     wxOK | wxICON_WARNING, this);
        return;
    }
    wxBusyCursor busy;  // re-encrypting every page of a large store takes a while
    wxString problem;
    if (changePassphrase(Passphrase(fromWx(current.GetValue())),
                         Passphrase(fromWx(next.GetValue())), problem))
        wxMessageBox(_("The passphrase has been changed. Tell everyone who uses this desktop."),
                     _("Change passphrase"), wxOK | wxICON_INFORMATION, this);
    else
        wxMessageBox(problem, _("Change passphrase"), wxOK | wxICON_WARNING, this);
}

bool MainFrame::backUpTo(const std::string& path, const Passphrase& passphrase, wxString& problem) {
    return runRefusable([&] { session().backup(path, passphrase); }, problem);
}

void MainFrame::onBackup() {
    wxString name = "neighbourhood-mdt-" + formatDate(clock_->today()) + ".nmdt-backup";
    wxFileDialog where(this, _("Save backup as"), {}, name,
                       _("Backups (*.nmdt-backup)|*.nmdt-backup"),
                       wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (where.ShowModal() != wxID_OK)
        return;
    wxPasswordEntryDialog first(
        this, _("A passphrase for this backup (keep it apart from the backup):"), _("Back up"));
    if (first.ShowModal() != wxID_OK)
        return;
    Passphrase key(fromWx(first.GetValue()));
    if (auto verdict = assessPassphrase(key.reveal()); verdict != PassphraseVerdict::Acceptable) {
        wxMessageBox(describe(verdict), _("Back up"), wxOK | wxICON_WARNING, this);
        return;
    }
    wxPasswordEntryDialog again(this, _("The same passphrase again:"), _("Back up"));
    if (again.ShowModal() != wxID_OK)
        return;
    if (fromWx(again.GetValue()) != key.reveal()) {
        wxMessageBox(_("The two passphrases are different."), _("Back up"), wxOK | wxICON_WARNING,
                     this);
        return;
    }
    wxBusyInfo busy(_("Writing and checking the backup..."), this);
    wxString problem;
    if (backUpTo(fromWx(where.GetPath()), key, problem))
        SetStatusText(wxString::Format(_("Backup written and checked: %s"), where.GetPath()), 0);
    else
        wxMessageBox(problem, _("Back up"), wxOK | wxICON_ERROR, this);
}

void MainFrame::updateStatus() {
    if (locked_) {
        // The status bar stays in view: it must not name a file, a resident or a user.
        SetStatusText(_("Locked"), 0);
        SetStatusText({}, 1);
        SetStatusText({}, 2);
        return;
    }
    long shown = caseList_->GetItemCount();
    if (caseList_->showingResults())
        SetStatusText(wxString::Format(wxPLURAL("%ld matching resident", "%ld matching residents",
                                                static_cast<int>(shown)),
                                       shown),
                      0);
    else
        SetStatusText(
            wxString::Format(wxPLURAL("%ld case", "%ld cases", static_cast<int>(shown)), shown), 0);
    SetStatusText(sync_->available() ? sync_->statusText() : _("Sync not set up"), 1);
    SetStatusText(toWx(store_->location()) + "  |  " + toWx(user_.userName), 2);
}

void MainFrame::enableSync(SyncRunnerFactory runners, std::chrono::minutes interval) {
    syncRunners_ = std::move(runners);
    if (!syncRunners_ || !store_->syncStore())
        return;
    sync_->setRunner(syncRunners_(store_->connector(), user_));
    sync_->setInterval(interval);
    updateStatus();
}

void MainFrame::refreshAfterSync() {
    if (locked_)
        return;  // nothing of a patient is on screen; it is read again at unlock
    search(searchBox_->GetValue());
    actions_->refresh();
    updateActionsTab();
    refreshRecord();
}

void MainFrame::showConflicts() {
    if (!store_->syncStore())
        return;
    ConflictsDialog dialog(this, Commands(editing()), *store_->syncStore(), *store_, *store_);
    dialog.ShowModal();
    sync_->refreshStatus();
    refreshAfterSync();
    updateStatus();
}

void MainFrame::showDuplicates() {
    if (!store_->syncStore())
        return;
    DuplicatesDialog dialog(this, Commands(editing()), *store_->syncStore(), *store_);
    dialog.ShowModal();
    refreshAfterSync();
    updateStatus();
}

void MainFrame::publishSnapshot() {
    if (!sync_->available() || sync_->running())
        return;
    wxMessageDialog ask(this, _("Publish a snapshot of your organisation's current records?"),
                        _("Publish snapshot"), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
    ask.SetExtendedMessage(
        _("New desktops of your organisation will load it instead of replaying the whole "
          "history, and the hub can then let go of older changes. It is sealed with the "
          "team key and only your organisation's desktops can fetch it. Private notes are "
          "never included. It runs in the background and can take some minutes."));
    ask.SetYesNoLabels(_("&Publish"), _("Cancel"));
    if (ask.ShowModal() != wxID_YES)
        return;
    if (sync_->publishSnapshotNow())
        updateStatus();
}

void MainFrame::showPublishedSnapshot(const SnapshotPublishReport& r) {
    using Outcome = SnapshotPublishReport::Outcome;
    wxString message, details;
    long style = wxOK | wxICON_WARNING;
    switch (r.outcome) {
        case Outcome::Published:
            message = _("Snapshot published");
            details = wxString::Format(_("%lu records in %d parts. New desktops of your "
                                         "organisation will start from it."),
                                       static_cast<unsigned long>(r.records), r.chunks);
            style = wxOK | wxICON_INFORMATION;
            break;
        case Outcome::NeverPulled:
            message = _("Nothing to publish yet");
            details = _("This desktop has not received anything from its team. Sync first.");
            break;
        case Outcome::EntriesHeld:
        case Outcome::EnvelopesSetAside:
            message = _("Snapshot not published");
            details =
                _("Some changes received here are still waiting (for a record they "
                  "refer to, or for a team key), so this desktop's records are "
                  "incomplete. Sync again later, then publish.");
            break;
        case Outcome::NotPermitted:
            message = _("Snapshot not published");
            details = _("Only an administrator may publish the organisation's snapshot.");
            break;
        case Outcome::Stopped:
            message = _("Publishing the snapshot was stopped");
            break;
        case Outcome::Failed:
            message = _("Snapshot not published");
            details = r.problem ? toWx(r.problem->message) : wxString();
            break;
    }
    wxMessageDialog dialog(this, message, _("Publish snapshot"), style);
    if (!details.empty())
        dialog.SetExtendedMessage(details);
    dialog.ShowModal();
}

void MainFrame::showSyncStatus() {
    auto* sync = store_->syncStore();
    if (!sync)
        return;
    wxString details;
    auto cursors = sync->syncCursors();
    details += wxString::Format(
        _("Last successful sync: %s\n"),
        cursors.lastSuccessMs
            ? formatDateTime(Timestamp(std::chrono::milliseconds(cursors.lastSuccessMs)))
            : _("never"));
    details += wxString::Format(_("Changes waiting to be sent: %lu\n"),
                                static_cast<unsigned long>(sync->pendingChanges()));
    details += wxString::Format(_("Conflicts to settle: %lu\n"),
                                static_cast<unsigned long>(sync->conflicts(true).size()));
    details += wxString::Format(_("Possible duplicate people: %lu\n"),
                                static_cast<unsigned long>(sync->duplicatePeople().size()));
    auto problems = sync->syncProblems(8);
    if (!problems.empty()) {
        details += _("\nRecent problems:\n");
        for (const auto& p : problems)
            details += formatDateTime(Timestamp(std::chrono::milliseconds(p.atMs))) + "  " +
                       toWx(p.message) + "\n";
    }
    sync_->refreshStatus();
    wxMessageDialog dialog(this, sync_->available() ? sync_->statusText() : _("Sync not set up"),
                           _("Sync status"), wxOK | wxICON_INFORMATION);
    dialog.SetExtendedMessage(details);
    dialog.ShowModal();
}

}  // namespace nmdt::gui
