// A resident's journey in the desktop: refer (searching first), keep the record right
// (details, carers, consent), raise an action outside a meeting, close and reopen. Driven
// through the real dialogs and menu, asserting on the store and on the window.
#include <boost/test/unit_test.hpp>

#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/menu.h>
#include <wx/radiobox.h>
#include <wx/spinctrl.h>
#include <wx/srchctrl.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

#include <algorithm>

#include "action_arising_dialog.h"
#include "actions_panel.h"
#include "care_plan_editor.h"
#include "case_list_view.h"
#include "case_record_panel.h"
#include "command_table.h"
#include "consent_dialog.h"
#include "contact_dialog.h"
#include "date_field.h"
#include "demo/demo_data.h"
#include "gui/main_frame.h"
#include "gui_support.h"
#include "meeting_details_dialog.h"
#include "meetings_panel.h"
#include "model/ids.h"
#include "model/nhs_number.h"
#include "referral_dialog.h"
#include "resident_form.h"
#include "series_dialog.h"
#include "test_support.h"
#include "triage_dialog.h"

using namespace nmdt;
using namespace nmdt::test;
using nmdt::gui::MainFrame;

namespace {
const char* kPass = "resident journey test passphrase";

struct JourneyStore {
    TempDir dir;
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(fixedNow());
    std::string path = dir.file("journey.nmdt");
    Actor chair, navigator, reception;
    demo::DemoSummary summary;

    JourneyStore() {
        auto store = storage::SqlCipherStore::create(path, Passphrase(kPass), clock);
        summary = demo::generateDemoData(*store, *clock, demo::DemoSize{3, 0, 1, 2}, 31);
        chair = Actor{ProfessionalId(summary.chairId), "Dr Amina Rahman", Role::Chair,
                      OrganisationId()};
        navigator = Actor{ProfessionalId(summary.navigatorId), "Gwen Pritchard", Role::Navigator,
                          OrganisationId(summary.navigatorOrgId)};
        reception = Actor{ProfessionalId("reception-desk"), "Reception", Role::PracticeStaff,
                          OrganisationId()};
    }
    MainFrame* frameAs(const Actor& who) {
        auto* frame = new MainFrame(storage::SqlCipherStore::open(path, Passphrase(kPass), clock),
                                    clock, who);
        frame->Show();
        settle();
        return frame;
    }
};

wxString toWx(const std::string& s) {
    return wxString::FromUTF8(s);
}

bool menuEnabled(MainFrame* frame, int id) {
    frame->UpdateWindowUI(wxUPDATE_UI_RECURSE);
    for (size_t i = 0; i < frame->GetMenuBar()->GetMenuCount(); ++i)
        frame->GetMenuBar()->GetMenu(i)->UpdateUI(frame);
    auto* item = frame->GetMenuBar()->FindItem(id);
    BOOST_REQUIRE(item);
    return item->IsEnabled();
}

void fillResident(nmdt::gui::ResidentForm* form, const std::string& nhs) {
    form->nhsNumber()->SetValue(toWx(nhs));
    form->givenName()->SetValue("Bronwen");
    form->familyName()->SetValue("Ellis-Okoro");
    form->dateOfBirth()->SetValue(wxDateTime(14, wxDateTime::Mar, 1941));
    form->postcode()->SetValue("LS6 2AB");
    form->communicationNeeds()->SetValue("Hard of hearing: face her when speaking");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(resident_journey)

BOOST_AUTO_TEST_CASE(a_new_store_says_how_the_first_resident_arrives) {
    // The first-day walkthrough: an empty list beside "Find a resident by name or NHS
    // number", with no one to find and nothing saying how anyone arrives.
    World w;
    const Actor navigator = w.asNavigator().actor;
    const Actor administrator = w.asAdministrator().actor;
    auto* frame = new MainFrame(std::move(w.store), w.clock, navigator);
    settle();
    BOOST_TEST(frame->caseRecord()->recordText().Contains("Refer the first with Resident > Refer"),
               frame->caseRecord()->recordText().utf8_string());

    // Once someone is referred, an empty pane goes back to saying how to find them.
    wxString problem;
    BOOST_REQUIRE_MESSAGE(frame->refer({resident("Olwen", "Pryce", testNhsNumber(1)),
                                        w.gp,
                                        w.practice,
                                        "falls",
                                        w.clock->today(),
                                        {}},
                                       problem),
                          problem.utf8_string());
    frame->lock();
    BOOST_TEST(frame->caseRecord()->recordText().Contains("Find a resident by name"),
               frame->caseRecord()->recordText().utf8_string());
    frame->Destroy();
    settle();

    // An administrator does not refer: the pane says who does, and where people are set up.
    World empty;
    frame = new MainFrame(std::move(empty.store), empty.clock, administrator);
    settle();
    BOOST_TEST(frame->caseRecord()->recordText().Contains("when your team refers them"),
               frame->caseRecord()->recordText().utf8_string());
    BOOST_TEST(frame->caseRecord()->recordText().Contains("View > People"));
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(reception_refers_a_resident_after_checking_they_are_not_already_known) {
    JourneyStore fixture;
    auto* frame = fixture.frameAs(fixture.reception);
    BOOST_TEST(menuEnabled(frame, nmdt::gui::ID_REFER));
    auto* referItem = frame->GetMenuBar()->FindItem(nmdt::gui::ID_REFER);
    BOOST_TEST(referItem->GetItemLabel().Contains("Ctrl+Shift+N"),
               referItem->GetItemLabel().utf8_string());
    const std::size_t before = frame->store().caseCount();
    const auto known = frame->store().casePage(0, 1).at(0);
    {
        nmdt::gui::ReferralDialog dialog(
            frame, frame->store(), frame->store().professionals(), frame->store().organisations(),
            fixture.clock->today(),
            [frame](const Referral& r, const ReferralChoices& choices, wxString& problem) {
                return frame->refer(r, problem, choices).has_value();
            });
        dialog.Show();
        BOOST_TEST(sharedMnemonics(&dialog).empty(), sharedMnemonics(&dialog));
        settle();
        // Nobody is made key worker unless someone chooses them.
        BOOST_TEST(dialog.keyWorker()->GetSelection() == 0);
        BOOST_TEST(dialog.keyWorker()->GetString(1).Contains("("),
                   dialog.keyWorker()->GetString(1).utf8_string());  // with the organisation

        // Typing a known person's NHS number shows them before anything is referred.
        fillResident(dialog.form(), formatNhsNumber(known.nhsNumber));
        BOOST_TEST(dialog.matches().size() == 1u);
        BOOST_TEST(dialog.matches().at(0).id.str() == known.id.str());
        dialog.reason()->SetValue("Lives alone, two falls this month, not eating well");
        BOOST_TEST(!dialog.trySubmit());
        BOOST_TEST(dialog.message().Contains("NHS number"), dialog.message().utf8_string());
        screenshot(&dialog, "referral-duplicate-refused");

        // An invalid number, a missing reason: each named, nothing written.
        dialog.form()->nhsNumber()->SetValue("999 000 0019");
        dialog.reason()->SetValue("");
        BOOST_TEST(!dialog.trySubmit());
        BOOST_TEST(dialog.message().Contains("check digit"), dialog.message().utf8_string());
        BOOST_TEST(dialog.message().Contains("Reason for referral"),
                   dialog.message().utf8_string());
        BOOST_TEST(frame->store().caseCount() == before);

        // Put right, it is referred, and everything typed is kept.
        dialog.form()->nhsNumber()->SetValue(toWx(formatNhsNumber(testNhsNumber(88001))));
        dialog.reason()->SetValue("Lives alone, two falls this month, not eating well");
        dialog.urgency()->SetSelection(1);
        dialog.consent()->Check(0);
        dialog.consent()->Check(2);
        BOOST_REQUIRE(dialog.form()->registeredPractice()->GetCount() > 1u);
        dialog.form()->registeredPractice()->SetSelection(1);
        dialog.carerName()->SetValue("Rhys Ellis-Okoro");
        dialog.carerPhone()->SetValue("07700 900444");
        dialog.isCarer()->SetValue(true);
        screenshot(&dialog, "referral-with-carer");
        BOOST_TEST(dialog.matches().empty());
        BOOST_TEST(dialog.trySubmit(), dialog.message().utf8_string());
        dialog.Hide();
    }
    BOOST_TEST(frame->store().caseCount() == before + 1);
    auto made = frame->store().caseByNhsNumber(testNhsNumber(88001));
    BOOST_REQUIRE(made.has_value());
    BOOST_TEST(made->resident.communicationNeeds == "Hard of hearing: face her when speaking");
    // The registered practice and the carer came with the referral, in the same change.
    auto practice = frame->store().organisation(made->resident.registeredPractice);
    BOOST_REQUIRE(practice.has_value());
    BOOST_TEST((practice->kind == OrganisationKind::GpPractice));
    auto carers = frame->store().contacts(made->id);
    BOOST_REQUIRE(carers.size() == 1u);
    BOOST_TEST(carers[0].name == "Rhys Ellis-Okoro");
    BOOST_TEST(carers[0].isCarer);
    BOOST_TEST(frame->caseRecord()->recordText().Contains(toWx(practice->name)));
    BOOST_TEST(made->referredBy.str() == "reception-desk");
    BOOST_TEST(made->keyWorker.empty());
    BOOST_TEST((made->urgency == Urgency::Urgent));
    BOOST_TEST((made->triage == Triage::Pending));
    BOOST_TEST(!menuEnabled(frame, nmdt::gui::ID_TRIAGE));  // the chair triages
    // Consent agreed at referral, with who obtained it and when, in the same change.
    auto consents = frame->store().consents(made->id);
    BOOST_TEST(consents.size() == 2u);
    for (const auto& c : consents) {
        BOOST_TEST((c.decision == ConsentDecision::Permit));
        BOOST_TEST(c.recordedBy.str() == "reception-desk");
        BOOST_TEST((c.recordedOn == fixture.clock->today()));
    }
    // The new resident is the one selected and shown.
    BOOST_REQUIRE(frame->currentCase().has_value());
    BOOST_TEST(frame->currentCase()->str() == made->id.str());
    BOOST_TEST(frame->caseList()->selectedSummary()->id.str() == made->id.str());
    BOOST_TEST(frame->caseRecord()->bannerText().Contains("Ellis-Okoro, Bronwen"),
               frame->caseRecord()->bannerText().utf8_string());
    screenshot(frame, "referral-opened");
    // Reception refers; it does not edit records or close cases.
    BOOST_TEST(!menuEnabled(frame, nmdt::gui::ID_CLOSE_CASE));
    BOOST_TEST(!menuEnabled(frame, nmdt::gui::ID_EDIT_DETAILS));
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(someone_without_an_nhs_number_is_referred_provisionally_then_traced) {
    JourneyStore fixture;
    auto* frame = fixture.frameAs(fixture.navigator);
    const auto known = frame->store().casePage(0, 1).at(0);
    const std::size_t before = frame->store().caseCount();
    auto referTwo = [&](const std::string& given) {
        nmdt::gui::ReferralDialog dialog(
            frame, frame->store(), frame->store().professionals(), frame->store().organisations(),
            fixture.clock->today(),
            [frame](const Referral& r, const ReferralChoices& choices, wxString& problem) {
                return frame->refer(r, problem, choices).has_value();
            });
        dialog.Show();
        settle();
        fillResident(dialog.form(), "");
        dialog.form()->givenName()->SetValue(toWx(given));
        dialog.reason()->SetValue("Sleeping rough since September; chest infection");
        // A blank NHS number is never taken as "not known" by accident.
        BOOST_TEST(!dialog.trySubmit());
        BOOST_TEST(dialog.message().Contains("NHS number"), dialog.message().utf8_string());
        BOOST_REQUIRE(dialog.form()->nhsNumberNotKnown());
        // Typed and ticked "not known": which is right is asked, not guessed.
        dialog.form()->nhsNumber()->SetValue("999 000 0019");
        dialog.form()->nhsNumberNotKnown()->SetValue(true);
        BOOST_TEST(!dialog.trySubmit());
        // Ticked through the keyboard path (the event clears and disables the number).
        dialog.form()->nhsNumberNotKnown()->SetValue(false);
        wxCommandEvent tick(wxEVT_CHECKBOX, dialog.form()->nhsNumberNotKnown()->GetId());
        tick.SetInt(1);
        dialog.form()->nhsNumberNotKnown()->SetValue(true);
        dialog.form()->nhsNumberNotKnown()->GetEventHandler()->ProcessEvent(tick);
        BOOST_TEST(dialog.form()->nhsNumber()->GetValue().empty());
        BOOST_TEST(!dialog.form()->nhsNumber()->IsEnabled());
        screenshot(&dialog, "referral-nhs-number-not-known");
        BOOST_TEST(dialog.trySubmit(), dialog.message().utf8_string());
        dialog.Hide();
        return *frame->currentCase();
    };
    const CaseId first = referTwo("Tomasz");
    const CaseId second = referTwo("Ilie");  // two people without numbers never collide
    BOOST_TEST(frame->store().caseCount() == before + 2);
    BOOST_TEST(frame->store().caseById(first)->resident.nhsNumber.empty());
    BOOST_TEST(frame->caseRecord()->bannerText().Contains("NHS No. not known"),
               frame->caseRecord()->bannerText().utf8_string());
    BOOST_TEST(frame->caseRecord()->recordText().Contains("PROVISIONAL IDENTITY"));
    BOOST_TEST(menuEnabled(frame, nmdt::gui::ID_RECORD_NHS_NUMBER));
    screenshot(frame, "provisional-identity");

    // Traced: a wrong number is refused in words; a number another record holds is the same
    // person, so nothing changes and the merge is offered.
    wxString problem;
    std::optional<CaseId> sameAs;
    BOOST_TEST(!frame->recordNhsNumberOfCurrent("999 000 0019", sameAs, problem));
    BOOST_TEST(!sameAs.has_value());
    BOOST_TEST(problem.Contains("check digit"), problem.utf8_string());
    BOOST_TEST(!frame->recordNhsNumberOfCurrent(formatNhsNumber(known.nhsNumber), sameAs, problem));
    BOOST_REQUIRE(sameAs.has_value());
    BOOST_TEST(sameAs->str() == known.id.str());
    BOOST_TEST(frame->store().caseById(second)->resident.nhsNumber.empty());
    BOOST_TEST(frame->addContactToCurrent(
                   Contact{{}, {}, "Ana Popescu", "sister", "07700 900333", false, true}, problem),
               problem.utf8_string());
    BOOST_TEST(frame->mergeCurrentInto(*sameAs, problem), problem.utf8_string());
    auto merged = frame->store().caseById(second);
    BOOST_TEST((merged->status == CaseStatus::Closed));
    BOOST_TEST(merged->closedReason.find("merged into record") != std::string::npos);
    auto contacts = frame->store().contacts(known.id);
    BOOST_TEST(std::count_if(contacts.begin(), contacts.end(),
                             [](const Contact& c) { return c.name == "Ana Popescu"; }) == 1);
    BOOST_REQUIRE(frame->currentCase().has_value());
    BOOST_TEST(frame->currentCase()->str() == known.id.str());  // their record is shown
    BOOST_TEST(!menuEnabled(frame, nmdt::gui::ID_RECORD_NHS_NUMBER));

    // The other is traced to a number nobody holds: recorded, shown, and undoable.
    frame->showCase(first);
    settle();
    BOOST_TEST(
        frame->recordNhsNumberOfCurrent(formatNhsNumber(testNhsNumber(88002)), sameAs, problem),
        problem.utf8_string());
    BOOST_TEST(frame->store().caseById(first)->resident.nhsNumber == testNhsNumber(88002));
    BOOST_TEST(frame->caseRecord()->bannerText().Contains(formatNhsNumber(testNhsNumber(88002))));
    BOOST_TEST(!menuEnabled(frame, nmdt::gui::ID_RECORD_NHS_NUMBER));
    BOOST_TEST(frame->GetMenuBar()->FindItem(wxID_UNDO)->GetItemLabel().Contains("NHS Number"),
               frame->GetMenuBar()->FindItem(wxID_UNDO)->GetItemLabel().utf8_string());
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(a_navigator_keeps_the_record_right_and_closes_and_reopens_the_case) {
    JourneyStore fixture;
    auto* frame = fixture.frameAs(fixture.chair);
    const auto someone = frame->store().casePage(0, 1).at(0);
    frame->showCase(someone.id);
    settle();
    wxString problem;

    // Details corrected; undo puts them back.
    auto resident = frame->store().caseById(someone.id)->resident;
    const std::string oldPostcode = resident.postcode;
    resident.postcode = "LS7 4QQ";
    resident.communicationNeeds = "Easy read";
    BOOST_TEST(frame->updateCurrentResident(resident, problem), problem.utf8_string());
    BOOST_TEST(frame->store().caseById(someone.id)->resident.postcode == "LS7 4QQ");
    BOOST_TEST(frame->undo(problem), problem.utf8_string());
    BOOST_TEST(frame->store().caseById(someone.id)->resident.postcode == oldPostcode);
    resident.dateOfBirth = day(2030, 1, 1);
    BOOST_TEST(!frame->updateCurrentResident(resident, problem));
    BOOST_TEST(problem.Contains("Date of birth"), problem.utf8_string());

    // A new key worker, named in the record; undo puts the old one back.
    const auto oldKeyWorker = frame->store().caseById(someone.id)->keyWorker;
    BOOST_TEST(frame->setKeyWorkerOfCurrent(fixture.navigator.userId, problem),
               problem.utf8_string());
    BOOST_TEST(frame->store().caseById(someone.id)->keyWorker.str() ==
               fixture.navigator.userId.str());
    BOOST_TEST(frame->caseRecord()->recordText().Contains("Gwen Pritchard"));
    BOOST_TEST(!frame->setKeyWorkerOfCurrent(ProfessionalId("nobody-here"), problem));
    BOOST_TEST(frame->undo(problem), problem.utf8_string());
    BOOST_TEST(frame->store().caseById(someone.id)->keyWorker.str() == oldKeyWorker.str());

    // A carer, through the dialog.
    {
        nmdt::gui::ContactDialog dialog(frame, "x");
        BOOST_TEST(sharedMnemonics(&dialog).empty(), sharedMnemonics(&dialog));
        dialog.name()->SetValue("Marek Nowak");
        dialog.relationship()->SetValue("son");
        dialog.carer()->SetValue(true);
        BOOST_TEST(frame->addContactToCurrent(dialog.contact(), problem), problem.utf8_string());
    }
    BOOST_TEST(!frame->addContactToCurrent(Contact{}, problem));
    BOOST_TEST(problem.Contains("Name"), problem.utf8_string());
    auto contacts = frame->store().contacts(someone.id);
    BOOST_TEST(std::count_if(contacts.begin(), contacts.end(), [](const Contact& c) {
                   return c.name == "Marek Nowak" && c.isCarer;
               }) == 1);
    BOOST_TEST(frame->caseRecord()->recordText().Contains("Marek Nowak"));

    // Consent withdrawn for one partner: recorded with who and when.
    auto orgs = frame->store().organisations();
    {
        nmdt::gui::ConsentDialog dialog(frame, "x", orgs);
        BOOST_TEST(sharedMnemonics(&dialog).empty(), sharedMnemonics(&dialog));
        BOOST_TEST(!frame->recordConsentForCurrent(dialog.chosenOrganisation(),
                                                   dialog.chosenDecision(), "", problem));
        BOOST_TEST(problem.Contains("Organisation"), problem.utf8_string());
        dialog.organisation()->SetSelection(0);
        dialog.decision()->SetSelection(1);
        dialog.method()->SetSelection(2);  // withdrawn by phone
        BOOST_TEST(
            frame->recordConsentForCurrent(dialog.chosenOrganisation(), dialog.chosenDecision(),
                                           dialog.basis(), problem, dialog.chosenMethod()),
            problem.utf8_string());
    }
    BOOST_TEST(frame->caseRecord()->recordText().Contains("(By phone)"));
    bool denied = false;
    for (const auto& c : frame->store().consents(someone.id))
        if (c.organisationId == orgs[0].id) {
            denied = c.decision == ConsentDecision::Deny;
            BOOST_TEST(c.recordedBy.str() == fixture.chair.userId.str());
            BOOST_TEST((c.recordedOn == fixture.clock->today()));
            BOOST_TEST((c.method == ConsentMethod::ByPhone));
        }
    BOOST_TEST(denied);

    // Close needs a reason; then the list and record say closed; reopen; undo.
    BOOST_TEST(menuEnabled(frame, nmdt::gui::ID_CLOSE_CASE));
    BOOST_TEST(!menuEnabled(frame, nmdt::gui::ID_REOPEN_CASE));
    BOOST_TEST(!frame->closeCurrentCase("   ", problem));
    BOOST_TEST(problem.Contains("Reason for closing"), problem.utf8_string());
    BOOST_TEST(
        frame->closeCurrentCase("Goals met: walking with a frame, meals delivered", problem));
    BOOST_TEST((frame->store().caseById(someone.id)->status == CaseStatus::Closed));
    BOOST_TEST(frame->currentCase()->str() == someone.id.str());  // still the one shown
    BOOST_TEST(!menuEnabled(frame, nmdt::gui::ID_CLOSE_CASE));
    BOOST_TEST(menuEnabled(frame, nmdt::gui::ID_REOPEN_CASE));
    BOOST_TEST(!menuEnabled(frame, nmdt::gui::ID_RAISE_ACTION));
    screenshot(frame, "case-closed");
    BOOST_TEST(frame->reopenCurrentCase(problem), problem.utf8_string());
    BOOST_TEST((frame->store().caseById(someone.id)->status == CaseStatus::Open));
    BOOST_TEST(!frame->reopenCurrentCase(problem));           // it is open already
    BOOST_TEST(frame->undo(problem), problem.utf8_string());  // the reopening
    BOOST_TEST((frame->store().caseById(someone.id)->status == CaseStatus::Closed));
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(an_action_is_raised_from_the_record_with_an_owner_someone_chose) {
    JourneyStore fixture;
    auto* frame = fixture.frameAs(fixture.navigator);
    const auto someone = frame->store().casePage(0, 1).at(0);
    frame->showCase(someone.id);
    settle();
    BOOST_TEST(menuEnabled(frame, nmdt::gui::ID_RAISE_ACTION));
    auto people = frame->store().professionals();
    std::optional<ActionId> id;
    {
        nmdt::gui::ActionArisingDialog dialog(frame, people, frame->store().organisations(),
                                              fixture.clock->today(), "Raise an action");
        dialog.Show();
        settle();
        BOOST_TEST(sharedMnemonics(&dialog).empty(), sharedMnemonics(&dialog));
        BOOST_TEST(dialog.owner()->GetSelection() == wxNOT_FOUND);  // nobody chosen for the user
        dialog.titleField()->SetValue("Arrange a befriending visit");
        BOOST_TEST(!dialog.validate());
        std::size_t gwen = 0;
        for (std::size_t i = 0; i < people.size(); ++i)
            if (people[i].id == fixture.navigator.userId)
                gwen = i;
        BOOST_TEST(
            dialog.owner()->GetString(static_cast<unsigned>(gwen)).Contains("Gwen Pritchard ("));
        dialog.owner()->SetSelection(static_cast<int>(gwen));
        dialog.priority()->SetSelection(1);
        BOOST_TEST(dialog.validate());
        screenshot(&dialog, "raise-action");
        wxString problem;
        id = frame->raiseActionForCurrent(dialog.action(), problem);
        BOOST_REQUIRE_MESSAGE(id.has_value(), problem.utf8_string());
        dialog.Hide();
    }  // the dialog goes before the frame that parents it
    auto raised = frame->store().action(*id);
    BOOST_TEST(raised->caseId.str() == someone.id.str());
    BOOST_TEST(raised->owner.str() == fixture.navigator.userId.str());
    BOOST_TEST(raised->ownerOrganisation.str() == fixture.navigator.organisationId.str());
    BOOST_TEST((raised->priority == Priority::Urgent));
    BOOST_TEST(raised->meetingId.empty());  // raised outside a meeting
    BOOST_TEST(frame->caseRecord()->recordText().Contains("Arrange a befriending visit"));

    // Moving the due date needs a reason, which stays with the action as a note.
    auto* panel = frame->actions();
    wxString problem;
    BOOST_TEST(!panel->replan(*id, day(2026, 12, 21), Priority::Urgent, "", problem));
    BOOST_TEST(problem.Contains("reason"), problem.utf8_string());
    BOOST_TEST(!panel->replan(*id, raised->dueDate, Priority::Urgent, "no change", problem));
    BOOST_TEST(panel->replan(*id, day(2026, 12, 21), Priority::Routine,
                             "Befriending service full until after Christmas", problem),
               problem.utf8_string());
    auto moved = frame->store().action(*id);
    BOOST_TEST((moved->dueDate == day(2026, 12, 21)));
    BOOST_TEST((moved->priority == Priority::Routine));
    auto notes = frame->store().notes(*id);
    BOOST_REQUIRE(notes.size() == 1u);
    BOOST_TEST(notes[0].text.starts_with("Due date moved to 21-Dec-2026; priority now Routine: "
                                         "Befriending service full"),
               notes[0].text);
    // A private note, from the screen, stays on this desktop.
    BOOST_TEST(panel->addNote(*id, "Phoned her daughter; she prefers mornings", problem,
                              NoteSharing::PrivateToThisDesktop));
    notes = frame->store().notes(*id);
    BOOST_TEST(std::count_if(notes.begin(), notes.end(),
                             [](const ProgressNote& n) { return n.isPrivate; }) == 1);
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(the_care_plan_editor_closes_with_ctrl_w_and_escape_keeping_the_draft) {
    JourneyStore fixture;
    auto* frame = fixture.frameAs(fixture.chair);
    const auto someone = frame->store().casePage(0, 1).at(0);
    frame->showCase(someone.id);
    settle();
    for (int key : {int('W'), int(WXK_ESCAPE)}) {
        auto* editor = frame->editCarePlan();
        BOOST_REQUIRE(editor);
        const wxWindowID id = editor->GetId();
        editor->Raise();
        editor->SetFocus();
        settle(10);
        wxUIActionSimulator sim;
        sim.Char(key, key == 'W' ? wxMOD_CONTROL : wxMOD_NONE);
        settle(20);
        BOOST_TEST(wxWindow::FindWindowById(id) == nullptr, (key == 'W' ? "Ctrl+W" : "Escape")
                                                                << " did not close the editor");
        if (auto* left = wxWindow::FindWindowById(id))
            left->Destroy();
        settle();
    }
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(referral_triage)

BOOST_AUTO_TEST_CASE(the_chair_triages_a_referral_and_only_accepted_ones_join_the_agenda) {
    JourneyStore fixture;
    CaseId urgentOne, declinedOne;
    {
        auto* frame = fixture.frameAs(fixture.navigator);
        wxString problem;
        Referral r{resident("Olu", "Adebayo", testNhsNumber(88101)),
                   {},
                   {},
                   "Hoarding, fire risk",
                   {},
                   {}};
        urgentOne = *frame->refer(r, problem, ReferralChoices{{}, Urgency::Urgent, {}, {}, {}});
        r.resident = resident("Tam", "Reid", testNhsNumber(88102));
        r.reason = "Wants help with gardening";
        declinedOne = *frame->refer(r, problem);
        frame->Destroy();
        settle();
    }
    auto* frame = fixture.frameAs(fixture.chair);
    frame->showCase(declinedOne);
    settle();
    BOOST_TEST(menuEnabled(frame, nmdt::gui::ID_TRIAGE));
    wxString problem;
    {
        nmdt::gui::TriageDialog dialog(frame, *frame->store().caseById(declinedOne));
        BOOST_TEST(sharedMnemonics(&dialog).empty(), sharedMnemonics(&dialog));
        dialog.outcomes()->SetSelection(4);  // declined
        BOOST_TEST((dialog.outcome() == Triage::Declined));
        BOOST_TEST(!frame->triageCurrent(dialog.outcome(), dialog.reason(), problem));
        BOOST_TEST(problem.Contains("reason"), problem.utf8_string());
        dialog.reasonField()->SetValue("Not a health or care need: Northvale in Bloom volunteers");
        BOOST_TEST(frame->triageCurrent(dialog.outcome(), dialog.reason(), problem),
                   problem.utf8_string());
    }
    auto declined = *frame->store().caseById(declinedOne);
    BOOST_TEST((declined.triage == Triage::Declined));
    BOOST_TEST(declined.triagedBy.str() == fixture.chair.userId.str());
    BOOST_TEST(frame->caseRecord()->recordText().Contains("Declined (Dr Amina Rahman"),
               frame->caseRecord()->recordText().utf8_string());
    screenshot(frame, "triage-declined");
    // Undo is there for a slip of the mouse.
    BOOST_TEST(frame->undo(problem), problem.utf8_string());
    BOOST_TEST((frame->store().caseById(declinedOne)->triage == Triage::Pending));
    BOOST_TEST(frame->triageCurrent(Triage::Declined, "Not a health or care need", problem));

    // New referrals for the agenda: urgent first, declined never.
    auto urgent = frame->store().undiscussedReferrals(Urgency::Urgent, {}, 0);
    auto routine = frame->store().undiscussedReferrals(Urgency::Routine, {}, 0);
    for (const auto& waiting : {urgent, routine})
        BOOST_TEST((std::find(waiting.begin(), waiting.end(), declinedOne) == waiting.end()));
    BOOST_REQUIRE(!urgent.empty());
    BOOST_TEST(urgent.front().str() == urgentOne.str());
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(meeting_planning)

BOOST_AUTO_TEST_CASE(a_coordinator_sets_up_a_frailty_mdt_and_triages_a_referral_to_it) {
    JourneyStore fixture;
    const Actor coordinator{ProfessionalId("coordinator"), "Priya Shah", Role::Coordinator,
                            OrganisationId()};
    auto* frame = fixture.frameAs(coordinator);
    frame->showMeetings();
    auto* panel = frame->meetings();
    wxString problem;
    auto orgs = frame->store().organisations();
    MeetingSeriesId frailty;
    {
        nmdt::gui::SeriesDialog dialog(frame, MeetingSeries(), orgs);
        dialog.Show();
        settle();
        BOOST_TEST(sharedMnemonics(&dialog).empty(), sharedMnemonics(&dialog));
        dialog.startTime()->SetValue("9.30");
        BOOST_TEST(!panel->saveSeries(dialog.series(), problem));  // no name, a bad time
        BOOST_TEST(problem.Contains("Name"), problem.utf8_string());
        BOOST_TEST(problem.Contains("Start time"), problem.utf8_string());
        dialog.name()->SetValue("Frailty MDT");
        dialog.cadence()->SetSelection(3);  // every 4 weeks
        dialog.startTime()->SetValue("09:30");
        dialog.length()->SetValue(60);
        dialog.invitees()->Check(0);
        dialog.invitees()->Check(1);
        screenshot(&dialog, "mdt-series");
        BOOST_TEST(panel->saveSeries(dialog.series(), problem), problem.utf8_string());
        dialog.Hide();
    }
    auto series = frame->store().meetingSeries();
    BOOST_REQUIRE(series.size() == 1u);
    frailty = series.front().id;
    BOOST_TEST(series.front().cadenceDays == 28);

    // The coordinator triages a new referral to it...
    const auto someone = frame->store().casePage(0, 1).at(0);
    frame->showResidents();
    frame->showCase(someone.id);
    settle();
    BOOST_TEST(menuEnabled(frame, nmdt::gui::ID_TRIAGE));
    {
        nmdt::gui::TriageDialog dialog(frame, *frame->store().caseById(someone.id),
                                       frame->store().meetingSeries());
        BOOST_REQUIRE(dialog.seriesChoice());
        dialog.outcomes()->SetSelection(0);  // accepted for the MDT
        dialog.seriesChoice()->SetSelection(1);
        BOOST_TEST(
            frame->triageCurrent(dialog.outcome(), dialog.reason(), problem, dialog.series()),
            problem.utf8_string());
    }
    BOOST_TEST(frame->store().caseById(someone.id)->mdtSeries.str() == frailty.str());
    // The record says which MDT will discuss them.
    settle();
    const std::string record = frame->caseRecord()->recordText().utf8_string();
    BOOST_TEST(record.find("Frailty MDT") != std::string::npos, record);

    // ...plans the series' first meeting from its defaults, and builds its agenda.
    frame->showMeetings();
    bool already = false;
    auto id = panel->scheduleNext(problem, &already, frailty);
    BOOST_REQUIRE_MESSAGE(id.has_value(), problem.utf8_string());
    auto m = *panel->current();
    BOOST_TEST(m.title == "Frailty MDT");
    BOOST_TEST(m.startTime == "09:30");
    BOOST_TEST(m.durationMinutes == 60);
    BOOST_TEST(frame->store().participants(*id).size() == 2u);
    std::size_t added = 0;
    BOOST_TEST(panel->buildAgenda(added, problem), problem.utf8_string());
    const auto items = panel->agenda();
    BOOST_TEST(std::any_of(items.begin(), items.end(),
                           [&](const AgendaItem& i) { return i.caseId == someone.id; }));
    screenshot(frame, "frailty-mdt-planned");
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(the_chair_drags_a_resident_down_the_agenda_and_undoes_it) {
    JourneyStore fixture;
    auto* frame = fixture.frameAs(fixture.chair);
    frame->showMeetings();
    auto* panel = frame->meetings();
    wxString problem;
    BOOST_REQUIRE(panel->scheduleNext(problem).has_value());
    std::size_t added = 0;
    BOOST_REQUIRE(panel->buildAgenda(added, problem));
    for (int n = 0; panel->agenda().size() < 4u; ++n) {  // enough rows to drag over
        auto id = CaseService(ServiceContext{frame->store(), *fixture.clock, *makeRandomIdSource(),
                                             fixture.chair})
                      .refer({resident("Dee", "Drag" + std::to_string(n), testNhsNumber(8100 + n)),
                              fixture.chair.userId,
                              {},
                              "Isolation",
                              fixture.clock->today(),
                              {}});
        BOOST_REQUIRE(panel->addResident(id, problem));
    }
    const auto firstCase = panel->agenda().at(0).caseId;
    frame->Raise();
    settle();
    auto* list = panel->agendaList();
    wxRect top, third;
    BOOST_REQUIRE(list->GetItemRect(0, top));
    BOOST_REQUIRE(list->GetItemRect(2, third));
    const wxPoint from = list->ClientToScreen(
        wxPoint(top.GetLeft() + top.GetWidth() / 3, top.GetTop() + top.GetHeight() / 2));
    const wxPoint to = list->ClientToScreen(
        wxPoint(third.GetLeft() + third.GetWidth() / 3, third.GetTop() + third.GetHeight() / 2));
    wxUIActionSimulator mouse;
    mouse.MouseMove(from);
    settle();
    mouse.MouseDown();
    settle();
    for (int step = 1; step <= 6; ++step) {
        mouse.MouseMove(from + (to - from) * step / 6);
        settle();
    }
    mouse.MouseUp();
    settle();
    BOOST_TEST(panel->agenda().at(2).caseId.str() == firstCase.str());
    screenshot(frame, "agenda-dragged");
    BOOST_TEST(frame->undo(problem), problem.utf8_string());  // one drag, one undo
    BOOST_TEST(panel->agenda().at(0).caseId.str() == firstCase.str());
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(the_chair_moves_the_meeting_online_then_calls_it_off) {
    JourneyStore fixture;
    auto* frame = fixture.frameAs(fixture.chair);
    frame->showMeetings();
    auto* panel = frame->meetings();
    wxString problem;
    auto id = panel->scheduleNext(problem);
    BOOST_REQUIRE_MESSAGE(id.has_value(), problem.utf8_string());
    {
        nmdt::gui::MeetingDetailsDialog dialog(frame, *panel->current());
        dialog.Show();
        settle();
        BOOST_TEST(sharedMnemonics(&dialog).empty(), sharedMnemonics(&dialog));
        dialog.date()->SetValue(wxDateTime(2, wxDateTime::Nov, 2026));  // already past
        dialog.startTime()->SetValue("1.30pm");
        BOOST_TEST(!panel->changeDetails(dialog.details(), problem));
        BOOST_TEST(problem.Contains("Date"), problem.utf8_string());
        dialog.date()->SetValue(wxDateTime(9, wxDateTime::Dec, 2026));
        dialog.startTime()->SetValue("13:30");
        dialog.length()->SetValue(120);
        dialog.place()->SetValue("");
        dialog.link()->SetValue("https://meet.example.nhs.uk/northvale-mdt");
        screenshot(&dialog, "meeting-details");
        BOOST_TEST(panel->changeDetails(dialog.details(), problem), problem.utf8_string());
        dialog.Hide();
    }
    auto moved = *panel->current();
    BOOST_TEST((moved.date == day(2026, 12, 9)));
    BOOST_TEST(moved.startTime == "13:30");
    BOOST_TEST(moved.durationMinutes == 120);
    BOOST_TEST(moved.link == "https://meet.example.nhs.uk/northvale-mdt");
    BOOST_TEST(frame->undo(problem), problem.utf8_string());  // a slip is undone
    BOOST_TEST(panel->current()->startTime != "13:30");

    // Several organisations invited at once; none twice.
    const auto before = frame->store().participants(*id).size();
    auto orgs = frame->store().organisations();
    BOOST_TEST(panel->invite(std::vector<OrganisationId>{orgs[0].id, orgs[1].id}, problem),
               problem.utf8_string());
    const auto after = frame->store().participants(*id).size();
    BOOST_TEST(after <= before + 2);
    BOOST_TEST(panel->invite(std::vector<OrganisationId>{orgs[0].id, orgs[1].id}, problem));
    BOOST_TEST(frame->store().participants(*id).size() == after);

    BOOST_TEST(!panel->cancelMeeting("", problem));
    BOOST_TEST(problem.Contains("reason"), problem.utf8_string());
    BOOST_TEST(panel->cancelMeeting("Chair off sick; no cover", problem), problem.utf8_string());
    BOOST_TEST(panel->current()->cancelledReason == "Chair off sick; no cover");
    screenshot(frame, "meeting-called-off");
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_SUITE_END()
