// A new desktop joining its organisation from a snapshot instead of replaying the team's
// history: it must end exactly as a desktop that replayed everything, resume a cut
// transfer, and refuse a tampered chunk, another team's chunk, or a case its organisation
// may not see.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <boost/test/unit_test.hpp>

#include <set>
#include <sstream>

#include "encrypted_database.h"

#include "faulty_transport.h"
#include "integration/invitation.h"
#include "model/action_service.h"
#include "model/case_finding_service.h"
#include "model/case_service.h"
#include "model/meeting_service.h"
#include "model/outcome_service.h"
#include "sync_fixture.h"
#include "test_neighbourhood.h"

using namespace nmdt;
using namespace nmdt::test;

namespace {

/// Passes everything on, counting chunk requests; `alterChunk` may change what comes back
/// and `failChunk` fails a chunk's first requests as a cut network would.
struct ChunkWatcher : ForwardingTransport {
    std::map<int, int>* fetched = nullptr;
    std::function<void(SealedSnapshotChunk&)> alterChunk;
    int failChunk = -1;
    int failuresLeft = 0;
    SealedSnapshotChunk snapshotChunk(const std::string& team, const std::string& id,
                                      int chunk) override {
        if (chunk == failChunk && failuresLeft > 0) {
            --failuresLeft;
            throw SyncError(SyncError::Kind::Network, "test: the connection was cut");
        }
        if (fetched)
            ++(*fetched)[chunk];
        auto c = inner->snapshotChunk(team, id, chunk);
        if (alterChunk)
            alterChunk(c);
        return c;
    }
};

/// The indexes a desktop's store file holds, read on a connection of its own.
std::set<std::string> indexesOf(const Desktop& d) {
    auto db = storage::openEncryptedDatabase(d.path(), Passphrase("correct horse battery staple"),
                                             storage::OpenIntent::OpenExisting);
    std::set<std::string> out;
    SQLite::Statement st(*db, "SELECT name FROM sqlite_master WHERE type = 'index'");
    while (st.executeStep())
        out.insert(st.getColumn(0).getString());
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sync_snapshot)

BOOST_AUTO_TEST_CASE(a_new_desktop_joins_from_a_snapshot_and_ends_as_one_that_replayed) {
    Neighbourhood n;
    auto published = n.vcfse.publishSnapshot(6);
    BOOST_REQUIRE((published.outcome == SnapshotPublishReport::Outcome::Published));
    BOOST_TEST(published.chunks > 2);
    n.laterEdits();

    Desktop joiner{4, n.hub, n.team};
    std::map<int, int> fetched;
    joiner.wrapTransport = [&](std::unique_ptr<HubTransport> inner) {
        auto t = std::make_unique<ChunkWatcher>();
        t->inner = std::move(inner);
        t->fetched = &fetched;
        return std::unique_ptr<HubTransport>(std::move(t));
    };
    auto report = joiner.sync();
    requireSynced(report);
    BOOST_TEST(report.joinedFromSnapshot);
    BOOST_TEST(report.snapshotRecords == published.records);
    BOOST_TEST(fetched.size() == static_cast<std::size_t>(published.chunks));
    BOOST_TEST(!report.snapshotRefused);
    // Its indexes were set aside for the load and built again: all there, as in any store.
    BOOST_TEST(indexesOf(joiner) == indexesOf(n.vcfse));

    // The same records as the desktop that replayed everything, but for the producer's
    // private note; nothing of the case the VCFSE may not see.
    requireSynced(n.vcfse.sync());
    BOOST_TEST(dumpWithout(*joiner.store, "") == dumpWithout(*n.vcfse.store, n.privateNote.str()));
    BOOST_TEST(!joiner.store->caseById(n.practiceOnly));
    BOOST_TEST(joiner.store->notes(n.navigatorsAction).size() == 1u);
    // History was not replayed: the joiner's change log holds only what came after.
    BOOST_TEST(editsOf(*joiner.store).size() < editsOf(*n.vcfse.store).size());

    // The joiner's own edits order after everything it loaded, and reach everyone.
    ActionService actions(joiner.as(n.people.navigator, Role::Navigator, kVcfse));
    actions.changeStatus(n.navigatorsAction, ActionStatus::InProgress);
    requireSynced(joiner.sync());
    requireSynced(n.vcfse.sync());
    requireSynced(n.practice.sync());
    BOOST_TEST((n.practice.store->action(n.navigatorsAction)->status == ActionStatus::InProgress));
    BOOST_TEST(dumpWithout(*joiner.store, "") == dumpWithout(*n.vcfse.store, n.privateNote.str()));
}

BOOST_AUTO_TEST_CASE(a_case_finding_list_never_leaves_the_practice_desktop) {
    Neighbourhood n;
    // Case finding is a GP practice's, by its ODS code.
    ChangeSet ods("test-ods-code");
    ods.update(EntityKind::Organisation, kPractice.str(), {{"ods_code", std::string("Y00001")}});
    n.practice.as(n.people.admin, Role::Administrator, kPractice).commit(ods);
    requireSynced(n.practice.sync());

    // The practice's search: one resident the team knows, one never referred.
    const std::string csv = "NHS Number,Date of Birth,Surname,Forename,Practice Code,eFI\n" +
                            testNhsNumber(7100) + ",1940-01-01,Number0,Resident,Y00001,Severe\n" +
                            testNhsNumber(7300) + ",1941-02-02,Unreferred,Person,Y00001,Mild\n";
    CaseFindingService finding(n.practice.as(n.people.gp, Role::Clinician, kPractice));
    auto list = finding.importList(
        {"Frailty", "frailty.csv", csv, proposeMapping(readCsv(csv).header, std::nullopt)});
    BOOST_TEST(list.known == 1u);
    finding.screen(n.practice.store->screeningRows({list.list})[1].entry.id,
                   ScreeningDecision::Objected, "", {});
    BOOST_TEST(n.practice.store->pendingChanges() == 0u);

    // Nothing goes on the wire, nothing into a snapshot, nothing reaches a partner.
    auto sent = n.practice.sync();
    requireSynced(sent);
    BOOST_TEST(sent.pushedChanges == 0u);
    BOOST_TEST(sent.pushedEnvelopes == 0u);
    auto published = n.practice.publishSnapshot(6);
    BOOST_REQUIRE((published.outcome == SnapshotPublishReport::Outcome::Published));
    Desktop joiner{3, n.hub, n.team};  // a second desktop at the practice
    auto joined = joiner.sync();
    requireSynced(joined);
    BOOST_TEST(joined.joinedFromSnapshot);
    BOOST_TEST(joiner.store->caseByNhsNumber(testNhsNumber(7100)).has_value());
    BOOST_TEST(joiner.store->caseFindingLists(kPractice).empty());
    BOOST_TEST(joiner.store->canonicalDump().find("Unreferred") == std::string::npos);
    requireSynced(n.vcfse.sync());
    BOOST_TEST(n.vcfse.store->caseFindingLists(kPractice).empty());
    BOOST_TEST(!n.vcfse.store->caseByNhsNumber(testNhsNumber(7300)).has_value());
    // The practice still has it, screened as it was.
    BOOST_TEST(n.practice.store->screeningRows({list.list, ScreeningDecision::Objected}).size() ==
               1u);
}

BOOST_AUTO_TEST_CASE(wellbeing_travels_with_the_case_and_service_use_stays_at_the_practice) {
    Neighbourhood n;
    ChangeSet ods("test-ods-code");
    ods.update(EntityKind::Organisation, kPractice.str(), {{"ods_code", std::string("Y00001")}});
    n.practice.as(n.people.admin, Role::Administrator, kPractice).commit(ods);
    requireSynced(n.practice.sync());

    OutcomeService outcomes(n.practice.as(n.people.gp, Role::Clinician, kPractice));
    for (const CaseId& id : {n.shared[0], n.practiceOnly}) {
        WellbeingScore s;
        s.caseId = id;
        s.recordedOn = day(2026, 11, 2);
        s.occasion = WellbeingOccasion::Referral;
        s.lifeSatisfaction = 4;
        s.anxiety = 7;
        outcomes.recordWellbeing(s);
    }
    const std::size_t pendingBefore = n.practice.store->pendingChanges();
    const std::string csv = "NHS Number,Month,A&E attendances,Emergency admissions,GP contacts\n" +
                            testNhsNumber(7100) + ",2026-10,3,1,2\n";
    auto imported = outcomes.importServiceUse(csv, "use.csv");
    BOOST_TEST(imported.months == 1u);
    BOOST_TEST(n.practice.store->pendingChanges() == pendingBefore);  // nothing to send

    requireSynced(n.practice.sync());
    requireSynced(n.vcfse.sync());
    // The partner with consent gets the score; not the resident who gave it none.
    BOOST_TEST(n.vcfse.store->wellbeingScores(n.shared[0]).size() == 1u);
    BOOST_TEST(n.vcfse.store->wellbeingScores().size() == 1u);
    BOOST_TEST(n.vcfse.store->serviceUse().empty());
    // A second desktop at the practice joining from a snapshot: the scores, never the
    // service use (it was imported on the first desktop and stays there).
    auto published = n.practice.publishSnapshot(6);
    BOOST_REQUIRE((published.outcome == SnapshotPublishReport::Outcome::Published));
    Desktop joiner{3, n.hub, n.team};
    requireSynced(joiner.sync());
    BOOST_TEST(joiner.store->wellbeingScores().size() == 2u);
    BOOST_TEST(joiner.store->serviceUse().empty());
    BOOST_TEST(n.practice.store->serviceUse().size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_snapshot_cut_mid_transfer_resumes_where_it_stopped) {
    Neighbourhood n;
    auto published = n.vcfse.publishSnapshot(4);
    BOOST_REQUIRE((published.outcome == SnapshotPublishReport::Outcome::Published));
    BOOST_REQUIRE(published.chunks > 3);

    Desktop joiner{4, n.hub, n.team};
    std::map<int, int> fetched;
    int failures = 5;  // every retry of one run
    joiner.wrapTransport = [&](std::unique_ptr<HubTransport> inner) {
        auto t = std::make_unique<ChunkWatcher>();
        t->inner = std::move(inner);
        t->fetched = &fetched;
        t->failChunk = 2;
        t->failuresLeft = failures;
        failures = 0;
        return std::unique_ptr<HubTransport>(std::move(t));
    };
    auto cut = joiner.sync();
    BOOST_TEST(!cut.completed);
    BOOST_REQUIRE(cut.problem);
    BOOST_TEST(cut.problem->kind == "network");
    BOOST_TEST(cut.snapshotRecords > 0u);
    BOOST_TEST(joiner.store->syncCursors().pulledThrough == 0);
    // Cut with its indexes set aside: the window's reads still answer, and a store opened
    // now (as the desktop's next sync run opens its own) builds them again.
    const auto full = indexesOf(n.vcfse);
    BOOST_TEST(indexesOf(joiner).size() < full.size());
    BOOST_CHECK_NO_THROW(joiner.store->casePage(0, 50));
    BOOST_CHECK_NO_THROW(joiner.store->outcomeCases());
    BOOST_CHECK_NO_THROW(joiner.store->actionTallies());
    storage::SqlCipherStore::open(joiner.path(), Passphrase("correct horse battery staple"));
    BOOST_TEST(indexesOf(joiner) == full);

    auto resumed = joiner.sync();
    requireSynced(resumed);
    BOOST_TEST(resumed.joinedFromSnapshot);
    BOOST_TEST(cut.snapshotRecords + resumed.snapshotRecords == published.records);
    for (const auto& [chunk, times] : fetched)
        BOOST_TEST_CONTEXT("chunk " << chunk) {
            BOOST_TEST(times == 1);
        }
    BOOST_TEST(joiner.store->syncCursors().pulledThrough == published.cursor);
    BOOST_TEST(indexesOf(joiner) == full);
    requireSynced(n.vcfse.sync());
    BOOST_TEST(dumpWithout(*joiner.store, "") == dumpWithout(*n.vcfse.store, n.privateNote.str()));
}

BOOST_AUTO_TEST_CASE(a_tampered_chunk_is_refused_and_the_desktop_replays_the_history) {
    Neighbourhood n;
    auto published = n.vcfse.publishSnapshot(6);
    BOOST_REQUIRE(published.chunks > 2);
    Desktop joiner{4, n.hub, n.team};
    joiner.wrapTransport = [&](std::unique_ptr<HubTransport> inner) {
        auto t = std::make_unique<ChunkWatcher>();
        t->inner = std::move(inner);
        t->alterChunk = [](SealedSnapshotChunk& c) {
            if (c.header.chunk == 1)
                c.ciphertext[c.ciphertext.size() / 2] ^= 0x20;
        };
        return std::unique_ptr<HubTransport>(std::move(t));
    };
    auto report = joiner.sync();
    requireSynced(report);
    BOOST_TEST(!report.joinedFromSnapshot);
    BOOST_REQUIRE(report.snapshotRefused);
    BOOST_TEST(report.snapshotRefused->message.find("altered") != std::string::npos);
    BOOST_TEST(report.receivedEnvelopes > 0u);  // the history, replayed instead
    requireSynced(n.vcfse.sync());
    BOOST_TEST(dumpWithout(*joiner.store, "") == dumpWithout(*n.vcfse.store, n.privateNote.str()));
    // Refused once: the next run does not try that snapshot again.
    auto again = joiner.sync();
    requireSynced(again);
    BOOST_TEST(!again.snapshotRefused);
    BOOST_TEST(again.snapshotRecords == 0u);
}

BOOST_AUTO_TEST_CASE(a_chunk_of_another_team_is_refused) {
    Neighbourhood n;
    // Another team on the same hub, whose VCFSE desktop publishes a snapshot of its own.
    auto otherTeam = integration::createTeam(n.hub.url(), "southvale");
    Desktop otherChair{3, n.hub, otherTeam};
    n.people.writeTo(otherChair);
    requireSynced(otherChair.sync());
    Desktop otherVcfse{1, n.hub, otherTeam};
    requireSynced(otherVcfse.sync());
    auto theirs = otherVcfse.publishSnapshot(6);
    BOOST_REQUIRE((theirs.outcome == SnapshotPublishReport::Outcome::Published));

    Desktop joiner{4, n.hub, n.team};
    // A hub (or whoever sits between) that lists and serves the other team's snapshot.
    struct OtherTeams : ForwardingTransport {
        std::string team;
        std::optional<SnapshotListing> latestSnapshot(const std::string&) override {
            return inner->latestSnapshot(team);
        }
        SealedSnapshotChunk snapshotChunk(const std::string&, const std::string& id,
                                          int chunk) override {
            return inner->snapshotChunk(team, id, chunk);
        }
    };
    joiner.wrapTransport = [&](std::unique_ptr<HubTransport> inner) {
        auto t = std::make_unique<OtherTeams>();
        t->inner = std::move(inner);
        t->team = otherTeam.team;
        return std::unique_ptr<HubTransport>(std::move(t));
    };
    auto report = joiner.sync();
    requireSynced(report);
    BOOST_REQUIRE(report.snapshotRefused);
    BOOST_TEST(report.snapshotRefused->message.find("another team") != std::string::npos);
    BOOST_TEST(report.snapshotRecords == 0u);
    requireSynced(n.vcfse.sync());
    BOOST_TEST(dumpWithout(*joiner.store, "") == dumpWithout(*n.vcfse.store, n.privateNote.str()));
}

BOOST_AUTO_TEST_CASE(a_snapshot_holding_a_case_the_organisation_may_not_see_is_refused) {
    Neighbourhood n;
    // A VCFSE desktop (bad software, or a bad actor with its certificate) seals the
    // practice-only case into a snapshot for the VCFSE and publishes it.
    ChangeLogEntry by;
    by.siteId = n.vcfse.store->siteId();
    by.hlc = {1, 0};
    auto records = n.practice.store->caseSnapshot(n.practiceOnly, by);
    BOOST_REQUIRE(!records.empty());
    for (auto& r : records)
        r.change.siteId = by.siteId;
    auto sealer = integration::makeEnvelopeSealer(n.vcfse.credentials);
    auto transport = integration::makeHubTransport(n.vcfse.credentials);
    SnapshotHeader header{n.team.team,
                          by.siteId,
                          kVcfse.str(),
                          "forged-snapshot",
                          n.team.keyId,
                          n.vcfse.store->syncCursors().pulledThrough,
                          0,
                          true};
    transport->publishSnapshotChunk(sealer->sealSnapshotChunk(header, records));

    Desktop joiner{4, n.hub, n.team};
    auto report = joiner.sync();
    requireSynced(report);
    BOOST_REQUIRE(report.snapshotRefused);
    BOOST_TEST(report.snapshotRefused->message.find("no consent to see") != std::string::npos);
    BOOST_TEST(!joiner.store->caseById(n.practiceOnly));
    requireSynced(n.vcfse.sync());
    BOOST_TEST(dumpWithout(*joiner.store, "") == dumpWithout(*n.vcfse.store, n.privateNote.str()));
}

BOOST_AUTO_TEST_CASE(a_consent_withdrawn_before_the_snapshot_keeps_the_case_out_of_it) {
    Neighbourhood n;
    // The resident tells the navigator they no longer want Age Well to hold their record.
    CaseService cases(n.vcfse.as(n.people.navigator, Role::Navigator, kVcfse));
    cases.recordConsent(n.shared[2], kVcfse, ConsentDecision::Deny);
    requireSynced(n.vcfse.sync());
    auto published = n.vcfse.publishSnapshot(6);
    BOOST_REQUIRE((published.outcome == SnapshotPublishReport::Outcome::Published));

    Desktop joiner{4, n.hub, n.team};
    auto report = joiner.sync();
    requireSynced(report);
    BOOST_TEST(report.joinedFromSnapshot);
    BOOST_TEST(!joiner.store->caseById(n.shared[2]));
    BOOST_TEST(joiner.store->caseById(n.shared[1]).has_value());
}

BOOST_AUTO_TEST_CASE(the_hub_keeps_a_snapshot_to_its_organisation) {
    Neighbourhood n;
    BOOST_REQUIRE(
        (n.vcfse.publishSnapshot(6).outcome == SnapshotPublishReport::Outcome::Published));
    // The practice's desktops are not told of the VCFSE's snapshot, nor served it.
    auto practiceHub = integration::makeHubTransport(n.practice.credentials);
    BOOST_TEST(!practiceHub->latestSnapshot(n.team.team));
    auto vcfseHub = integration::makeHubTransport(n.vcfse.credentials);
    auto listing = vcfseHub->latestSnapshot(n.team.team);
    BOOST_REQUIRE(listing);
    BOOST_CHECK_THROW(practiceHub->snapshotChunk(n.team.team, listing->id, 0), SyncError);
    // Nor may a desktop publish one for another organisation.
    auto sealer = integration::makeEnvelopeSealer(n.practice.credentials);
    SnapshotHeader header{
        n.team.team, n.practice.store->siteId(), kVcfse.str(), "not-ours", n.team.keyId, 1, 0,
        true};
    try {
        practiceHub->publishSnapshotChunk(sealer->sealSnapshotChunk(header, {}));
        BOOST_FAIL("the hub took a snapshot for another organisation");
    } catch (const SyncError& e) {
        BOOST_TEST(std::string(e.what()).find("organisation") != std::string::npos);
    }
    BOOST_TEST(vcfseHub->latestSnapshot(n.team.team)->id == listing->id);
}

BOOST_AUTO_TEST_CASE(a_desktop_that_has_never_pulled_has_nothing_to_publish) {
    Neighbourhood n;
    Desktop fresh{4, n.hub, n.team};
    fresh.joinFromSnapshot = false;
    BOOST_TEST((fresh.publishSnapshot().outcome == SnapshotPublishReport::Outcome::NeverPulled));
    requireSynced(fresh.sync());
    BOOST_TEST((fresh.publishSnapshot().outcome == SnapshotPublishReport::Outcome::Published));
}

BOOST_AUTO_TEST_SUITE_END()
