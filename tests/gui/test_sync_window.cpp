// Sync from the desktop window: F5 syncs in the background against a real hub, the window
// stays responsive, partners' work appears, and conflicts are settled in a dialog.
#include <boost/test/unit_test.hpp>

#include <wx/listctrl.h>
#include <wx/statusbr.h>
#include <wx/uiaction.h>

#include "action_list_view.h"
#include "actions_panel.h"
#include "case_list_view.h"
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
    vcfse.store.reset();
    auto store =
        storage::SqlCipherStore::open(vcfse.path(), Passphrase("correct horse battery staple"));
    const Actor navigator{people.navigator, "Gwen Pritchard", Role::Navigator, kVcfse};
    auto* frame = new MainFrame(std::move(store), std::make_shared<SystemClock>(), navigator);
    frame->Show();
    settle();
    frame->enableSync(app::desktopSyncRunners(std::make_shared<SystemClock>()),
                      std::chrono::minutes(5));
    BOOST_TEST(frame->GetStatusBar()->GetStatusText(1).Contains("Never synced"),
               frame->GetStatusBar()->GetStatusText(1).utf8_string());

    frame->SetFocus();
    settle();
    wxUIActionSimulator keys;
    keys.Char(WXK_F5);
    settle(2);
    waitForSync(frame);
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

BOOST_AUTO_TEST_SUITE_END()
