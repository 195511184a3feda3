// Sync from the desktop window: F5 syncs in the background against a real hub, the window
// stays responsive, partners' work appears, and conflicts are settled in a dialog.
#include <boost/test/unit_test.hpp>

#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/modalhook.h>
#include <wx/msgdlg.h>
#include <wx/statusbr.h>
#include <wx/uiaction.h>

#include "action_list_view.h"
#include "actions_panel.h"
#include "case_list_view.h"
#include "command_table.h"
#include "desktop_sync_runner.h"
#include "gui/main_frame.h"
#include "gui_support.h"
#include "model/action_service.h"
#include "model/care_plan_service.h"
#include "model/case_service.h"
#include "sync_controller.h"
#include "sync_dialogs.h"
#include "sync_fixture.h"

using namespace nmdt;
using namespace nmdt::test;
using nmdt::gui::MainFrame;

namespace {
void waitForSync(MainFrame* frame) {
    for (int i = 0; i < 3000 && frame->syncController()->running(); ++i) {
        wxYield();
        wxMilliSleep(5);
    }
    frame->syncController()->waitUntilIdle();
    settle();
}

/// A window over a desktop's store (the desktop's own connection closed first), syncing as
/// the app does every `interval` (zero: only when asked).
MainFrame* openWindow(Desktop& desktop, const Actor& user, std::chrono::minutes interval) {
    desktop.store.reset();
    auto* frame = new MainFrame(
        storage::SqlCipherStore::open(desktop.path(), Passphrase("correct horse battery staple")),
        std::make_shared<SystemClock>(), user);
    frame->Show();
    settle();
    frame->enableSync(app::desktopSyncRunners(std::make_shared<SystemClock>()), interval);
    return frame;
}

/// F5 from the keyboard with the window focused; waits for the run it starts.
void pressF5(MainFrame* frame) {
    frame->SetFocus();
    settle();
    wxUIActionSimulator keys;
    keys.Char(WXK_F5);
    settle(2);
    waitForSync(frame);
}

/// Answers every message box as a person pressing its default-affirmative button would,
/// keeping what each said.
class MessageBoxAnswers : public wxModalDialogHook {
  public:
    MessageBoxAnswers() { Register(); }
    ~MessageBoxAnswers() override { Unregister(); }
    std::vector<std::string> said;

  protected:
    int Enter(wxDialog* dialog) override {
        auto* box = dynamic_cast<wxMessageDialog*>(dialog);
        if (!box)
            return wxID_NONE;
        said.push_back((box->GetMessage() + " / " + box->GetExtendedMessage()).utf8_string());
        return (box->GetMessageDialogStyle() & wxYES_NO) ? wxID_YES : wxID_OK;
    }
    void Exit(wxDialog*) override {}
};

/// Whether the window's menu command is enabled as its menu would show it now.
bool commandEnabled(MainFrame* frame, int id) {
    frame->UpdateWindowUI(wxUPDATE_UI_RECURSE);
    auto* item = frame->GetMenuBar()->FindItem(id);
    return item && item->IsEnabled();
}
}  // namespace

BOOST_AUTO_TEST_SUITE(sync_window)

BOOST_AUTO_TEST_CASE(f5_syncs_in_the_background_and_shows_partners_work) {
    HubProcess hub;
    auto team = newTeam(hub);
    TestDirectory people;
    Desktop practice{0, hub, team};
    Desktop vcfse{1, hub, team};
    people.writeTo(practice);
    CaseService cases(practice.as(people.gp, Role::Clinician, kPractice));
    auto shared = cases.refer({resident("Nerys", "Bowen", testNhsNumber(77)),
                               people.gp,
                               kPractice,
                               "isolation",
                               day(2026, 11, 2),
                               {}});
    cases.recordConsent(shared, kVcfse, ConsentDecision::Permit);
    CarePlanService plans(practice.as(people.chair, Role::Chair, kPractice));
    plans.startDraft(shared);
    auto draft = *plans.draft(shared);
    draft.whatMattersToMe = "Getting out to the chapel again";
    plans.saveDraft(draft);
    plans.agree(draft.id);
    BOOST_REQUIRE(practice.sync().completed);

    // The navigator's window over the VCFSE desktop's store, syncing as the app does.
    const Actor navigator{people.navigator, "Gwen Pritchard", Role::Navigator, kVcfse};
    auto* frame = openWindow(vcfse, navigator, std::chrono::minutes(5));
    BOOST_TEST(frame->GetStatusBar()->GetStatusText(1).Contains("Never synced"),
               frame->GetStatusBar()->GetStatusText(1).utf8_string());

    pressF5(frame);
    auto status = frame->GetStatusBar()->GetStatusText(1);
    BOOST_TEST(status.Contains("Synced"), status.utf8_string());
    BOOST_TEST(frame->store().caseById(shared).has_value());
    BOOST_TEST(frame->caseList()->GetItemCount() == 1);
    // A printed plan says when this desktop last synced (stale-data hazard H5).
    frame->showCase(shared);
    const std::string pdf = practice.dir.file("synced-plan.pdf");
    wxString problem;
    BOOST_REQUIRE_MESSAGE(frame->saveCarePlanPdf(pdf, problem), problem.utf8_string());
    BOOST_TEST(pdfPages(pdf).at(0).find("Last synced with partners") != std::string::npos);

    // The chair raises an action for the VCFSE; the navigator's next sync shows it.
    auto raised = ActionService(practice.as(people.chair, Role::Chair, kPractice))
                      .raise({shared,
                              "Befriending visit",
                              "",
                              people.navigator,
                              kVcfse,
                              day(2026, 12, 4),
                              Priority::Routine,
                              {},
                              {}});
    BOOST_REQUIRE(practice.sync().completed);
    frame->showActions();
    BOOST_TEST(frame->syncController()->syncNow());
    waitForSync(frame);
    frame->actions()->select(raised);
    BOOST_REQUIRE(frame->actions()->selected());
    BOOST_TEST(frame->actions()->selected()->title == "Befriending visit");
    screenshot(frame, "sync-status");

    // Both change the action's detail while apart: the conflict is listed and settled.
    ChangeSet mine("edit-action-detail");
    mine.update(EntityKind::Action, raised.str(),
                {{"detail", std::string("Visit booked Tuesday")}});
    frame->store().commit(mine, navigator);
    ChangeSet theirs("edit-action-detail");
    theirs.update(EntityKind::Action, raised.str(),
                  {{"detail", std::string("Daughter will attend")}});
    practice.clock->advance(std::chrono::minutes(1));
    practice.store->commit(theirs, Actor{people.chair, "Dr Amina Rahman", Role::Chair, kPractice});
    BOOST_REQUIRE(practice.sync().completed);
    BOOST_TEST(frame->syncController()->syncNow());
    waitForSync(frame);
    status = frame->GetStatusBar()->GetStatusText(1);
    BOOST_TEST(status.Contains("1 conflict"), status.utf8_string());

    SystemClock clock;
    auto ids = makeRandomIdSource();
    {
        gui::ConflictsDialog dialog(
            frame, Commands(ServiceContext{frame->store(), clock, *ids, navigator}),
            *frame->store().syncStore(), frame->store(), frame->store());
        BOOST_TEST(dialog.count() == 1);
        dialog.Show();
        settle();
        BOOST_TEST(sharedMnemonics(&dialog).empty(), sharedMnemonics(&dialog));
        screenshot(&dialog, "sync-conflicts");
        dialog.select(0);
        BOOST_TEST(dialog.resolveSelected(false), dialog.message().utf8_string());
        BOOST_TEST(dialog.count() == 0);
        dialog.Hide();
    }
    BOOST_TEST(frame->syncController()->syncNow());
    waitForSync(frame);
    BOOST_REQUIRE(practice.sync().completed);
    BOOST_TEST(practice.store->conflicts(true).empty());
    BOOST_TEST(practice.store->action(raised)->detail == frame->store().action(raised)->detail);
    frame->Close(true);
    settle();
}

BOOST_AUTO_TEST_CASE(an_administrator_publishes_a_snapshot_and_a_new_desktop_joins_from_it) {
    HubProcess hub;
    auto team = newTeam(hub);
    TestDirectory people;
    Desktop practice{0, hub, team};
    people.writeTo(practice);
    auto referred = CaseService(practice.as(people.gp, Role::Clinician, kPractice))
                        .refer({resident("Ifor", "Llewellyn", testNhsNumber(78)),
                                people.gp,
                                kPractice,
                                "falls",
                                day(2026, 11, 2),
                                {}});
    BOOST_REQUIRE(practice.sync().completed);
    BOOST_REQUIRE(practice.sync().completed);  // has pulled its own back: something to publish

    // The practice's administrator, in the window: Sync > Publish Snapshot, confirmed.
    auto* frame =
        openWindow(practice, Actor{people.admin, "Pat Admin", Role::Administrator, kPractice},
                   std::chrono::minutes(0));
    BOOST_TEST(commandEnabled(frame, gui::ID_SYNC_PUBLISH_SNAPSHOT));
    {
        MessageBoxAnswers answers;
        wxCommandEvent menu(wxEVT_MENU, gui::ID_SYNC_PUBLISH_SNAPSHOT);
        frame->ProcessWindowEvent(menu);
        BOOST_TEST(frame->GetStatusBar()->GetStatusText(1).Contains("Publishing snapshot"));
        waitForSync(frame);
        BOOST_REQUIRE(answers.said.size() == 2u);
        BOOST_TEST(answers.said[0].find("Publish a snapshot") != std::string::npos);
        BOOST_TEST(answers.said[1].find("Snapshot published") != std::string::npos,
                   answers.said[1]);
    }
    frame->Close(true);
    settle();

    // A navigator's window offers no such command.
    Desktop vcfse{1, hub, team};
    BOOST_REQUIRE(vcfse.sync().completed);
    frame = openWindow(vcfse, Actor{people.navigator, "Gwen Pritchard", Role::Navigator, kVcfse},
                       std::chrono::minutes(0));
    BOOST_TEST(!commandEnabled(frame, gui::ID_SYNC_PUBLISH_SNAPSHOT));
    frame->Close(true);
    settle();

    // A new practice desktop's first F5 loads the snapshot, and its window says so.
    Desktop joiner{3, hub, team};
    frame = openWindow(joiner, Actor{people.gp, "Dr Owen Price", Role::Clinician, kPractice},
                       std::chrono::minutes(0));
    pressF5(frame);
    auto said = frame->GetStatusBar()->GetStatusText(0);
    BOOST_TEST(said.Contains("Joined from your organisation's snapshot"), said.utf8_string());
    BOOST_TEST(frame->store().caseById(referred).has_value());
    BOOST_TEST(frame->caseList()->GetItemCount() == 1);
    screenshot(frame, "sync-joined-from-snapshot");
    frame->Close(true);
    settle();
}

BOOST_AUTO_TEST_SUITE_END()
