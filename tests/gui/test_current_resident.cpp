// Wrong patient (hazard H1): whatever the user does with the search box and the list, the
// banner, the record and the target of every resident command are the selected row's
// person, or nobody. Random sequences of searches, clicks and keystrokes, from seeds.
#include <boost/test/unit_test.hpp>

#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/srchctrl.h>
#include <wx/uiaction.h>

#include <filesystem>
#include <random>

#include "care_plan_editor.h"
#include "case_list_view.h"
#include "case_record_panel.h"
#include "command_table.h"
#include "demo/demo_data.h"
#include "gui/main_frame.h"
#include "gui_support.h"
#include "model/case_service.h"
#include "model/nhs_number.h"
#include "printing/report.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;
using nmdt::gui::MainFrame;

namespace {
const char* kPass = "current resident test passphrase";

/// The demo neighbourhood, plus residents whose names share prefixes and NHS numbers that
/// share leading digits, so searches narrow and widen around the same people.
struct ResidentsStore {
    TempDir dir;
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(fixedNow());
    std::string path = dir.file("residents.nmdt");
    Actor user;
    std::vector<CaseSummary> everyone;

    ResidentsStore() {
        auto store = storage::SqlCipherStore::create(path, Passphrase(kPass), clock);
        auto summary = demo::generateDemoData(*store, *clock, demo::DemoSize::small(), 11);
        SeededIdSource ids(3);
        user = Actor{ProfessionalId(summary.chairId), "Dr Amina Rahman", Role::Chair,
                     OrganisationId()};
        CaseService service(ServiceContext{*store, *clock, ids, user});
        const std::vector<std::pair<std::string, std::string>> names = {
            {"Mohammed", "Al-Sayed"}, {"Rhys", "ap Gruffydd"}, {"Aled", "ap Gruffydd"},
            {"محمد", "Nasser"},       {"נועה", "כהן"},         {"Alys", "Al-Sayed"}};
        for (std::size_t i = 0; i < names.size(); ++i)
            service.refer({resident(names[i].first, names[i].second,
                                    testNhsNumber(70000 + static_cast<int>(i))),
                           {},
                           {},
                           "test",
                           day(2026, 11, 1),
                           {}});
        everyone = store->casePage(0, 10000);
    }
    std::unique_ptr<OpenStore> open() {
        return storage::SqlCipherStore::open(path, Passphrase(kPass), clock);
    }
};

bool menuEnabled(MainFrame* frame, int id) {
    frame->UpdateWindowUI(wxUPDATE_UI_RECURSE);
    return frame->GetMenuBar()->IsEnabled(id);
}

/// The invariant: the selected row, the record, the banner and the commands agree.
void checkOnePerson(MainFrame* frame, const std::string& step) {
    BOOST_TEST_CONTEXT(step) {
        auto selected = frame->caseList()->selectedSummary();
        const auto& current = frame->currentCase();
        const auto& shown = frame->caseRecord()->shownCase();
        std::string banner = frame->caseRecord()->bannerText().utf8_string();
        BOOST_TEST(selected.has_value() == current.has_value());
        BOOST_TEST(selected.has_value() == shown.has_value());
        if (!selected) {
            BOOST_TEST(banner.find("No resident selected") != std::string::npos, banner);
            BOOST_TEST(!frame->currentCarePlanReport().has_value());
            for (int id : {static_cast<int>(wxID_PRINT), static_cast<int>(wxID_PREVIEW),
                           static_cast<int>(nmdt::gui::ID_SAVE_PLAN_PDF),
                           static_cast<int>(nmdt::gui::ID_EDIT_CARE_PLAN)})
                BOOST_TEST(!menuEnabled(frame, id), "command " << id << " enabled for nobody");
            return;
        }
        BOOST_TEST(current->str() == selected->id.str());
        BOOST_TEST(shown->str() == selected->id.str());
        BOOST_TEST(banner.find(formatNhsNumber(selected->nhsNumber)) != std::string::npos,
                   banner << " | selected " << selected->nhsNumber);
        BOOST_TEST(banner.find(selected->familyName) != std::string::npos, banner);
        if (auto printout = frame->currentCarePlanReport()) {
            BOOST_REQUIRE(printout->banner.has_value());
            BOOST_TEST(printout->banner->nhsNumber.find(formatNhsNumber(selected->nhsNumber)) !=
                       std::string::npos);
        }
    }
}

/// A search a person might type: part of a name, all or part of an NHS number (spaced or
/// not), something matching nobody, or nothing.
wxString randomQuery(std::mt19937& rng, const std::vector<CaseSummary>& everyone) {
    const CaseSummary& someone = everyone[rng() % everyone.size()];
    switch (rng() % 6) {
        case 0: {
            wxString family = wxString::FromUTF8(someone.familyName);
            return family.Left(1 + rng() % std::max<std::size_t>(1, family.length()));
        }
        case 1:
            return wxString::FromUTF8(formatNhsNumber(someone.nhsNumber));
        case 2:
            return wxString::FromUTF8(someone.nhsNumber.substr(0, 3 + rng() % 8));
        case 3:
            return wxString::FromUTF8(formatNhsNumber(someone.nhsNumber)).Left(5 + rng() % 7);
        case 4:
            return "zzq";
        default:
            return {};
    }
}

void clickRow(MainFrame* frame, long row, bool withCtrl) {
    auto* list = frame->caseList();
    list->EnsureVisible(row);
    settle(2);
    wxRect rect;
    if (!list->GetItemRect(row, rect))
        return;
    wxPoint at = list->ClientToScreen(rect.GetPosition() + wxPoint(20, rect.height / 2));
    wxUIActionSimulator sim;
    sim.MouseMove(at);
    settle(2);
    if (withCtrl)
        sim.KeyDown(WXK_CONTROL);
    sim.MouseClick();
    if (withCtrl)
        sim.KeyUp(WXK_CONTROL);
    settle(2);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(current_resident)

BOOST_AUTO_TEST_CASE(a_new_search_never_leaves_the_last_resident_on_screen) {
    // The path found by hand: one search, Enter, another search that hides that person.
    ResidentsStore fixture;
    auto* frame = new MainFrame(fixture.open(), fixture.clock, fixture.user);
    frame->Show();
    settle();
    auto find = [&](const std::string& family) {
        for (const auto& s : fixture.everyone)
            if (s.familyName == family)
                return s;
        throw std::logic_error("no " + family);
    };
    const CaseSummary alSayed = find("Al-Sayed");
    const CaseSummary gruffydd = find("ap Gruffydd");
    wxUIActionSimulator sim;
    frame->searchBox()->SetFocus();
    frame->searchBox()->SetValue(wxString::FromUTF8(formatNhsNumber(alSayed.nhsNumber)));
    settle();
    sim.Char(WXK_RETURN);
    settle(8);
    BOOST_REQUIRE(frame->currentCase().has_value());
    BOOST_TEST(frame->currentCase()->str() == alSayed.id.str());
    checkOnePerson(frame, "after the first search and Enter");

    frame->searchBox()->SetFocus();
    frame->searchBox()->SetValue(wxString::FromUTF8(formatNhsNumber(gruffydd.nhsNumber)));
    settle();
    // Al-Sayed is no longer listed: the record clears and nothing is selected.
    BOOST_TEST(frame->caseList()->GetItemCount() == 1);
    BOOST_TEST(frame->caseList()->selectedRow() == -1);
    BOOST_TEST(!frame->currentCase().has_value());
    checkOnePerson(frame, "after the second search");
    std::string pdf = fixture.dir.file("nobody.pdf");
    wxString problem;
    BOOST_TEST(!frame->saveCarePlanPdf(pdf, problem));
    BOOST_TEST(!std::filesystem::exists(pdf));

    sim.Char(WXK_RETURN);  // Enter opens the one match
    settle(8);
    BOOST_REQUIRE(frame->currentCase().has_value());
    BOOST_TEST(frame->currentCase()->str() == gruffydd.id.str());
    checkOnePerson(frame, "after the second Enter");
    screenshot(frame, "current-resident-after-second-search");

    // Narrowing a search that still lists the person keeps them on screen.
    frame->searchBox()->SetValue("ap");
    settle();
    BOOST_TEST(frame->caseList()->GetItemCount() >= 2);
    BOOST_REQUIRE(frame->currentCase().has_value());
    BOOST_TEST(frame->currentCase()->str() == gruffydd.id.str());
    checkOnePerson(frame, "widened search");
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(random_searches_clicks_and_keys_keep_one_person_on_screen) {
    ResidentsStore fixture;
    auto* frame = new MainFrame(fixture.open(), fixture.clock, fixture.user);
    frame->SetClientSize(1280, 760);
    frame->Show();
    frame->Raise();
    settle();
    wxUIActionSimulator sim;
    const int sequences = 200, steps = 6;
    for (int seed = 1; seed <= sequences; ++seed) {
        std::mt19937 rng(static_cast<unsigned>(seed));
        for (int step = 0; step < steps; ++step) {
            auto* list = frame->caseList();
            long count = list->GetItemCount();
            std::string what;
            switch (rng() % 9) {
                case 0:
                case 1: {
                    wxString q = randomQuery(rng, fixture.everyone);
                    what = "search '" + q.utf8_string() + "'";
                    frame->searchBox()->SetValue(q);
                    settle(2);
                    break;
                }
                case 2: {
                    what = "Enter in the search box";
                    frame->searchBox()->SetFocus();
                    settle(2);
                    sim.Char(WXK_RETURN);
                    settle(2);
                    break;
                }
                case 3:
                case 4: {
                    if (count == 0)
                        continue;
                    long row =
                        static_cast<long>(rng() % static_cast<unsigned>(std::min(count, 12L)));
                    what = "click row " + std::to_string(row);
                    clickRow(frame, row, false);
                    // Where the pointer lands is the window system's business; the
                    // invariant below is what matters either way.
                    BOOST_WARN_MESSAGE(list->selectedRow() == row,
                                       what << " selected row " << list->selectedRow());
                    break;
                }
                case 5: {
                    static const int keys[] = {WXK_DOWN, WXK_UP, WXK_HOME, WXK_END, WXK_PAGEDOWN};
                    int key = keys[rng() % 5];
                    what = "key " + std::to_string(key) + " in the list";
                    list->SetFocus();
                    settle(2);
                    sim.Char(key);
                    settle(2);
                    break;
                }
                case 6: {
                    long row = list->selectedRow();
                    if (row < 0)
                        continue;
                    what = "ctrl+click the selected row " + std::to_string(row);
                    clickRow(frame, row, true);
                    break;
                }
                case 7: {
                    what = rng() % 2 ? "View > All Cases" : "refresh after a sync";
                    if (what[0] == 'V') {
                        wxCommandEvent all(wxEVT_MENU, nmdt::gui::ID_SHOW_ALL_CASES);
                        frame->GetEventHandler()->ProcessEvent(all);
                    } else {
                        frame->refreshAfterSync();
                    }
                    settle(2);
                    break;
                }
                default: {
                    const CaseSummary& someone = fixture.everyone[rng() % fixture.everyone.size()];
                    what = "open " + someone.nhsNumber + " from elsewhere (import, links)";
                    frame->showCase(someone.id);
                    settle(2);
                    BOOST_TEST(frame->currentCase().value_or(CaseId()).str() == someone.id.str());
                    break;
                }
            }
            checkOnePerson(frame, "seed " + std::to_string(seed) + " step " + std::to_string(step) +
                                      ": " + what);
        }
    }
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(viewing_records_queues_nothing_for_partners) {
    // Who viewed what stays in this desktop's audit trail; only changes are sent.
    ResidentsStore fixture;
    auto* frame = new MainFrame(fixture.open(), fixture.clock, fixture.user);
    frame->Show();
    settle();
    auto* sync = frame->store().syncStore();
    BOOST_REQUIRE(sync);
    const auto waiting = sync->pendingChanges();
    for (std::size_t i = 0; i < 10; ++i) {
        frame->showCase(fixture.everyone[i].id);
        settle(1);
    }
    frame->showActions();
    settle();
    frame->showMeetings();
    settle();
    BOOST_TEST(sync->pendingChanges() == waiting);
    // Opening a care plan to read it and closing it untouched changes nothing either.
    frame->showResidents();
    for (std::size_t i = 0; i < 5; ++i) {
        frame->showCase(fixture.everyone[i].id);
        if (auto* editor = frame->editCarePlan()) {
            settle(2);
            editor->Close(true);
            settle(2);
        }
    }
    BOOST_TEST(sync->pendingChanges() == waiting);
    AuditQuery views;
    views.kind = AuditEventKind::ViewCase;
    BOOST_TEST(frame->store().auditTrail(views).size() >= 10u);
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(a_record_not_shared_with_the_users_organisation_is_not_shown) {
    // A navigator on a shared desktop selects a resident who said no to sharing with their
    // organisation: who they are shows (they chose them), what is recorded does not.
    TempDir dir;
    auto clock = std::make_shared<FixedClock>(fixedNow());
    std::string path = dir.file("consent.nmdt");
    CaseId refused;
    Actor navigator;
    {
        auto store = storage::SqlCipherStore::create(path, Passphrase(kPass), clock);
        auto summary = demo::generateDemoData(*store, *clock, demo::DemoSize::small(), 4);
        SeededIdSource ids(5);
        Actor chair{ProfessionalId(summary.chairId), "Chair", Role::Chair, OrganisationId()};
        CaseService cases(ServiceContext{*store, *clock, ids, chair});
        refused = cases.refer({resident("Amal", "Haddad", testNhsNumber(77001)),
                               {},
                               {},
                               "Isolation",
                               day(2026, 11, 1),
                               {}});
        cases.recordConsent(refused, OrganisationId(summary.navigatorOrgId), ConsentDecision::Deny);
        navigator = Actor{ProfessionalId(summary.navigatorId), "Gwen Pritchard", Role::Navigator,
                          OrganisationId(summary.navigatorOrgId)};
    }
    auto* frame = new MainFrame(storage::SqlCipherStore::open(path, Passphrase(kPass), clock),
                                clock, navigator);
    frame->Show();
    settle();
    frame->showCase(refused);
    settle();
    BOOST_REQUIRE(frame->currentCase().has_value());
    checkOnePerson(frame, "withheld record");
    std::string record = frame->caseRecord()->recordText().utf8_string();
    BOOST_TEST(record.find("Record not shown") != std::string::npos, record);
    BOOST_TEST(record.find("not agreed to share") != std::string::npos, record);
    BOOST_TEST(record.find("Isolation") == std::string::npos);  // the referral reason
    BOOST_TEST(frame->caseRecord()->bannerText().Contains("Haddad"));
    BOOST_TEST(!frame->currentCarePlanReport().has_value());
    BOOST_TEST(!menuEnabled(frame, wxID_PRINT));
    BOOST_TEST(!menuEnabled(frame, nmdt::gui::ID_EDIT_CARE_PLAN));
    AuditQuery views;
    views.kind = AuditEventKind::ViewCase;
    views.subject = "case:" + refused.str();
    auto audited = frame->store().auditTrail(views);
    BOOST_REQUIRE(audited.size() == 1u);
    BOOST_TEST(audited[0].detail.find("withheld") != std::string::npos);
    screenshot(frame, "record-not-shared");
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_SUITE_END()
