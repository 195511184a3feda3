// Outcomes in the window: a navigator records a resident's wellbeing (ONS4) through the
// real dialog, a practice imports its service use (a bad file refused by line), and the
// Outcomes window shows attainment, wellbeing and service use with a chart over each table,
// saving CSV and a MeasureReport with small numbers suppressed. Driven under Xvfb.
#include <boost/test/unit_test.hpp>

#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/modalhook.h>
#include <wx/msgdlg.h>
#include <wx/textctrl.h>

#include <fstream>
#include <functional>

#include "bar_chart.h"
#include "case_record_panel.h"
#include "command_table.h"
#include "demo/demo_data.h"
#include "gui/main_frame.h"
#include "gui_support.h"
#include "integration/fhir_exchange.h"
#include "outcomes_dialog.h"
#include "resident_form.h"
#include "test_support.h"
#include "wellbeing_dialog.h"

using namespace nmdt;
using namespace nmdt::test;
using nmdt::gui::MainFrame;
using nmdt::gui::OutcomesDialog;
using nmdt::gui::WellbeingDialog;

namespace {
const char* kPass = "outcomes window passphrase";

struct NeighbourhoodStore {
    TempDir dir;
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(fixedNow());
    std::string path = dir.file("outcomes.nmdt");
    Actor reception, navigator;
    OrganisationId riverside;

    NeighbourhoodStore() {
        auto store = storage::SqlCipherStore::create(path, Passphrase(kPass), clock);
        auto summary = demo::generateDemoData(*store, *clock, demo::DemoSize{60, 2, 8, 12}, 31);
        for (const auto& o : store->organisations())
            if (o.odsCode == "Y90001")
                riverside = o.id;
        for (const auto& p : store->professionals())
            if (p.name == "Julie Clarke")
                reception = Actor{p.id, p.name, Role::PracticeStaff, riverside};
        navigator = Actor{ProfessionalId(summary.navigatorId), "Gwen Pritchard", Role::Navigator,
                          OrganisationId(summary.navigatorOrgId)};
    }
    MainFrame* frameAs(const Actor& who) {
        auto* frame = new MainFrame(storage::SqlCipherStore::open(path, Passphrase(kPass), clock),
                                    clock, who);
        frame->setExchangeFormat(integration::makeFhirFormat());
        frame->Show();
        settle();
        return frame;
    }
};

/// Answers the dialogs the window opens by the functions given; message boxes by OK.
class DialogAnswers : public wxModalDialogHook {
  public:
    std::function<int(WellbeingDialog&)> wellbeing;
    std::function<void(OutcomesDialog&)> outcomes;
    std::vector<std::string> said;
    DialogAnswers() { Register(); }
    ~DialogAnswers() override { Unregister(); }

  protected:
    int Enter(wxDialog* dialog) override {
        if (auto* box = dynamic_cast<wxMessageDialog*>(dialog)) {
            said.push_back(box->GetMessage().utf8_string());
            return wxID_OK;
        }
        if (auto* w = dynamic_cast<WellbeingDialog*>(dialog); w && wellbeing) {
            w->Show();
            settle();
            const int answer = wellbeing(*w);
            w->Hide();
            return answer;
        }
        if (auto* o = dynamic_cast<OutcomesDialog*>(dialog); o && outcomes) {
            o->Show();
            settle();
            outcomes(*o);
            o->Hide();
            return wxID_CLOSE;
        }
        return wxID_NONE;
    }
    void Exit(wxDialog*) override {}
};

void runMenu(MainFrame* frame, int id) {
    frame->UpdateWindowUI(wxUPDATE_UI_RECURSE);
    auto* item = frame->GetMenuBar()->FindItem(id);
    BOOST_REQUIRE(item);
    BOOST_REQUIRE(item->IsEnabled());
    wxCommandEvent e(wxEVT_MENU, id);
    frame->ProcessWindowEvent(e);
    settle();
}

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(outcomes_window)

BOOST_AUTO_TEST_CASE(a_navigator_records_a_wellbeing_score_through_the_dialog) {
    NeighbourhoodStore fixture;
    auto* frame = fixture.frameAs(fixture.navigator);
    // A resident with no score yet: the dialog offers the baseline.
    CaseId who;
    for (const auto& c : frame->store().casePage(0, 100))
        if (frame->store().wellbeingScores(c.id).empty()) {
            who = c.id;
            break;
        }
    BOOST_REQUIRE(!who.empty());
    frame->showCase(who);
    settle();
    // The record asks for the baseline the outcome reports measure change from.
    BOOST_TEST(frame->caseRecord()->recordText().Contains("No wellbeing score yet. Record the "
                                                          "baseline at referral"),
               frame->caseRecord()->recordText().utf8_string());
    BOOST_TEST(frame->caseRecord()->recordText().Contains(
        "Not recorded: Resident > Record Wellbeing (Ctrl+Shift+W)"));

    DialogAnswers answers;
    int shown = 0;
    answers.wellbeing = [&](WellbeingDialog& d) {
        if (++shown > 1)
            return static_cast<int>(wxID_CANCEL);
        BOOST_TEST(sharedMnemonics(&d).empty(), sharedMnemonics(&d));
        BOOST_TEST(d.occasion()->GetSelection() == 0);  // at referral
        // Who it is for is in the dialog, not only its title bar.
        const auto summary = frame->store().caseById(who)->resident;
        BOOST_TEST(d.identity().Contains(wxString::FromUTF8(summary.givenName)),
                   d.identity().utf8_string());
        BOOST_TEST(d.identity().Contains("born"));
        BOOST_TEST(d.history()->GetItemCount() == 0);
        // OK with answers missing keeps the dialog open and says which.
        d.answer(0)->ChangeValue("7");
        d.answer(1)->ChangeValue("11");
        wxCommandEvent ok(wxEVT_BUTTON, wxID_OK);
        d.ProcessWindowEvent(ok);
        BOOST_TEST(d.problems().Contains("Worthwhile"), d.problems().utf8_string());
        BOOST_TEST(d.problems().Contains("Anxiety"));
        BOOST_TEST(!d.problems().Contains("Life satisfaction"));
        d.answer(1)->ChangeValue("6");
        d.answer(2)->ChangeValue("5");
        d.answer(3)->ChangeValue("8");
        screenshot(&d, "wellbeing-dialog");
        return static_cast<int>(wxID_OK);
    };
    runMenu(frame, nmdt::gui::ID_RECORD_WELLBEING);
    BOOST_TEST(shown == 1);
    auto scores = frame->store().wellbeingScores(who);
    BOOST_REQUIRE(scores.size() == 1u);
    BOOST_TEST((scores[0].occasion == WellbeingOccasion::Referral));
    BOOST_TEST(scores[0].lifeSatisfaction == 7);
    BOOST_TEST(scores[0].anxiety == 8);
    // The record on screen shows it at once, and asks for nothing more.
    const wxString record = frame->caseRecord()->recordText();
    BOOST_TEST(record.Contains("At referral"), record.utf8_string());
    BOOST_TEST(record.Contains("Wellbeing at referral"));
    BOOST_TEST(!record.Contains("Not recorded: Resident > Record Wellbeing"));
    BOOST_TEST(!record.Contains("No wellbeing score yet"));
    BOOST_TEST(!record.Contains("No score at referral"));

    // A second baseline is refused in words and the dialog comes back with what was typed.
    shown = 0;
    answers.wellbeing = [&](WellbeingDialog& d) {
        if (++shown > 1) {
            BOOST_TEST(d.answer(0)->GetValue() == "8");  // still as typed
            return static_cast<int>(wxID_CANCEL);
        }
        BOOST_TEST(d.history()->GetItemCount() == 1);
        BOOST_TEST(d.occasion()->GetSelection() == 1);  // a review, once the baseline is held
        d.occasion()->SetSelection(0);
        for (std::size_t q = 0; q < 4; ++q)
            d.answer(q)->ChangeValue("8");
        return static_cast<int>(wxID_OK);
    };
    runMenu(frame, nmdt::gui::ID_RECORD_WELLBEING);
    BOOST_TEST(shown == 2);
    BOOST_REQUIRE(!answers.said.empty());
    BOOST_TEST(answers.said.back().find("already recorded") != std::string::npos,
               answers.said.back());
    BOOST_TEST(frame->store().wellbeingScores(who).size() == 1u);
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(a_practice_imports_service_use_and_a_bad_file_keeps_nothing) {
    NeighbourhoodStore fixture;
    auto* frame = fixture.frameAs(fixture.reception);
    const auto resident = frame->store().casePage(0, 1).at(0);
    const auto before = frame->store().serviceUse().size();
    const std::string bad = fixture.dir.file("bad.csv");
    std::ofstream(bad, std::ios::binary)
        << "NHS Number,Month,A&E attendances,Emergency admissions,GP contacts\n"
        << resident.nhsNumber << ",2026-09,1,0,2\n"
        << resident.nhsNumber << ",2026-14,1,0,2\n";
    wxString summary, problem;
    BOOST_TEST(!frame->importServiceUse(bad, summary, problem));
    BOOST_TEST(problem.Contains("Nothing was imported"));
    BOOST_TEST(problem.Contains("Line 3: Month:"), problem.utf8_string());
    BOOST_TEST(frame->store().serviceUse().size() == before);

    const std::string good = fixture.dir.file("good.csv");
    std::ofstream(good, std::ios::binary)
        << "NHS Number,Month,A&E attendances,Emergency admissions,GP contacts\n"
        << resident.nhsNumber << ",2026-09,1,0,2\n"
        << testNhsNumber(9901) << ",2026-09,1,0,2\n";
    BOOST_REQUIRE_MESSAGE(frame->importServiceUse(good, summary, problem), problem.utf8_string());
    BOOST_TEST(summary.Contains("for 1 resident."), summary.utf8_string());
    BOOST_TEST(summary.Contains("1 row was for someone the team does not support"),
               summary.utf8_string());
    // Navigators do not import a practice's records.
    auto* navigatorFrame = fixture.frameAs(fixture.navigator);
    navigatorFrame->UpdateWindowUI(wxUPDATE_UI_RECURSE);
    BOOST_TEST(
        !navigatorFrame->GetMenuBar()->FindItem(nmdt::gui::ID_IMPORT_SERVICE_USE)->IsEnabled());
    navigatorFrame->Destroy();
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(the_outcomes_window_charts_every_table_and_saves_them_suppressed) {
    NeighbourhoodStore fixture;
    auto* frame = fixture.frameAs(fixture.navigator);
    DialogAnswers answers;
    bool ran = false;
    answers.outcomes = [&](OutcomesDialog& d) {
        ran = true;
        BOOST_TEST(sharedMnemonics(&d).empty(), sharedMnemonics(&d));
        BOOST_REQUIRE(d.pageCount() == 4u);
        // Attainment: a bar and a row for each of the last 12 months.
        BOOST_TEST(d.rowCount(0) == 12);
        BOOST_TEST(d.chart(0)->bars().size() == 12u);
        BOOST_TEST(d.headline(0).Contains("residents taken on by the team"),
                   d.headline(0).utf8_string());
        screenshot(&d, "outcomes-attainment");
        d.showPage(1);
        settle();
        BOOST_TEST(d.rowCount(1) == 4);
        BOOST_TEST(d.chart(1)->bars().size() == 8u);  // at referral and latest, four questions
        BOOST_TEST(d.headline(1).Contains("better"), d.headline(1).utf8_string());
        screenshot(&d, "outcomes-wellbeing");
        d.showPage(2);
        settle();
        BOOST_TEST(d.rowCount(2) == 3);
        screenshot(&d, "outcomes-service-use");

        // By sex: the groups worded, every count shown on screen.
        d.setBreakdown(OutcomeBreakdown::Sex);
        d.showPage(3);
        settle();
        BOOST_TEST(d.table(3).name == "outcomes-by-sex");
        std::vector<wxString> groups;
        for (long r = 0; r < d.rowCount(3); ++r)
            groups.push_back(d.cell(3, r, 0));
        BOOST_TEST((std::find(groups.begin(), groups.end(), "Female") != groups.end()));
        BOOST_TEST(groups.back() == "All residents");
        screenshot(&d, "outcomes-by-sex");

        // Saved, counts from 1 to 4 do not leave: they read *.
        wxString problem;
        const std::string csv = fixture.dir.file("by-sex.csv");
        BOOST_REQUIRE_MESSAGE(d.saveCsv(3, csv, problem), problem.utf8_string());
        const std::string text = readText(csv);
        BOOST_TEST(text.find("Group,Residents") == 0u, text);
        for (const char* small : {",1,", ",2,", ",3,", ",4,"})
            BOOST_TEST(text.find(small) == std::string::npos, small << " in " << text);
        const std::string measure = fixture.dir.file("icb.json");
        BOOST_REQUIRE_MESSAGE(d.saveMeasureReport(measure, problem), problem.utf8_string());
        BOOST_TEST(readText(measure).find("\"MeasureReport\"") != std::string::npos);
    };
    runMenu(frame, nmdt::gui::ID_OUTCOMES);
    BOOST_TEST(ran);
    auto trail = frame->store().auditTrail({});
    BOOST_TEST(std::any_of(trail.begin(), trail.end(), [](const AuditEntry& e) {
        return e.kind == AuditEventKind::ExportReport;
    }));
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(the_resident_form_asks_for_sex) {
    auto* frame = new wxFrame(nullptr, wxID_ANY, "form");
    auto* form = new nmdt::gui::ResidentForm(frame, {});
    Resident r;
    r.dateOfBirth = day(1940, 1, 1);
    r.sex = Sex::Female;
    form->show(r);
    BOOST_TEST(form->sex()->GetStringSelection() == "Female");
    form->sex()->SetSelection(2);
    BOOST_TEST((form->resident().sex == Sex::Male));
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_SUITE_END()
