#include "known_certificates.h"

#include <Poco/Exception.h>

#include <map>

#include "model/sync_ports.h"
#include "sync_crypto.h"

namespace nmdt::integration {

KnownCertificates::KnownCertificates(Poco::Crypto::X509Certificate ca) : ca_(std::move(ca)) {}

std::shared_ptr<const KnownCertificate> KnownCertificates::read(const std::string& pem,
                                                                const std::string& what) const {
    {
        std::lock_guard lock(mutex_);
        if (auto found = byPem_.find(pem); found != byPem_.end())
            return found->second;
    }
    // Read outside the lock: two threads meeting a new certificate at once both read it,
    // which is cheaper than making every other thread wait for one.
    auto certificate = certificateFromPem(pem, what);
    std::shared_ptr<const KnownCertificate> known;
    try {
        Poco::Crypto::RSAKey publicKey(certificate);
        auto subject = subjectOf(certificate);
        auto organisation = organisationOf(certificate);
        auto fingerprint = sha256Fingerprint(certificate);
        const bool issuedByCa = certificate.issuedBy(ca_);
        // Moved, not copied: a copy of a Poco certificate decodes it all over again.
        known = std::make_shared<const KnownCertificate>(
            KnownCertificate{std::move(certificate), std::move(publicKey), std::move(subject),
                             std::move(organisation), std::move(fingerprint), issuedByCa});
    } catch (const Poco::Exception&) {
        throw SyncError(SyncError::Kind::Malformed,
                        what + " carries a certificate without an RSA key");
    }
    std::lock_guard lock(mutex_);
    if (byPem_.size() >= kMaxKnown)
        byPem_.clear();
    return byPem_.emplace(pem, known).first->second;
}

std::shared_ptr<const KnownCertificate> KnownCertificates::trusted(
    const std::string& pem, const std::string& what, std::optional<std::int64_t> atMs) const {
    auto known = read(pem, what);
    requireTrusted(*known, what, atMs);
    return known;
}

std::shared_ptr<const KnownCertificates> knownCertificatesOf(
    const std::string& caPem, const std::string& ownCertificatePem,
    const std::function<Poco::Crypto::X509Certificate()>& loadCa) {
    static std::mutex mutex;
    static std::map<std::pair<std::string, std::string>, std::shared_ptr<const KnownCertificates>>
        byDesktop;
    std::lock_guard lock(mutex);
    auto& known = byDesktop[{caPem, ownCertificatePem}];
    if (!known)
        known = std::make_shared<const KnownCertificates>(loadCa());
    return known;
}

void requireTrusted(const KnownCertificate& known, const std::string& what,
                    std::optional<std::int64_t> atMs) {
    // Dates are checked at every use: a certificate read yesterday may have expired since.
    requireIssuedAndInDate(known.certificate, known.issuedByCa, known.subject, what, atMs);
}

}  // namespace nmdt::integration
