// nmdt-hub: the neighbourhood's sync hub, a Unix daemon or Windows service (Poco
// ServerApplication). Usage: nmdt-hub --config=/etc/nmdt/hub.properties [--daemon]
#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/StringTokenizer.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "integration/hub_server.h"
#include "model/sync_ports.h"
#include "model/utf8_path.h"
#include "storage/envelope_log.h"
#ifdef NMDT_HUB_POSTGRESQL
#include "storage/postgres_envelope_log.h"
#endif

namespace {

using Poco::Util::Option;
using Poco::Util::OptionSet;

/// The hub process: reads its configuration, opens its log, serves until told to stop.
class HubApplication : public Poco::Util::ServerApplication {
  public:
    // The same --option=value spelling on Windows as on Linux (Poco's default there is
    // /option=value), so one set of instructions serves both, --registerService included.
    HubApplication() { setUnixOptions(true); }

  protected:
    void defineOptions(OptionSet& options) override {
        ServerApplication::defineOptions(options);
        options.addOption(Option("config", "c", "configuration file (key=value properties)")
                              .required(false)
                              .repeatable(false)
                              .argument("FILE")
                              .callback(Poco::Util::OptionCallback<HubApplication>(
                                  this, &HubApplication::setConfig)));
        options.addOption(Option("help", "h", "show this help")
                              .callback(Poco::Util::OptionCallback<HubApplication>(
                                  this, &HubApplication::showHelp)));
    }

    int main(const std::vector<std::string>&) override {
        if (helpShown_)
            return EXIT_OK;
        // Without --config, nmdt-hub.properties beside the program: how the Windows service
        // (which starts with no arguments) finds its configuration.
        if (configFile_.empty() && loadConfiguration() > 0)
            configFile_ = config().getString("application.configDir") + "nmdt-hub.properties";
        if (configFile_.empty()) {
            std::cerr << "nmdt-hub: give --config=FILE or put nmdt-hub.properties beside the "
                         "program (see docs/sync.md for its keys)\n";
            return EXIT_USAGE;
        }
        try {
            auto config = readConfig();
            Poco::File(config.dataDirectory).createDirectories();
            // Its owner's (the service account's) alone: it names every desktop and team.
            std::filesystem::permissions(nmdt::pathFromUtf8(config.dataDirectory),
                                         std::filesystem::perms::owner_all,
                                         std::filesystem::perm_options::replace);
            auto log = openLog(config);
            nmdt::integration::HubServer server(config, *log);
            server.start();
            std::cout << "nmdt-hub listening on " << config.host << ":" << server.port()
                      << std::endl;
            waitForTerminationRequest();
            server.stop();
            std::cout << "nmdt-hub stopped" << std::endl;
            return EXIT_OK;
        } catch (const nmdt::SyncError& e) {
            std::cerr << "nmdt-hub: " << e.what() << "\n";
            return EXIT_CONFIG;
        } catch (const Poco::Exception& e) {
            std::cerr << "nmdt-hub: " << e.displayText() << "\n";
            return EXIT_SOFTWARE;
        } catch (const std::exception& e) {
            std::cerr << "nmdt-hub: " << e.what() << "\n";
            return EXIT_SOFTWARE;
        }
    }

  private:
    void setConfig(const std::string&, const std::string& value) {
        configFile_ = value;
        loadConfiguration(value);
    }
    void showHelp(const std::string&, const std::string&) {
        Poco::Util::HelpFormatter help(options());
        help.setCommand(commandName());
        help.setUsage("--config=FILE");
        help.setHeader("Relays sealed sync envelopes between Neighbourhood MDT desktops.");
        help.format(std::cout);
        helpShown_ = true;
        stopOptionsProcessing();
    }

    /// A path from the properties file. A backslash there starts an escape ("\n" is a line
    /// break), so a Windows path typed as C:\ProgramData\nmdt arrives mangled: refused with
    /// what to write instead, never used.
    static std::string path(const Poco::Util::AbstractConfiguration& c, const std::string& key) {
        std::string value = c.getString(key);
        for (char ch : value)
            if (static_cast<unsigned char>(ch) < 0x20)
                throw nmdt::SyncError(nmdt::SyncError::Kind::NotEnrolled,
                                      key +
                                          " holds a control character: in the configuration "
                                          "file write Windows paths with forward slashes "
                                          "(C:/ProgramData/NeighbourhoodMDT/hub) or double "
                                          "backslashes");
        return value;
    }

    /// The envelope log hub.store names: the embedded SQLite file in the data directory
    /// (one neighbourhood) or PostgreSQL at hub.postgresql (several instances, an ICB).
    std::unique_ptr<nmdt::EnvelopeLog> openLog(const nmdt::integration::HubConfig& h) {
        const auto& c = config();
        const auto store = c.getString("hub.store", "sqlite");
        if (store == "sqlite")
            return std::make_unique<nmdt::storage::SqliteEnvelopeLog>(
                Poco::Path(h.dataDirectory).append("hub-envelopes.db").toString());
        if (store != "postgresql")
            throw nmdt::SyncError(
                nmdt::SyncError::Kind::NotEnrolled,
                "hub.store is '" + store + "': it takes sqlite (the default) or postgresql");
#ifdef NMDT_HUB_POSTGRESQL
        if (!c.hasProperty("hub.postgresql"))
            throw nmdt::SyncError(nmdt::SyncError::Kind::NotEnrolled,
                                  "hub.store is postgresql but hub.postgresql (a libpq "
                                  "connection string, such as \"host=db1 dbname=nmdt_hub "
                                  "user=nmdt_hub\") is not set");
        return std::make_unique<nmdt::storage::PostgresEnvelopeLog>(c.getString("hub.postgresql"));
#else
        throw nmdt::SyncError(nmdt::SyncError::Kind::NotEnrolled,
                              "this hub was built without PostgreSQL (the Windows hub keeps "
                              "its log in SQLite): set hub.store=sqlite or run a Linux hub");
#endif
    }

    nmdt::integration::HubConfig readConfig() {
        const auto& c = config();
        nmdt::integration::HubConfig h;
        h.host = c.getString("hub.host", h.host);
        h.port = static_cast<unsigned short>(c.getUInt("hub.port", h.port));
        h.certificateFile = path(c, "hub.certificate");
        h.privateKeyFile = path(c, "hub.privateKey");
        h.caFile = path(c, "hub.ca");
        h.dataDirectory = path(c, "hub.dataDirectory");
        h.requestLogFile = c.hasProperty("hub.requestLog")
                               ? c.getString("hub.requestLog")
                               : Poco::Path(h.dataDirectory).append("hub-requests.log").toString();
        h.maxRequestBytes = c.getUInt64("hub.maxRequestBytes", h.maxRequestBytes);
        h.maxEnvelopeBytes = c.getUInt64("hub.maxEnvelopeBytes", h.maxEnvelopeBytes);
        h.maxPageSize = c.getUInt64("hub.maxPageSize", h.maxPageSize);
        h.maxPageBytes = c.getUInt64("hub.maxPageBytes", h.maxPageBytes);
        h.maxEnvelopesPerPush = c.getUInt64("hub.maxEnvelopesPerPush", h.maxEnvelopesPerPush);
        h.requestsPerMinute = c.getInt("hub.requestsPerMinute", h.requestsPerMinute);
        h.maxThreads = c.getInt("hub.maxThreads", h.maxThreads);
        h.maxSiteBytes = c.getInt64("hub.maxSiteBytes", h.maxSiteBytes);
        h.maxTeamBytes = c.getInt64("hub.maxTeamBytes", h.maxTeamBytes);
        h.handshakeTimeoutMs = c.getInt("hub.handshakeTimeoutMs", h.handshakeTimeoutMs);
        h.requestHeadTimeoutMs = c.getInt("hub.requestHeadTimeoutMs", h.requestHeadTimeoutMs);
        h.idleTimeoutMs = c.getInt("hub.idleTimeoutMs", h.idleTimeoutMs);
        h.bodyStallTimeoutMs = c.getInt("hub.bodyStallTimeoutMs", h.bodyStallTimeoutMs);
        h.maxConnectionsPerAddress =
            c.getUInt64("hub.maxConnectionsPerAddress", h.maxConnectionsPerAddress);
        h.maxConnections = c.getUInt64("hub.maxConnections", h.maxConnections);
        h.pruneBehindSnapshots = c.getBool("hub.pruneBehindSnapshots", h.pruneBehindSnapshots);
        Poco::StringTokenizer revoked(
            c.getString("hub.revoked", ""), ",",
            Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
        h.revokedFingerprints.assign(revoked.begin(), revoked.end());
        return h;
    }

    std::string configFile_;
    bool helpShown_ = false;
};

}  // namespace

POCO_SERVER_MAIN(HubApplication)
