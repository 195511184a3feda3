// Identity shown as written: an NHS number beside an Arabic or Hebrew name reads in its
// own order in every list, title and PDF (each is rendered and read back with pdftotext).
#include <boost/test/unit_test.hpp>

#include <wx/listctrl.h>

#include <filesystem>

#include "action_list_view.h"
#include "actions_panel.h"
#include "case_list_view.h"
#include "case_record_panel.h"
#include "demo/demo_data.h"
#include "gui/main_frame.h"
#include "gui_support.h"
#include "identity_text.h"
#include "meetings_panel.h"
#include "model/action_service.h"
#include "model/care_plan_service.h"
#include "model/case_service.h"
#include "model/meeting_service.h"
#include "model/nhs_number.h"
#include "printing/pdf_writer.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;
using nmdt::gui::MainFrame;

namespace {
const char* kPass = "identity text test passphrase";

/// Residents with right-to-left names, each with an action and a place on the agenda of
/// a meeting that has been run.
struct RightToLeftNames {
    TempDir dir;
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(fixedNow());
    std::string path = dir.file("rtl.nmdt");
    Actor user;
    std::vector<std::pair<std::string, std::string>> names = {
        {"محمد", "Nasser"}, {"محمد", "ناصر"}, {"נועה", "כהן"}, {"Noa", "כהן"}};
    std::vector<CaseId> ids;
    std::vector<std::string> numbers;
    MeetingId meeting;

    RightToLeftNames() {
        auto store = storage::SqlCipherStore::create(path, Passphrase(kPass), clock);
        auto summary = demo::generateDemoData(*store, *clock, demo::DemoSize::small(), 2);
        SeededIdSource seeded(9);
        user = Actor{ProfessionalId(summary.chairId), "Dr Amina Rahman", Role::Chair,
                     OrganisationId()};
        ServiceContext ctx{*store, *clock, seeded, user};
        meeting = MeetingService(ctx).schedule(meetingOn(day(2026, 11, 26), user.userId));
        for (std::size_t i = 0; i < names.size(); ++i) {
            numbers.push_back(testNhsNumber(395 + static_cast<int>(i)));
            ids.push_back(
                CaseService(ctx).refer({resident(names[i].first, names[i].second, numbers.back()),
                                        {},
                                        {},
                                        "test",
                                        day(2026, 11, 1),
                                        {}}));
            NewAction action;
            action.caseId = ids.back();
            action.title = "Check benefits " + std::to_string(i);
            action.owner = user.userId;
            action.dueDate = day(2026, 11, 10);  // overdue: listed first
            ActionService(ctx).raise(action);
            MeetingService(ctx).addItem(meeting, ids.back(), "added-by-chair");
        }
        // An agreed plan for the resident whose names are both Arabic, to print.
        CarePlanService plans(ctx);
        CarePlanId draft = plans.startDraft(ids[1]);
        CarePlan p = *store->carePlan(draft);
        p.whatMattersToMe = "البقاء في بيتي";
        plans.saveDraft(p);
        plans.agree(draft);
    }
    std::unique_ptr<OpenStore> open() {
        return storage::SqlCipherStore::open(path, Passphrase(kPass), clock);
    }
};

/// What a reader sees when `text` is drawn on a page: rendered to a PDF by the same code
/// as every printout, and read back.
std::string asRendered(const std::string& text, const std::string& pdf) {
    nmdt::gui::Report report;
    report.title = "Rendering check";
    report.blocks.push_back(nmdt::gui::ReportBlock::paragraph(text));
    std::string error;
    BOOST_REQUIRE_MESSAGE(nmdt::gui::writeReportPdf(report, pdf, error), error);
    std::string all;
    for (const auto& page : pdfPages(pdf))
        all += page;
    return all;
}

bool readsAsWritten(const std::string& rendered, const std::string& digits) {
    return rendered.find(formatNhsNumber(digits)) != std::string::npos;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(identity_text)

BOOST_AUTO_TEST_CASE(the_check_sees_a_reversed_number_when_nothing_isolates_it) {
    // Without isolates, pango lays "Nasser, محمد  999 000 0395" out right to left from the
    // Arabic name on: the number reads backwards. The checks below would catch that.
    TempDir dir;
    std::string digits = testNhsNumber(395);
    std::string bare = "Nasser, محمد  " + formatNhsNumber(digits);
    BOOST_TEST(!readsAsWritten(asRendered(bare, dir.file("bare.pdf")), digits));
    std::string isolated = nmdt::gui::residentLabel("Nasser", "محمد", digits);
    BOOST_TEST(readsAsWritten(asRendered(isolated, dir.file("isolated.pdf")), digits));
    BOOST_TEST(nmdt::gui::withoutIsolates(isolated) == bare);
}

BOOST_AUTO_TEST_CASE(every_list_shows_the_number_as_written_beside_rtl_names) {
    RightToLeftNames fixture;
    auto* frame = new MainFrame(fixture.open(), fixture.clock, fixture.user);
    frame->Show();
    settle();
    int checked = 0;
    auto check = [&](const wxString& cell, const std::string& digits, const std::string& where) {
        BOOST_TEST_CONTEXT(where) {
            std::string text = cell.utf8_string();
            BOOST_TEST(nmdt::gui::withoutIsolates(text).find(formatNhsNumber(digits)) !=
                       std::string::npos);
            BOOST_TEST(readsAsWritten(
                asRendered(text, fixture.dir.file("cell" + std::to_string(checked) + ".pdf")),
                digits));
            ++checked;
        }
    };
    for (std::size_t i = 0; i < fixture.names.size(); ++i) {
        const std::string& digits = fixture.numbers[i];
        // The residents list: the name and the number in their own columns.
        frame->search(wxString::FromUTF8(formatNhsNumber(digits)));
        settle();
        BOOST_REQUIRE(frame->caseList()->GetItemCount() == 1);
        check(frame->caseList()->GetItemText(0, 1), digits, "residents list " + std::to_string(i));
        frame->showCase(fixture.ids[i]);
        settle();
        check(frame->caseRecord()->bannerText(), digits, "banner " + std::to_string(i));
    }
    // The Actions list names the resident and the number in one column.
    auto* actions = frame->actions();
    actions->setView(nmdt::gui::ActionsPanel::View::Mine);
    actions->refresh();
    settle();
    auto* list = actions->list();
    for (std::size_t i = 0; i < fixture.names.size(); ++i)
        for (long row = 0; row < list->GetItemCount(); ++row)
            if (list->GetItemText(row, 1).utf8_string().find(fixture.names[i].second) !=
                    std::string::npos &&
                list->GetItemText(row, 1).utf8_string().find(formatNhsNumber(fixture.numbers[i])) !=
                    std::string::npos)
                check(list->GetItemText(row, 1), fixture.numbers[i],
                      "actions list " + std::to_string(i));
    // So does the agenda.
    auto* meetings = frame->meetings();
    meetings->selectMeeting(fixture.meeting);
    settle();
    BOOST_REQUIRE(meetings->agendaList()->GetItemCount() >= 4);
    for (long row = 0; row < meetings->agendaList()->GetItemCount(); ++row) {
        std::string cell = meetings->agendaList()->GetItemText(row, 1).utf8_string();
        for (std::size_t i = 0; i < fixture.numbers.size(); ++i)
            if (nmdt::gui::withoutIsolates(cell).find(formatNhsNumber(fixture.numbers[i])) !=
                std::string::npos)
                check(wxString::FromUTF8(cell), fixture.numbers[i],
                      "agenda row " + std::to_string(row));
    }
    BOOST_TEST(checked == 4 * 2 + 4 + 4);
    screenshot(frame, "rtl-names-agenda");
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_CASE(printouts_show_the_number_as_written_beside_rtl_names) {
    RightToLeftNames fixture;
    auto* frame = new MainFrame(fixture.open(), fixture.clock, fixture.user);
    auto* meetings = frame->meetings();
    meetings->selectMeeting(fixture.meeting);
    std::string agendaPdf = fixture.dir.file("agenda.pdf");
    std::string minutesPdf = fixture.dir.file("minutes.pdf");
    wxString problem;
    BOOST_REQUIRE(meetings->savePdf(meetings->agendaPrintout(), agendaPdf, problem));
    BOOST_REQUIRE(meetings->savePdf(meetings->minutesPrintout(), minutesPdf, problem));
    std::string planPdf = fixture.dir.file("plan.pdf");
    frame->showCase(fixture.ids[1]);
    BOOST_REQUIRE_MESSAGE(frame->saveCarePlanPdf(planPdf, problem), problem.utf8_string());
    for (const auto& page : pdfPages(planPdf))
        BOOST_TEST(readsAsWritten(page, fixture.numbers[1]), page);
    for (const auto& pdf : {agendaPdf, minutesPdf}) {
        std::string all;
        for (const auto& page : pdfPages(pdf))
            all += page;
        for (const auto& digits : fixture.numbers)
            BOOST_TEST(readsAsWritten(all, digits), pdf << ": " << formatNhsNumber(digits));
    }
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_SUITE_END()
