#pragma once
// Certificates read from their PEM text once and checked against the neighbourhood CA once:
// a desktop opening a hundred envelopes from one partner, the chunks of a snapshot or the
// hub's receipts, and the hub checking every push from the same desktops, read each
// certificate once. OpenSSL 3 decodes a certificate's key through its provider machinery,
// which costs far more than the signature check itself and takes process-wide locks.

#include <Poco/Crypto/RSAKey.h>
#include <Poco/Crypto/X509Certificate.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace nmdt::integration {

/// One certificate as read from its PEM: the certificate, its public key, and what the
/// checks and messages ask of it.
struct KnownCertificate {
    Poco::Crypto::X509Certificate certificate;
    Poco::Crypto::RSAKey publicKey;
    std::string subject;
    std::string organisation;
    std::string fingerprint;  // SHA-256, hex
    bool issuedByCa = false;
};

/// The certificates one desktop (see knownCertificatesOf) or one hub has read, each checked
/// against its CA; safe to use from several threads. Keyed by the exact PEM text, so a different
/// certificate is never mistaken for one already checked.
class KnownCertificates {
  public:
    explicit KnownCertificates(Poco::Crypto::X509Certificate ca);

    const Poco::Crypto::X509Certificate& ca() const { return ca_; }
    /// The certificate in `pem`. Throws SyncError(Malformed) naming `what` when it holds
    /// no readable certificate.
    std::shared_ptr<const KnownCertificate> read(const std::string& pem,
                                                 const std::string& what) const;
    /// The certificate in `pem` if the CA issued it and it was in date at `atMs`
    /// (milliseconds since the epoch; now when not given). Throws SyncError(Untrusted)
    /// otherwise, naming `what`.
    std::shared_ptr<const KnownCertificate> trusted(
        const std::string& pem, const std::string& what,
        std::optional<std::int64_t> atMs = std::nullopt) const;

  private:
    /// A long-running hub meets each desktop's renewals too; past this many, start again.
    static constexpr std::size_t kMaxKnown = 4096;

    Poco::Crypto::X509Certificate ca_;
    // What was read is cached, not changed: reading is const to those who ask.
    mutable std::mutex mutex_;
    mutable std::unordered_map<std::string, std::shared_ptr<const KnownCertificate>> byPem_;
};

/// The certificates one desktop has checked against one CA, for the life of the process:
/// a desktop syncing every few minutes reads each partner's certificate once, not at every
/// run. One set per CA and desktop certificate (both as PEM text); `loadCa` reads the CA
/// the first time that pair is seen.
std::shared_ptr<const KnownCertificates> knownCertificatesOf(
    const std::string& caPem, const std::string& ownCertificatePem,
    const std::function<Poco::Crypto::X509Certificate()>& loadCa);

/// Throws SyncError(Untrusted) unless `known` was issued by the CA it was checked against
/// and was in date at `atMs` (now when not given); `what` names the message it signed.
void requireTrusted(const KnownCertificate& known, const std::string& what,
                    std::optional<std::int64_t> atMs);

}  // namespace nmdt::integration
