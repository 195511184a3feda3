#pragma once
// Cryptographic building blocks of sync on Poco::Crypto: AES-256-GCM with a fresh nonce per
// message, RSA-SHA256 signatures by a desktop's certificate key, and certificate checks
// against the neighbourhood's CA.

#include <Poco/Crypto/RSAKey.h>
#include <Poco/Crypto/X509Certificate.h>

#include <cstdint>
#include <optional>
#include <string>

#include "model/sync_ports.h"

namespace nmdt::integration {

class KnownCertificates;

inline constexpr std::size_t kTeamKeyBytes = 32;
inline constexpr std::size_t kNonceBytes = 12;
inline constexpr std::size_t kTagBytes = 16;

std::string randomBytes(std::size_t n);
std::string toHex(const std::string& bytes);
/// Throws SyncError(Malformed) on anything but an even run of hex digits.
std::string fromHex(const std::string& hex);
std::string toBase64(const std::string& bytes);
/// Throws SyncError(Malformed) on invalid base64.
std::string fromBase64(const std::string& text, const std::string& what);

/// A sealed message: nonce, ciphertext, tag.
struct GcmSealed {
    std::string nonce;
    std::string ciphertext;
    std::string tag;
};
GcmSealed aesGcmSeal(const std::string& key, const std::string& plaintext);
/// Throws SyncError(WrongKey) when the tag does not verify (wrong key or altered bytes).
std::string aesGcmOpen(const std::string& key, const GcmSealed& sealed, const std::string& what);

/// PBKDF2-HMAC-SHA256; for keys derived from a code a person types.
std::string deriveKey(const std::string& secret, const std::string& salt, int iterations);

/// Who a certificate was issued to, as "CN=<name>,O=<organisation>" with each value escaped
/// as RFC 4514 does (a name holding ",O=" cannot read as a second organisation). For people
/// to read and to compare whole; never search it for a field: use organisationOf.
std::string subjectOf(const Poco::Crypto::X509Certificate& cert);
std::string organisationOf(const Poco::Crypto::X509Certificate& cert);
std::string sha256Fingerprint(const Poco::Crypto::X509Certificate& cert);
Poco::Crypto::X509Certificate certificateFromPem(const std::string& pem, const std::string& what);
std::string pemOf(const std::string& certificatePath);
/// Throws SyncError(Untrusted) unless `cert` was issued by `ca` and was in date at `atMs`
/// (milliseconds since the epoch; now when not given).
void requireIssuedBy(const Poco::Crypto::X509Certificate& cert,
                     const Poco::Crypto::X509Certificate& ca, const std::string& what,
                     std::optional<std::int64_t> atMs = std::nullopt);
/// The same check on a certificate whose issuer was judged already (`issuedByCa`) and
/// whose subject was read already.
void requireIssuedAndInDate(const Poco::Crypto::X509Certificate& cert, bool issuedByCa,
                            const std::string& subject, const std::string& what,
                            std::optional<std::int64_t> atMs);

/// The bytes an envelope's signature covers: every header field, nonce, ciphertext, tag.
std::string signingInput(const SealedEnvelope& envelope);
/// The bytes the hub's receipt for a stored envelope covers: its team, the sequence and
/// time the hub gave it, and the author's signature (which covers everything else).
std::string receiptSigningInput(const SealedEnvelope& envelope);
/// Checks the hub's receipt on a received envelope: signed by a certificate the CA issued
/// for `hubHost` (the hub this desktop syncs with), in date at the envelope's hub time.
/// Throws SyncError(Tampered or Untrusted) naming the envelope.
void verifyHubReceipt(const SealedEnvelope& envelope, const KnownCertificates& certificates,
                      const std::string& hubHost);
/// The bytes a key announcement's signature covers: team, key id and time.
std::string announcementSigningInput(const KeyAnnouncement& announcement);
std::string sign(const Poco::Crypto::RSAKey& key, const std::string& data);
bool verify(const Poco::Crypto::RSAKey& publicKey, const std::string& data,
            const std::string& signature);

/// Who signed an envelope: their subject, and the organisation read from the certificate's
/// own O field.
struct EnvelopeSigner {
    std::string subject;
    std::string organisation;
};

/// Checks an envelope's signer against the CA and its signature; returns who signed it.
/// Throws SyncError(Untrusted or Tampered) naming the envelope.
EnvelopeSigner verifyEnvelopeSignature(const SealedEnvelope& envelope,
                                       const KnownCertificates& certificates);

/// What a snapshot chunk's signature covers: its header, nonce, ciphertext and tag, under a
/// label of its own (a chunk cannot pass as an envelope, nor an envelope as a chunk).
std::string snapshotSigningInput(const SealedSnapshotChunk& chunk);
/// Checks the chunk's certificate against the CA and its signature; who signed it.
EnvelopeSigner verifySnapshotSignature(const SealedSnapshotChunk& chunk,
                                       const KnownCertificates& certificates);
/// "snapshot chunk 3 of snapshot ab12… from site cd34…" for messages.
std::string describeSnapshotChunk(const SealedSnapshotChunk& chunk);

/// "envelope 12 from site ab12…" for messages.
std::string describeEnvelope(const SealedEnvelope& envelope);

}  // namespace nmdt::integration
