// Many desktops making random edits through a real hub, with requests lost, duplicated and
// replayed out of order, over many seeds: every desktop must end with the same data and
// every edit must have reached every desktop.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "faulty_transport.h"
#include "model/action_service.h"
#include "model/case_service.h"
#include "model/error.h"
#include "sync_fixture.h"

using namespace nmdt;
using namespace nmdt::test;

namespace {

constexpr int kSites = 5;

int seedCount() {
    const char* v = std::getenv("NMDT_SYNC_SEEDS");
    return v ? std::max(1, std::atoi(v)) : 8;
}

/// Who works at each site: a clinician (any action) or a navigator (own organisation's).
struct Worker {
    ProfessionalId who;
    Role role;
    OrganisationId org;
};

Worker workerOf(int site, const TestDirectory& people) {
    auto org = TestPki::organisationOfSite(site);
    if (org == kVcfse)
        return {people.navigator, Role::Navigator, kVcfse};
    if (org == kCouncil)
        return {people.socialWorker, Role::Clinician, kCouncil};
    return {people.gp, Role::Clinician, kPractice};
}

struct Scenario {
    std::uint64_t seed;
    FaultRates faults;
    std::map<int, std::chrono::milliseconds> skew;  // site -> clock offset
    int steps = 60;
};

void runScenario(const Scenario& sc) {
    BOOST_TEST_CONTEXT("seed " << sc.seed) {
        std::mt19937_64 rng(sc.seed);
        HubProcess hub;
        // On PostgreSQL, a second instance on the same database, and each desktop takes
        // turns between the two, as behind a load balancer.
        std::unique_ptr<HubProcess> second;
        if (!hub.postgresql().empty())
            second = std::make_unique<HubProcess>(onDatabase(hub.postgresql()));
        auto team = newTeam(hub);
        TestDirectory people;
        std::vector<std::unique_ptr<Desktop>> sites;
        std::vector<PushHistory> histories(kSites + 1);
        bool faultsOn = true;
        for (int s = 0; s < kSites; ++s) {
            sites.push_back(std::make_unique<Desktop>(s, hub, team));
            auto& d = *sites.back();
            if (second)
                d.hubTurns = s % 2 ? std::vector{second->url(), hub.url()}
                                   : std::vector{hub.url(), second->url()};
            if (sc.skew.count(s))
                d.clock->advance(sc.skew.at(s));
            d.wrapTransport =
                [&, s](std::unique_ptr<HubTransport> inner) -> std::unique_ptr<HubTransport> {
                return std::make_unique<FaultyTransport>(std::move(inner),
                                                         faultsOn ? sc.faults : FaultRates{}, rng,
                                                         histories[static_cast<std::size_t>(s)]);
            };
        }
        people.writeTo(*sites[0]);
        for (int round = 0; round < 3; ++round)
            for (auto& d : sites)
                d->sync();

        std::uniform_int_distribution<int> pickSite(0, kSites - 1), pickOp(0, 9);
        std::uniform_int_distribution<int> jitter(0, 4000);
        int referrals = 0;
        // Part-way, a council desktop publishes a snapshot and a new council desktop joins
        // from it, through the same bad network; at the end it must hold what all do.
        std::unique_ptr<Desktop> joiner;
        auto joinFromSnapshot = [&] {
            auto& producer = *sites[2];
            for (int attempt = 0; attempt < 5; ++attempt)
                if (producer.sync().completed && producer.publishSnapshot(4).outcome ==
                                                     SnapshotPublishReport::Outcome::Published)
                    break;
            joiner = std::make_unique<Desktop>(5, hub, team);
            joiner->wrapTransport =
                [&](std::unique_ptr<HubTransport> inner) -> std::unique_ptr<HubTransport> {
                return std::make_unique<FaultyTransport>(
                    std::move(inner), faultsOn ? sc.faults : FaultRates{}, rng, histories[kSites]);
            };
        };
        for (int step = 0; step < sc.steps; ++step) {
            if (step == sc.steps / 3)
                joinFromSnapshot();
            if (joiner && std::uniform_int_distribution<int>(0, 3)(rng) == 0)
                joiner->sync();
            if (second && step == sc.steps / 2) {
                // Half-way, the second instance is killed while the desktops push through
                // both; those that reach it hear nothing and keep their changes.
                const auto delay = std::chrono::milliseconds(jitter(rng) % 40);
                std::thread killer([&, delay] {
                    std::this_thread::sleep_for(delay);
                    second->kill();
                });
                for (auto& d : sites)
                    d->sync();
                killer.join();
                second->start();
            }
            const int s = pickSite(rng);
            auto& d = *sites[static_cast<std::size_t>(s)];
            d.clock->advance(std::chrono::milliseconds(jitter(rng)));
            const auto w = workerOf(s, people);
            auto ctx = d.as(w.who, w.role, w.org);
            CaseService cases(ctx);
            ActionService actions(ctx);
            auto known = d.store->casePage(0, 1000);
            auto anyCase = [&]() -> std::optional<CaseId> {
                if (known.empty())
                    return std::nullopt;
                return known[std::uniform_int_distribution<std::size_t>(0, known.size() - 1)(rng)]
                    .id;
            };
            auto anyAction = [&]() -> std::optional<Action> {
                ActionQuery q;
                q.limit = 1000;
                auto list = d.store->actions(q);
                if (list.empty())
                    return std::nullopt;
                return list[std::uniform_int_distribution<std::size_t>(0, list.size() - 1)(rng)];
            };
            try {
                switch (pickOp(rng)) {
                    case 0: {
                        auto id = cases.refer(
                            {resident(
                                 "Test", "Person" + std::to_string(referrals),
                                 testNhsNumber(100 * static_cast<int>(sc.seed % 50) + referrals)),
                             w.who,
                             w.org,
                             "referral",
                             day(2026, 11, 2),
                             {}});
                        ++referrals;
                        for (const auto& org : {kPractice, kVcfse, kCouncil})
                            cases.recordConsent(id, org, ConsentDecision::Permit);
                        break;
                    }
                    case 1:
                        if (auto c = anyCase()) {
                            auto current = cases.get(*c).resident;
                            current.phone = "0117 496 " + std::to_string(1000 + jitter(rng) % 9000);
                            current.address = std::to_string(step) + " Mill Lane";
                            cases.updateResident(*c, current);
                        }
                        break;
                    case 2:
                    case 3:
                        if (auto c = anyCase())
                            actions.raise({*c,
                                           "Action " + std::to_string(step),
                                           "",
                                           {},
                                           w.org,
                                           day(2026, 12, 1),
                                           Priority::Routine,
                                           {},
                                           {}});
                        break;
                    case 4:
                    case 5:
                        if (auto a = anyAction()) {
                            auto next = allowedTransitions(a->status);
                            if (!next.empty())
                                actions.changeStatus(
                                    a->id,
                                    next[std::uniform_int_distribution<std::size_t>(
                                        0, next.size() - 1)(rng)],
                                    "random test reason");
                        }
                        break;
                    case 6:
                        if (auto a = anyAction())
                            actions.addNote(a->id, "note " + std::to_string(step));
                        break;
                    case 7:
                        if (auto a = anyAction())
                            actions.reschedule(a->id,
                                               day(2026, 12, 1 + static_cast<unsigned>(step % 27)));
                        break;
                    case 8:
                        if (auto c = anyCase())
                            cases.flagForReview(*c, step % 2 == 0);
                        break;
                    default:
                        break;
                }
            } catch (const DomainError&) {
                // Not permitted, or not a valid transition: refused and nothing changed.
            }
            if (std::uniform_int_distribution<int>(0, 2)(rng) == 0)
                d.sync();  // may fail part-way: the next run resumes
        }

        // A skewed desktop certainly writes something, so its clock is seen by the others.
        for (const auto& [s, offset] : sc.skew) {
            auto& d = *sites[static_cast<std::size_t>(s)];
            const auto w = workerOf(s, people);
            CaseService cases(d.as(w.who, w.role, w.org));
            auto id = cases.refer(
                {resident("Skewed", "Clock" + std::to_string(s), testNhsNumber(9000 + s)),
                 w.who,
                 w.org,
                 "referral",
                 Date(std::chrono::sys_days(d.clock->today()) - std::chrono::days(1)),
                 {}});
            for (const auto& org : {kPractice, kVcfse, kCouncil})
                cases.recordConsent(id, org, ConsentDecision::Permit);
        }
        faultsOn = false;
        for (int round = 0; round < 4; ++round) {
            for (auto& d : sites) {
                auto r = d->sync();
                BOOST_REQUIRE_MESSAGE(r.completed, (r.problem ? r.problem->message : ""));
            }
            auto r = joiner->sync();
            BOOST_REQUIRE_MESSAGE(r.completed, (r.problem ? r.problem->message : ""));
        }
        // The joiner loaded the snapshot (a refused one would have been replayed instead).
        BOOST_TEST(joiner->store->syncSetting("snapshot_progress").value_or("").find("refused") ==
                   std::string::npos);
        BOOST_TEST(joiner->store->canonicalDump() == sites[0]->store->canonicalDump());

        const auto reference = sites[0]->store->canonicalDump();
        const auto referenceEdits = editsOf(*sites[0]->store);
        BOOST_TEST(!reference.empty());
        for (int s = 1; s < kSites; ++s) {
            BOOST_TEST_CONTEXT("site " << s) {
                auto dump = sites[static_cast<std::size_t>(s)]->store->canonicalDump();
                BOOST_TEST((dump == reference));
                if (dump != reference) {
                    std::istringstream a(reference), b(dump);
                    std::string la, lb;
                    while (std::getline(a, la) && std::getline(b, lb))
                        if (la != lb) {
                            BOOST_TEST_MESSAGE("site 0: " << la << "\nhere:   " << lb);
                            break;
                        }
                }

                auto mine = editsOf(*sites[static_cast<std::size_t>(s)]->store);
                BOOST_TEST((mine == referenceEdits));
                if (mine != referenceEdits) {
                    std::vector<std::string> onlyRef, onlyMine;
                    std::set_difference(referenceEdits.begin(), referenceEdits.end(), mine.begin(),
                                        mine.end(), std::back_inserter(onlyRef));
                    std::set_difference(mine.begin(), mine.end(), referenceEdits.begin(),
                                        referenceEdits.end(), std::back_inserter(onlyMine));
                    for (auto& x : onlyRef)
                        BOOST_TEST_MESSAGE("only at site 0: " << x.substr(0, 160));
                    for (auto& x : onlyMine)
                        BOOST_TEST_MESSAGE("only here: " << x.substr(0, 160));
                }

                BOOST_TEST(sites[static_cast<std::size_t>(s)]->store->pendingChanges() == 0u);
            }
        }
        std::set<int> probed;
        for (const auto& [s, offset] : sc.skew) {
            if (offset <= std::chrono::minutes(10))
                continue;
            // Every other desktop noticed and said so; their own clocks were not dragged along.
            for (int other = 0; other < kSites; ++other) {
                if (other == s)
                    continue;
                auto& o = *sites[static_cast<std::size_t>(other)];
                auto problems = o.store->syncProblems(1000);
                const auto skewedSite = sites[static_cast<std::size_t>(s)]->store->siteId();
                bool told =
                    std::any_of(problems.begin(), problems.end(), [&](const SyncProblem& p) {
                        return p.kind == "clock-clamped" &&
                               p.message.find(skewedSite) != std::string::npos;
                    });
                BOOST_TEST(told, "site " << other << " reported the clock of site " << s);
                if (sc.skew.count(other) || probed.count(other))
                    continue;
                probed.insert(other);
                ChangeSet probe("probe");
                probe.create(EntityKind::Organisation, "org-probe-" + std::to_string(other),
                             {{"name", std::string("Probe")}, {"kind", std::string("vcfse")}});
                o.store->commit(probe,
                                Actor{people.admin, "Pat Admin", Role::Administrator, kPractice});
                ChangeLogQuery last;
                last.entityId = "org-probe-" + std::to_string(other);
                auto stamp = o.store->changeLog(last).at(0).hlc.wallMs;
                auto realNow = std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count();
                BOOST_TEST(stamp <= realNow + kMaxClockLeadMs + 60000,
                           "site " << other << "'s clock was dragged ahead by site " << s);
            }
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sync_convergence)

BOOST_AUTO_TEST_CASE(
    five_desktops_converge_over_many_seeds_despite_lost_duplicated_and_late_batches) {
    for (int seed = 1; seed <= seedCount(); ++seed)
        runScenario({static_cast<std::uint64_t>(seed), {0.1, 0.1, 0.1, 0.1}, {}});
}

BOOST_AUTO_TEST_CASE(a_clock_a_day_ahead_and_one_years_ahead_are_clamped_and_still_converge) {
    for (int seed = 101; seed < 101 + std::max(2, seedCount() / 2); ++seed)
        runScenario({static_cast<std::uint64_t>(seed),
                     {0.05, 0.05, 0.05, 0.05},
                     {{3, std::chrono::hours(24)}, {4, std::chrono::hours(24 * 365 * 5)}}});
}

BOOST_AUTO_TEST_CASE(a_lost_answer_to_a_push_from_a_clock_ahead_still_converges) {
    // Site 3's clock is a day ahead. Its push lands but the answer is lost, so it never hears
    // the hub's time from the push: before, it kept its day-ahead stamp while every other
    // desktop clamped it, and a later edit won everywhere but there.
    HubProcess hub;
    auto team = newTeam(hub);
    TestDirectory people;
    Desktop practice(0, hub, team), ahead(3, hub, team);
    ahead.clock->advance(std::chrono::hours(24));
    people.writeTo(practice);
    CaseService cases(practice.as(people.gp, Role::Clinician, kPractice));
    auto id = cases.refer({resident("Elin", "Skew", testNhsNumber(77)),
                           people.gp,
                           kPractice,
                           "referral",
                           day(2026, 11, 2),
                           {}});
    BOOST_REQUIRE(practice.sync().completed);
    BOOST_REQUIRE(ahead.sync().completed);

    struct LosesFirstAnswer : ForwardingTransport {
        bool lost = false;
        PushResult push(const std::string& t, const std::string& s, std::int64_t f, std::int64_t th,
                        const std::vector<SealedEnvelope>& e) override {
            auto r = inner->push(t, s, f, th, e);
            if (!lost) {
                lost = true;
                throw SyncError(SyncError::Kind::Network, "test: answer lost");
            }
            return r;
        }
    };
    ahead.wrapTransport = [](std::unique_ptr<HubTransport> inner) -> std::unique_ptr<HubTransport> {
        auto t = std::make_unique<LosesFirstAnswer>();
        t->inner = std::move(inner);
        return t;
    };
    CaseService aheadCases(ahead.as(people.gp, Role::Clinician, kPractice));
    auto r = aheadCases.get(id).resident;
    r.phone = "0117 496 0001";
    aheadCases.updateResident(id, r);
    BOOST_REQUIRE(ahead.sync().completed);
    ahead.wrapTransport = nullptr;

    // The practice receives it (clamped to the hub's time), then changes the same number:
    // its stamp follows the clamped one, so its value is the later everywhere.
    BOOST_REQUIRE(practice.sync().completed);
    BOOST_TEST(practice.store->caseById(id)->resident.phone == "0117 496 0001");
    r = cases.get(id).resident;
    r.phone = "0117 496 0002";
    cases.updateResident(id, r);
    for (int round = 0; round < 2; ++round) {
        BOOST_REQUIRE(practice.sync().completed);
        BOOST_REQUIRE(ahead.sync().completed);
    }
    BOOST_TEST(practice.store->caseById(id)->resident.phone == "0117 496 0002");
    BOOST_TEST(ahead.store->caseById(id)->resident.phone == "0117 496 0002");
    BOOST_TEST(ahead.store->canonicalDump() == practice.store->canonicalDump());
}

BOOST_AUTO_TEST_CASE(a_clock_years_behind_converges_too) {
    runScenario({201, {}, {{2, -std::chrono::hours(24 * 365 * 3)}}});
}

BOOST_AUTO_TEST_SUITE_END()
