// nmdt-sync-bench: sync over HTTPS against a real nmdt-hub on loopback, each figure beside
// the floor measured in the same run: curl moving the same bytes over TLS to the same hub.
//
// Usage: NMDT_PASSPHRASE=... nmdt-sync-bench SOURCE.nmdt [--desktops N] [--rounds N]
//   SOURCE is a store to sync from (e.g. the `large` demo); it is copied, never changed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>
#include <vector>

#include "child_process.h"
#include "integration/invitation.h"
#include "integration/sync_credentials.h"
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
        auto report = SyncEngine(*store, *store, *sealer, *hub, o).run();
        if (!report.completed)
            throw std::runtime_error(name + ": " + report.problem->message);
        return report;
    }
};

struct Bench {
    fs::path dir;
    std::string port;
    std::unique_ptr<test::ChildProcess> hub;
    std::string org;

    std::string certArgs(const std::string& name) const {
        return "--cert " + (dir / "pki" / (name + ".pem")).string() + " --key " +
               (dir / "pki" / (name + ".key")).string() + " --cacert " +
               (dir / "pki" / "ca.pem").string();
    }
    std::string url(const std::string& path) const { return "https://localhost:" + port + path; }

    /// curl sending the same bytes as `exchanges`, on one TLS connection; returns seconds.
    std::string curlCommand(const std::string& name, const std::vector<Exchange>& exchanges,
                            const std::string& bodyFile) const {
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
        auto t = Steady::now();
        run(curlCommand(name, exchanges, body) + " > /dev/null");
        return secondsSince(t);
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

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: NMDT_PASSPHRASE=... nmdt-sync-bench SOURCE.nmdt [--desktops N] "
                     "[--rounds N]\n";
        return 2;
    }
    int desktops = 50, rounds = 20;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (std::string(argv[i]) == "--desktops")
            desktops = std::atoi(argv[i + 1]);
        if (std::string(argv[i]) == "--rounds")
            rounds = std::atoi(argv[i + 1]);
    }
    const char* pass = std::getenv("NMDT_PASSPHRASE");
    if (!pass) {
        std::cerr << "set NMDT_PASSPHRASE for the source store\n";
        return 2;
    }
    Bench b;
    char tmpl[] = "/tmp/nmdt-sync-bench-XXXXXX";
    b.dir = mkdtemp(tmpl);
    fs::copy_file(argv[1], b.dir / "source.nmdt");
    auto source = storage::SqlCipherStore::open((b.dir / "source.nmdt").string(), Passphrase(pass));
    b.org = source->organisations().at(0).id.str();

    // Certificates: the source, a receiver of the same organisation, and the N desktops.
    std::string partners = " source:" + b.org + " receiver:" + b.org;
    for (int i = 0; i < desktops; ++i)
        partners += " d" + std::to_string(i) + ":" + b.org;
    run(std::string(NMDT_CERT_SCRIPT) + " " + (b.dir / "pki").string() + " localhost" + partners +
        " > /dev/null");

    // The hub, on a port of its own.
    b.port = std::to_string(20000 + std::random_device{}() % 20000);
    {
        std::ofstream cfg(b.dir / "hub.properties");
        cfg << "hub.host=127.0.0.1\nhub.port=" << b.port
            << "\nhub.certificate=" << (b.dir / "pki/hub.pem").string()
            << "\nhub.privateKey=" << (b.dir / "pki/hub.key").string()
            << "\nhub.ca=" << (b.dir / "pki/ca.pem").string()
            << "\nhub.dataDirectory=" << (b.dir / "hub").string()
            << "\nhub.requestsPerMinute=1000000\nhub.maxThreads=64\n";
    }
    b.hub = std::make_unique<test::ChildProcess>(
        NMDT_HUB_PATH, std::vector<std::string>{"--config=" + (b.dir / "hub.properties").string()});
    for (std::string line; std::getline(b.hub->output(), line);)
        if (line.find("listening") != std::string::npos)
            break;
    // Whatever it says later is read and dropped, so a full pipe never stalls it.
    std::thread drain([out = &b.hub->output()] {
        for (char c; out->get(c);) {
        }
    });

    auto team = integration::createTeam("https://localhost:" + b.port, "bench");
    auto enrol = [&](const std::string& name, const integration::SyncCredentials& t) {
        auto c = t;
        c.certificateFile = (b.dir / "pki" / (name + ".pem")).string();
        c.privateKeyFile = (b.dir / "pki" / (name + ".key")).string();
        c.caFile = (b.dir / "pki/ca.pem").string();
        return c;
    };

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
    t = Steady::now();
    auto pulled = recv.sync();
    double pullSeconds = secondsSince(t);
    double pullFloor = b.curl("receiver", recv.exchanges);
    std::cout << "| Initial sync into an empty desktop | " << pulled.applied.entriesApplied
              << " changes, " << bytesOf(recv.exchanges) / 1048576 << " MiB | " << pullSeconds
              << " s | curl same bytes: " << pullFloor << " s | ratio " << pullSeconds / pullFloor
              << " |\n";

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

    // N desktops at once, each with 10 changes, on a team of their own.
    auto small = integration::createTeam("https://localhost:" + b.port, "bench-many");
    std::vector<Site> many;
    for (int i = 0; i < desktops; ++i) {
        std::string name = "d" + std::to_string(i);
        many.push_back({name, newStore(b.dir / (name + ".nmdt")), enrol(name, small), {}});
        ChangeSet changes("bench-directory");
        for (int k = 0; k < 10; ++k)
            changes.create(
                EntityKind::Organisation, name + "-org-" + std::to_string(k),
                {{"name", "Organisation " + std::to_string(k)}, {"kind", std::string("vcfse")}});
        many.back().store->commit(changes, Actor{ProfessionalId("admin"), "Admin",
                                                 Role::Administrator, OrganisationId()});
    }
    t = Steady::now();
    std::vector<std::thread> threads;
    std::vector<std::string> failures(many.size());
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
    double manySeconds = secondsSince(t);
    for (const auto& f : failures)
        if (!f.empty())
            std::cerr << "desktop failed: " << f << "\n";
    // Floor: the same exchanges by N curl processes at once.
    std::vector<std::string> commands;
    for (auto& s : many) {
        const std::string body = (b.dir / ("body-" + s.name)).string();
        b.writeBodies(s.exchanges, body);
        commands.push_back(b.curlCommand(s.name, s.exchanges, body));
    }
    t = Steady::now();
    std::string all_cmd;
    for (const auto& c : commands)
        all_cmd += c + " > /dev/null & ";
    run(all_cmd + " wait");
    double manyFloor = secondsSince(t);
    std::cout << "| " << desktops << " desktops syncing at once (10 changes each, then all "
              << "others') | " << manySeconds << " s | curl same bytes, " << desktops
              << " at once: " << manyFloor << " s | ratio " << manySeconds / manyFloor << " |\n";

    b.hub->requestStop();
    b.hub->wait();
    drain.join();
    fs::remove_all(b.dir);
    return 0;
}
