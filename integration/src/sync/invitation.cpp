#include "integration/invitation.h"

#include <Poco/JSON/Object.h>

#include <cctype>

#include "envelope_codec.h"
#include "sync_crypto.h"

namespace nmdt::integration {

namespace {
using Poco::JSON::Object;

constexpr int kIterations = 200000;
// No 0/O, 1/I/L: a code read out over the phone must not be misheard.
constexpr const char* kCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

std::string newCode() {
    std::string raw = randomBytes(16), code;
    for (std::size_t i = 0; i < 16; ++i) {
        if (i && i % 4 == 0)
            code += '-';
        code += kCodeAlphabet[static_cast<unsigned char>(raw[i]) % 31];
    }
    return code;
}

std::string normaliseCode(const std::string& code) {
    std::string out;
    for (char c : code)
        if (std::isalnum(static_cast<unsigned char>(c)))
            out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string newKeyId() {
    return "k" + toHex(randomBytes(6));
}
}  // namespace

SyncCredentials createTeam(const std::string& hubUrl, const std::string& team) {
    SyncCredentials c;
    c.hubUrl = hubUrl;
    c.team = team;
    rotateTeamKey(c);
    return c;
}

void rotateTeamKey(SyncCredentials& c) {
    c.keyId = newKeyId();
    c.keys[c.keyId] = randomBytes(kTeamKeyBytes);
    // Whoever makes a key announces it to the hub (which takes it only from the team's chair).
    c.chair = true;
}

Invitation createInvitation(const SyncCredentials& chair) {
    if (!chair.enrolled())
        throw SyncError(SyncError::Kind::NotEnrolled, "this desktop is not in a team yet");
    Object::Ptr secret = new Object;
    secret->set("team", chair.team);
    secret->set("hub", chair.hubUrl);
    secret->set("keyId", chair.keyId);
    Object::Ptr keys = new Object;
    for (const auto& [id, key] : chair.keys)
        keys->set(id, toHex(key));
    secret->set("keys", keys);

    Invitation out;
    out.code = newCode();
    const std::string salt = randomBytes(16);
    auto sealed =
        aesGcmSeal(deriveKey(normaliseCode(out.code), salt, kIterations), stringify(secret));
    Object::Ptr file = new Object;
    file->set("nmdtInvitation", 1);
    file->set("team", chair.team);
    file->set("hub", chair.hubUrl);
    file->set("salt", toBase64(salt));
    file->set("iterations", kIterations);
    file->set("nonce", toBase64(sealed.nonce));
    file->set("ciphertext", toBase64(sealed.ciphertext));
    file->set("tag", toBase64(sealed.tag));
    out.fileText = stringify(file);
    return out;
}

SyncCredentials acceptInvitation(const std::string& fileText, const std::string& code) {
    const std::string what = "the invitation file";
    auto file = parseObject(fileText, what);
    if (!file->has("nmdtInvitation"))
        throw SyncError(SyncError::Kind::Malformed,
                        "this file is not a Neighbourhood MDT invitation");
    auto iterations = requireInt(file, "iterations", what);
    if (iterations < 10000 || iterations > 10000000)
        throw SyncError(SyncError::Kind::Malformed, what + " has an implausible key setting");
    GcmSealed sealed{fromBase64(requireString(file, "nonce", what), what),
                     fromBase64(requireString(file, "ciphertext", what), what),
                     fromBase64(requireString(file, "tag", what), what)};
    auto key = deriveKey(normaliseCode(code), fromBase64(requireString(file, "salt", what), what),
                         static_cast<int>(iterations));
    std::string plain;
    try {
        plain = aesGcmOpen(key, sealed, what);
    } catch (const SyncError& e) {
        if (e.kind() == SyncError::Kind::WrongKey)
            throw SyncError(SyncError::Kind::WrongKey,
                            "the code does not open this invitation: check it with the chair "
                            "(codes are not case-sensitive; dashes are optional)");
        throw;
    }
    auto secret = parseObject(plain, what);
    SyncCredentials c;
    c.team = requireString(secret, "team", what);
    c.hubUrl = requireString(secret, "hub", what);
    c.keyId = requireString(secret, "keyId", what);
    auto keys = secret->getObject("keys");
    if (!keys)
        throw SyncError(SyncError::Kind::Malformed, what + " holds no team key");
    for (const auto& id : keys->getNames()) {
        auto k = fromHex(keys->getValue<std::string>(id));
        if (k.size() != kTeamKeyBytes)
            throw SyncError(SyncError::Kind::Malformed, what + " holds a key of the wrong size");
        c.keys[id] = k;
    }
    if (!c.enrolled())
        throw SyncError(SyncError::Kind::Malformed, what + " does not hold its current key");
    return c;
}

}  // namespace nmdt::integration
