// Case Finding in the window: a practice imports its frailty search (a bad file refused by
// line, nothing kept), sees who is already known, and screens: refers one (the referral
// form opens filled in from the list), marks one not suitable, records an objection. Driven
// through the real window and dialogs under Xvfb.
#include <boost/test/unit_test.hpp>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/menu.h>
#include <wx/modalhook.h>
#include <wx/msgdlg.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <functional>

#include "case_finding_dialog.h"
#include "case_record_panel.h"
#include "command_table.h"
#include "demo/demo_data.h"
#include "gui/main_frame.h"
#include "gui_support.h"
#include "model/case_service.h"
#include "model/nhs_number.h"
#include "referral_dialog.h"
#include "resident_form.h"
#include "test_support.h"
#include "tracing_dialog.h"

using namespace nmdt;
using namespace nmdt::test;
using nmdt::gui::CaseFindingDialog;
using nmdt::gui::MainFrame;

namespace {
const char* kPass = "case finding window passphrase";

struct PracticeStore {
    TempDir dir;
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(fixedNow());
    std::string path = dir.file("practice.nmdt");
    Actor reception, navigator, chair;
    CaseSummary known;

    PracticeStore() {
        auto store = storage::SqlCipherStore::create(path, Passphrase(kPass), clock);
        auto summary = demo::generateDemoData(*store, *clock, demo::DemoSize{6, 0, 1, 2}, 31);
        OrganisationId riverside;
        for (const auto& o : store->organisations())
            if (o.odsCode == "Y90001")
                riverside = o.id;
        for (const auto& p : store->professionals())
            if (p.name == "Julie Clarke")
                reception = Actor{p.id, p.name, Role::PracticeStaff, riverside};
        navigator = Actor{ProfessionalId(summary.navigatorId), "Gwen Pritchard", Role::Navigator,
                          OrganisationId(summary.navigatorOrgId)};
        chair = Actor{ProfessionalId(summary.chairId), "Dr Amina Rahman", Role::Chair, riverside};
        known = store->casePage(0, 1).at(0);
    }
    MainFrame* frameAs(const Actor& who) {
        auto* frame = new MainFrame(storage::SqlCipherStore::open(path, Passphrase(kPass), clock),
                                    clock, who);
        frame->Show();
        settle();
        return frame;
    }
    /// A frailty search as EMIS Web exports it: the known resident, then two not known.
    std::string search() const {
        return "NHS Number,Date of Birth,Surname,Forename,Postcode,Practice Code,eFI Category\n" +
               known.nhsNumber + ",01-Jan-1940," + known.familyName + "," + known.givenName +
               ",LS6 1AA,Y90001,Severe\n" + testNhsNumber(801) +
               ",12-Mar-1938,Ellis,Bronwen,LS6 2AB,Y90001,Severe\n" + testNhsNumber(802) +
               ",30-Jul-1941,Okafor,Ifeoma,LS6 3CD,Y90001,Moderate\n";
    }
};

bool menuEnabled(MainFrame* frame, int id) {
    frame->UpdateWindowUI(wxUPDATE_UI_RECURSE);
    auto* item = frame->GetMenuBar()->FindItem(id);
    BOOST_REQUIRE(item);
    return item->IsEnabled();
}

/// Answers the dialogs the window opens: the Case Finding dialog and the referral form by
/// the functions given, message boxes by OK (noting what they said).
class DialogAnswers : public wxModalDialogHook {
  public:
    std::function<void(CaseFindingDialog&)> caseFinding;
    std::function<bool(nmdt::gui::ReferralDialog&)> referral;
    std::function<void(nmdt::gui::TracingDialog&)> tracing;
    std::vector<std::string> said;
    DialogAnswers() { Register(); }
    ~DialogAnswers() override { Unregister(); }

  protected:
    int Enter(wxDialog* dialog) override {
        if (auto* box = dynamic_cast<wxMessageDialog*>(dialog)) {
            said.push_back(box->GetMessage().utf8_string());
            return wxID_OK;
        }
        if (auto* finding = dynamic_cast<CaseFindingDialog*>(dialog); finding && caseFinding) {
            finding->Show();
            settle();
            caseFinding(*finding);
            finding->Hide();
            return wxID_CLOSE;
        }
        if (auto* trace = dynamic_cast<nmdt::gui::TracingDialog*>(dialog); trace && tracing) {
            trace->Show();
            settle();
            tracing(*trace);
            trace->Hide();
            return wxID_CLOSE;
        }
        if (auto* form = dynamic_cast<nmdt::gui::ReferralDialog*>(dialog); form && referral) {
            form->Show();
            settle();
            const bool accepted = referral(*form);
            form->Hide();
            return accepted ? wxID_OK : wxID_CANCEL;
        }
        return wxID_NONE;
    }
    void Exit(wxDialog*) override {}
};

std::size_t rowOf(CaseFindingDialog& d, const std::string& family) {
    const auto& rows = d.people()->rows();
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (rows[i].entry.familyName == family)
            return i;
    BOOST_FAIL("no row for " + family);
    return 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(case_finding_window)

BOOST_AUTO_TEST_CASE(a_practice_imports_its_search_and_screens_it_with_the_team) {
    PracticeStore fixture;
    auto* frame = fixture.frameAs(fixture.reception);
    BOOST_TEST(menuEnabled(frame, nmdt::gui::ID_CASE_FINDING));
    const auto casesBefore = frame->store().caseCount();
    DialogAnswers answers;
    bool ran = false;
    answers.caseFinding = [&](CaseFindingDialog& d) {
        ran = true;
        BOOST_TEST(d.lists()->GetCount() == 0u);
        BOOST_TEST(d.summary()->GetLabel().Contains("Import"));
        // Alt+C was both Clear Decision and GTK's Close: it pressed neither.
        const auto shared = sharedMnemonics(&d);
        BOOST_TEST(shared.empty(), shared);
        const auto mapping = proposeMapping(readCsv(fixture.search()).header, std::nullopt);

        // A bad file: every problem by line, nothing kept.
        wxString problem;
        std::string bad = fixture.search() + "9434765918,01-Jan-1940,Jones,Ann,,Y90001,Mild\n" +
                          testNhsNumber(803) + ",01-Jan-2031,Bevan,Huw,,Y90001,Mild\n";
        BOOST_TEST(!d.importBytes(bad, "frailty.csv", mapping, "Frailty", problem));
        BOOST_TEST(problem.Contains("Line 5: NHS number:"), problem.utf8_string());
        BOOST_TEST(problem.Contains("Line 6: Date of birth:"), problem.utf8_string());
        BOOST_TEST(d.lists()->GetCount() == 0u);

        BOOST_REQUIRE(d.importBytes(fixture.search(), "frailty.csv", mapping,
                                    "Frailty (eFI), December", problem));
        BOOST_TEST(d.lists()->GetCount() == 1u);
        BOOST_TEST(d.people()->rows().size() == 3u);
        BOOST_TEST(d.summary()->GetLabel().Contains("1 already known here, 3 not screened"),
                   d.summary()->GetLabel().utf8_string());
        BOOST_TEST(d.people()->GetItemText(0, 4).Contains("Known: open case"));
        // The search gives the known resident another date of birth: said, not hidden.
        BOOST_TEST(d.people()->GetItemText(0, 4).Contains("BORN"),
                   d.people()->GetItemText(0, 4).utf8_string());
        BOOST_TEST(!d.people()->GetItemText(1, 4).Contains("BORN"));
        BOOST_TEST(d.people()->GetColumnCount() == 7);  // the eFI column beside the rest
        BOOST_TEST(d.people()->GetItemText(1, 6) == "Severe");

        // Someone already known is not referred again from here.
        d.people()->selectRow(0);
        settle();
        BOOST_TEST(!d.referButton()->IsEnabled());

        // Refer Bronwen Ellis: the form opens filled in from the list.
        d.people()->selectRow(static_cast<long>(rowOf(d, "Ellis")));
        settle();
        answers.referral = [&](nmdt::gui::ReferralDialog& form) {
            BOOST_TEST(NhsNumber::digitsOf(form.form()->nhsNumber()->GetValue().utf8_string()) ==
                       testNhsNumber(801));
            BOOST_TEST(form.form()->familyName()->GetValue() == "Ellis");
            BOOST_TEST(form.reason()->GetValue().Contains("Frailty (eFI), December"));
            BOOST_TEST(form.reason()->GetValue().Contains("eFI Category: Severe"),
                       form.reason()->GetValue().utf8_string());
            screenshot(&form, "case-finding-referral-form");
            return form.trySubmit();
        };
        BOOST_REQUIRE_MESSAGE(d.referSelected(problem), problem.utf8_string());
        const auto ellis = d.people()->rows()[rowOf(d, "Ellis")];
        BOOST_TEST((ellis.entry.decision == ScreeningDecision::Referred));
        BOOST_TEST(!ellis.knownCase.empty());

        // Ifeoma Okafor objects to sharing: she cannot be referred from the list after.
        d.people()->selectRow(static_cast<long>(rowOf(d, "Okafor")));
        settle();
        BOOST_REQUIRE(
            d.screenSelected(ScreeningDecision::Objected, "asked us not to", {}, problem));
        // The selection stays on her after the list is read again.
        BOOST_TEST(d.people()->selectedRow()->entry.familyName == "Okafor");
        BOOST_TEST(!d.referSelected(problem));
        BOOST_TEST(problem.Contains("objects"), problem.utf8_string());

        // Only those not screened yet: the known resident.
        d.filter()->SetSelection(1);
        wxCommandEvent choose(wxEVT_CHOICE, d.filter()->GetId());
        d.filter()->GetEventHandler()->ProcessEvent(choose);
        BOOST_TEST(d.people()->rows().size() == 1u);
        d.filter()->SetSelection(0);
        d.filter()->GetEventHandler()->ProcessEvent(choose);
        settle();
        screenshot(&d, "case-finding-screened");

        // The next month's search: her objection stands on the new list from the start.
        BOOST_REQUIRE(d.importBytes(fixture.search(), "frailty-jan.csv", mapping,
                                    "Frailty (eFI), January", problem));
        BOOST_TEST(d.lists()->GetCount() == 2u);
        BOOST_TEST(d.summary()->GetLabel().Contains("1 person objects to sharing"),
                   d.summary()->GetLabel().utf8_string());
        d.people()->selectRow(static_cast<long>(rowOf(d, "Okafor")));
        settle();
        BOOST_TEST((d.people()->selectedRow()->entry.decision == ScreeningDecision::Objected));
        BOOST_TEST(d.people()->selectedRow()->entry.reason == "asked us not to");
        BOOST_TEST(!d.referButton()->IsEnabled());
    };
    frame->showCaseFinding();
    BOOST_TEST(ran);
    BOOST_TEST(frame->store().caseCount() == casesBefore + 1);
    BOOST_TEST(frame->store().caseByNhsNumber(testNhsNumber(801)).has_value());
    BOOST_TEST(!frame->store().caseByNhsNumber(testNhsNumber(802)).has_value());
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(people_due_for_review_are_kept_in_sight_until_someone_looks_again) {
    PracticeStore fixture;
    auto* frame = fixture.frameAs(fixture.reception);
    DialogAnswers answers;
    answers.caseFinding = [&](CaseFindingDialog& d) {
        wxString problem;
        const auto mapping = proposeMapping(readCsv(fixture.search()).header, std::nullopt);
        BOOST_REQUIRE(d.importBytes(fixture.search(), "frailty.csv", mapping, "Frailty", problem));
        d.people()->selectRow(static_cast<long>(rowOf(d, "Ellis")));
        settle();
        BOOST_REQUIRE(d.screenSelected(ScreeningDecision::ReviewLater, "",
                                       addDays(fixture.clock->today(), 7), problem));
        BOOST_TEST(!d.lists()->GetString(0).Contains("due for review"));
    };
    frame->showCaseFinding();
    BOOST_TEST(!frame->caseRecord()->recordText().Contains("due for review"),
               frame->caseRecord()->recordText().utf8_string());

    // A week on: the empty record pane says so, and the dialog opens on the list that has
    // them, saying how many.
    fixture.clock->advance(std::chrono::hours(24 * 8));
    frame->Destroy();
    settle();
    frame = fixture.frameAs(fixture.reception);
    BOOST_TEST(frame->caseRecord()->recordText().Contains(
                   "1 person on your case-finding lists is due for review"),
               frame->caseRecord()->recordText().utf8_string());
    bool ran = false;
    answers.caseFinding = [&](CaseFindingDialog& d) {
        ran = true;
        BOOST_TEST(d.lists()->GetStringSelection().Contains("1 due for review"),
                   d.lists()->GetStringSelection().utf8_string());
        // Looked at again: decided not suitable, and the reminder goes once the dialog closes.
        d.people()->selectRow(static_cast<long>(rowOf(d, "Ellis")));
        settle();
        wxString problem;
        BOOST_REQUIRE(
            d.screenSelected(ScreeningDecision::NotSuitable, "moved to Leeds", {}, problem));
    };
    frame->showCaseFinding();
    BOOST_TEST(ran);
    BOOST_TEST(!frame->caseRecord()->recordText().Contains("due for review"),
               frame->caseRecord()->recordText().utf8_string());

    // Staff of other organisations have no lists to be reminded of.
    auto* navigatorFrame = fixture.frameAs(fixture.navigator);
    BOOST_TEST(!navigatorFrame->caseRecord()->recordText().Contains("due for review"));
    navigatorFrame->Destroy();
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(a_trace_reply_is_checked_and_each_number_recorded_or_merged_by_a_person) {
    PracticeStore fixture;
    auto* frame = fixture.frameAs(fixture.chair);
    BOOST_TEST(menuEnabled(frame, nmdt::gui::ID_TRACE_NHS_NUMBERS));
    SeededIdSource ids(7);
    CaseService cases(ServiceContext{frame->store(), *fixture.clock, ids, fixture.chair});
    auto referWithoutNumber = [&](const std::string& given, const std::string& family) {
        Resident r = resident(given, family, "");
        r.dateOfBirth = fixture.known.dateOfBirth;
        return cases.refer({r,
                            fixture.chair.userId,
                            fixture.chair.organisationId,
                            "no GP record to hand",
                            fixture.clock->today(),
                            {}},
                           {}, Urgency::Routine, NhsNumberKnown::NotYet);
    };
    const auto anwen = referWithoutNumber("Anwen", "Rhys");
    const auto again = referWithoutNumber(fixture.known.givenName, fixture.known.familyName);
    DialogAnswers answers;
    bool ran = false;
    answers.tracing = [&](nmdt::gui::TracingDialog& d) {
        ran = true;
        BOOST_TEST(sharedMnemonics(&d).empty(), sharedMnemonics(&d));
        BOOST_TEST(d.summary()->GetLabel().Contains("2 open records have no NHS number"),
                   d.summary()->GetLabel().utf8_string());
        wxString problem;
        const std::string request = fixture.dir.file("trace-request.csv");
        BOOST_REQUIRE(d.writeRequest(request, problem));
        BOOST_TEST(commandOutput("cat '" + request + "'").find(anwen.str()) != std::string::npos);

        const std::string born = toIsoDate(fixture.known.dateOfBirth);
        const std::string reply =
            "UNIQUE REFERENCE,REQ_NHS_NO,FAMILY_NAME,DATE_OF_BIRTH,MATCHED_NHS_NO\n" + anwen.str() +
            ",,RHYS," + born + "," + testNhsNumber(901) + "\n" + again.str() + ",," +
            fixture.known.familyName + "," + born + "," + fixture.known.nhsNumber + "\n";
        BOOST_REQUIRE_MESSAGE(d.readReply(reply, problem), problem.utf8_string());
        BOOST_REQUIRE(d.shown().size() == 2u);
        // Nothing is recorded by reading.
        BOOST_TEST(frame->store().caseById(anwen)->resident.identityProvisional());

        d.select(0);
        BOOST_TEST(d.findings()->GetItemText(0, 4).Contains("record it"));
        BOOST_REQUIRE(d.recordSelected(problem));
        d.select(1);
        BOOST_TEST(d.findings()->GetItemText(1, 4).Contains("Merge"));
        BOOST_REQUIRE_MESSAGE(d.mergeSelected(problem), problem.utf8_string());
        settle();
        screenshot(&d, "trace-reply-recorded-and-merged");
    };
    frame->showTracing();
    BOOST_TEST(ran);
    BOOST_TEST(frame->store().caseById(anwen)->resident.nhsNumber == testNhsNumber(901));
    BOOST_TEST((frame->store().caseById(again)->status == CaseStatus::Closed));
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(partners_caseworkers_do_not_see_case_finding) {
    PracticeStore fixture;
    auto* frame = fixture.frameAs(fixture.navigator);
    BOOST_TEST(!menuEnabled(frame, nmdt::gui::ID_CASE_FINDING));
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_SUITE_END()
