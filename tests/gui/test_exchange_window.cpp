// The exchange side of the window: neighbourhood reports with charts and CSV, FHIR export
// and import from the File menu, and restoring the store from a backup.
#include <boost/test/unit_test.hpp>

#include <wx/image.h>
#include <wx/menu.h>

#include <filesystem>
#include <fstream>

#include "bar_chart.h"
#include "command_table.h"
#include "gui/main_frame.h"
#include "gui_support.h"
#include "integration/fhir_exchange.h"
#include "meetings_panel.h"
#include "model/action_service.h"
#include "model/care_plan_service.h"
#include "model/case_service.h"
#include "model/meeting_service.h"
#include "neighbourhood_reports_dialog.h"
#include "store_restore.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;
using nmdt::gui::MainFrame;

namespace {
CaseId referWithPlan(World& w, int n, NeedDomain domain) {
    CaseId id = CaseService(w.asChair())
                    .refer({resident("Given" + std::to_string(n), "Family" + std::to_string(n),
                                     testNhsNumber(n)),
                            w.gp, w.practice, "reason", day(2026, 11, 1), w.navigator});
    CarePlanService plans(w.asChair());
    CarePlanId draft = plans.startDraft(id);
    plans.addNeed(draft, domain, "need", "");
    ActionService(w.asChair())
        .raise({id, "Overdue task", "", {}, w.vcfse, day(2026, 11, 2), Priority::Routine, "", {}});
    return id;
}

/// Pixels of a saved screenshot in a colour (within a small tolerance).
std::size_t pixelsOf(const std::string& png, unsigned char r, unsigned char g, unsigned char b) {
    wxImage image(png, wxBITMAP_TYPE_PNG);
    std::size_t n = 0;
    for (int y = 0; y < image.GetHeight(); ++y)
        for (int x = 0; x < image.GetWidth(); ++x)
            if (std::abs(image.GetRed(x, y) - r) < 8 && std::abs(image.GetGreen(x, y) - g) < 8 &&
                std::abs(image.GetBlue(x, y) - b) < 8)
                ++n;
    return n;
}

bool menuEnabled(MainFrame* frame, int id) {
    frame->UpdateWindowUI(wxUPDATE_UI_RECURSE);
    settle();
    return frame->GetMenuBar()->IsEnabled(id);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(reports_window)

BOOST_AUTO_TEST_CASE(charts_tables_and_csv_for_every_report) {
    World w;
    referWithPlan(w, 9101, NeedDomain::Housing);
    referWithPlan(w, 9102, NeedDomain::Housing);
    referWithPlan(w, 9103, NeedDomain::MentalHealth);
    auto* parent = new wxFrame(nullptr, wxID_ANY, "parent");
    {
        gui::NeighbourhoodReportsDialog dialog(parent, Commands(w.asNavigator()));
        dialog.Show();
        settle();
        BOOST_TEST(sharedMnemonics(&dialog).empty(), sharedMnemonics(&dialog));
        BOOST_TEST(dialog.pageCount() == 4u);
        BOOST_TEST(dialog.rowCount(0) == 10);  // nine domains and the total
        const auto& bars = dialog.chart(0)->bars();
        BOOST_REQUIRE(bars.size() == 9u);
        BOOST_TEST(bars.front().label == "Housing");
        BOOST_TEST(bars.front().value == 2u);
        BOOST_TEST(dialog.headline(0).Contains("3 open cases"), dialog.headline(0).utf8_string());
        // Open actions per organisation, the overdue part highlighted.
        const auto& organisations = dialog.chart(1)->bars();
        BOOST_REQUIRE(organisations.size() == 1u);
        BOOST_TEST(organisations.front().label == "Age Well Together");
        BOOST_TEST(organisations.front().highlighted == 3u);
        BOOST_TEST(dialog.headline(2).Contains("3 overdue actions"),
                   dialog.headline(2).utf8_string());

        // The chart is really drawn: NHS blue bars and red overdue parts on screen.
        dialog.showPage(1);
        settle();
        std::string shot =
            screenshot(const_cast<gui::BarChart*>(dialog.chart(1)), "reports-actions-chart");
        BOOST_TEST(pixelsOf(shot, 218, 41, 28) > 100u);
        dialog.showPage(0);
        settle();
        shot = screenshot(const_cast<gui::BarChart*>(dialog.chart(0)), "reports-caseload-chart");
        BOOST_TEST(pixelsOf(shot, 0, 94, 184) > 100u);
        screenshot(&dialog, "neighbourhood-reports");

        TempDir out;
        wxString problem;
        BOOST_TEST(dialog.saveCsv(0, out.file("caseload.csv"), problem));
        std::string csv = readBytes(out.file("caseload.csv"));
        BOOST_TEST(csv.starts_with("Need domain,Open cases with a need in it\r\nHousing,2\r\n"),
                   csv);
        BOOST_TEST(!dialog.saveCsv(0, out.file("no-such-folder/x.csv"), problem));
        BOOST_TEST(!problem.empty());
        dialog.Hide();
    }
    parent->Destroy();
    settle();
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fhir_window)

namespace {
/// `w`'s store in a shown main window for `who`, exchanging FHIR files.
MainFrame* fhirWindow(World& w, const Actor& who) {
    auto* frame = new MainFrame(std::move(w.store), w.clock, who);
    frame->setExchangeFormat(integration::makeFhirFormat());
    frame->Show();
    return frame;
}
}  // namespace

BOOST_AUTO_TEST_CASE(export_import_and_meeting_outcomes_from_the_file_menu) {
    World w;
    CaseId id = referWithPlan(w, 9201, NeedDomain::Housing);
    MeetingService meetings(w.asChair());
    MeetingId m = meetings.schedule(meetingOn(day(2026, 11, 24), w.chair));
    meetings.addItem(m, id, "new referral");
    std::string nhs = testNhsNumber(9201);
    TempDir out;

    auto* frame = fhirWindow(w, w.asChair().actor);
    settle();
    BOOST_TEST(!menuEnabled(frame, gui::ID_EXPORT_CASE));  // no resident open yet
    BOOST_TEST(menuEnabled(frame, gui::ID_IMPORT_CASE));
    frame->showCase(id);
    BOOST_TEST(menuEnabled(frame, gui::ID_EXPORT_CASE));

    wxString problem, summary;
    BOOST_TEST(frame->exportCurrentCase(out.file("case.json"), problem), problem.utf8_string());
    std::string bundle = readBytes(out.file("case.json"));
    BOOST_TEST(bundle.find("\"Bundle\"") != std::string::npos);
    BOOST_TEST(bundle.find(nhs) != std::string::npos);
    BOOST_TEST(!std::filesystem::exists(out.file("case.json.partial")));

    // The same person comes back: matched, not duplicated.
    BOOST_TEST(frame->importCase(out.file("case.json"), summary, problem), problem.utf8_string());
    BOOST_TEST(summary.Contains("already had a case here"), summary.utf8_string());
    BOOST_TEST(frame->store().caseCount() == 1u);
    BOOST_TEST(frame->currentCase()->str() == id.str());

    // A damaged file is refused whole, saying why.
    std::ofstream(out.file("broken.json")) << bundle.substr(0, bundle.size() / 3);
    BOOST_TEST(!frame->importCase(out.file("broken.json"), summary, problem));
    BOOST_TEST(problem.Contains("Nothing was imported"), problem.utf8_string());
    BOOST_TEST(problem.Contains("not valid JSON"), problem.utf8_string());

    // The Meetings page has not been shown: export is offered, and writes the meeting the
    // page would show first.
    BOOST_TEST(menuEnabled(frame, gui::ID_EXPORT_MEETING));
    BOOST_TEST(frame->exportMeetingOutcomes(out.file("unseen.json"), problem),
               problem.utf8_string());
    BOOST_TEST(readBytes(out.file("unseen.json")).find("384682003") != std::string::npos);
    frame->showMeetings();
    frame->meetings()->selectMeeting(m);
    settle();
    BOOST_TEST(frame->exportMeetingOutcomes(out.file("meeting.json"), problem),
               problem.utf8_string());
    BOOST_TEST(readBytes(out.file("meeting.json")).find("384682003") != std::string::npos);
    BOOST_TEST(!menuEnabled(frame, gui::ID_EXPORT_AUDIT));  // chairs do not review the audit
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(exporting_before_any_meeting_exists_asks_for_one) {
    World w;
    auto* frame = fhirWindow(w, w.asChair().actor);
    settle();
    TempDir out;
    wxString problem;
    BOOST_TEST(!frame->exportMeetingOutcomes(out.file("none.json"), problem));
    BOOST_TEST(problem.Contains("no meetings yet"), problem.utf8_string());
    BOOST_TEST(!std::filesystem::exists(out.file("none.json")));
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(a_navigator_cannot_export_or_import) {
    World w;
    CaseId id = referWithPlan(w, 9301, NeedDomain::Housing);
    auto* frame = fhirWindow(w, w.asNavigator().actor);
    frame->showCase(id);
    BOOST_TEST(!menuEnabled(frame, gui::ID_EXPORT_CASE));
    BOOST_TEST(!menuEnabled(frame, gui::ID_IMPORT_CASE));
    TempDir out;
    wxString problem;
    BOOST_TEST(!frame->exportCurrentCase(out.file("case.json"), problem));
    BOOST_TEST(problem.Contains("role"), problem.utf8_string());
    BOOST_TEST(!std::filesystem::exists(out.file("case.json")));
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(restore_window)

namespace {
/// An administrator's window over a store with one case, and a checked backup of it.
struct BackedUpWindow {
    World w;
    const Passphrase storeKey{"correct horse battery staple"};
    const Passphrase backupKey{"backup passphrase for the test"};
    storage::SqlCipherStoreProvider stores{w.clock};
    TempDir out;
    const std::string backup = out.file("store.nmdt-backup");
    Actor admin = w.asAdministrator().actor;
    Actor chair = w.asChair().actor;
    MainFrame* frame = nullptr;

    explicit BackedUpWindow(int nhs) {
        referWithPlan(w, nhs, NeedDomain::Housing);
        frame = new MainFrame(std::move(w.store), w.clock, admin);
        frame->onRestoreBackup = [] {};
        frame->Show();
        wxString problem;
        BOOST_REQUIRE(frame->backUpTo(backup, backupKey, problem));
    }
    /// Closes the window and runs the restore once its store is closed.
    gui::RestoreOutcome restore(gui::RestorePlan plan) {
        std::optional<gui::RestoreOutcome> outcome;
        BOOST_REQUIRE(
            gui::restoreAfterClosing(frame, stores, std::move(plan),
                                     [&](gui::RestoreOutcome o) { outcome = std::move(o); }));
        for (int i = 0; i < 50 && !outcome; ++i)
            settle();
        BOOST_REQUIRE(outcome);
        return std::move(*outcome);
    }
};
}  // namespace

BOOST_AUTO_TEST_CASE(an_administrator_restores_a_checked_backup_in_place) {
    BackedUpWindow t(9401);
    wxString problem;
    // Work done after the backup, which the restore takes away.
    CaseService(ServiceContext{t.frame->store(), *t.w.clock, t.w.ids, t.chair})
        .refer({resident("After", "Backup", testNhsNumber(9402)),
                {},
                {},
                "later",
                day(2026, 11, 20),
                {}});
    BOOST_TEST(t.frame->store().caseCount() == 2u);
    BOOST_TEST(menuEnabled(t.frame, gui::ID_RESTORE));

    // Refused before anything is closed: wrong store passphrase, damaged backup, a chair.
    BOOST_TEST(!gui::checkRestore(t.stores, t.frame->store(), t.admin, t.backup, t.backupKey,
                                  Passphrase("not the store passphrase"), problem));
    BOOST_TEST(problem.Contains("not your passphrase"), problem.utf8_string());
    std::string damaged = t.out.file("damaged.nmdt-backup");
    std::filesystem::copy_file(t.backup, damaged);
    std::filesystem::resize_file(damaged, std::filesystem::file_size(damaged) / 2);
    BOOST_TEST(!gui::checkRestore(t.stores, t.frame->store(), t.admin, damaged, t.backupKey,
                                  t.storeKey, problem));
    BOOST_TEST(problem.Contains("cannot be used"), problem.utf8_string());
    BOOST_TEST(!gui::checkRestore(t.stores, t.frame->store(), t.chair, t.backup, t.backupKey,
                                  t.storeKey, problem));

    auto plan = gui::checkRestore(t.stores, t.frame->store(), t.admin, t.backup, t.backupKey,
                                  t.storeKey, problem);
    BOOST_REQUIRE_MESSAGE(plan, problem.utf8_string());
    BOOST_TEST(plan->summary.cases == 1);

    // The window closes its store; then the backup is swapped in and reopened.
    auto outcome = t.restore(std::move(*plan));
    BOOST_REQUIRE_MESSAGE(outcome.restored, outcome.problem.utf8_string());
    auto restored = std::move(outcome.store);
    BOOST_TEST(restored->caseCount() == 1u);
    BOOST_TEST(std::filesystem::exists(t.w.storePath() + ".before-restore"));
    AuditQuery q;
    q.kind = AuditEventKind::Restore;
    BOOST_TEST(restored->auditTrail(q).size() == 1u);

    auto* reopened = new MainFrame(std::move(restored), t.w.clock, t.admin);
    reopened->Show();
    reopened->showAllCases();
    settle();
    BOOST_TEST(reopened->store().caseCount() == 1u);
    reopened->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(a_failed_restore_reopens_the_store_as_it_was) {
    BackedUpWindow t(9501);
    wxString problem;
    auto plan = gui::checkRestore(t.stores, t.frame->store(), t.admin, t.backup, t.backupKey,
                                  t.storeKey, problem);
    BOOST_REQUIRE(plan);
    // The backup is damaged after it was checked (a network drive, say).
    std::filesystem::resize_file(t.backup, std::filesystem::file_size(t.backup) / 2);
    auto outcome = t.restore(std::move(*plan));
    BOOST_TEST(!outcome.restored);
    BOOST_TEST(!outcome.problem.empty());
    BOOST_REQUIRE(outcome.store);
    BOOST_TEST(outcome.store->caseCount() == 1u);  // the old store, reopened as it was
    BOOST_TEST(!std::filesystem::exists(t.w.storePath() + ".before-restore"));
}

BOOST_AUTO_TEST_SUITE_END()
