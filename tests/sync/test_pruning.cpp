// The hub dropping envelopes behind snapshots: only what every desktop has passed and every
// organisation it is for holds in a snapshot; a desktop offline meanwhile still catches up,
// an organisation without a snapshot keeps its history, and a desktop asking for what was
// dropped is told why.
#include <boost/test/unit_test.hpp>

#include "model/case_service.h"
#include "model/history_compaction.h"
#include "sync_fixture.h"
#include "test_neighbourhood.h"

using namespace nmdt;
using namespace nmdt::test;

namespace {

/// The neighbourhood, one case shared with the council too, and a practice desktop that
/// caught up once and then went away.
struct PrunedNeighbourhood : Neighbourhood {
    Desktop away{3, hub, team};
    CaseId councilCase;

    PrunedNeighbourhood() {
        CaseService cases(practice.as(people.gp, Role::Clinician, kPractice));
        councilCase = shared[2];
        cases.recordConsent(councilCase, kCouncil, ConsentDecision::Permit);
        requireSynced(practice.sync());
        // The hub learns what a desktop has applied from its next request.
        requireSynced(away.sync());
        requireSynced(away.sync());
        laterEdits();
        requireSynced(vcfse.sync());
    }

    std::unique_ptr<EnvelopeLog> log() const { return hub.openLog(); }

    /// Both organisations publish, then every desktop catches up (the hub prunes then).
    void publishBothAndCatchUp() {
        BOOST_REQUIRE(
            (practice.publishSnapshot(6).outcome == SnapshotPublishReport::Outcome::Published));
        BOOST_REQUIRE(
            (vcfse.publishSnapshot(6).outcome == SnapshotPublishReport::Outcome::Published));
        requireSynced(away.sync());
        requireSynced(vcfse.sync());
        requireSynced(practice.sync());
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(sync_pruning)

BOOST_AUTO_TEST_CASE(envelopes_go_behind_snapshots_but_never_one_an_offline_desktop_needs) {
    PrunedNeighbourhood n;
    const auto before = n.log()->envelopeCount();
    const auto awayAt = n.away.store->syncCursors().pulledThrough;
    BOOST_REQUIRE(awayAt > 0);

    // Both organisations publish, then each catches up (the hub prunes then).
    BOOST_REQUIRE(
        (n.practice.publishSnapshot(6).outcome == SnapshotPublishReport::Outcome::Published));
    BOOST_REQUIRE(
        (n.vcfse.publishSnapshot(6).outcome == SnapshotPublishReport::Outcome::Published));
    requireSynced(n.practice.sync());
    requireSynced(n.vcfse.sync());

    // Dropped: only what the desktop that went away had already applied.
    const auto droppedWhileAway = n.log()->droppedThrough(n.team.team, kPractice.str());
    BOOST_TEST(droppedWhileAway > 0);
    BOOST_TEST(droppedWhileAway <= awayAt);
    BOOST_TEST(n.log()->envelopeCount() < before);

    // It comes back and catches up with everything it missed.
    requireSynced(n.away.sync());
    BOOST_TEST(dumpWithout(*n.away.store, "") == dumpWithout(*n.practice.store, ""));

    // Once the hub hears it has passed them too, the rest behind the snapshots go.
    requireSynced(n.away.sync());
    requireSynced(n.practice.sync());
    BOOST_TEST(n.log()->droppedThrough(n.team.team, kPractice.str()) > awayAt);
}

BOOST_AUTO_TEST_CASE(an_organisation_without_a_snapshot_keeps_its_history) {
    PrunedNeighbourhood n;
    n.publishBothAndCatchUp();
    BOOST_TEST(n.log()->droppedThrough(n.team.team, kPractice.str()) > 0);
    BOOST_TEST(n.log()->droppedThrough(n.team.team, kCouncil.str()) == 0);

    // The council's first desktop replays everything meant for it: the case shared with it
    // (its envelopes name the council, which has no snapshot) and the directory.
    Desktop council{2, n.hub, n.team};
    auto report = council.sync();
    requireSynced(report);
    BOOST_TEST(!report.joinedFromSnapshot);
    auto theirs = council.store->caseById(n.councilCase);
    BOOST_REQUIRE(theirs.has_value());
    BOOST_TEST(theirs->resident.familyName ==
               n.practice.store->caseById(n.councilCase)->resident.familyName);
    BOOST_TEST(!council.store->caseById(n.shared[0]));
}

BOOST_AUTO_TEST_CASE(a_desktop_asking_for_dropped_history_is_told_and_a_new_one_joins) {
    PrunedNeighbourhood n;
    n.publishBothAndCatchUp();
    BOOST_REQUIRE(n.log()->droppedThrough(n.team.team, kVcfse.str()) > 0);

    // Replaying from the start cannot work any more: refused, saying why, nothing loaded.
    Desktop replaying{4, n.hub, n.team};
    replaying.joinFromSnapshot = false;
    auto refused = replaying.sync();
    BOOST_TEST(!refused.completed);
    BOOST_REQUIRE(refused.problem.has_value());
    BOOST_TEST(refused.problem->message.find("no longer holds") != std::string::npos);
    BOOST_TEST(replaying.store->syncCursors().pulledThrough == 0);
    BOOST_TEST(!replaying.store->caseById(n.shared[0]));

    // From the snapshot it ends as the desktop that kept everything (less its private note).
    Desktop joiner{4, n.hub, n.team};
    auto joined = joiner.sync();
    requireSynced(joined);
    BOOST_TEST(joined.joinedFromSnapshot);
    requireSynced(n.vcfse.sync());
    BOOST_TEST(dumpWithout(*joiner.store, "") == dumpWithout(*n.vcfse.store, n.privateNote.str()));
}

BOOST_AUTO_TEST_CASE(a_desktop_that_compacted_its_history_still_sends_and_merges_as_before) {
    Neighbourhood n;
    // The practice changes a resident, unsent, then lets go of its history as if a year
    // had passed; what waited is still sent, and sync goes on as before.
    CaseService cases(n.practice.as(n.people.gp, Role::Clinician, kPractice));
    auto r = cases.get(n.shared[0]).resident;
    r.phone = "0117 496 0777";
    cases.updateResident(n.shared[0], r);
    auto own = cases.get(n.practiceOnly).resident;
    own.phone = "0117 496 0778";
    cases.updateResident(n.practiceOnly, own);
    FixedClock aYearOn(n.practice.clock->now() + std::chrono::days(400));
    auto done = compactHistory(
        ServiceContext{*n.practice.store, aYearOn, n.practice.ids,
                       Actor{n.people.admin, "Pat Admin", Role::Administrator, kPractice}},
        *n.practice.store, 365, {});
    BOOST_TEST(done.removed > 0u);
    BOOST_TEST(n.practice.store->pendingChanges() > 0u);
    // The resident known only to the practice agrees to share with the VCFSE: its whole
    // record goes, though the history of how it was written has been let go here.
    cases.recordConsent(n.practiceOnly, kVcfse, ConsentDecision::Permit);
    requireSynced(n.practice.sync());
    requireSynced(n.vcfse.sync());
    BOOST_TEST(n.vcfse.store->caseById(n.shared[0])->resident.phone == "0117 496 0777");
    auto theirs = n.vcfse.store->caseById(n.practiceOnly);
    BOOST_REQUIRE(theirs.has_value());
    BOOST_TEST(theirs->resident.phone == "0117 496 0778");
    BOOST_TEST(theirs->referralReason ==
               n.practice.store->caseById(n.practiceOnly)->referralReason);
    BOOST_TEST(n.practice.store->pendingChanges() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
