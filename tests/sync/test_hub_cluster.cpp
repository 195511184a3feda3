// Several hub instances on one PostgreSQL database, as an ICB runs them behind a load
// balancer: sequences stay gap-free and in order per team whichever instance stores a push,
// and an instance killed in the middle of storing one loses nothing.
#include <libpq-fe.h>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "integration/sync_credentials.h"
#include "model/case_service.h"
#include "sync_fixture.h"
#include "test_postgres.h"

using namespace nmdt;
using namespace nmdt::test;

namespace {

void requireSynced(const SyncReport& r) {
    BOOST_REQUIRE_MESSAGE(r.completed, (r.problem ? r.problem->message : std::string()));
}

std::int64_t bigEndian(const std::string& bytes) {
    std::uint64_t v = 0;
    for (unsigned char c : bytes)
        v = (v << 8) | c;
    return static_cast<std::int64_t>(v);
}

/// The sequences the database holds for a team, in order.
std::vector<std::int64_t> sequencesOf(const HubProcess& hub, const std::string& team) {
    std::vector<std::int64_t> out;
    for (const auto& row :
         TestPostgres::query(hub.postgresql(),
                             "SELECT seq FROM envelopes WHERE team = '" + team + "' ORDER BY seq"))
        out.push_back(bigEndian(row.at(0)));
    return out;
}

/// `count` referrals at desktop `d` by someone of its own organisation, shared with all three.
void refer(Desktop& d, const TestDirectory& people, int count, int firstNhs) {
    const auto org = TestPki::organisationOfSite(d.site);
    const auto who = org == kVcfse     ? people.navigator
                     : org == kCouncil ? people.socialWorker
                                       : people.gp;
    CaseService cases(d.as(who, org == kVcfse ? Role::Navigator : Role::Clinician, org));
    for (int i = 0; i < count; ++i) {
        auto id = cases.refer(
            {resident("Nia", "Cluster" + std::to_string(firstNhs + i), testNhsNumber(firstNhs + i)),
             who,
             org,
             "referral",
             day(2026, 11, 2),
             {}});
        for (const auto& partner : {kPractice, kVcfse, kCouncil})
            cases.recordConsent(id, partner, ConsentDecision::Permit);
    }
}

/// Two hub instances on one new database.
struct TwoInstances {
    HubProcess a{onDatabase(TestPostgres::instance().newDatabase())};
    HubProcess b{onDatabase(a.postgresql())};
};

}  // namespace

BOOST_AUTO_TEST_SUITE(sync_hub_cluster)

BOOST_AUTO_TEST_CASE(pushes_to_two_instances_at_once_are_numbered_without_gaps_and_converge) {
    TwoInstances hubs;
    auto team = newTeam(hubs.a);
    TestDirectory people;
    std::vector<std::unique_ptr<Desktop>> desktops;
    for (int s = 0; s < 4; ++s) {
        desktops.push_back(std::make_unique<Desktop>(s, hubs.a, team));
        desktops.back()->hubTurns = s % 2 ? std::vector{hubs.b.url(), hubs.a.url()}
                                          : std::vector{hubs.a.url(), hubs.b.url()};
    }
    people.writeTo(*desktops[0]);
    requireSynced(desktops[0]->sync());
    for (auto& d : desktops)
        requireSynced(d->sync());
    // Every desktop pushes at the same moment, two through each instance, three rounds.
    for (int round = 0; round < 3; ++round) {
        for (std::size_t s = 0; s < desktops.size(); ++s)
            refer(*desktops[s], people, 12, 5000 + round * 100 + static_cast<int>(s) * 20);
        std::vector<std::thread> pushing;
        std::vector<SyncReport> reports(desktops.size());
        for (std::size_t s = 0; s < desktops.size(); ++s)
            pushing.emplace_back([&, s] { reports[s] = desktops[s]->sync(); });
        for (auto& t : pushing)
            t.join();
        for (const auto& r : reports)
            requireSynced(r);
    }
    for (int pass = 0; pass < 2; ++pass)
        for (auto& d : desktops)
            requireSynced(d->sync());

    const auto sequences = sequencesOf(hubs.a, team.team);
    BOOST_REQUIRE(!sequences.empty());
    for (std::size_t i = 0; i < sequences.size(); ++i)
        BOOST_REQUIRE_EQUAL(sequences[i], static_cast<std::int64_t>(i + 1));
    BOOST_TEST(hubs.b.openLog()->envelopeCount() == static_cast<std::int64_t>(sequences.size()));
    const auto expected = editsOf(*desktops[0]->store);
    BOOST_TEST(expected.size() > 150u);
    for (auto& d : desktops) {
        BOOST_TEST((editsOf(*d->store) == expected), "site " << d->site);
        BOOST_TEST(d->store->canonicalDump() == desktops[0]->store->canonicalDump());
    }
}

BOOST_AUTO_TEST_CASE(an_instance_killed_while_storing_a_push_loses_nothing_and_the_other_serves) {
    TwoInstances hubs;
    auto team = newTeam(hubs.a);
    TestDirectory people;
    Desktop practice(0, hubs.a, team);
    Desktop vcfse(1, hubs.a, team);
    people.writeTo(practice);
    requireSynced(practice.sync());
    requireSynced(vcfse.sync());
    refer(practice, people, 30, 7000);

    // Hold instance b inside its append: the test takes the sites table, so b's
    // transaction stops after writing its envelopes, with nothing committed.
    const auto db = hubs.a.postgresql();
    std::unique_ptr<PGconn, decltype(&PQfinish)> holder(PQconnectdb(db.c_str()), &PQfinish);
    BOOST_REQUIRE(PQstatus(holder.get()) == CONNECTION_OK);
    PQclear(PQexec(holder.get(), "BEGIN; LOCK TABLE sites IN EXCLUSIVE MODE"));
    practice.credentials.hubUrl = hubs.b.url();
    std::atomic<bool> done{false};
    SyncReport cut;
    std::thread pushing([&] {
        cut = practice.sync();
        done = true;
    });
    bool waiting = false;
    for (int i = 0; i < 400 && !waiting; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
        waiting = !TestPostgres::query(db,
                                       "SELECT 1 FROM pg_stat_activity WHERE"
                                       " application_name = 'nmdt-hub' AND"
                                       " wait_event_type = 'Lock'")
                       .empty();
    }
    BOOST_REQUIRE_MESSAGE(waiting, "instance b never reached its append");
    hubs.b.kill();
    PQclear(PQexec(holder.get(), "COMMIT"));
    pushing.join();
    BOOST_TEST(!cut.completed);  // the desktop heard nothing back and keeps its changes
    BOOST_TEST(practice.store->pendingChanges() > 0u);

    // The other instance takes the retry; nothing of b's half-done append is left behind.
    practice.credentials.hubUrl = hubs.a.url();
    requireSynced(practice.sync());
    BOOST_TEST(practice.store->pendingChanges() == 0u);
    vcfse.credentials.hubUrl = hubs.a.url();
    requireSynced(vcfse.sync());
    const auto sequences = sequencesOf(hubs.a, team.team);
    for (std::size_t i = 0; i < sequences.size(); ++i)
        BOOST_REQUIRE_EQUAL(sequences[i], static_cast<std::int64_t>(i + 1));
    BOOST_TEST((editsOf(*vcfse.store) == editsOf(*practice.store)));
    BOOST_TEST(vcfse.store->canonicalDump() == practice.store->canonicalDump());

    // b comes back on the same database and serves the same log.
    hubs.b.start();
    Desktop council(2, hubs.b, team);
    requireSynced(council.sync());
    BOOST_TEST((editsOf(*council.store) == editsOf(*practice.store)));
}

BOOST_AUTO_TEST_CASE(a_lost_database_connection_is_answered_503_and_made_again) {
    TwoInstances hubs;
    auto team = newTeam(hubs.a);
    TestDirectory people;
    Desktop practice(0, hubs.a, team);
    people.writeTo(practice);
    requireSynced(practice.sync());
    refer(practice, people, 3, 7500);
    // The database drops every hub connection (a restart or failover, as the hubs see it).
    TestPostgres::query(hubs.a.postgresql(),
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE application_name = 'nmdt-hub'");
    auto transport = integration::makeHubTransport(practice.credentials);
    try {
        transport->pull(team.team, 0, 10, "", 0);
        BOOST_FAIL("the hub answered without its database");
    } catch (const SyncError& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("503") != std::string::npos, what);
    }
    // The next request finds the connection made again; nothing was lost.
    BOOST_TEST(transport->pull(team.team, 0, 10, "", 0).envelopes.size() > 0u);
    requireSynced(practice.sync());
    BOOST_TEST(practice.store->pendingChanges() == 0u);
    Desktop vcfse(1, hubs.b, team);
    requireSynced(vcfse.sync());
    BOOST_TEST(vcfse.store->caseCount() == 3u);
}

BOOST_AUTO_TEST_CASE(a_hub_that_cannot_reach_its_database_says_so_and_does_not_start) {
    HubProcess::Limits unreachable;
    unreachable.postgresql = "host=127.0.0.1 port=" + std::to_string(freePort()) +
                             " dbname=nowhere user=postgres connect_timeout=2";
    try {
        HubProcess hub(unreachable);
        BOOST_FAIL("the hub started without its database");
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("PostgreSQL") != std::string::npos, what);
        BOOST_TEST(what.find("cannot connect") != std::string::npos, what);
    }
}

BOOST_AUTO_TEST_SUITE_END()
