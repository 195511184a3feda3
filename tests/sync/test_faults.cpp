// Failures in the middle of sync: connections cut mid-push and mid-pull, the hub killed
// and restarted, the client killed at random moments, a batch replayed. Nothing is lost
// and nothing is applied twice.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <random>
#include <set>
#include <thread>

#include "cutting_proxy.h"
#include "faulty_transport.h"
#include "model/action_service.h"
#include "model/case_service.h"
#include "storage/envelope_log.h"
#include "sync_fixture.h"

using namespace nmdt;
using namespace nmdt::test;

namespace {

constexpr const char* kPassphrase = "correct horse battery staple";

/// A practice desktop with the directory and `cases` shared cases, each with an action and
/// notes: enough data for several push batches and pull pages.
void fill(Desktop& d, const TestDirectory& people, int cases, int firstNhs) {
    CaseService referrals(d.as(people.gp, Role::Clinician, kPractice));
    ActionService actions(d.as(people.gp, Role::Clinician, kPractice));
    for (int i = 0; i < cases; ++i) {
        auto id = referrals.refer(
            {resident("Mair", "Fault" + std::to_string(i), testNhsNumber(firstNhs + i)),
             people.gp,
             kPractice,
             "referral",
             day(2026, 11, 2),
             {}});
        referrals.recordConsent(id, kVcfse, ConsentDecision::Permit);
        auto a = actions.raise({id,
                                "Visit " + std::to_string(i),
                                std::string(400, 'd'),
                                {},
                                kVcfse,
                                day(2026, 12, 1),
                                Priority::Routine,
                                {},
                                {}});
        actions.addNote(a, "Note for " + std::to_string(i));
    }
}

void requireSynced(const SyncReport& r) {
    BOOST_REQUIRE_MESSAGE(r.completed, (r.problem ? r.problem->message : std::string()));
}

std::int64_t hubEnvelopes(const HubProcess& hub) {
    return hub.openLog()->envelopeCount();
}

/// A hub, a practice desktop filled with `cases` shared cases, and an empty VCFSE desktop.
struct PracticeAndVcfse {
    HubProcess hub;
    integration::SyncCredentials team = newTeam(hub);
    TestDirectory people;
    Desktop practice{0, hub, team};
    Desktop vcfse{1, hub, team};

    PracticeAndVcfse(int cases, int firstNhs) {
        people.writeTo(practice);
        fill(practice, people, cases, firstNhs);
    }
    /// Both desktops hold the same data and every edit exactly once.
    void requireSame() {
        BOOST_TEST(vcfse.store->canonicalDump() == practice.store->canonicalDump());
        BOOST_TEST((editsOf(*vcfse.store) == editsOf(*practice.store)));
    }
    static std::string via(const CuttingProxy& proxy) {
        return "https://localhost:" + std::to_string(proxy.port());
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(sync_faults)

BOOST_AUTO_TEST_CASE(a_connection_cut_mid_push_loses_nothing_and_the_next_sync_resumes) {
    PracticeAndVcfse t(40, 300);
    auto& [hub, team, people, practice, vcfse] = t;
    CuttingProxy proxy(hub.port());
    practice.credentials.hubUrl = PracticeAndVcfse::via(proxy);

    proxy.cutUpstreamAfter(12000);  // past the handshake, inside a push
    auto cut = practice.sync();
    BOOST_TEST(!cut.completed);
    BOOST_REQUIRE(cut.problem);
    BOOST_TEST(cut.problem->kind == "network");
    BOOST_TEST(proxy.cuts() > 0);
    BOOST_TEST(practice.store->pendingChanges() > 0u);

    proxy.heal();
    requireSynced(practice.sync());
    BOOST_TEST(practice.store->pendingChanges() == 0u);
    requireSynced(vcfse.sync());
    t.requireSame();
}

BOOST_AUTO_TEST_CASE(a_connection_cut_mid_pull_applies_whole_pages_only_and_resumes) {
    PracticeAndVcfse t(40, 400);
    auto& [hub, team, people, practice, vcfse] = t;
    CuttingProxy proxy(hub.port());
    vcfse.credentials.hubUrl = PracticeAndVcfse::via(proxy);
    requireSynced(practice.sync());

    proxy.cutDownstreamAfter(30000);  // inside the answer to a pull
    auto cut = vcfse.sync();
    BOOST_TEST(!cut.completed);
    BOOST_TEST(proxy.cuts() > 0);
    // Whatever was applied came with its cursor: every case present has its action.
    for (const auto& c : vcfse.store->casePage(0, 1000)) {
        ActionQuery q;
        q.caseId = c.id;
        BOOST_TEST(vcfse.store->countActions(q) <= 1u);
    }
    proxy.heal();
    requireSynced(vcfse.sync());
    t.requireSame();
}

BOOST_AUTO_TEST_CASE(the_hub_killed_and_restarted_mid_sync_loses_nothing) {
    PracticeAndVcfse t(40, 500);
    auto& [hub, team, people, practice, vcfse] = t;
    // Kill the hub (SIGKILL: no clean shutdown) right after the second push is stored, and
    // bring it back before the client's retry.
    struct KillingTransport : ForwardingTransport {
        HubProcess* hub;
        int pushes = 0;
        PushResult push(const std::string& t, const std::string& s, std::int64_t f, std::int64_t th,
                        const std::vector<SealedEnvelope>& e) override {
            auto r = inner->push(t, s, f, th, e);
            if (++pushes == 2) {
                hub->kill();
                hub->start();
                throw SyncError(SyncError::Kind::Network, "test: hub died before answering");
            }
            return r;
        }
    };
    practice.wrapTransport =
        [&](std::unique_ptr<HubTransport> inner) -> std::unique_ptr<HubTransport> {
        auto k = std::make_unique<KillingTransport>();
        k->inner = std::move(inner);
        k->hub = &hub;
        return k;
    };
    requireSynced(practice.sync());
    practice.wrapTransport = nullptr;
    BOOST_TEST(practice.store->pendingChanges() == 0u);
    requireSynced(vcfse.sync());
    t.requireSame();
}

BOOST_AUTO_TEST_CASE(a_client_killed_at_random_moments_resumes_without_loss_or_duplication) {
    PracticeAndVcfse t(60, 600);
    auto& [hub, team, people, practice, vcfse] = t;
    requireSynced(practice.sync());
    requireSynced(vcfse.sync());
    // The VCFSE desktop also has work of its own to push.
    ActionQuery q;
    q.limit = 1000;
    ActionService navigator(vcfse.as(people.navigator, Role::Navigator, kVcfse));
    for (const auto& a : vcfse.store->actions(q))
        navigator.addNote(a.id, "Visited " + a.title);
    fill(practice, people, 30, 700);
    requireSynced(practice.sync());
    vcfse.store.reset();  // the CLI process owns the store while it runs

    std::mt19937_64 rng(7);
    int killed = 0;
    for (int attempt = 0; attempt < 12; ++attempt) {
        ChildProcess cli(NMDT_CLI_PATH, {"sync", vcfse.path(), "--batch", "3"},
                         {{"NMDT_PASSPHRASE", kPassphrase}});
        std::this_thread::sleep_for(
            std::chrono::milliseconds(std::uniform_int_distribution<int>(30, 400)(rng)));
        if (cli.stillRunning())
            ++killed;
        cli.kill();
    }
    BOOST_TEST(killed > 0);
    vcfse.store = storage::SqlCipherStore::open(vcfse.path(), Passphrase(kPassphrase), vcfse.clock);
    BOOST_TEST(vcfse.store->checkIntegrity().ok);
    requireSynced(vcfse.sync());
    requireSynced(practice.sync());
    t.requireSame();
    // Exactly one copy of every note the navigator wrote reached the practice.
    std::size_t visited = 0;
    for (const auto& a : practice.store->actions(q))
        for (const auto& n : practice.store->notes(a.id))
            visited += n.text.rfind("Visited ", 0) == 0;
    BOOST_TEST(visited == 60u);
}

BOOST_AUTO_TEST_CASE(a_run_asked_to_stop_ends_between_requests_and_the_next_resumes) {
    PracticeAndVcfse t(40, 500);
    auto& [hub, team, people, practice, vcfse] = t;
    // The window closes during the push: the stop is asked for after the first push
    // (the chair's first run announces the team key first).
    int asked = 0;
    practice.stopRequested = [&] { return ++asked > 2; };
    auto stopped = practice.sync();
    BOOST_TEST(stopped.stopped);
    BOOST_TEST(!stopped.completed);
    BOOST_TEST(!stopped.problem);  // stopping is not a problem to report
    BOOST_TEST(stopped.pushedChanges > 0u);
    BOOST_TEST(practice.store->pendingChanges() > 0u);
    BOOST_TEST(practice.store->syncProblems(10).empty());

    vcfse.stopRequested = [] { return true; };  // asked before it began: nothing happens
    auto none = vcfse.sync();
    BOOST_TEST(none.stopped);
    BOOST_TEST(none.receivedEnvelopes == 0u);

    practice.stopRequested = nullptr;
    vcfse.stopRequested = nullptr;
    requireSynced(practice.sync());
    BOOST_TEST(practice.store->pendingChanges() == 0u);
    requireSynced(vcfse.sync());
    t.requireSame();
}

BOOST_AUTO_TEST_CASE(a_replayed_batch_changes_nothing) {
    PracticeAndVcfse t(5, 800);
    auto& [hub, team, people, practice, vcfse] = t;
    struct Recording : ForwardingTransport {
        std::vector<std::tuple<std::string, std::string, std::int64_t, std::int64_t,
                               std::vector<SealedEnvelope>>>* log;
        PushResult push(const std::string& t, const std::string& s, std::int64_t f, std::int64_t th,
                        const std::vector<SealedEnvelope>& e) override {
            log->emplace_back(t, s, f, th, e);
            return inner->push(t, s, f, th, e);
        }
    };
    std::vector<std::tuple<std::string, std::string, std::int64_t, std::int64_t,
                           std::vector<SealedEnvelope>>>
        pushes;
    practice.wrapTransport =
        [&](std::unique_ptr<HubTransport> inner) -> std::unique_ptr<HubTransport> {
        auto r = std::make_unique<Recording>();
        r->inner = std::move(inner);
        r->log = &pushes;
        return r;
    };
    requireSynced(practice.sync());
    requireSynced(vcfse.sync());
    const auto before = hubEnvelopes(hub);
    const auto dump = vcfse.store->canonicalDump();
    BOOST_REQUIRE(!pushes.empty());

    auto transport = integration::makeHubTransport(practice.credentials);
    for (const auto& [name, s, f, th, e] : pushes) {
        auto again = transport->push(name, s, f, th, e);
        BOOST_TEST(!again.outOfOrder);
        BOOST_TEST(again.hubSequences.empty());  // acknowledged, nothing stored
    }
    BOOST_TEST(hubEnvelopes(hub) == before);
    requireSynced(vcfse.sync());
    BOOST_TEST(vcfse.store->canonicalDump() == dump);
}

BOOST_AUTO_TEST_SUITE_END()
