// nmdt-sync-bench: sync over HTTPS against a real nmdt-hub on loopback, each figure beside
// the floor measured in the same run: curl moving the same bytes over TLS to the same hub.
//
// Usage: NMDT_PASSPHRASE=... nmdt-sync-bench SOURCE.nmdt [--desktops N] [--rounds N]
//          [--postgresql] [--snapshot-only] [--snapshot-batch N] [--no-window]
//        nmdt-sync-bench --many [--desktops N] [--many-rounds N] [--postgresql]
//   SOURCE is a store to sync from (e.g. the `large` demo); it is copied, never changed.
//   --snapshot-only measures the push, publishing a snapshot and joining from it, and
//   nothing else (the replay, compaction, incremental sync and many desktops left out).
//   --snapshot-batch N has the joining desktop write N records to a transaction;
//   --no-window leaves out the window that records a view every 100 ms beside the join.
//   --many measures only N desktops syncing at once, --many-rounds times (5 by default).
//   --postgresql runs two hub instances on one PostgreSQL server of the bench's own
//   (tests/sync/postgres-cluster.sh) instead of one hub on SQLite; desktop i talks to instance i
//   mod 2.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <optional>
#include <random>
#include <thread>
#include <vector>

#include "bench_support.h"
#include "child_process.h"
#include "integration/invitation.h"
#include "integration/sync_credentials.h"
#include "model/audit.h"
#include "model/change_set.h"
#include "model/sync_engine.h"
#include "storage/sqlcipher_store.h"

using namespace nmdt;
namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

namespace {

double secondsSince(Steady::time_point t) {
    return std::chrono::duration<double>(Steady::now() - t).count();
}

std::string run(const std::string& cmd) {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p)
        throw std::runtime_error("cannot run: " + cmd.substr(0, 200));
    char buf[4096];
    while (auto n = fread(buf, 1, sizeof buf, p))
        out.append(buf, n);
    if (pclose(p) != 0)
        throw std::runtime_error("failed: " + cmd + "\n" + out);
    return out;
}

/// What one desktop exchanged with the hub, to replay with curl.
struct Exchange {
    std::string method, path;
    std::size_t sent = 0, received = 0;
};

/// Records a joining desktop writes to one transaction (--snapshot-batch; 0: the default).
std::size_t snapshotBatch = 0;
/// Whether a window writes beside the join (--no-window: the join alone).
bool windowBesideJoin = true;

struct Site {
    std::string name;
    std::unique_ptr<storage::SqlCipherStore> store;
    integration::SyncCredentials credentials;
    std::vector<Exchange> exchanges;

    SyncReport sync() {
        exchanges.clear();
        integration::TransportOptions options;
        options.onExchange = [this](const std::string& m, const std::string& p, std::size_t s,
                                    std::size_t r) {
            exchanges.push_back({m, p, s, r});
        };
        auto sealer = integration::makeEnvelopeSealer(credentials);
        auto hub = integration::makeHubTransport(credentials, options);
        SyncOptions o;
        o.team = credentials.team;
        if (snapshotBatch > 0)
            o.snapshotLoadRecords = snapshotBatch;
        auto report = SyncEngine(*store, *store, *sealer, *hub, o).run();
        if (!report.completed)
            throw std::runtime_error(name + ": " + report.problem->message);
        return report;
    }

    SnapshotPublishReport publishSnapshot() {
        auto sealer = integration::makeEnvelopeSealer(credentials);
        auto hub = integration::makeHubTransport(credentials);
        SyncOptions o;
        o.team = credentials.team;
        auto report = SyncEngine(*store, *store, *sealer, *hub, o).publishSnapshot();
        if (report.outcome != SnapshotPublishReport::Outcome::Published)
            throw std::runtime_error(name + ": snapshot not published" +
                                     (report.problem ? ": " + report.problem->message : ""));
        return report;
    }
};

struct Bench {
    fs::path dir;
    std::vector<std::string> ports;  // one hub instance each
    std::vector<std::unique_ptr<test::ChildProcess>> hubs;
    std::vector<std::thread> drains;
    bool postgresql = false;
    std::string org;

    std::string hubUrl(std::size_t instance) const {
        return "https://localhost:" + ports[instance % ports.size()];
    }

    std::string certArgs(const std::string& name) const {
        return "--cert " + (dir / "pki" / (name + ".pem")).string() + " --key " +
               (dir / "pki" / (name + ".key")).string() + " --cacert " +
               (dir / "pki" / "ca.pem").string();
    }
    /// curl sending the same bytes as `exchanges` to `hub`, on one TLS connection.
    std::string curlCommand(const std::string& name, const std::vector<Exchange>& exchanges,
                            const std::string& bodyFile, const std::string& hub) const {
        auto url = [&](const std::string& path) { return hub + path; };
        std::string cmd = "curl -s -o /dev/null";
        bool first = true;
        for (const auto& e : exchanges) {
            if (!first)
                cmd += " --next -s -o /dev/null";
            first = false;
            cmd += " " + certArgs(name);
            if (e.method == "POST")
                // Same size, to a path the hub reads in full and answers 404: the transfer
                // without the hub's checks and storage.
                cmd += " -X POST -H 'Content-Type: application/json' --data-binary @" + bodyFile +
                       "." + std::to_string(e.sent) + " " + url("/v1/floor");
            else
                cmd += " '" + url(e.path) + "'";
        }
        return cmd;
    }
    void writeBodies(const std::vector<Exchange>& exchanges, const std::string& bodyFile) const {
        for (const auto& e : exchanges)
            if (e.method == "POST")
                std::ofstream(bodyFile + "." + std::to_string(e.sent)) << std::string(e.sent, 'x');
    }
    double curl(const std::string& name, const std::vector<Exchange>& exchanges) const {
        const std::string body = (dir / ("body-" + name)).string();
        writeBodies(exchanges, body);
        // From a script: a join's thousands of requests make a command line longer than
        // the kernel lets one argument be (sh -c takes the whole line as one).
        const std::string script = (dir / ("curl-" + name + ".sh")).string();
        std::ofstream(script) << curlCommand(name, exchanges, body, hubUrl(0)) << " > /dev/null\n";
        auto t = Steady::now();
        run("sh " + script);
        return secondsSince(t);
    }

    /// Starts the hub (or, with postgresql, a PostgreSQL server and two hub instances on it).
    void startHubs() {
        std::string store;
        if (postgresql) {
            // The server runs as the postgres account when the bench runs as root: it must
            // be able to pass through the bench's folder to its own.
            fs::permissions(dir, fs::perms::others_exec | fs::perms::group_exec,
                            fs::perm_options::add);
            const auto dbPort = std::to_string(20000 + std::random_device{}() % 20000);
            run(std::string(NMDT_POSTGRES_SCRIPT) + " start " + (dir / "pg").string() + " " +
                dbPort);
            store = "hub.store=postgresql\nhub.postgresql=host=127.0.0.1 port=" + dbPort +
                    " user=postgres dbname=postgres\n";
        }
        const int instances = postgresql ? 2 : 1;
        for (int i = 0; i < instances; ++i) {
            ports.push_back(std::to_string(20000 + std::random_device{}() % 20000));
            const auto config = dir / ("hub" + std::to_string(i) + ".properties");
            std::ofstream(config) << "hub.host=127.0.0.1\nhub.port=" << ports.back()
                                  << "\nhub.certificate=" << (dir / "pki/hub.pem").string()
                                  << "\nhub.privateKey=" << (dir / "pki/hub.key").string()
                                  << "\nhub.ca=" << (dir / "pki/ca.pem").string()
                                  << "\nhub.dataDirectory="
                                  << (dir / ("hub" + std::to_string(i))).string()
                                  << "\nhub.requestsPerMinute=1000000\nhub.maxThreads=64\n"
                                  // Every simulated desktop shares 127.0.0.1, as desktops
                                  // behind a load balancer share its address.
                                  << "hub.maxConnectionsPerAddress=4096\n"
                                  << store;
            hubs.push_back(std::make_unique<test::ChildProcess>(
                NMDT_HUB_PATH, std::vector<std::string>{"--config=" + config.string()}));
            std::string seen;
            for (std::string line; std::getline(hubs.back()->output(), line);) {
                seen += line + "\n";
                if (line.find("listening") != std::string::npos)
                    break;
            }
            if (seen.find("listening") == std::string::npos)
                throw std::runtime_error("nmdt-hub did not start: " + seen);
            // Whatever it says later is read and dropped, so a full pipe never stalls it.
            drains.emplace_back([out = &hubs.back()->output()] {
                for (char c; out->get(c);) {
                }
            });
        }
    }
    void stopHubs() {
        for (auto& h : hubs) {
            h->requestStop();
            h->wait();
        }
        for (auto& d : drains)
            d.join();
        if (postgresql)
            run(std::string(NMDT_POSTGRES_SCRIPT) + " stop " + (dir / "pg").string());
    }
};

std::unique_ptr<storage::SqlCipherStore> newStore(const fs::path& path) {
    return storage::SqlCipherStore::create(path.string(), Passphrase("benchmark passphrase 1"));
}

std::size_t bytesOf(const std::vector<Exchange>& ex) {
    std::size_t n = 0;
    for (const auto& e : ex)
        n += e.sent + e.received;
    return n;
}

using Enrol = std::function<integration::SyncCredentials(const std::string&,
                                                         const integration::SyncCredentials&)>;

}  // namespace

/// N desktops with 10 changes each syncing at once (push, then pull all the others'),
/// beside N curl processes moving the same bytes to the same hubs at once; `rounds` times,
/// each desktop making 10 new changes a round, so a noisy machine shows in the spread of
/// the ratios rather than in one figure.
void manyDesktops(Bench& b, int desktops, int rounds, const Enrol& enrol) {
    // N desktops at once on a team of their own.
    auto small = integration::createTeam(b.hubUrl(0), "bench-many");
    std::vector<Site> many;
    for (int i = 0; i < desktops; ++i) {
        std::string name = "d" + std::to_string(i);
        many.push_back({name, newStore(b.dir / (name + ".nmdt")), enrol(name, small), {}});
        many.back().credentials.hubUrl = b.hubUrl(static_cast<std::size_t>(i));
        many.back().credentials.chair = i == 0;  // one chair, as in a real team
    }
    // The chair announces the team key before the others push under it (its first run
    // would, but here all start at once).
    {
        const auto& chair = many.front().credentials;
        auto announcement = integration::makeEnvelopeSealer(chair)->announceCurrentKey(
            std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::system_clock::now().time_since_epoch())
                .count());
        integration::makeHubTransport(chair)->announce(*announcement);
    }
    std::vector<double> ratios;
    for (int round = 0; round < rounds; ++round) {
        for (auto& site : many) {
            ChangeSet changes("bench-directory");
            for (int k = 0; k < 10; ++k)
                changes.create(
                    EntityKind::Organisation,
                    site.name + "-org-" + std::to_string(round) + "-" + std::to_string(k),
                    {{"name", "Organisation " + std::to_string(k)},
                     {"kind", std::string("vcfse")}});
            site.store->commit(changes, Actor{ProfessionalId("admin"), "Admin", Role::Administrator,
                                              OrganisationId()});
        }
        auto t = Steady::now();
        std::vector<std::thread> threads;
        std::vector<std::string> failures(many.size());
        double manySeconds = 0;
        {
            // NMDT_PROFILE_LATER_ROUNDS leaves the first round, where every desktop meets
            // its partners' certificates for the first time, out of a profile.
            std::optional<bench::ProfiledSection> profiled;
            if (round > 0 || !std::getenv("NMDT_PROFILE_LATER_ROUNDS"))
                profiled.emplace();
            for (std::size_t i = 0; i < many.size(); ++i)
                threads.emplace_back([&, i] {
                    try {
                        many[i].sync();
                    } catch (const std::exception& e) {
                        failures[i] = e.what();
                    }
                });
            for (auto& th : threads)
                th.join();
            manySeconds = secondsSince(t);
        }
        for (const auto& f : failures)
            if (!f.empty())
                std::cerr << "desktop failed: " << f << "\n";
        // Floor: the same exchanges by N curl processes at once.
        std::vector<std::string> commands;
        for (auto& s : many) {
            const std::string body = (b.dir / ("body-" + s.name)).string();
            b.writeBodies(s.exchanges, body);
            commands.push_back(b.curlCommand(s.name, s.exchanges, body, s.credentials.hubUrl));
        }
        t = Steady::now();
        // In a script: one command line for hundreds of curls passes the kernel's limit on
        // the length of one argument.
        const auto script = b.dir / "floor.sh";
        {
            std::ofstream out(script);
            for (const auto& c : commands)
                out << c << " > /dev/null &\n";
            out << "wait\n";
        }
        run("sh " + script.string());
        double manyFloor = secondsSince(t);
        ratios.push_back(manySeconds / manyFloor);
        std::cout << "| " << desktops << " desktops syncing at once (10 changes each, then all "
                  << "others'), " << (b.postgresql ? "two hubs on PostgreSQL" : "one hub on SQLite")
                  << ", round " << round + 1 << " | " << manySeconds << " s | curl same bytes, "
                  << desktops << " at once: " << manyFloor << " s | ratio " << ratios.back()
                  << " |\n";
    }
    std::sort(ratios.begin(), ratios.end());
    std::cout << "| " << desktops << " desktops at once, median ratio of " << rounds
              << " rounds | | | ratio " << ratios[ratios.size() / 2] << " (" << ratios.front()
              << " to " << ratios.back() << ") |\n";
}

int main(int argc, char** argv) {
    const bool manyOnly = argc >= 2 && std::string(argv[1]) == "--many";
    if (argc < 2) {
        std::cerr << "usage: NMDT_PASSPHRASE=... nmdt-sync-bench SOURCE.nmdt [--desktops N] "
                     "[--rounds N] [--postgresql] [--snapshot-only] [--no-window] [--keep-joined "
                     "COPY]\n       nmdt-sync-bench --many [--desktops N] "
                     "[--many-rounds N] [--postgresql]\n";
        return 2;
    }
    int desktops = 50, rounds = 20, manyRounds = 5;
    bool snapshotOnly = false;
    std::string keepJoined;     // where to leave the joined store, to time the window on it
    std::cout << std::unitbuf;  // each figure as it is measured, whatever happens later
    Bench b;
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--postgresql")
            b.postgresql = true;
        else if (arg == "--snapshot-only")
            snapshotOnly = true;
        else if (arg == "--desktops" && i + 1 < argc)
            desktops = std::atoi(argv[++i]);
        else if (arg == "--no-window")
            windowBesideJoin = false;
        else if (arg == "--snapshot-batch" && i + 1 < argc)
            snapshotBatch = static_cast<std::size_t>(std::atol(argv[++i]));
        else if (arg == "--rounds" && i + 1 < argc)
            rounds = std::atoi(argv[++i]);
        else if (arg == "--many-rounds" && i + 1 < argc)
            manyRounds = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--keep-joined" && i + 1 < argc)
            keepJoined = argv[++i];
    }
    const char* pass = std::getenv("NMDT_PASSPHRASE");
    if (!pass && !manyOnly) {
        std::cerr << "set NMDT_PASSPHRASE for the source store\n";
        return 2;
    }
    char tmpl[] = "/tmp/nmdt-sync-bench-XXXXXX";
    b.dir = mkdtemp(tmpl);
    std::unique_ptr<storage::SqlCipherStore> source;
    b.org = "org-bench";
    if (!manyOnly) {
        fs::copy_file(argv[1], b.dir / "source.nmdt");
        source = storage::SqlCipherStore::open((b.dir / "source.nmdt").string(), Passphrase(pass));
        b.org = source->organisations().at(0).id.str();
    }

    // Certificates: the source, a receiver of the same organisation, and the N desktops.
    std::string partners = " source:" + b.org + " receiver:" + b.org + " joiner:" + b.org;
    for (int i = 0; i < desktops; ++i)
        partners += " d" + std::to_string(i) + ":" + b.org;
    run(std::string(NMDT_CERT_SCRIPT) + " " + (b.dir / "pki").string() + " localhost" + partners +
        " > /dev/null");
    b.startHubs();

    const Enrol enrol = [&](const std::string& name, const integration::SyncCredentials& t) {
        auto c = t;
        c.certificateFile = (b.dir / "pki" / (name + ".pem")).string();
        c.privateKeyFile = (b.dir / "pki" / (name + ".key")).string();
        c.caFile = (b.dir / "pki/ca.pem").string();
        return c;
    };
    if (!manyOnly) {
        auto team = integration::createTeam(b.hubUrl(0), "bench");
        Site src{"source", std::move(source), enrol("source", team), {}};
        ChangeLogQuery all;
        all.limit = 100000000;
        std::cout << "Source: " << src.store->caseCount() << " cases\n";
        auto t = Steady::now();
        auto pushed = src.sync();
        double pushSeconds = secondsSince(t);
        std::cout << "| Initial push (source -> hub) | " << pushed.pushedChanges << " changes, "
                  << pushed.pushedEnvelopes << " envelopes, " << bytesOf(src.exchanges) / 1048576
                  << " MiB | " << pushSeconds << " s |\n";

        Site recv{"receiver", newStore(b.dir / "receiver.nmdt"), enrol("receiver", team), {}};
        recv.credentials.chair = false;
        if (!snapshotOnly) {
            t = Steady::now();
            auto pulled = recv.sync();
            double pullSeconds = secondsSince(t);
            double pullFloor = b.curl("receiver", recv.exchanges);
            std::cout << "| Initial sync into an empty desktop | " << pulled.applied.entriesApplied
                      << " changes, " << bytesOf(recv.exchanges) / 1048576 << " MiB | "
                      << pullSeconds << " s | curl same bytes: " << pullFloor << " s | ratio "
                      << pullSeconds / pullFloor << " |\n";
        }

        // A snapshot of the source's records, and a new desktop joining from it.
        t = Steady::now();
        auto published = src.publishSnapshot();
        std::cout << "| Publish a snapshot (source) | " << published.records << " records in "
                  << published.chunks << " chunks | " << secondsSince(t) << " s |\n";
        Site joiner{"joiner", newStore(b.dir / "joiner.nmdt"), enrol("joiner", team), {}};
        joiner.credentials.chair = false;
        // The window beside the join: its own connection records a view every 100 ms, as
        // a user opening records would, and the longest wait for the write lock is kept.
        std::atomic<bool> joining{true};
        std::vector<double> windowWrites;
        std::string windowFailure;  // said after the join, not by ending the bench mid-way
        std::thread window([&] {
            if (!windowBesideJoin)
                return;
            try {
                auto own = storage::SqlCipherStore::open((b.dir / "joiner.nmdt").string(),
                                                         Passphrase("benchmark passphrase 1"));
                const Actor user{ProfessionalId("bench-window"), "Bench Window", Role::Clinician,
                                 OrganisationId(b.org)};
                while (joining) {
                    const auto w = Steady::now();
                    own->commit(ChangeSet::auditOnly({AuditEventKind::ViewCase, "case:bench", {}}),
                                user);
                    windowWrites.push_back(secondsSince(w) * 1000);
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
                }
            } catch (const std::exception& e) {
                windowFailure = e.what();
            }
        });
        t = Steady::now();
        SyncReport joined;
        try {
            joined = joiner.sync();
        } catch (...) {
            joining = false;
            window.join();
            throw;
        }
        double joinSeconds = secondsSince(t);
        joining = false;
        window.join();
        if (!windowFailure.empty())
            std::cerr << "the window beside the join stopped: " << windowFailure << "\n";
        double joinFloor = b.curl("joiner", joiner.exchanges);
        if (!joined.joinedFromSnapshot)
            throw std::runtime_error("the joiner did not join from the snapshot");
        std::cout << "| Join an empty desktop from the snapshot | " << joined.snapshotRecords
                  << " records, " << bytesOf(joiner.exchanges) / 1048576 << " MiB | " << joinSeconds
                  << " s | curl same bytes: " << joinFloor << " s | ratio "
                  << joinSeconds / joinFloor << " |\n";
        std::sort(windowWrites.begin(), windowWrites.end());
        if (!windowWrites.empty())
            std::cout << "| The window's writes during the join | " << windowWrites.size()
                      << " views recorded | median " << windowWrites[windowWrites.size() / 2]
                      << " ms | longest " << windowWrites.back() << " ms |\n";
        // With each store's write-ahead log, which holds the last commits until checkpointed.
        auto onDisk = [&](const char* name) {
            auto bytes = fs::file_size(b.dir / name);
            if (fs::exists(b.dir / (std::string(name) + "-wal")))
                bytes += fs::file_size(b.dir / (std::string(name) + "-wal"));
            return bytes / 1048576;
        };
        std::cout << "| Stores on disk | source " << onDisk("source.nmdt") << " MiB, replayed "
                  << onDisk("receiver.nmdt") << " MiB, joined " << onDisk("joiner.nmdt")
                  << " MiB |\n";
        if (!keepJoined.empty()) {
            joiner.store.reset();  // closed: its write-ahead log folded into the file
            fs::copy_file(b.dir / "joiner.nmdt", keepJoined, fs::copy_options::overwrite_existing);
            std::cout << "The joined store is at " << keepJoined
                      << " (passphrase \"benchmark passphrase 1\")\n";
        }
        if (snapshotOnly) {
            b.stopHubs();
            fs::remove_all(b.dir);
            return 0;
        }
        // The replayed desktop a year on: everything it received is on the hub, so its
        // change log goes (nmdt-cli compact-history), and the space is given back.
        t = Steady::now();
        const auto compacted =
            recv.store->compactChangeLog(std::numeric_limits<std::int64_t>::max(), 50000, {});
        recv.store->reclaimFreeSpace();
        std::cout << "| Replayed desktop, history compacted | " << compacted << " entries | "
                  << secondsSince(t) << " s | " << onDisk("receiver.nmdt") << " MiB |\n";

        // Incremental: 10 changes on the source, received by the other desktop.
        std::vector<double> trips, floors;
        auto cases = src.store->casePage(0, 10);
        const Actor clinician{ProfessionalId("bench"), "Bench Clinician", Role::Clinician,
                              OrganisationId(b.org)};
        for (int r = 0; r < rounds; ++r) {
            ChangeSet changes("bench-flag");
            for (const auto& c : cases)
                changes.update(EntityKind::Case, c.id.str(),
                               {{"review_at_next_meeting", std::int64_t(r % 2)}});
            src.store->commit(changes, clinician);
            t = Steady::now();
            src.sync();
            recv.sync();
            trips.push_back(secondsSince(t) * 1000);
            double a = b.curl("source", src.exchanges), c2 = b.curl("receiver", recv.exchanges);
            floors.push_back((a + c2) * 1000);
        }
        std::sort(trips.begin(), trips.end());
        std::sort(floors.begin(), floors.end());
        double tripMedian = trips[trips.size() / 2], floorMedian = floors[floors.size() / 2];
        std::cout << "| Incremental sync of 10 changes (push + other desktop's pull), median of "
                  << rounds << " | " << tripMedian << " ms | curl same bytes: " << floorMedian
                  << " ms | ratio " << tripMedian / floorMedian << " |\n";
    }
    manyDesktops(b, desktops, manyRounds, enrol);
    b.stopHubs();
    fs::remove_all(b.dir);
    return 0;
}
