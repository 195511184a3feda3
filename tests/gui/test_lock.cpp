// Locking: on request and after idle time, the window shows no patient data until the
// store passphrase is entered again; open drafts are saved first.
#include <boost/test/unit_test.hpp>

#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/statusbr.h>

#include "care_plan_editor.h"
#include "case_record_panel.h"
#include "gui/main_frame.h"
#include "gui_support.h"
#include "model/care_plan_service.h"
#include "model/case_service.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;
using nmdt::gui::CarePlanEditor;
using nmdt::gui::MainFrame;

BOOST_AUTO_TEST_SUITE(locking)

BOOST_AUTO_TEST_CASE(locking_hides_patient_data_until_the_passphrase_is_entered) {
    World w;  // passphrase "correct horse battery staple"
    CaseId id = CaseService(w.asChair())
                    .refer({resident("Lowri", "Vaughan", testNhsNumber(9101)), w.gp, w.practice,
                            "Isolation", day(2026, 11, 1), w.navigator});
    CarePlanService(w.asChair()).startDraft(id);
    auto* frame = new MainFrame(std::move(w.store), w.clock, w.asChair().actor);
    frame->Show();
    frame->showCase(id);
    CarePlanEditor* editor = frame->editCarePlan();
    editor->typeText("Walking to the chapel", "", "");
    CarePlanId draft = editor->shown()->id;
    settle();
    // What the status bar said last (a saved file naming the resident) must not outlive a lock.
    frame->SetStatusText("Saved /tmp/care-plan-Vaughan.pdf", 0);

    frame->lock();
    settle();
    BOOST_TEST(frame->isLocked());
    BOOST_TEST(!frame->pages()->IsShown());
    BOOST_TEST(!frame->GetMenuBar()->IsEnabledTop(0));
    BOOST_TEST(frame->caseRecord()->bannerText().Contains("No resident selected"));
    BOOST_TEST(!frame->currentCase().has_value());
    for (int field = 0; field < frame->GetStatusBar()->GetFieldsCount(); ++field) {
        std::string text = frame->GetStatusBar()->GetStatusText(field).utf8_string();
        BOOST_TEST(text.find("Vaughan") == std::string::npos, text);
        BOOST_TEST(text.find(".nmdt") == std::string::npos, text);
    }
    BOOST_TEST(frame->GetStatusBar()->GetStatusText(0).utf8_string() == "Locked");
    BOOST_TEST(frame->store().carePlan(draft)->whatMattersToMe ==
               "Walking to the chapel");  // saved on lock
    screenshot(frame, "locked");

    wxString problem;
    BOOST_TEST(!frame->unlock(Passphrase("a wrong guess at it"), problem));
    BOOST_TEST(problem.Contains("is not"), problem.utf8_string());
    BOOST_TEST(problem.Contains("Someone Else"), problem.utf8_string());
    BOOST_TEST(frame->isLocked());
    BOOST_TEST(frame->unlock(Passphrase("correct horse battery staple"), problem),
               problem.utf8_string());
    BOOST_TEST(!frame->isLocked());
    BOOST_TEST(frame->pages()->IsShown());

    std::vector<std::string> kinds;
    for (const auto& e : frame->store().auditTrail({}))
        kinds.push_back(std::string(codeOf(e.kind)));
    BOOST_TEST((std::vector<std::string>(kinds.end() - 3, kinds.end()) ==
                std::vector<std::string>{"lock", "failed-unlock", "unlock"}));

    // The passphrase can be changed from the app: the current one is checked first.
    BOOST_TEST(!frame->changePassphrase(Passphrase("not the current one"),
                                        Passphrase("a new passphrase 2027"), problem));
    BOOST_TEST(!frame->changePassphrase(Passphrase("correct horse battery staple"),
                                        Passphrase("short"), problem));
    BOOST_TEST(problem.Contains("12 characters"), problem.utf8_string());
    BOOST_TEST(frame->changePassphrase(Passphrase("correct horse battery staple"),
                                       Passphrase("a new passphrase 2027"), problem),
               problem.utf8_string());
    BOOST_TEST(frame->store().passphraseMatches(Passphrase("a new passphrase 2027")));
    BOOST_TEST(!frame->store().passphraseMatches(Passphrase("correct horse battery staple")));
    AuditQuery changed;
    changed.kind = AuditEventKind::PassphraseChanged;
    BOOST_TEST(frame->store().auditTrail(changed).size() == 1u);

    // Idle time locks by itself; activity resets the count.
    frame->setIdleLimit(std::chrono::minutes(1));
    auto t0 = std::chrono::steady_clock::now();
    frame->checkIdle(t0);  // takes in where the mouse is
    frame->noteActivity(t0);
    frame->checkIdle(t0 + std::chrono::seconds(50));
    BOOST_TEST(!frame->isLocked());
    frame->noteActivity(t0 + std::chrono::seconds(55));
    frame->checkIdle(t0 + std::chrono::seconds(100));
    BOOST_TEST(!frame->isLocked());
    frame->checkIdle(t0 + std::chrono::seconds(116));
    BOOST_TEST(frame->isLocked());
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_SUITE_END()
