// Navigator journey: work my actions and my organisation's, see what is overdue at a
// glance, move actions through their statuses with reasons, add notes, undo.
#include <boost/test/unit_test.hpp>

#include <wx/notebook.h>
#include <wx/srchctrl.h>
#include <wx/uiaction.h>

#include "action_list_view.h"
#include "actions_panel.h"
#include "demo/demo_data.h"
#include "gui/main_frame.h"
#include "gui_support.h"
#include "identity_text.h"
#include "model/action_service.h"
#include "model/case_service.h"
#include "model/entity_mapping.h"
#include "status_dialog.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;
using nmdt::gui::ActionsPanel;
using nmdt::gui::MainFrame;

namespace {
const char* kPass = "navigator test passphrase";

/// A small neighbourhood plus one resident whose actions the tests know.
struct ActionStore {
    TempDir dir;
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(fixedNow());
    std::string path = dir.file("actions.nmdt");
    Actor navigator, chair;
    CaseId caseId;
    ActionId overdue, dueSoon, undated, otherOrg;

    ActionStore() {
        auto store = storage::SqlCipherStore::create(path, Passphrase(kPass), clock);
        // No demo actions: the lists then hold exactly what the tests put there.
        auto summary = demo::generateDemoData(*store, *clock, demo::DemoSize{3, 0, 1, 2}, 21);
        navigator = Actor{ProfessionalId(summary.navigatorId), "Gwen Pritchard", Role::Navigator,
                          OrganisationId(summary.navigatorOrgId)};
        chair = Actor{ProfessionalId(summary.chairId), "Dr Amina Rahman", Role::Chair,
                      OrganisationId()};
        SeededIdSource ids(9);
        ServiceContext ctx{*store, *clock, ids, chair};
        caseId = CaseService(ctx).refer({resident("Ifeoma", "Okafor", testNhsNumber(77001)),
                                         chair.userId,
                                         {},
                                         "Isolation",
                                         day(2026, 10, 1),
                                         navigator.userId});
        ActionService actions(ctx);
        auto raise = [&](const char* title, const ProfessionalId& owner, std::optional<Date> due,
                         Priority p) {
            return actions.raise(
                {caseId, title, "Details of " + std::string(title), owner, {}, due, p, {}, {}});
        };
        undated = raise("Find a befriender", navigator.userId, std::nullopt, Priority::Routine);
        dueSoon = raise("Book community transport", navigator.userId, day(2026, 11, 30),
                        Priority::Urgent);
        overdue = raise("Benefits check", navigator.userId, day(2026, 11, 2), Priority::Routine);
        otherOrg = raise("Medication review", chair.userId, day(2026, 11, 10), Priority::Urgent);
    }
    std::unique_ptr<OpenStore> open() {
        return storage::SqlCipherStore::open(path, Passphrase(kPass), clock);
    }
};

std::vector<std::string> titles(ActionsPanel* panel) {
    std::vector<std::string> out;
    for (long i = 0; i < panel->list()->GetItemCount(); ++i)
        out.push_back(panel->list()->actionAt(i)->title);
    return out;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(navigator_actions)

BOOST_AUTO_TEST_CASE(my_actions_show_overdue_first_undated_last_and_the_count_at_a_glance) {
    ActionStore fixture;
    auto* frame = new MainFrame(fixture.open(), fixture.clock, fixture.navigator);
    frame->Show();
    settle();
    auto* panel = frame->actions();
    // Start-up reads only the counts for the tab's label; the list waits for its tab.
    BOOST_TEST(panel->list()->GetItemCount() == 0);
    BOOST_TEST(panel->overdueCount() == 1u);
    frame->showActions();
    settle();
    BOOST_TEST(
        (titles(panel) == std::vector<std::string>{"Benefits check", "Book community transport",
                                                   "Find a befriender"}));
    BOOST_TEST(panel->list()->GetItemText(0, 0).Contains("21 days overdue"),
               panel->list()->GetItemText(0, 0).utf8_string());
    BOOST_TEST(panel->list()->GetItemText(2, 0).utf8_string() == "No due date");
    BOOST_TEST(nmdt::gui::withoutIsolates(panel->list()->GetItemText(0, 1).utf8_string())
                   .find("Okafor, Ifeoma") != std::string::npos);
    BOOST_TEST(panel->overdueCount() == 1u);
    // Each number says whose it counts (the navigator owns the one overdue action).
    BOOST_TEST(panel->overdueBadge().utf8_string().starts_with("Overdue: 1 of mine, 1 in "),
               panel->overdueBadge().utf8_string());
    wxWindow* badge = wxWindow::FindWindowByName("Overdue actions", panel);
    BOOST_TEST(badge->GetSize().x >= badge->GetBestSize().x);  // the whole text is visible
    BOOST_TEST(frame->pages()->GetPageText(1).utf8_string() ==
               "Actions (overdue: 1 mine, 1 organisation)");

    // Ctrl+2 goes to the Actions tab, as the View menu says.
    frame->Raise();
    frame->searchBox()->SetFocus();
    settle();
    wxUIActionSimulator sim;
    sim.Char('2', wxMOD_CONTROL);
    settle(10);
    BOOST_TEST(frame->pages()->GetSelection() == 1);
    screenshot(frame, "actions-my-actions");

    panel->setView(ActionsPanel::View::OverdueAll);
    BOOST_TEST((titles(panel) == std::vector<std::string>{"Benefits check", "Medication review"}));
    panel->setView(ActionsPanel::View::MyOrganisation);
    BOOST_TEST(titles(panel).size() == 3u);  // the chair's action belongs to another organisation
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(status_changes_follow_the_state_machine_and_ask_for_reasons) {
    ActionStore fixture;
    auto* frame = new MainFrame(fixture.open(), fixture.clock, fixture.navigator);
    auto* panel = frame->actions();
    wxString problem;
    BOOST_TEST(!panel->changeStatus(fixture.overdue, ActionStatus::Completed, "", problem));
    BOOST_TEST(problem.Contains("cannot move to that status"), problem.utf8_string());
    BOOST_TEST(panel->changeStatus(fixture.overdue, ActionStatus::Accepted, "", problem));
    BOOST_TEST(!panel->changeStatus(fixture.overdue, ActionStatus::OnHold, "", problem));
    BOOST_TEST(problem.Contains("give a reason"), problem.utf8_string());

    // Nothing chosen: the buttons that change an action wait for one.
    frame->showActions();
    settle();
    BOOST_TEST(!panel->selected().has_value());
    BOOST_TEST(!panel->canWorkOnSelected());

    // The dialog offers only allowed moves and will not close without a needed reason.
    panel->select(fixture.overdue);
    BOOST_TEST(panel->canWorkOnSelected());
    // The chair's own action, in everyone's overdue list: the navigator may read, not change.
    panel->setView(nmdt::gui::ActionsPanel::View::OverdueAll);
    panel->select(fixture.otherOrg);
    BOOST_REQUIRE(panel->selected().has_value());
    BOOST_TEST(!panel->canWorkOnSelected());
    panel->setView(nmdt::gui::ActionsPanel::View::Mine);
    panel->select(fixture.overdue);
    // Deselected (Ctrl+click): no action's notes beside no selection.
    panel->list()->SetItemState(*panel->list()->rowOf(fixture.overdue), 0, wxLIST_STATE_SELECTED);
    settle();
    BOOST_TEST(panel->notesText().Contains("Choose an action"), panel->notesText().utf8_string());
    BOOST_TEST(!panel->canWorkOnSelected());
    panel->select(fixture.overdue);
    {
        // Scoped: a dialog parented to the frame must go before the frame does.
        nmdt::gui::StatusDialog dialog(frame, *panel->selected());
        BOOST_TEST(sharedMnemonics(&dialog).empty(), sharedMnemonics(&dialog));
        BOOST_TEST(!dialog.choose(ActionStatus::Requested));
        BOOST_TEST(dialog.choose(ActionStatus::OnHold));
        BOOST_TEST(!dialog.validate());
        BOOST_TEST(dialog.message().Contains("give a reason"));
        dialog.setReason("Waiting for bank statements");
        BOOST_TEST(dialog.validate());
        BOOST_TEST(panel->changeStatus(fixture.overdue, dialog.chosen(), dialog.reason(), problem));
    }
    BOOST_TEST(panel->selected()->statusReason == "Waiting for bank statements");
    BOOST_TEST(panel->list()->GetItemText(0, 5).utf8_string() == "On hold");

    BOOST_TEST(panel->addNote(fixture.overdue, "Spoke to Ifeoma; statements due Friday", problem));
    BOOST_TEST(panel->notesText().Contains("statements due Friday"));
    BOOST_TEST(!panel->addNote(fixture.overdue, "", problem));
    BOOST_TEST(problem.Contains("must be filled in"), problem.utf8_string());

    // Completing the overdue action clears the badge and the tab.
    BOOST_TEST(panel->changeStatus(fixture.overdue, ActionStatus::Completed, "", problem));
    BOOST_TEST(panel->overdueCount() == 0u);
    BOOST_TEST(frame->pages()->GetPageText(1).utf8_string() == "Actions");
    BOOST_TEST(titles(panel).size() == 2u);  // completed work leaves the open list
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(undo_reverses_a_regretted_change_unless_someone_changed_it_since) {
    ActionStore fixture;
    auto* frame = new MainFrame(fixture.open(), fixture.clock, fixture.navigator);
    auto* panel = frame->actions();
    wxString problem;
    BOOST_TEST(
        panel->changeStatus(fixture.dueSoon, ActionStatus::Declined, "Not our service", problem));
    BOOST_TEST(frame->undo(problem));
    BOOST_TEST((frame->store().action(fixture.dueSoon)->status == ActionStatus::Requested));
    BOOST_TEST(frame->store().action(fixture.dueSoon)->statusReason.empty());

    BOOST_TEST(panel->reassign(fixture.dueSoon, fixture.chair.userId, problem));
    // Someone else edits the same action in the meantime.
    SeededIdSource ids(1);
    ActionService({frame->store(), *fixture.clock, ids, fixture.chair})
        .reassign(fixture.dueSoon, fixture.navigator.userId, {});
    BOOST_TEST(!frame->undo(problem));
    BOOST_TEST(problem.Contains("Someone else has changed this"), problem.utf8_string());
    BOOST_TEST(frame->store().action(fixture.dueSoon)->owner.str() ==
               fixture.navigator.userId.str());
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(filters_narrow_the_list) {
    ActionStore fixture;
    auto* frame = new MainFrame(fixture.open(), fixture.clock, fixture.navigator);
    auto* panel = frame->actions();
    panel->setPriorityFilter(Priority::Urgent);
    BOOST_TEST((titles(panel) == std::vector<std::string>{"Book community transport"}));
    panel->setPriorityFilter(std::nullopt);
    panel->setDueRange(day(2026, 11, 1), day(2026, 11, 15));
    BOOST_TEST((titles(panel) == std::vector<std::string>{"Benefits check"}));
    panel->setDueRange(std::nullopt, std::nullopt);
    panel->setStatusFilter(ActionStatus::Completed);
    BOOST_TEST(titles(panel).empty());
    panel->setStatusFilter(std::nullopt);
    panel->setResident(CaseId("someone-else"));
    BOOST_TEST(titles(panel).empty());
    panel->setResident(fixture.caseId);
    BOOST_TEST(titles(panel).size() == 3u);
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(a_list_too_long_to_show_says_how_many_it_left_out) {
    ActionStore fixture;
    {
        // Two thousand more overdue actions for the navigator, written in one go.
        auto store = fixture.open();
        SeededIdSource ids(10);
        ServiceContext ctx{*store, *fixture.clock, ids, fixture.chair};
        ActionService actions(ctx);
        ChangeSet many("raise-actions");
        for (int i = 0; i < 2000; ++i) {
            Action a = actions.prepare({fixture.caseId,
                                        "Call back " + std::to_string(i),
                                        "",
                                        fixture.navigator.userId,
                                        {},
                                        day(2026, 10, 1),
                                        Priority::Routine,
                                        {},
                                        {}});
            many.create(EntityKind::Action, a.id.str(), toFields(a));
        }
        store->commit(many, fixture.chair);
    }
    auto* frame = new MainFrame(fixture.open(), fixture.clock, fixture.navigator);
    auto* panel = frame->actions();
    panel->refresh();
    BOOST_TEST(panel->list()->GetItemCount() == 2000);
    BOOST_TEST(panel->truncationNotice().Contains("first 2000 of 2003 actions"),
               panel->truncationNotice().utf8_string());
    // Rows are read a block at a time as they come into view: the last still shows its
    // own action, and choosing it selects its row and shows its details.
    auto last = panel->list()->actionAt(1999);
    BOOST_TEST_REQUIRE(last.has_value());
    BOOST_TEST(last->title.starts_with("Call back"), last->title);
    BOOST_TEST(panel->list()->GetItemText(1999, 2).utf8_string() == last->title);
    panel->select(last->id);
    BOOST_TEST(panel->list()->selectedRow() == 1999);
    BOOST_TEST(panel->selected()->title == last->title);
    panel->setPriorityFilter(Priority::Urgent);  // narrowed: everything fits, nothing said
    BOOST_TEST(panel->list()->GetItemCount() == 1);
    BOOST_TEST(panel->truncationNotice().empty());
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_SUITE_END()
