#include "sync_fixture.h"

#include <Poco/Net/Net.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "integration/invitation.h"
#include "storage/envelope_log.h"
#ifdef NMDT_TEST_POSTGRESQL
#include "storage/postgres_envelope_log.h"
#include "test_postgres.h"
#endif

namespace nmdt::test {

std::string runCommand(const std::string& command) {
    std::array<char, 4096> buffer;
    std::string out;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe)
        throw std::runtime_error("cannot run " + command);
    while (auto n = fread(buffer.data(), 1, buffer.size(), pipe))
        out.append(buffer.data(), n);
    int status = pclose(pipe);
    if (status != 0)
        throw std::runtime_error(command + " failed: " + out);
    return out;
}

OrganisationId TestPki::organisationOfSite(int n) {
    static const std::array<OrganisationId, 3> orgs{kPractice, kVcfse, kCouncil};
    return orgs[static_cast<std::size_t>(n) % orgs.size()];
}

TestPki::TestPki() {
    // A folder the runner made beforehand (the Windows suite under Wine, which cannot run
    // the script), or a new one made here.
    if (const char* given = std::getenv("NMDT_TEST_PKI"); given && *given) {
        root_ = given;
        return;
    }
    root_ = dir_.path();
    std::string partners;
    for (int n = 0; n < 6; ++n)
        partners += " site" + std::to_string(n) + ":" + organisationOfSite(n).str();
    runCommand(std::string(NMDT_CERT_SCRIPT) + " " + dir_.file("trusted") + " localhost" +
               partners);
    runCommand(std::string(NMDT_CERT_SCRIPT) + " " + dir_.file("other") +
               " localhost intruder:" + kPractice.str());
}

const TestPki& TestPki::instance() {
    static TestPki pki;
    return pki;
}

unsigned short freePort() {
    Poco::Net::initializeNetwork();  // Windows sockets; counted, so calling it again is harmless
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    return socket.address().port();
}

namespace {
std::string forward(const std::string& path) {
    return std::filesystem::path(path).generic_string();
}
}  // namespace

HubProcess::HubProcess(Limits limits) {
    port_ = freePort();
    postgresql_ = limits.postgresql;
#ifdef NMDT_TEST_POSTGRESQL
    if (postgresql_.empty() && hubsUsePostgres())
        postgresql_ = TestPostgres::instance().newDatabase();
#endif
    writeConfig(limits);
    start();
}

void HubProcess::restartWith(Limits limits) {
    stop();
    writeConfig(limits);
    start();
}

void HubProcess::writeConfig(const Limits& limits) {
    const auto& pki = TestPki::instance();
    std::ofstream config(dir_.file("hub.properties"));
    config << "hub.host=127.0.0.1\n"
           << "hub.port=" << port_
           << "\n"
           // Forward slashes: a backslash in a properties file starts an escape.
           << "hub.certificate=" << forward(pki.cert("hub")) << "\n"
           << "hub.privateKey=" << forward(pki.key("hub")) << "\n"
           << "hub.ca=" << forward(pki.ca()) << "\n"
           << "hub.dataDirectory=" << forward(dataDir()) << "\n"
           << "hub.maxRequestBytes=" << limits.maxRequestBytes << "\n"
           << "hub.requestsPerMinute=" << limits.requestsPerMinute << "\n"
           << "hub.revoked=" << limits.revoked << "\n"
           << "hub.maxPageBytes=" << limits.maxPageBytes << "\n"
           << "hub.handshakeTimeoutMs=" << limits.handshakeTimeoutMs << "\n"
           << "hub.requestHeadTimeoutMs=" << limits.requestHeadTimeoutMs << "\n"
           << "hub.idleTimeoutMs=" << limits.idleTimeoutMs << "\n"
           << "hub.maxConnectionsPerAddress=" << limits.maxConnectionsPerAddress << "\n"
           << "hub.maxSiteBytes=" << limits.maxSiteBytes << "\n"
           << "hub.maxTeamBytes=" << limits.maxTeamBytes << "\n";
    if (!postgresql_.empty())
        config << "hub.store=postgresql\nhub.postgresql=" << postgresql_ << "\n";
}

HubProcess::~HubProcess() {
    kill();
}

void HubProcess::start() {
    process_ = std::make_unique<ChildProcess>(
        NMDT_HUB_PATH, std::vector<std::string>{"--config=" + dir_.file("hub.properties")});
    // Wait for "listening" (the socket is bound by then), or for the process to fail.
    std::string seen, line;
    while (std::getline(process_->output(), line)) {
        seen += line + "\n";
        if (line.find("listening") != std::string::npos)
            break;
    }
    if (seen.find("listening") == std::string::npos) {
        process_->wait();
        process_.reset();
        throw std::runtime_error("nmdt-hub did not start: " + seen);
    }
    // Whatever it writes later is read and dropped, so a full pipe never stalls it.
    drain_ = std::thread([out = &process_->output()] {
        char c;
        while (out->get(c)) {
        }
    });
}

void HubProcess::finish() {
    if (!process_)
        return;
    process_->wait();
    drain_.join();
    process_.reset();
}

void HubProcess::stop() {
    if (!process_)
        return;
    process_->requestStop();
    finish();
}

void HubProcess::kill() {
    if (!process_)
        return;
    process_->kill();
    finish();
}

std::string HubProcess::allStoredBytes() const {
    std::string all;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dataDir()))
        if (entry.is_regular_file())
            all += readBytes(entry.path().string());
#ifdef NMDT_TEST_POSTGRESQL
    // Every value as the database holds it (read raw, so nothing hides in an encoding).
    if (!postgresql_.empty())
        for (const auto* table : {"teams", "sites", "envelopes"})
            for (const auto& row :
                 TestPostgres::query(postgresql_, std::string("SELECT * FROM ") + table))
                for (const auto& value : row)
                    all += value;
#endif
    return all;
}

std::unique_ptr<EnvelopeLog> HubProcess::openLog() const {
#ifdef NMDT_TEST_POSTGRESQL
    if (!postgresql_.empty())
        return std::make_unique<storage::PostgresEnvelopeLog>(postgresql_);
#endif
    if (!postgresql_.empty())
        throw std::runtime_error("this test program was built without PostgreSQL");
    return std::make_unique<storage::SqliteEnvelopeLog>(dataDir() + "/hub-envelopes.db");
}

void HubProcess::alterNewestHubTime() {
    const std::string sql =
        "UPDATE envelopes SET hub_time = hub_time + 86400000 WHERE seq ="
        " (SELECT max(seq) FROM envelopes)";
#ifdef NMDT_TEST_POSTGRESQL
    if (!postgresql_.empty()) {
        TestPostgres::query(postgresql_, sql);
        return;
    }
#endif
    SQLite::Database db(dataDir() + "/hub-envelopes.db", SQLite::OPEN_READWRITE);
    db.exec(sql);
}

void HubProcess::alterNewestCiphertext() {
#ifdef NMDT_TEST_POSTGRESQL
    if (!postgresql_.empty()) {
        TestPostgres::query(postgresql_,
                            "UPDATE envelopes SET ciphertext = set_byte(ciphertext, 0,"
                            " get_byte(ciphertext, 0) # 64) WHERE (team, seq) ="
                            " (SELECT team, seq FROM envelopes ORDER BY hub_time DESC, seq DESC"
                            " LIMIT 1)");
        return;
    }
#endif
    SQLite::Database db(dataDir() + "/hub-envelopes.db", SQLite::OPEN_READWRITE);
    SQLite::Statement st(db, "SELECT seq, ciphertext FROM envelopes ORDER BY seq DESC LIMIT 1");
    if (!st.executeStep())
        throw std::runtime_error("the hub holds no envelope to alter");
    auto seq = st.getColumn(0).getInt64();
    std::string bytes(static_cast<const char*>(st.getColumn(1).getBlob()),
                      static_cast<std::size_t>(st.getColumn(1).getBytes()));
    bytes[0] ^= 0x40;
    SQLite::Statement up(db, "UPDATE envelopes SET ciphertext = ? WHERE seq = ?");
    up.bind(1, bytes.data(), static_cast<int>(bytes.size()));
    up.bind(2, seq);
    up.exec();
}

std::multiset<std::string> editsOf(storage::SqlCipherStore& store) {
    std::multiset<std::string> out;
    ChangeLogQuery all;
    all.limit = 1000000;
    for (auto& e : store.changeLog(all)) {
        if (e.intent == "share-on-consent")
            continue;
        // Field order is not meaningful (JSON objects do not keep it).
        std::sort(e.fields.begin(), e.fields.end(),
                  [](const Field& a, const Field& b) { return a.name < b.name; });
        out.insert(e.siteId + " " + e.entityId + " " + e.intent + " " + encodeFields(e.fields));
    }
    return out;
}

integration::SyncCredentials newTeam(const HubProcess& hub) {
    return integration::createTeam(hub.url(), "northvale");
}

Desktop::Desktop(int n, const HubProcess& hub, const integration::SyncCredentials& team)
    : ids(static_cast<std::uint64_t>(1000 + n)), site(n) {
    store =
        storage::SqlCipherStore::create(path(), Passphrase("correct horse battery staple"), clock);
    const auto& pki = TestPki::instance();
    credentials = team;
    credentials.hubUrl = hub.url();
    credentials.certificateFile = pki.cert("site" + std::to_string(n));
    credentials.privateKeyFile = pki.key("site" + std::to_string(n));
    credentials.caFile = pki.ca();
    integration::saveCredentials(*store, credentials);
}

namespace {
SyncReport runEngine(Desktop& d, const std::function<SyncReport(SyncEngine&)>& what,
                     std::size_t snapshotRecords) {
    if (!d.hubTurns.empty()) {
        d.credentials.hubUrl = d.hubTurns.front();
        std::rotate(d.hubTurns.begin(), d.hubTurns.begin() + 1, d.hubTurns.end());
    }
    auto sealer = integration::makeEnvelopeSealer(d.credentials);
    auto transport = integration::makeHubTransport(d.credentials, {2000, 5000, {}});
    if (d.wrapTransport)
        transport = d.wrapTransport(std::move(transport));
    SyncOptions options;
    options.team = d.credentials.team;
    options.pushBatch = 40;
    options.pullPage = 7;
    options.sleep = [](std::chrono::milliseconds) {};
    options.stopRequested = d.stopRequested;
    options.joinFromSnapshot = d.joinFromSnapshot;
    options.snapshotChunkRecords = snapshotRecords;
    // A join writes a few chunks per transaction, as a large one does, so the store sets
    // its indexes aside and builds them again in every join here.
    options.snapshotLoadRecords = 10;
    auto clock = d.clock;
    options.now = [clock] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   clock->now().time_since_epoch())
            .count();
    };
    SyncEngine engine(*d.store, *d.store, *sealer, *transport, options);
    return what(engine);
}
}  // namespace

SnapshotPublishReport Desktop::publishSnapshot(std::size_t records) {
    SnapshotPublishReport out;
    runEngine(
        *this,
        [&](SyncEngine& engine) {
            out = engine.publishSnapshot();
            return SyncReport{};
        },
        records);
    return out;
}

SyncReport Desktop::sync() {
    return runEngine(
        *this, [](SyncEngine& engine) { return engine.run(); }, 1000);
}

ServiceContext Desktop::as(const ProfessionalId& who, Role role, const OrganisationId& org) {
    auto person = store->professional(who);
    return ServiceContext{*store, *clock, ids,
                          Actor{who, person ? person->name : who.str(), role, org}};
}

void TestDirectory::writeTo(Desktop& desktop) const {
    ChangeSet changes("test-directory");
    auto org = [&](const OrganisationId& id, const char* name, const char* kind) {
        changes.create(
            EntityKind::Organisation, id.str(),
            {{"name", std::string(name)}, {"kind", std::string(kind)}, {"ods_code", FieldValue()}});
    };
    org(kPractice, "Riverside Surgery", "gp-practice");
    org(kVcfse, "Age Well Together", "vcfse");
    org(kCouncil, "Northvale Council Adult Social Care", "social-care");
    auto person = [&](const ProfessionalId& id, const char* name, const char* role,
                      const OrganisationId& o) {
        changes.create(EntityKind::Professional, id.str(),
                       {{"name", std::string(name)},
                        {"role", std::string(role)},
                        {"organisation_id", o.str()},
                        {"email", FieldValue()},
                        {"phone", FieldValue()}});
    };
    person(chair, "Dr Amina Rahman", "chair", kPractice);
    person(gp, "Dr Tomasz Nowak", "clinician", kPractice);
    person(navigator, "Gwen Pritchard", "navigator", kVcfse);
    person(socialWorker, "Sam Okafor", "clinician", kCouncil);
    person(admin, "Pat Admin", "administrator", kPractice);
    desktop.store->commit(changes, Actor{admin, "Pat Admin", Role::Administrator, kPractice});
}

}  // namespace nmdt::test
