#include <boost/test/unit_test.hpp>

#include "model/action.h"

using namespace nmdt;
using S = ActionStatus;

BOOST_AUTO_TEST_SUITE(action_states)

BOOST_AUTO_TEST_CASE(work_moves_forward) {
    BOOST_TEST(canTransition(S::Requested, S::Accepted));
    BOOST_TEST(canTransition(S::Accepted, S::InProgress));
    BOOST_TEST(canTransition(S::InProgress, S::Completed));
    BOOST_TEST(canTransition(S::OnHold, S::InProgress));
}

BOOST_AUTO_TEST_CASE(impossible_moves_are_refused) {
    BOOST_TEST(!canTransition(S::Requested, S::Completed));
    BOOST_TEST(!canTransition(S::Completed, S::Cancelled));
    BOOST_TEST(!canTransition(S::Declined, S::InProgress));
    for (S s : allValues<S>())
        BOOST_TEST(!canTransition(s, s));
}

BOOST_AUTO_TEST_CASE(reasons_are_required_where_they_matter) {
    BOOST_TEST(transitionNeedsReason(S::Requested, S::Declined));
    BOOST_TEST(transitionNeedsReason(S::InProgress, S::Cancelled));
    BOOST_TEST(transitionNeedsReason(S::InProgress, S::OnHold));
    BOOST_TEST(transitionNeedsReason(S::Completed, S::InProgress));  // reopening
    BOOST_TEST(!transitionNeedsReason(S::Accepted, S::InProgress));
}

BOOST_AUTO_TEST_CASE(overdue_means_open_and_past_due) {
    Action a;
    Date today = *parseIsoDate("2026-11-23");
    a.dueDate = *parseIsoDate("2026-11-22");
    BOOST_TEST(a.isOverdue(today));
    a.status = S::Completed;
    BOOST_TEST(!a.isOverdue(today));
    a.status = S::OnHold;
    a.dueDate.reset();
    BOOST_TEST(!a.isOverdue(today));
    a.dueDate = today;
    BOOST_TEST(!a.isOverdue(today));
}

BOOST_AUTO_TEST_CASE(codes_round_trip) {
    for (S s : allValues<S>())
        BOOST_TEST((fromCode<S>(codeOf(s)) == s));
    BOOST_TEST(!fromCode<S>("finished").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
