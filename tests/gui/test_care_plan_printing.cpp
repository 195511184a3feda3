// Practice staff journey: find a resident, see the record under the identity banner, and
// print or save their current care plan as a PDF that pdftotext reads back.
#include <boost/test/unit_test.hpp>

#include <wx/menu.h>
#include <wx/srchctrl.h>

#include <filesystem>
#include <regex>

#include "case_list_view.h"
#include "case_record_panel.h"
#include "command_table.h"
#include "demo/demo_data.h"
#include "gui/main_frame.h"
#include "gui_support.h"
#include "model/action_service.h"
#include "model/care_plan_service.h"
#include "model/case_service.h"
#include "model/nhs_number.h"
#include "printing/report.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;
using nmdt::gui::MainFrame;

namespace {
const char* kPass = "printing test passphrase";
constexpr int kActions = 60;

std::string actionTitle(int i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "Action %03d", i);
    return buf;
}

/// A store with one resident whose agreed plan runs over several pages.
struct PlanStore {
    TempDir dir;
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(fixedNow());
    std::string path = dir.file("plans.nmdt");
    CaseId caseId;
    Actor user;
    std::string nhs = testNhsNumber(4242);

    PlanStore() {
        auto store = storage::SqlCipherStore::create(path, Passphrase(kPass), clock);
        auto summary = demo::generateDemoData(*store, *clock, demo::DemoSize{5, 2, 2, 3}, 8);
        user = Actor{ProfessionalId(summary.chairId), "Dr Amina Rahman", Role::Chair,
                     OrganisationId()};
        SeededIdSource ids(3);
        ServiceContext ctx{*store, *clock, ids, user};
        auto navigator = ProfessionalId(summary.navigatorId);
        Resident r = resident("Łucja", "Żółtowska", nhs);
        r.communicationNeeds = "Polish interpreter for appointments; large print";
        caseId = CaseService(ctx).refer({r, navigator, OrganisationId(summary.navigatorOrgId),
                                         "Falls and isolation", day(2026, 10, 1), navigator});
        CaseService(ctx).recordConsent(caseId, OrganisationId(summary.navigatorOrgId),
                                       ConsentDecision::Permit);
        CaseService(ctx).addContact(
            caseId, {{}, {}, "Zofia Żółtowska", "daughter", "07700 900111", true, true});
        CaseService(ctx).addToCareTeam(caseId, navigator, "key worker");

        CarePlanService plans(ctx);
        CarePlanId draft = plans.startDraft(caseId);
        CarePlan p = *store->carePlan(draft);
        p.whatMattersToMe = "Chcę zostać w domu — staying in my own home, near my daughter";
        p.aboutMe = "Call me Łucja. I hear better on my left side.";
        p.contingencyPlan = std::string("If I fall and cannot get up, press my pendant alarm. ") +
                            "If my daughter cannot visit, call the navigator on 07700 900222.\n" +
                            "Out of hours: NHS 111.";
        p.reviewDate = day(2027, 2, 23);
        plans.saveDraft(p);
        for (int d = 0; d < 9; ++d)
            plans.addNeed(draft, static_cast<NeedDomain>(d), "Need in domain " + std::to_string(d),
                          "Support planned for domain " + std::to_string(d));
        for (int g = 0; g < 6; ++g)
            plans.addGoal(draft, static_cast<NeedDomain>(g),
                          "I want goal number " + std::to_string(g), day(2027, 3, 1));
        plans.agree(draft);

        ActionService actions(ctx);
        for (int i = 1; i <= kActions; ++i) {
            NewAction a{
                caseId,
                actionTitle(i),
                "marker-" + std::to_string(i) + " " + std::string(i % 7 == 0 ? 260 : 40, 'd'),
                navigator,
                {},
                i % 5 == 0 ? std::optional<Date>() : addDays(day(2026, 11, 1), i),
                Priority::Routine,
                {},
                {}};
            actions.raise(a);
        }
    }
    std::unique_ptr<OpenStore> open() {
        return storage::SqlCipherStore::open(path, Passphrase(kPass), clock);
    }
};

std::size_t countOf(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t pos = 0; (pos = haystack.find(needle, pos)) != std::string::npos;
         pos += needle.size())
        ++n;
    return n;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(care_plan_printing)

BOOST_AUTO_TEST_CASE(find_by_nhs_number_and_see_the_record_under_the_banner) {
    PlanStore fixture;
    auto* frame = new MainFrame(fixture.open(), fixture.clock, fixture.user);
    frame->Show();
    settle();
    BOOST_TEST(frame->caseRecord()->bannerText().Contains("No resident selected"));
    BOOST_TEST(!frame->currentCarePlanReport().has_value());  // nothing to print yet
    frame->UpdateWindowUI(wxUPDATE_UI_RECURSE);
    BOOST_TEST(!frame->GetMenuBar()->IsEnabled(wxID_PRINT));

    frame->searchBox()->SetValue(formatNhsNumber(fixture.nhs));
    settle();
    BOOST_REQUIRE(frame->caseList()->GetItemCount() == 1);
    frame->caseList()->SetItemState(0, wxLIST_STATE_SELECTED,
                                    wxLIST_STATE_SELECTED);  // as a click does
    settle();
    BOOST_REQUIRE(frame->currentCase().has_value());
    BOOST_TEST(frame->currentCase()->str() == fixture.caseId.str());

    frame->UpdateWindowUI(wxUPDATE_UI_RECURSE);
    BOOST_TEST(frame->GetMenuBar()->IsEnabled(wxID_PRINT));  // an agreed plan: printing offered
    BOOST_TEST(frame->GetMenuBar()->IsEnabled(nmdt::gui::ID_SAVE_PLAN_PDF));
    std::string banner = frame->caseRecord()->bannerText().utf8_string();
    BOOST_TEST(banner.find("Żółtowska, Łucja") != std::string::npos, banner);
    BOOST_TEST(banner.find("14-Mar-1948 (78y)") != std::string::npos, banner);
    BOOST_TEST(banner.find(formatNhsNumber(fixture.nhs)) != std::string::npos, banner);
    std::string record = frame->caseRecord()->recordText().utf8_string();
    for (const char* section :
         {"Referral", "Consent for information sharing", "Care team, carers and next of kin",
          "Care plan", "Actions", "MDT discussions", "Zofia Żółtowska", "Falls and isolation"})
        BOOST_TEST(record.find(section) != std::string::npos, section);
    BOOST_TEST(record.find("OVERDUE") !=
               std::string::npos);  // actions due 2-21 Nov are overdue on 23 Nov
    screenshot(frame, "case-record");
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(care_plan_pdf_has_banner_headings_and_whole_rows_on_every_page) {
    PlanStore fixture;
    auto* frame = new MainFrame(fixture.open(), fixture.clock, fixture.user);
    frame->showCase(fixture.caseId);
    std::string pdf = fixture.dir.file("care-plan.pdf");
    wxString problem;
    BOOST_REQUIRE_MESSAGE(frame->saveCarePlanPdf(pdf, problem), problem.utf8_string());
    BOOST_REQUIRE(std::filesystem::exists(pdf));
    BOOST_TEST(!std::filesystem::exists(pdf + ".part"));

    auto pages = pdfPages(pdf);
    BOOST_TEST_MESSAGE("care plan PDF pages: " << pages.size());
    BOOST_REQUIRE(pages.size() >= 3u);
    std::string info = commandOutput("pdfinfo '" + pdf + "'");
    std::smatch pageCount;
    BOOST_REQUIRE(std::regex_search(info, pageCount, std::regex("Pages:\\s+(\\d+)")));
    BOOST_TEST(std::stoul(pageCount[1]) == pages.size(), info);

    const std::string total = std::to_string(pages.size());
    std::string all;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const std::string& page = pages[i];
        BOOST_TEST_CONTEXT("page " << i + 1) {
            BOOST_TEST(page.find("Żółtowska, Łucja") != std::string::npos);
            BOOST_TEST(page.find("NHS No. " + formatNhsNumber(fixture.nhs)) != std::string::npos);
            BOOST_TEST(page.find("Born 14-Mar-1948") != std::string::npos);
            BOOST_TEST(page.find("Page " + std::to_string(i + 1) + " of " + total) !=
                       std::string::npos);
            BOOST_TEST(page.find("Printed 23-Nov-2026") != std::string::npos);
            BOOST_TEST(page.find("Version 1, agreed 23-Nov-2026 by Dr Amina Rahman") !=
                       std::string::npos);
        }
        all += page;
    }
    for (const char* heading :
         {"About me", "What matters to me", "My needs and the support planned",
          "My goals, in my words", "Planned actions", "contingency and crisis plan",
          "People involved in my care", "Consent for information sharing", "Review"})
        BOOST_TEST(all.find(heading) != std::string::npos, heading);
    // A heading is never left at the foot of a page without the start of its section.
    for (const auto& page : pages)
        if (page.find("Planned actions") != std::string::npos)
            BOOST_TEST(page.find("Action 001") != std::string::npos);
    BOOST_TEST(all.find("Chcę zostać w domu") != std::string::npos);
    BOOST_TEST(all.find("Zofia Żółtowska") != std::string::npos);
    BOOST_TEST(all.find("Polish interpreter") != std::string::npos);

    // Every action is printed once, and its title and the end of its detail share a page:
    // no row is cut or split across pages.
    for (int i = 1; i <= kActions; ++i) {
        BOOST_TEST_CONTEXT(actionTitle(i)) {
            BOOST_TEST(countOf(all, actionTitle(i)) == 1u);
            const std::regex marker("marker-" + std::to_string(i) + "(?![0-9])");
            bool together = false;
            for (const auto& page : pages)
                together = together || (page.find(actionTitle(i)) != std::string::npos &&
                                        std::regex_search(page, marker));
            BOOST_TEST(together);
        }
    }
    // Viewing the record and exporting the plan are both in the audit trail, once each.
    frame->showCase(fixture.caseId);  // a refresh of the record on screen is not a new view
    AuditQuery aboutCase;
    aboutCase.subject = "case:" + fixture.caseId.str();
    auto audited = frame->store().auditTrail(aboutCase);
    BOOST_REQUIRE(audited.size() == 2u);
    BOOST_TEST((audited[0].kind == AuditEventKind::ViewCase));
    BOOST_TEST((audited[1].kind == AuditEventKind::ExportPdf));
    BOOST_TEST(audited[1].userName == "Dr Amina Rahman");
    BOOST_TEST(audited[1].detail.find("Version 1") != std::string::npos, audited[1].detail);
    commandOutput("pdftoppm -r 60 -f 1 -l 2 -png '" + pdf + "' '" +
                  (std::filesystem::path(screenshot(frame, "care-plan-window")).parent_path() /
                   "care-plan-page")
                      .string() +
                  "'");
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(an_unwritable_pdf_path_says_why_and_leaves_nothing) {
    PlanStore fixture;
    auto* frame = new MainFrame(fixture.open(), fixture.clock, fixture.user);
    frame->showCase(fixture.caseId);
    wxString problem;
    std::string bad = fixture.dir.file("no-such-folder/plan.pdf");
    BOOST_TEST(!frame->saveCarePlanPdf(bad, problem));
    BOOST_TEST(problem.Contains("could not be saved"), problem.utf8_string());
    BOOST_TEST(!std::filesystem::exists(bad));
    BOOST_TEST(!std::filesystem::exists(bad + ".part"));
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(overdue_reviews_and_goals_and_a_desktop_that_never_synced_are_flagged) {
    PlanStore fixture;
    // Nine months after the review date (23-Feb-2027) and the goals' target (01-Mar-2027).
    fixture.clock->set(fixture.clock->now() + std::chrono::days(24 * 30));
    auto* frame = new MainFrame(fixture.open(), fixture.clock, fixture.user);
    frame->showCase(fixture.caseId);
    std::string record = frame->caseRecord()->recordText().utf8_string();
    BOOST_TEST(record.find("Care plan review OVERDUE") != std::string::npos, record);
    BOOST_TEST(record.find("REVIEW OVERDUE by") != std::string::npos);
    std::string pdf = fixture.dir.file("overdue.pdf");
    wxString problem;
    BOOST_REQUIRE_MESSAGE(frame->saveCarePlanPdf(pdf, problem), problem.utf8_string());
    auto pages = pdfPages(pdf);
    std::string all;
    for (const auto& page : pages) {
        // This desktop does not sync: every page says partners' changes may be missing.
        BOOST_TEST(page.find("Not synced: partners' changes missing") != std::string::npos, page);
        all += page;
    }
    BOOST_TEST(all.find("REVIEW OVERDUE by") != std::string::npos);
    BOOST_TEST(all.find("(OVERDUE)") != std::string::npos);  // goals past their target
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(the_residents_copy_is_in_plain_words_without_the_teams_flags) {
    PlanStore fixture;
    auto* frame = new MainFrame(fixture.open(), fixture.clock, fixture.user);
    frame->showCase(fixture.caseId);
    frame->UpdateWindowUI(wxUPDATE_UI_RECURSE);
    BOOST_TEST(frame->GetMenuBar()->IsEnabled(nmdt::gui::ID_RESIDENT_COPY));
    std::string standardPdf = fixture.dir.file("my-plan.pdf");
    std::string largePdf = fixture.dir.file("my-plan-large.pdf");
    wxString problem;
    BOOST_REQUIRE_MESSAGE(frame->saveResidentCopyPdf(standardPdf, false, problem),
                          problem.utf8_string());
    BOOST_REQUIRE_MESSAGE(frame->saveResidentCopyPdf(largePdf, true, problem),
                          problem.utf8_string());
    auto standard = pdfPages(standardPdf);
    auto large = pdfPages(largePdf);
    std::string all;
    for (const auto& page : standard) {
        BOOST_TEST(page.find("Żółtowska, Łucja") != std::string::npos);
        BOOST_TEST(page.find("Agreed with me on 23 November 2026") != std::string::npos, page);
        all += page;
    }
    for (const char* heading :
         {"My care and support plan", "What matters to me", "What I want to achieve",
          "The help I will get", "Who is doing what next", "If things get worse",
          "People I can contact", "When we will look at this plan again", "23 February 2027",
          "Chcę zostać w domu", "I want goal number 0", "Not started yet",
          "Support planned for domain 3", "Zofia Żółtowska, 07700 900111", "My key worker"})
        BOOST_TEST(all.find(heading) != std::string::npos, heading);
    // Nothing meant for the team only: consent decisions, the referral, overdue flags,
    // statuses, action details or the sync state.
    for (const char* internal : {"Consent", "Falls and isolation", "OVERDUE", "requested",
                                 "marker-", "synced", "Version 1"})
        BOOST_TEST(all.find(internal) == std::string::npos, internal);
    // The large-print copy carries the same words on more pages (16-point text).
    std::string allLarge;
    for (const auto& page : large)
        allLarge += page;
    BOOST_TEST(allLarge.find("I want goal number 5") != std::string::npos);
    BOOST_TEST(allLarge.find("Action 060") != std::string::npos);
    BOOST_TEST_MESSAGE("resident's copy pages: " << standard.size() << " standard, " << large.size()
                                                 << " large print");
    BOOST_TEST(large.size() * 10 >= standard.size() * 15);
    // The banner is drawn alike on every page: the first page's "Born" is no larger (a
    // font measured mid-header once drew page 1's details black and bigger).
    std::string boxes = commandOutput("pdftotext -bbox -f 1 -l 2 '" + largePdf + "' -");
    std::regex born("xMin=\"([0-9.]+)\" yMin=\"[0-9.]+\" xMax=\"([0-9.]+)\"[^>]*>Born<");
    std::vector<double> widths;
    for (auto it = std::sregex_iterator(boxes.begin(), boxes.end(), born);
         it != std::sregex_iterator(); ++it)
        widths.push_back(std::stod((*it)[2]) - std::stod((*it)[1]));
    BOOST_REQUIRE(widths.size() == 2u);
    BOOST_TEST(std::abs(widths[0] - widths[1]) < 0.5, widths[0] << " vs " << widths[1]);

    AuditQuery aboutCase;
    aboutCase.subject = "case:" + fixture.caseId.str();
    auto audited = frame->store().auditTrail(aboutCase);
    BOOST_REQUIRE(audited.size() == 3u);
    BOOST_TEST(audited[1].detail.find("resident's copy") != std::string::npos);
    BOOST_TEST(audited[2].detail.find("resident's copy, large print") != std::string::npos);
    const auto artifacts =
        std::filesystem::path(screenshot(frame, "resident-copy-window")).parent_path();
    std::filesystem::copy_file(largePdf, artifacts / "resident-copy-large.pdf",
                               std::filesystem::copy_options::overwrite_existing);
    commandOutput("pdftoppm -r 50 -f 1 -l 2 -png '" + largePdf + "' '" +
                  (artifacts / "resident-copy-large").string() + "'");
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_SUITE_END()
