#pragma once
// Fixtures for sync tests: a test PKI made by scripts/make-trial-certs.sh, a real nmdt-hub
// process on loopback, and desktops (real encrypted stores) that sync through it.

#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include "child_process.h"
#include "integration/sync_credentials.h"
#include "model/sync_engine.h"
#include "model/sync_ports.h"
#include "test_support.h"

namespace nmdt::test {

/// Organisation ids the test certificates are issued for.
inline const OrganisationId kPractice{"org-practice"};
inline const OrganisationId kVcfse{"org-vcfse"};
inline const OrganisationId kCouncil{"org-council"};

/// Certificates for the hub and desktops site0..site5, plus an intruder from another CA.
class TestPki {
  public:
    static const TestPki& instance();
    std::string ca() const { return file("trusted/ca.pem"); }
    std::string cert(const std::string& name) const { return file("trusted/" + name + ".pem"); }
    std::string key(const std::string& name) const { return file("trusted/" + name + ".key"); }
    std::string intruderCert() const { return file("other/intruder.pem"); }
    std::string intruderKey() const { return file("other/intruder.key"); }
    std::string dir() const { return root_.string(); }
    /// The organisation site N's certificate names.
    static OrganisationId organisationOfSite(int n);

  private:
    TestPki();
    std::string file(const std::string& name) const { return (root_ / name).string(); }
    TempDir dir_;
    std::filesystem::path root_;
};

/// Runs an "ok" shell command on the build machine; throws with its output if it fails.
std::string runCommand(const std::string& command);

/// A real nmdt-hub process on a fixed loopback port.
class HubProcess {
  public:
    struct Limits {
        std::size_t maxRequestBytes = 32 * 1024 * 1024;
        int requestsPerMinute = 100000;
        std::string revoked;
        std::size_t maxPageBytes = 32 * 1024 * 1024;
        int handshakeTimeoutMs = 10000;
        int requestHeadTimeoutMs = 10000;
        int idleTimeoutMs = 15000;
        std::size_t maxConnectionsPerAddress = 64;
        std::int64_t maxSiteBytes = 1LL << 33;
        std::int64_t maxTeamBytes = 1LL << 36;
        /// The PostgreSQL database to keep the log in (another hub's postgresql(), for two
        /// instances on one); empty: SQLite, or a new database when hubsUsePostgres().
        std::string postgresql;
    };
    HubProcess() : HubProcess(Limits{}) {}
    explicit HubProcess(Limits limits);
    ~HubProcess();
    void start();
    void stop();  // asks it to shut down cleanly, waits
    /// Stops it, changes its limits, starts it again on the same port and data.
    void restartWith(Limits limits);
    void kill();  // stops it at once, waits
    unsigned short port() const { return port_; }
    std::string url() const { return "https://localhost:" + std::to_string(port_); }
    std::string dataDir() const { return dir_.file("data"); }
    /// The most memory the hub process has held at once, where the system tells (Linux).
    std::optional<std::size_t> peakMemoryBytes() const {
        return process_ ? process_->peakMemoryBytes() : std::nullopt;
    }
    /// Every byte the hub keeps: its files, and every value in its PostgreSQL database.
    std::string allStoredBytes() const;
    /// Its PostgreSQL connection string; empty when it keeps its log in SQLite.
    const std::string& postgresql() const { return postgresql_; }
    /// Its envelope log, opened beside it (to count or look at what it stored).
    std::unique_ptr<EnvelopeLog> openLog() const;
    /// Flips a bit of the newest envelope it stored, as an attacker on its disk would.
    void alterNewestCiphertext();
    /// Moves the newest envelope's hub time a day later, as whoever can write to its
    /// database could.
    void alterNewestHubTime();

  private:
    void finish();
    void writeConfig(const Limits& limits);
    TempDir dir_;
    unsigned short port_ = 0;
    std::string postgresql_;
    std::unique_ptr<ChildProcess> process_;
    std::thread drain_;
};

/// Default limits, with the log in the PostgreSQL database at `postgresql`.
inline HubProcess::Limits onDatabase(const std::string& postgresql) {
    HubProcess::Limits limits;
    limits.postgresql = postgresql;
    return limits;
}

/// A free TCP port on loopback.
unsigned short freePort();

/// One partner desktop: its own encrypted store, clock, ids and certificate.
struct Desktop {
    TempDir dir;
    /// Starts at the real time: the hub stamps envelopes with its own clock, and clamping
    /// compares the two.
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
    SeededIdSource ids;

    std::unique_ptr<storage::SqlCipherStore> store;
    integration::SyncCredentials credentials;
    std::function<std::unique_ptr<HubTransport>(std::unique_ptr<HubTransport>)> wrapTransport;
    /// Passed to the engine as SyncOptions::stopRequested when set.
    std::function<bool()> stopRequested;
    /// Hub instances (on one database) to take turns with, one per sync; empty: just one.
    std::vector<std::string> hubTurns;

    /// Desktop N uses certificate siteN (organisation organisationOfSite(N)).
    Desktop(int site, const HubProcess& hub, const integration::SyncCredentials& team);
    /// Passed as SyncOptions::joinFromSnapshot.
    bool joinFromSnapshot = true;
    SyncReport sync();
    /// Publishes its organisation's snapshot, `records` to a chunk.
    SnapshotPublishReport publishSnapshot(std::size_t records = 6);
    ServiceContext as(const ProfessionalId& who, Role role, const OrganisationId& org);
    std::string path() const { return dir.file("desktop.nmdt"); }
    int site;
};

/// Every edit a store's change log holds, by origin (re-sent records left out): equal on
/// two desktops when every edit reached both, none lost and none twice.
std::multiset<std::string> editsOf(storage::SqlCipherStore& store);

/// A team with a fresh key on `hub`.
integration::SyncCredentials newTeam(const HubProcess& hub);

/// The directory every test neighbourhood has: three organisations and their people.
struct TestDirectory {
    ProfessionalId chair{"pro-chair"}, gp{"pro-gp"}, navigator{"pro-navigator"},
        socialWorker{"pro-social"}, admin{"pro-admin"};
    /// Writes it on `desktop` as an administrator of the practice.
    void writeTo(Desktop& desktop) const;
};

}  // namespace nmdt::test
