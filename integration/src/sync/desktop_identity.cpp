#include "desktop_identity.h"

#include <Poco/Crypto/DigestEngine.h>
#include <Poco/Exception.h>

#include <fstream>
#include <iterator>
#include <map>
#include <mutex>

#include "model/utf8_path.h"
#include "sync_crypto.h"

namespace nmdt::integration {

namespace {
Poco::Crypto::RSAKey loadKey(const SyncCredentials& c) {
    try {
        return Poco::Crypto::RSAKey(c.certificateFile, c.privateKeyFile, "");
    } catch (const Poco::Exception&) {
        try {
            return Poco::Crypto::RSAKey("", c.privateKeyFile, "");
        } catch (const Poco::Exception&) {
            throw SyncError(SyncError::Kind::NotEnrolled,
                            "cannot read this desktop's private key from " + c.privateKeyFile);
        }
    }
}

std::string required(const std::string& path, const std::string& what) {
    auto text = fileContents(path);
    if (!text)
        throw SyncError(SyncError::Kind::NotEnrolled, "cannot read " + what + " from " + path);
    return *text;
}

std::shared_ptr<const DesktopIdentity> read(const SyncCredentials& c, const std::string& caPem,
                                            const std::string& ownPem) {
    auto partners = knownCertificatesOf(caPem, ownPem, [&] {
        try {
            return certificateFromPem(caPem, "the neighbourhood CA certificate");
        } catch (const SyncError&) {
            throw SyncError(SyncError::Kind::NotEnrolled,
                            "cannot read the neighbourhood CA certificate from " + c.caFile);
        }
    });
    std::shared_ptr<const KnownCertificate> own;
    try {
        own = partners->read(ownPem, "this desktop's certificate");
    } catch (const SyncError&) {
        throw SyncError(SyncError::Kind::NotEnrolled,
                        "cannot read this desktop's certificate from " + c.certificateFile);
    }
    return std::make_shared<const DesktopIdentity>(
        DesktopIdentity{ownPem, std::move(own), loadKey(c), std::move(partners)});
}
}  // namespace

std::string digestOfParts(std::initializer_list<std::string_view> parts) {
    Poco::Crypto::DigestEngine engine("SHA256");
    for (auto part : parts) {
        const auto size = std::to_string(part.size()) + ":";
        engine.update(size.data(), size.size());
        engine.update(part.data(), part.size());
    }
    const auto& digest = engine.digest();
    return std::string(digest.begin(), digest.end());
}

std::optional<std::string> fileContents(const std::string& path) {
    std::ifstream in(pathFromUtf8(path), std::ios::binary);
    if (!in)
        return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::shared_ptr<const DesktopIdentity> desktopIdentityOf(const SyncCredentials& c) {
    const auto caPem = required(c.caFile, "the neighbourhood CA certificate");
    const auto ownPem = required(c.certificateFile, "this desktop's certificate");
    const auto keyPem = required(c.privateKeyFile, "this desktop's private key");
    // As a digest: the private key's text is not kept.
    const auto key = digestOfParts({caPem, ownPem, keyPem});
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const DesktopIdentity>> byFiles;
    {
        std::lock_guard lock(mutex);
        if (auto found = byFiles.find(key); found != byFiles.end())
            return found->second;
    }
    // Read outside the lock: fifty desktops starting at once need not queue.
    auto identity = read(c, caPem, ownPem);
    std::lock_guard lock(mutex);
    // A process meets one or two identities; a test suite a few dozen.
    if (byFiles.size() >= 256)
        byFiles.clear();
    return byFiles.emplace(key, identity).first->second;
}

}  // namespace nmdt::integration
