// Care plan editing: work on the draft by domain, agree it as a read-only version, start
// the next draft from it, see what changed, and never lose a draft.
#include <boost/test/unit_test.hpp>

#include <wx/menu.h>
#include <wx/statusbr.h>

#include "care_plan_editor.h"
#include "case_record_panel.h"
#include "command_table.h"
#include "gui/main_frame.h"
#include "gui_support.h"
#include "model/case_service.h"
#include "model/nhs_number.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;
using nmdt::gui::CarePlanEditor;
using nmdt::gui::MainFrame;

BOOST_AUTO_TEST_SUITE(care_plan_editing)

BOOST_AUTO_TEST_CASE(draft_agree_redraft_and_compare) {
    World w;
    CaseId id = CaseService(w.asChair())
                    .refer({resident("Nia", "Prosser", testNhsNumber(8801)), w.gp, w.practice,
                            "Carer breakdown", day(2026, 11, 1), w.navigator});
    auto* frame = new MainFrame(std::move(w.store), w.clock, w.asChair().actor);
    frame->Show();
    frame->showCase(id);
    CarePlanEditor* editor = frame->editCarePlan();
    BOOST_REQUIRE(editor);
    BOOST_TEST(frame->editCarePlan() == editor);  // one editor per resident
    settle();
    BOOST_TEST(sharedMnemonics(editor).empty(), sharedMnemonics(editor));
    BOOST_TEST(editor->bannerText().Contains("Prosser, Nia"));
    BOOST_TEST(editor->statusText().Contains("No care plan yet"));
    BOOST_TEST(!editor->editable());

    wxString problem;
    BOOST_TEST(editor->startDraft(problem));
    BOOST_TEST(editor->editable());
    editor->typeText("Looking after my mum at home", "Text me, don't call", "Call my brother Huw");
    BOOST_TEST(editor->hasUnsavedChanges());
    BOOST_TEST(editor->addNeed(
        {{}, {}, {}, NeedDomain::CarersAndFamily, "No break from caring", "Respite sitting"},
        problem));
    BOOST_TEST(!editor->hasUnsavedChanges());  // adding a need saved the text first
    BOOST_TEST(editor->addGoal({{},
                                {},
                                {},
                                NeedDomain::CarersAndFamily,
                                "One evening off a week",
                                day(2027, 1, 31),
                                GoalProgress::InProgress,
                                "Sitter found"},
                               problem));
    BOOST_REQUIRE(editor->goals().size() == 1u);
    BOOST_TEST(editor->goals()[0].progressNote == "Sitter found");
    BOOST_TEST(!editor->addGoal(
        {{}, {}, {}, NeedDomain::Housing, "", std::nullopt, GoalProgress::NotStarted, ""},
        problem));
    BOOST_TEST(problem.Contains("must be filled in"), problem.utf8_string());
    BOOST_TEST(editor->careTeamSize() == 0);
    BOOST_TEST(editor->addToCareTeam(w.navigator, "key worker", problem));
    BOOST_TEST(editor->careTeamSize() == 1);
    BOOST_TEST(!editor->addToCareTeam(ProfessionalId("nobody"), "ghost", problem));
    BOOST_TEST(problem.Contains("no longer exists"), problem.utf8_string());
    screenshot(editor, "care-plan-editor-draft");

    BOOST_TEST(editor->agree(problem));
    BOOST_TEST((editor->shown()->status == PlanStatus::Agreed));
    BOOST_TEST(!editor->editable());
    BOOST_TEST(editor->statusText().Contains("Read-only"));
    BOOST_TEST(!editor->saveDraft(problem));
    BOOST_TEST(frame->caseRecord()->recordText().Contains("Looking after my mum at home"));

    // The next draft starts from the agreed version; a reworded goal shows as changed.
    BOOST_TEST(editor->startDraft(problem));
    BOOST_TEST(editor->shown()->version == 2);
    Goal goal = editor->goals().at(0);
    goal.description = "Two evenings off a week";
    BOOST_TEST(editor->saveGoal(goal, problem));
    wxString diff = editor->differencesText();
    BOOST_TEST(diff.Contains("Changed Goal"), diff.utf8_string());
    BOOST_TEST(diff.Contains("Two evenings off a week"), diff.utf8_string());

    // Closing with unsaved typing keeps it: drafts are never lost.
    editor->typeText("Looking after my mum at home, and my own health", "Text me, don't call",
                     "Call my brother Huw");
    CarePlanId draftId = editor->shown()->id;
    editor->Close();
    settle();
    BOOST_TEST(frame->store().carePlan(draftId)->whatMattersToMe ==
               "Looking after my mum at home, and my own health");

    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(closing_the_main_window_saves_open_drafts) {
    World w;
    CaseId id = CaseService(w.asChair())
                    .refer({resident("Cai", "Morgan", testNhsNumber(8803)), w.gp, w.practice,
                            "Isolation", day(2026, 11, 1), w.navigator});
    CarePlanService(w.asChair()).startDraft(id);
    const std::string path = w.storePath();
    auto* frame = new MainFrame(std::move(w.store), w.clock, w.asChair().actor);
    frame->Show();
    frame->showCase(id);
    CarePlanEditor* editor = frame->editCarePlan();
    editor->typeText("Getting back to the rugby club", "", "");
    CarePlanId draft = editor->shown()->id;
    BOOST_TEST(frame->Close());  // File > Exit does this
    settle();
    auto store = storage::SqlCipherStore::open(path, Passphrase("correct horse battery staple"));
    BOOST_TEST(store->carePlan(draft)->whatMattersToMe == "Getting back to the rugby club");
}

BOOST_AUTO_TEST_CASE(practice_staff_read_and_print_but_do_not_edit) {
    World w;
    CaseId id = CaseService(w.asChair())
                    .refer({resident("Ola", "Nowak", testNhsNumber(8802)), w.gp, w.practice,
                            "Isolation", day(2026, 11, 1), w.navigator});
    ServiceContext reception = w.as(w.gp, Role::PracticeStaff, w.practice);
    auto* frame = new MainFrame(std::move(w.store), w.clock, reception.actor);
    frame->Show();
    frame->showCase(id);
    settle();
    frame->UpdateWindowUI(wxUPDATE_UI_RECURSE);
    // Edit > Edit Care Plan is not offered to a role that cannot write plans.
    BOOST_TEST(!frame->GetMenuBar()->IsEnabled(nmdt::gui::ID_EDIT_CARE_PLAN));
    // Printing is greyed out, and the menu says why: there is no agreed plan yet.
    BOOST_TEST(!frame->GetMenuBar()->IsEnabled(wxID_PRINT));
    BOOST_TEST(frame->GetMenuBar()->GetLabel(wxID_PRINT).Contains("(no agreed plan yet)"),
               frame->GetMenuBar()->GetLabel(wxID_PRINT).utf8_string());
    BOOST_TEST(
        frame->GetMenuBar()->GetLabel(nmdt::gui::ID_SAVE_PLAN_PDF).Contains("no agreed plan"));
    // "1 matching resident", not "1 matching residents".
    frame->search(wxString::FromUTF8(formatNhsNumber(testNhsNumber(8802))));
    settle();
    BOOST_TEST(frame->GetStatusBar()->GetStatusText(0).utf8_string() == "1 matching resident");
    CarePlanEditor* editor = frame->editCarePlan();
    settle();
    auto* start = wxWindow::FindWindowByLabel(_("Start &New Draft"), editor);
    BOOST_REQUIRE(start);
    BOOST_TEST(!start->IsEnabled());  // the button says so before the model has to
    wxString problem;
    BOOST_TEST(!editor->startDraft(problem));
    BOOST_TEST(problem.Contains("role does not allow"), problem.utf8_string());
    // Meetings are read-only for them: the chair's commands are not offered (the page is
    // built when first wanted).
    frame->showMeetings();
    settle();
    auto* closeMeeting = wxWindow::FindWindowByLabel(_("&Close Meeting"), frame);
    BOOST_REQUIRE(closeMeeting);
    BOOST_TEST(!closeMeeting->IsShown());
    editor->Close();
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_SUITE_END()
