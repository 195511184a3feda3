#include "sync_crypto.h"

#include "crypto/openssl_crypto.h"
#include "known_certificates.h"
#include "snapshot_body.h"

#include <Poco/Crypto/Cipher.h>
#include <Poco/Crypto/CipherFactory.h>
#include <Poco/Crypto/CipherKey.h>
#include <Poco/Crypto/RSADigestEngine.h>
#include <Poco/DateTime.h>
#include <Poco/DigestEngine.h>
#include <Poco/Exception.h>
#include <Poco/HMACEngine.h>
#include <Poco/PBKDF2Engine.h>
#include <Poco/SHA2Engine.h>

#include <array>
#include <cstdint>
#include <fstream>
#include <sstream>

#include "model/change_set.h"
#include "model/utf8_path.h"

namespace nmdt::integration {

namespace {
using ByteVec = std::vector<unsigned char>;
ByteVec bytesOf(const std::string& s) {
    return ByteVec(s.begin(), s.end());
}

std::string runTransform(Poco::Crypto::CryptoTransform& t, const std::string& in) {
    std::string out(in.size() + 64, '\0');
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    auto n = t.transform(reinterpret_cast<const unsigned char*>(in.data()),
                         static_cast<std::streamsize>(in.size()), o,
                         static_cast<std::streamsize>(out.size()));
    n += t.finalize(o + n, static_cast<std::streamsize>(out.size()) - n);
    out.resize(static_cast<std::size_t>(n));
    return out;
}

// Poco 1.11's SHA2Engine lacks the block and digest sizes that HMACEngine needs.
class Sha256Engine : public Poco::SHA2Engine {
  public:
    enum { BLOCK_SIZE = 64, DIGEST_SIZE = 32 };
    Sha256Engine() : Poco::SHA2Engine(Poco::SHA2Engine::SHA_256) {}
};
class HmacSha256 : public Poco::HMACEngine<Sha256Engine> {
  public:
    explicit HmacSha256(const std::string& key) : Poco::HMACEngine<Sha256Engine>(key) {}
};

}  // namespace

std::string randomBytes(std::size_t n) {
    // OpenSSL's source, whose failure is an error (Poco's stream reported none).
    return crypto::openSsl().randomBytes(n);
}

std::string toHex(const std::string& bytes) {
    return nmdt::toHex(bytes);
}

std::string fromHex(const std::string& hex) {
    auto bytes = nmdt::fromHex(hex);
    if (!bytes)
        throw SyncError(SyncError::Kind::Malformed,
                        "hex text of odd length or with a non-hex "
                        "character");
    return *bytes;
}

// Base64 by hand: Poco's stream encoder and decoder were a tenth of a whole sync's time
// (every envelope's ciphertext passes through both). Standard alphabet, padded, no line
// breaks, as Poco wrote it; decoding refuses anything else.
namespace {
constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::array<signed char, 256> base64Values() {
    std::array<signed char, 256> values{};
    values.fill(-1);
    for (int i = 0; i < 64; ++i)
        values[static_cast<unsigned char>(kBase64Alphabet[i])] = static_cast<signed char>(i);
    return values;
}
}  // namespace

std::string toBase64(const std::string& bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    const auto* in = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t v = (std::uint32_t{in[i]} << 16) | (std::uint32_t{in[i + 1]} << 8) |
                                std::uint32_t{in[i + 2]};
        out += kBase64Alphabet[v >> 18];
        out += kBase64Alphabet[(v >> 12) & 63];
        out += kBase64Alphabet[(v >> 6) & 63];
        out += kBase64Alphabet[v & 63];
    }
    if (const std::size_t left = bytes.size() - i; left > 0) {
        std::uint32_t v = std::uint32_t{in[i]} << 16;
        if (left == 2)
            v |= std::uint32_t{in[i + 1]} << 8;
        out += kBase64Alphabet[v >> 18];
        out += kBase64Alphabet[(v >> 12) & 63];
        out += left == 2 ? kBase64Alphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::string fromBase64(const std::string& text, const std::string& what) {
    static const auto values = base64Values();
    auto invalid = [&] {
        return SyncError(SyncError::Kind::Malformed, what + " is not valid base64");
    };
    if (text.size() % 4 != 0)
        throw invalid();
    std::size_t padding = 0;
    if (!text.empty() && text.back() == '=')
        padding = text[text.size() - 2] == '=' ? 2 : 1;
    std::string out;
    out.reserve(text.size() / 4 * 3);
    const std::size_t end = text.size() - padding;
    std::uint32_t v = 0;
    int held = 0;
    for (std::size_t i = 0; i < end; ++i) {
        const signed char d = values[static_cast<unsigned char>(text[i])];
        if (d < 0)
            throw invalid();
        v = (v << 6) | static_cast<std::uint32_t>(d);
        if (++held == 4) {
            out += static_cast<char>(v >> 16);
            out += static_cast<char>((v >> 8) & 0xff);
            out += static_cast<char>(v & 0xff);
            v = 0;
            held = 0;
        }
    }
    // The last group: two characters give a byte, three give two; bits left over are zero.
    if (held == 2) {
        if (v & 0xf)
            throw invalid();
        out += static_cast<char>(v >> 4);
    } else if (held == 3) {
        if (v & 0x3)
            throw invalid();
        out += static_cast<char>(v >> 10);
        out += static_cast<char>((v >> 2) & 0xff);
    } else if (held != 0) {
        throw invalid();
    }
    return out;
}

GcmSealed aesGcmSeal(const std::string& key, const std::string& plaintext) {
    GcmSealed out;
    out.nonce = randomBytes(kNonceBytes);
    // A new CipherKey per message: the nonce is fixed per CipherKey in Poco 1.11.
    Poco::Crypto::CipherKey ck("aes-256-gcm", bytesOf(key), bytesOf(out.nonce));
    std::unique_ptr<Poco::Crypto::Cipher> cipher(
        Poco::Crypto::CipherFactory::defaultFactory().createCipher(ck));
    auto enc = cipher->createEncryptor();
    out.ciphertext = runTransform(*enc, plaintext);
    out.tag = enc->getTag(kTagBytes);
    return out;
}

std::string aesGcmOpen(const std::string& key, const GcmSealed& sealed, const std::string& what) {
    if (key.size() != kTeamKeyBytes || sealed.nonce.size() != kNonceBytes ||
        sealed.tag.size() != kTagBytes)
        throw SyncError(SyncError::Kind::Malformed, what + " has a nonce or tag of the wrong size");
    try {
        Poco::Crypto::CipherKey ck("aes-256-gcm", bytesOf(key), bytesOf(sealed.nonce));
        std::unique_ptr<Poco::Crypto::Cipher> cipher(
            Poco::Crypto::CipherFactory::defaultFactory().createCipher(ck));
        auto dec = cipher->createDecryptor();
        dec->setTag(sealed.tag);
        return runTransform(*dec, sealed.ciphertext);
    } catch (const Poco::Exception&) {
        throw SyncError(SyncError::Kind::WrongKey,
                        what +
                            " cannot be decrypted with this desktop's team key: it was sealed "
                            "with another key or altered on the way");
    }
}

std::string deriveKey(const std::string& secret, const std::string& salt, int iterations) {
    Poco::PBKDF2Engine<HmacSha256> engine(salt, static_cast<Poco::UInt32>(iterations),
                                          kTeamKeyBytes);
    engine.update(secret);
    const auto& d = engine.digest();
    return std::string(d.begin(), d.end());
}

std::string organisationOf(const Poco::Crypto::X509Certificate& cert) {
    return cert.subjectName(Poco::Crypto::X509Certificate::NID_ORGANIZATION_NAME);
}

namespace {
/// A distinguished name's attribute value written as RFC 4514 writes it.
std::string escapedValue(const std::string& value) {
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        const bool special =
            c == ',' || c == '+' || c == '"' || c == '\\' || c == '<' || c == '>' || c == ';' ||
            c == '=' || (i == 0 && (c == ' ' || c == '#')) || (i + 1 == value.size() && c == ' ');
        if (special)
            out += '\\';
        out += c;
    }
    return out;
}
}  // namespace

std::string subjectOf(const Poco::Crypto::X509Certificate& cert) {
    return "CN=" + escapedValue(cert.commonName()) + ",O=" + escapedValue(organisationOf(cert));
}

std::string sha256Fingerprint(const Poco::Crypto::X509Certificate& cert) {
    auto d = cert.fingerprint("SHA256");
    return Poco::DigestEngine::digestToHex(d);
}

Poco::Crypto::X509Certificate certificateFromPem(const std::string& pem, const std::string& what) {
    try {
        std::istringstream in(pem);
        return Poco::Crypto::X509Certificate(in);
    } catch (const Poco::Exception&) {
        throw SyncError(SyncError::Kind::Malformed, what + " carries no readable certificate");
    }
}

std::string pemOf(const std::string& certificatePath) {
    std::ifstream in(pathFromUtf8(certificatePath), std::ios::binary);
    if (!in)
        throw SyncError(SyncError::Kind::NotEnrolled,
                        "cannot read the certificate file " + certificatePath);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void requireIssuedBy(const Poco::Crypto::X509Certificate& cert,
                     const Poco::Crypto::X509Certificate& ca, const std::string& what,
                     std::optional<std::int64_t> atMs) {
    requireIssuedAndInDate(cert, cert.issuedBy(ca), subjectOf(cert), what, atMs);
}

void requireIssuedAndInDate(const Poco::Crypto::X509Certificate& cert, bool issuedByCa,
                            const std::string& subject, const std::string& what,
                            std::optional<std::int64_t> atMs) {
    if (!issuedByCa)
        throw SyncError(SyncError::Kind::Untrusted,
                        what + " is signed by " + subject +
                            ", whose certificate was not issued by this neighbourhood's CA");
    const Poco::DateTime at =
        atMs ? Poco::DateTime(Poco::Timestamp(*atMs * 1000)) : Poco::DateTime();
    if (cert.validFrom() > at || cert.expiresOn() < at)
        throw SyncError(SyncError::Kind::Untrusted,
                        what + " is signed by " + subject + ", whose certificate is out of date");
}

std::string signingInput(const SealedEnvelope& e) {
    const auto& h = e.header;
    std::string audience;
    for (const auto& a : h.audience)
        audience += a + "\n";
    return encodeFields({{"v", std::string("nmdt-envelope-1")},
                         {"team", h.team},
                         {"site", h.site},
                         {"from", h.fromSequence},
                         {"through", h.throughSequence},
                         {"part", static_cast<std::int64_t>(h.part)},
                         {"key", h.keyId},
                         {"audience", audience},
                         {"nonce", e.nonce},
                         {"ciphertext", e.ciphertext},
                         {"tag", e.tag}});
}

std::string receiptSigningInput(const SealedEnvelope& e) {
    return encodeFields({{"v", std::string("nmdt-hub-receipt-1")},
                         {"team", e.header.team},
                         {"sequence", e.hubSequence},
                         {"hubTime", e.hubTimeMs},
                         {"signature", e.signature}});
}

void verifyHubReceipt(const SealedEnvelope& envelope, const KnownCertificates& certificates,
                      const std::string& hubHost) {
    const std::string what = describeEnvelope(envelope);
    if (envelope.hubReceipt.empty() || envelope.hubCertificate.empty())
        throw SyncError(SyncError::Kind::Tampered,
                        what +
                            " carries no receipt from the hub, so its time and place in the "
                            "team's order cannot be trusted");
    auto hub = certificates.trusted(envelope.hubCertificate, what + "'s hub certificate",
                                    envelope.hubTimeMs);
    if (hub->certificate.commonName() != hubHost)
        throw SyncError(
            SyncError::Kind::Untrusted,
            what + "'s receipt is signed by " + hub->subject + ", not by the hub " + hubHost);
    if (!verify(hub->publicKey, receiptSigningInput(envelope), envelope.hubReceipt))
        throw SyncError(SyncError::Kind::Tampered,
                        what +
                            "'s time or sequence does not match the hub's receipt: it was "
                            "altered after the hub stored it");
}

std::string announcementSigningInput(const KeyAnnouncement& a) {
    return encodeFields({{"v", std::string("nmdt-key-announcement-1")},
                         {"team", a.team},
                         {"key", a.keyId},
                         {"issued", a.issuedAtMs}});
}

std::string sign(const Poco::Crypto::RSAKey& key, const std::string& data) {
    Poco::Crypto::RSADigestEngine engine(key, "SHA256");
    engine.update(data);
    const auto& s = engine.signature();
    return std::string(s.begin(), s.end());
}

bool verify(const Poco::Crypto::RSAKey& publicKey, const std::string& data,
            const std::string& signature) {
    try {
        Poco::Crypto::RSADigestEngine engine(publicKey, "SHA256");
        engine.update(data);
        return engine.verify(Poco::DigestEngine::Digest(signature.begin(), signature.end()));
    } catch (const Poco::Exception&) {
        return false;
    }
}

std::string describeEnvelope(const SealedEnvelope& e) {
    std::string out = "envelope";
    if (e.hubSequence)
        out += " " + std::to_string(e.hubSequence);
    out += " from site " + e.header.site.substr(0, 8);
    return out;
}

EnvelopeSigner verifyEnvelopeSignature(const SealedEnvelope& envelope,
                                       const KnownCertificates& certificates) {
    const std::string what = describeEnvelope(envelope);
    // Judged when the hub took it in: history signed by a certificate that has expired
    // since stays readable (a new envelope is judged now, before it has a hub time).
    auto signer = certificates.trusted(
        envelope.signerCertificate, what,
        envelope.hubTimeMs > 0 ? std::optional<std::int64_t>(envelope.hubTimeMs) : std::nullopt);
    if (!verify(signer->publicKey, signingInput(envelope), envelope.signature))
        throw SyncError(SyncError::Kind::Tampered,
                        what + " does not match its signature: it was altered after " +
                            signer->subject + " sealed it");
    return {signer->subject, signer->organisation};
}

std::string snapshotSigningInput(const SealedSnapshotChunk& c) {
    FieldList input{{"v", std::string("nmdt-snapshot-1")}};
    for (auto& f : snapshotHeaderFields(c.header))
        input.push_back(std::move(f));
    input.push_back({"nonce", c.nonce});
    input.push_back({"ciphertext", c.ciphertext});
    input.push_back({"tag", c.tag});
    return encodeFields(input);
}

std::string describeSnapshotChunk(const SealedSnapshotChunk& c) {
    return "snapshot chunk " + std::to_string(c.header.chunk) + " of snapshot " +
           c.header.id.substr(0, 24) + " from site " + c.header.site.substr(0, 8);
}

EnvelopeSigner verifySnapshotSignature(const SealedSnapshotChunk& chunk,
                                       const KnownCertificates& certificates) {
    const std::string what = describeSnapshotChunk(chunk);
    auto signer = certificates.trusted(chunk.signerCertificate, what);
    if (!verify(signer->publicKey, snapshotSigningInput(chunk), chunk.signature))
        throw SyncError(SyncError::Kind::Tampered,
                        what + " does not match its signature: it was altered after " +
                            signer->subject + " sealed it");
    return {signer->subject, signer->organisation};
}

}  // namespace nmdt::integration
