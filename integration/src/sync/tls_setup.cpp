#include "tls_setup.h"

#include <Poco/Exception.h>
#include <Poco/Net/Net.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>

#include <map>
#include <mutex>
#include <optional>

#include "desktop_identity.h"
#include "model/sync_ports.h"

namespace nmdt::integration {

namespace {
// Forward secrecy and authenticated encryption only.
constexpr const char* kCiphers = "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!eNULL:!MD5:!RC4";

void initialiseOnce(bool server, const Poco::Net::Context::Ptr& ctx) {
    static std::once_flag clientOnce, serverOnce;
    // Without a handler registered, Poco looks one up in an Application's configuration;
    // a refused certificate must simply fail the handshake.
    if (server)
        std::call_once(serverOnce, [&] {
            Poco::Net::SSLManager::instance().initializeServer(
                nullptr, new Poco::Net::RejectCertificateHandler(true), ctx);
        });
    else
        std::call_once(clientOnce, [&] {
            Poco::Net::SSLManager::instance().initializeClient(
                nullptr, new Poco::Net::RejectCertificateHandler(false), ctx);
        });
}

/// The files' names and contents as one digest; nothing when one cannot be read (making the
/// context then says which).
std::optional<std::string> identityDigest(const std::string& keyFile, const std::string& certFile,
                                          const std::string& caFile) {
    auto key = fileContents(keyFile);
    auto cert = fileContents(certFile);
    auto ca = fileContents(caFile);
    if (!key || !cert || !ca)
        return std::nullopt;
    return digestOfParts({keyFile, certFile, caFile, *key, *cert, *ca});
}

Poco::Net::Context::Ptr make(Poco::Net::Context::Usage usage, const std::string& keyFile,
                             const std::string& certFile, const std::string& caFile) {
    // Windows sockets need starting once per process (WSAStartup); a static Poco does not do
    // it by itself there. Every connection and listener is made after a context, so here.
    static std::once_flag networkOnce;
    std::call_once(networkOnce, [] { Poco::Net::initializeNetwork(); });
    try {
        Poco::Net::Context::Ptr ctx =
            new Poco::Net::Context(usage, keyFile, certFile, caFile,
                                   Poco::Net::Context::VERIFY_STRICT, 4, false, kCiphers);
        ctx->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
        return ctx;
    } catch (const Poco::Exception& e) {
        throw SyncError(SyncError::Kind::NotEnrolled,
                        "cannot load the TLS certificate, key or CA (" + e.displayText() + ")");
    }
}
}  // namespace

Poco::Net::Context::Ptr makeClientContext(const std::string& keyFile, const std::string& certFile,
                                          const std::string& caFile) {
    // Kept for the life of the process, keyed by the files' names and contents (as a
    // digest: the key's text is not kept): loading the key, certificate and CA into a new
    // context at every sync cost a desktop more than its handshake.
    const auto key = identityDigest(keyFile, certFile, caFile);
    static std::mutex mutex;
    static std::map<std::string, Poco::Net::Context::Ptr> byFiles;
    if (key) {
        std::lock_guard lock(mutex);
        if (auto found = byFiles.find(*key); found != byFiles.end())
            return found->second;
    }
    auto ctx = make(Poco::Net::Context::TLS_CLIENT_USE, keyFile, certFile, caFile);
    initialiseOnce(false, ctx);
    if (key) {
        std::lock_guard lock(mutex);
        if (byFiles.size() >= 256)
            byFiles.clear();
        byFiles.emplace(*key, ctx);
    }
    return ctx;
}

Poco::Net::Context::Ptr makeServerContext(const std::string& keyFile, const std::string& certFile,
                                          const std::string& caFile) {
    auto ctx = make(Poco::Net::Context::TLS_SERVER_USE, keyFile, certFile, caFile);
    // Otherwise Poco checks the client certificate's name against the client's address.
    ctx->enableExtendedCertificateVerification(false);
    initialiseOnce(true, ctx);
    return ctx;
}

}  // namespace nmdt::integration
