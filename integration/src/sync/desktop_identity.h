#pragma once
// A desktop's own certificate and private key, read from their files once per process: a
// desktop syncing every few minutes decoded both, and checked its certificate against the
// CA, at every run; with fifty desktops on one hub that was a twentieth of their time.

#include <Poco/Crypto/RSAKey.h>

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "integration/sync_credentials.h"
#include "known_certificates.h"

namespace nmdt::integration {

/// What one desktop signs with and checks its partners against.
struct DesktopIdentity {
    std::string certificatePem;
    /// Checked against the CA once; its dates are for the caller to judge at each use.
    std::shared_ptr<const KnownCertificate> certificate;
    Poco::Crypto::RSAKey key;
    /// Partners' and the hub's certificates, checked against the same CA.
    std::shared_ptr<const KnownCertificates> partners;
};

/// The identity in the files `credentials` names. Keyed by the three files' contents, so a
/// renewed certificate or key, or another CA, is read anew. Throws SyncError(NotEnrolled)
/// naming the file that cannot be read.
std::shared_ptr<const DesktopIdentity> desktopIdentityOf(const SyncCredentials& credentials);

/// SHA-256 over `parts`, each prefixed with its length (so parts cannot run into each other).
std::string digestOfParts(std::initializer_list<std::string_view> parts);

/// The whole of a file, or nothing when it cannot be read. The path is UTF-8.
std::optional<std::string> fileContents(const std::string& path);

}  // namespace nmdt::integration
