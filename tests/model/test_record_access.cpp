// What a person may see follows the resident's consent for their organisation, in the
// model: the same rule whichever screen, command or export asks.
#include <boost/test/unit_test.hpp>

#include "model/case_record_service.h"
#include "model/case_service.h"
#include "model/exchange_service.h"
#include "test_support.h"

using namespace nmdt;
using namespace nmdt::test;

namespace {
/// A resident referred by the practice, with nothing recorded for the VCFSE partner yet.
struct Referred {
    World w;
    CaseId id;
    Referred() {
        id = CaseService(w.asChair())
                 .refer({resident("Amal", "Haddad", testNhsNumber(910)),
                         w.gp,
                         w.practice,
                         "Isolation",
                         day(2026, 11, 1),
                         {}});
    }
    std::vector<Problem> viewedBy(ServiceContext ctx) {
        return problemsOf([&] { CaseRecordService(ctx).load(id); });
    }
};

bool refusedAsNotShared(const std::vector<Problem>& problems) {
    return !problems.empty() && problems.front().code == ErrorCode::NotShared;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(record_access)

BOOST_AUTO_TEST_CASE(a_refusal_withholds_the_record_from_everyone_in_that_organisation) {
    Referred r;
    CaseService(r.w.asChair()).recordConsent(r.id, r.w.vcfse, ConsentDecision::Deny);
    BOOST_TEST(refusedAsNotShared(r.viewedBy(r.w.asNavigator())));
    // Even a clinician of that organisation, and even to export it.
    ServiceContext clinician = r.w.as(r.w.gp, Role::Clinician, r.w.vcfse);
    BOOST_TEST(refusedAsNotShared(r.viewedBy(clinician)));
    BOOST_TEST(refusedAsNotShared(
        problemsOf([&] { ExchangeService(clinician).exportCase(r.id, "elsewhere"); })));
    // The referring organisation always sees what it holds.
    BOOST_TEST(r.viewedBy(r.w.asChair()).empty());
}

BOOST_AUTO_TEST_CASE(the_latest_decision_or_a_legal_basis_counts) {
    Referred r;
    CaseService chair(r.w.asChair());
    chair.recordConsent(r.id, r.w.vcfse, ConsentDecision::Deny);
    r.w.clock->set(r.w.clock->now() + std::chrono::days(2));
    chair.recordConsent(r.id, r.w.vcfse, ConsentDecision::Permit);
    BOOST_TEST(r.viewedBy(r.w.asNavigator()).empty());
    r.w.clock->set(r.w.clock->now() + std::chrono::days(2));
    chair.recordConsent(r.id, r.w.vcfse, ConsentDecision::Deny);
    BOOST_TEST(refusedAsNotShared(r.viewedBy(r.w.asNavigator())));
    r.w.clock->set(r.w.clock->now() + std::chrono::days(2));
    chair.recordConsent(r.id, r.w.vcfse, ConsentDecision::Deny, "Safeguarding (Care Act s.42)");
    BOOST_TEST(r.viewedBy(r.w.asNavigator()).empty());
}

BOOST_AUTO_TEST_CASE(with_no_decision_navigators_see_only_the_residents_they_work_with) {
    Referred r;
    BOOST_TEST(refusedAsNotShared(r.viewedBy(r.w.asNavigator())));
    BOOST_TEST(r.viewedBy(r.w.as(r.w.gp, Role::Clinician, r.w.vcfse)).empty());
    CaseService(r.w.asChair()).addToCareTeam(r.id, r.w.navigator, "community navigator");
    BOOST_TEST(r.viewedBy(r.w.asNavigator()).empty());
}

BOOST_AUTO_TEST_SUITE_END()
