// The audit trail in the window: an administrator sees who did what, filters it and checks
// the chain; anyone else is told they may not.
#include <boost/test/unit_test.hpp>

#include <wx/frame.h>

#include "audit_dialog.h"
#include "gui_support.h"
#include "model/case_service.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;

BOOST_AUTO_TEST_SUITE(audit_viewer)

BOOST_AUTO_TEST_CASE(an_administrator_reviews_and_filters_the_trail_and_checks_the_chain) {
    World w;
    auto id = CaseService(w.asChair())
                  .refer({resident("Rhian", "Lloyd", testNhsNumber(8801)), w.gp, w.practice,
                          "Isolation", day(2026, 11, 1), w.navigator});
    // As the window records them: a navigator views the record, the chair prints the plan.
    w.store->commit(ChangeSet::auditOnly({AuditEventKind::ViewCase, "case:" + id.str(), ""}),
                    w.asNavigator().actor);
    w.store->commit(
        ChangeSet::auditOnly({AuditEventKind::Print, "case:" + id.str(), "care plan v1"}),
        w.asChair().actor);

    auto* parent = new wxFrame(nullptr, wxID_ANY, "parent");
    {
        gui::AuditDialog dialog(parent, Commands(w.asAdministrator()), *w.store,
                                [&] { return w.store->verifyAudit(); });
        dialog.Show();
        settle();
        BOOST_TEST(dialog.count() >= 3);
        BOOST_TEST(dialog.cell(0, 4) == "print");      // newest first
        const auto shared = sharedMnemonics(&dialog);  // Check Chain's Alt+C was Close's too
        BOOST_TEST(shared.empty(), shared);
        BOOST_TEST(dialog.cell(0, 2) == "Dr Amina Rahman");
        screenshot(&dialog, "audit-trail");

        BOOST_TEST(dialog.show(AuditEventKind::ViewCase, {}, {}));
        BOOST_TEST(dialog.count() == 1);
        BOOST_TEST(dialog.cell(0, 2) == "Gwen Pritchard");
        BOOST_TEST(dialog.show(std::nullopt, w.chair.str(), "case:" + id.str()));
        BOOST_TEST(dialog.count() == 1);
        BOOST_TEST(dialog.show(std::nullopt, {}, "no-such-record"));
        BOOST_TEST(dialog.count() == 0);
        BOOST_TEST(dialog.checkChain());
        BOOST_TEST(dialog.message().Contains("intact"), dialog.message().utf8_string());
        dialog.Hide();
    }
    {
        gui::AuditDialog refused(parent, Commands(w.asNavigator()), *w.store,
                                 [&] { return w.store->verifyAudit(); });
        BOOST_TEST(refused.count() == 0);
        BOOST_TEST(!refused.message().empty());
        BOOST_TEST(!refused.show(std::nullopt, {}, {}));
    }
    parent->Destroy();
    settle();
}

BOOST_AUTO_TEST_SUITE_END()
