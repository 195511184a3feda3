// The desktop end to end on whichever platform it was built for (on Windows under Wine in CI):
// unlock a store kept under a folder with non-ASCII letters and spaces with a non-ASCII
// passphrase, list the residents, find one by NHS number, show the record, save the care plan
// as a PDF. Screenshots and the PDF go to NMDT_TEST_ARTIFACTS, where the Windows runner
// reads the PDF back with pdftotext.
#include <boost/test/unit_test.hpp>

#include <wx/srchctrl.h>

#include <filesystem>
#include <fstream>

#include "case_list_view.h"
#include "case_record_panel.h"
#include "demo/demo_data.h"
#include "gui/main_frame.h"
#include "gui_support.h"
#include "model/care_plan_service.h"
#include "model/case_service.h"
#include "model/nhs_number.h"
#include "model/utf8_path.h"
#include "storage/sqlcipher_store.h"
#include "test_support.h"
#include "unlock_dialog.h"

using namespace nmdt;
using namespace nmdt::test;

namespace {
const char* kPass = "Clé d’accès — żółw 2026";

/// A demo neighbourhood plus one resident with an agreed plan, in a folder whose name a
/// Windows ANSI code page cannot hold.
struct SmokeStore {
    TempDir dir;
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(fixedNow());
    std::string folder = pathToUtf8(dir.path() / pathFromUtf8("Żółw practice — stores"));
    std::string path = folder + "/demo store.nmdt";
    std::string nhs = testNhsNumber(4243);
    Actor user;

    SmokeStore() {
        std::filesystem::create_directories(pathFromUtf8(folder));
        auto store = storage::SqlCipherStore::create(path, Passphrase(kPass), clock);
        auto summary = demo::generateDemoData(*store, *clock, demo::DemoSize{5, 2, 2, 3}, 8);
        user = Actor{ProfessionalId(summary.chairId), "Dr Amina Rahman", Role::Chair,
                     OrganisationId()};
        SeededIdSource ids(3);
        ServiceContext ctx{*store, *clock, ids, user};
        auto navigator = ProfessionalId(summary.navigatorId);
        auto org = OrganisationId(summary.navigatorOrgId);
        CaseId caseId = CaseService(ctx).refer({resident("Łucja", "Żółtowska", nhs), navigator, org,
                                                "Falls", day(2026, 10, 1), navigator});
        CaseService(ctx).recordConsent(caseId, org, ConsentDecision::Permit);
        CarePlanService plans(ctx);
        CarePlanId draft = plans.startDraft(caseId);
        CarePlan p = *store->carePlan(draft);
        p.whatMattersToMe = "Staying in my own home, near my daughter";
        p.reviewDate = day(2027, 2, 23);
        plans.saveDraft(p);
        plans.addGoal(draft, NeedDomain::PhysicalHealth, "Walk to the shop again", day(2027, 3, 1));
        plans.agree(draft);
    }
};

std::string artifact(const std::string& name) {
    const char* dir = std::getenv("NMDT_TEST_ARTIFACTS");
    std::filesystem::path folder = dir ? dir : "test-artifacts";
    std::filesystem::create_directories(folder);
    return pathToUtf8(folder / name);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(desktop_smoke)

BOOST_AUTO_TEST_CASE(unlock_list_find_show_and_save_a_care_plan_pdf) {
    SmokeStore fixture;
    storage::SqlCipherStoreProvider provider(fixture.clock);
    gui::UnlockDialog unlock(nullptr, provider, wxString::FromUTF8(fixture.path));
    unlock.Show();
    settle();
    // The store predates key slots: the chair's first sign-in moves it onto them, and every
    // write after that must be in her name.
    unlock.userField()->SetValue("Dr Amina Rahman");
    unlock.passphraseField()->SetValue(wxString::FromUTF8("clé d’accès — żółw 2026"));
    BOOST_TEST(!unlock.tryUnlock());  // one letter's case wrong: refused, nothing opened
    BOOST_TEST(!unlock.takeSignedIn().store);
    unlock.passphraseField()->SetValue(wxString::FromUTF8(kPass));
    BOOST_REQUIRE(unlock.tryUnlock());
    auto store = unlock.takeSignedIn().store;
    BOOST_REQUIRE(store);
    unlock.Hide();

    auto* frame = new gui::MainFrame(std::move(store), fixture.clock, fixture.user);
    frame->SetSize(frame->FromDIP(wxSize(1280, 800)));
    frame->Show();
    settle();
    BOOST_TEST(frame->caseList()->GetItemCount() > 5);
    screenshot(frame, "desktop-smoke-residents");

    frame->searchBox()->SetValue(formatNhsNumber(fixture.nhs));
    settle();
    BOOST_REQUIRE(frame->caseList()->GetItemCount() == 1);
    frame->caseList()->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    settle();
    BOOST_REQUIRE(frame->currentCase().has_value());
    std::string banner = frame->caseRecord()->bannerText().utf8_string();
    BOOST_TEST(banner.find("Żółtowska, Łucja") != std::string::npos, banner);
    BOOST_TEST(frame->caseRecord()->recordText().utf8_string().find("Falls") != std::string::npos);
    screenshot(frame, "desktop-smoke-record");

    // Saved beside the store (non-ASCII folder), then copied out for pdftotext.
    std::string pdf = fixture.folder + "/care plan Żółtowska.pdf";
    wxString problem;
    BOOST_REQUIRE_MESSAGE(frame->saveCarePlanPdf(pdf, problem), problem.utf8_string());
    BOOST_REQUIRE(std::filesystem::exists(pathFromUtf8(pdf)));
    BOOST_TEST(readBytes(pdf).rfind("%PDF", 0) == 0);
    std::filesystem::copy_file(pathFromUtf8(pdf), pathFromUtf8(artifact("desktop-smoke.pdf")),
                               std::filesystem::copy_options::overwrite_existing);
    frame->Destroy();
    settle();
}

BOOST_AUTO_TEST_SUITE_END()
