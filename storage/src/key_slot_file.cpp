#include "key_slot_file.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

#include "model/store_error.h"

namespace nmdt::storage {

namespace {

constexpr const char* kHeader = "nmdt-key-slots 1";
constexpr const char* kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

[[noreturn]] void malformed(const std::string& why) {
    throw StoreError(StoreErrorCode::KeySlotsTampered, why);
}

std::string kdfName(KdfAlgorithm a) {
    return a == KdfAlgorithm::Scrypt ? "scrypt" : "pbkdf2-sha512";
}

/// Every field of a slot but the sealed key, in a fixed order: what the seal binds.
std::string slotFields(const KeySlot& s) {
    return "id=" + s.id + " kind=" + s.kind + " person=" + toHex(s.personId) +
           " user=" + toHex(s.username) + " name=" + toHex(s.name) +
           " kdf=" + kdfName(s.kdf.algorithm) + " cost=" + std::to_string(s.kdf.cost) +
           " r=" + std::to_string(s.kdf.blockSize) + " p=" + std::to_string(s.kdf.parallelism) +
           " salt=" + toHex(s.salt);
}

std::string associatedData(const KeySlot& s, const std::string& storeId) {
    return "nmdt-key-slot-v1\nstore=" + storeId + "\n" + slotFields(s);
}

SecretBytes macKey(const SecretBytes& storeKey, const Crypto& crypto) {
    return SecretBytes(crypto.hmacSha256(storeKey.reveal(), "nmdt key slot file mac v1"));
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::uint64_t number(const std::string& text, const char* what) {
    if (text.empty() || text.size() > 19 ||
        !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
        malformed(std::string("bad ") + what);
    return std::stoull(text);
}

std::string unhex(const std::string& text, const char* what) {
    auto bytes = fromHex(text);
    if (!bytes)
        malformed(std::string("bad ") + what);
    return *bytes;
}

KeySlot parseSlot(const std::string& line) {
    std::map<std::string, std::string> f;
    std::istringstream words(line.substr(5));
    std::string word;
    while (words >> word) {
        auto eq = word.find('=');
        if (eq == std::string::npos || !f.emplace(word.substr(0, eq), word.substr(eq + 1)).second)
            malformed("bad slot field");
    }
    for (const char* k :
         {"id", "kind", "person", "user", "name", "kdf", "cost", "r", "p", "salt", "wrapped"})
        if (!f.count(k))
            malformed(std::string("slot without ") + k);
    KeySlot s;
    s.id = f["id"];
    s.kind = f["kind"];
    s.personId = unhex(f["person"], "person");
    s.username = unhex(f["user"], "user");
    s.name = unhex(f["name"], "name");
    if (f["kdf"] == "scrypt")
        s.kdf.algorithm = KdfAlgorithm::Scrypt;
    else if (f["kdf"] == "pbkdf2-sha512")
        s.kdf.algorithm = KdfAlgorithm::Pbkdf2Sha512;
    else
        malformed("unknown key derivation");
    s.kdf.cost = number(f["cost"], "cost");
    s.kdf.blockSize = static_cast<std::uint32_t>(number(f["r"], "r"));
    s.kdf.parallelism = static_cast<std::uint32_t>(number(f["p"], "p"));
    s.salt = unhex(f["salt"], "salt");
    s.wrapped = unhex(f["wrapped"], "wrapped key");
    return s;
}

}  // namespace

std::string keySlotPath(const std::string& storePath) {
    return storePath + ".keys";
}

std::string serialiseKeySlots(const KeySlotFile& file, const SecretBytes& storeKey,
                              const Crypto& crypto) {
    std::string text = std::string(kHeader) + "\nstore " + file.storeId + "\ngeneration " +
                       std::to_string(file.generation) + "\n";
    for (const auto& s : file.slots)
        text += "slot " + slotFields(s) + " wrapped=" + toHex(s.wrapped) + "\n";
    return text + "mac " + toHex(crypto.hmacSha256(macKey(storeKey, crypto).reveal(), text)) + "\n";
}

ParsedKeySlots parseKeySlots(const std::string& text) {
    ParsedKeySlots out;
    auto macAt = text.rfind("\nmac ");
    if (text.rfind(kHeader, 0) != 0 || macAt == std::string::npos)
        malformed("not a key slot file");
    out.covered = text.substr(0, macAt + 1);
    std::string macLine = text.substr(macAt + 5);
    while (!macLine.empty() && (macLine.back() == '\n' || macLine.back() == '\r'))
        macLine.pop_back();
    out.mac = unhex(macLine, "mac");
    std::istringstream lines(out.covered);
    std::string line;
    std::getline(lines, line);  // the header
    while (std::getline(lines, line)) {
        if (line.rfind("store ", 0) == 0)
            out.file.storeId = line.substr(6);
        else if (line.rfind("generation ", 0) == 0)
            out.file.generation = static_cast<std::int64_t>(number(line.substr(11), "generation"));
        else if (line.rfind("slot ", 0) == 0)
            out.file.slots.push_back(parseSlot(line));
        else if (!line.empty())
            malformed("unexpected line");
    }
    if (out.file.storeId.empty())
        malformed("no store named");
    return out;
}

bool keySlotsAuthentic(const ParsedKeySlots& parsed, const SecretBytes& storeKey,
                       const Crypto& crypto) {
    return constantTimeEqual(parsed.mac,
                             crypto.hmacSha256(macKey(storeKey, crypto).reveal(), parsed.covered));
}

KeySlot makeKeySlot(const std::string& kind, const std::string& personId,
                    const std::string& username, const std::string& name, std::string_view secret,
                    const SecretBytes& storeKey, const std::string& storeId, const KdfParams& kdf,
                    const Crypto& crypto) {
    KeySlot s;
    s.id = toHex(crypto.randomBytes(8));
    s.kind = kind;
    s.personId = personId;
    s.username = username;
    s.name = name;
    s.kdf = kdf;
    s.salt = crypto.randomBytes(16);
    auto wrappingKey = crypto.deriveKey(secret, s.salt, kdf, Crypto::kKeyBytes);
    s.wrapped = crypto.seal(wrappingKey, storeKey.reveal(), associatedData(s, storeId));
    return s;
}

std::optional<SecretBytes> openKeySlot(const KeySlot& slot, const std::string& storeId,
                                       std::string_view secret, const Crypto& crypto) {
    // Parameters far beyond what this program writes are refused rather than run: an
    // edited file must not make sign-in take an hour or all the memory.
    if (slot.kdf.algorithm == KdfAlgorithm::Scrypt &&
        (slot.kdf.cost > (1u << 20) || slot.kdf.blockSize > 32 || slot.kdf.parallelism > 16))
        return std::nullopt;
    if (slot.kdf.algorithm == KdfAlgorithm::Pbkdf2Sha512 && slot.kdf.cost > 10'000'000)
        return std::nullopt;
    try {
        auto wrappingKey = crypto.deriveKey(secret, slot.salt, slot.kdf, Crypto::kKeyBytes);
        return crypto.unseal(wrappingKey, slot.wrapped, associatedData(slot, storeId));
    } catch (const CryptoError&) {
        return std::nullopt;  // parameters OpenSSL refuses: not a slot this secret opens
    }
}

const KeySlot* findKeySlot(const KeySlotFile& file, const std::string& user) {
    const std::string wanted = lower(user);
    if (wanted.empty())
        return nullptr;
    for (const auto& s : file.slots)
        if (s.kind == "passphrase" && (lower(s.username) == wanted || s.personId == user))
            return &s;
    const KeySlot* byName = nullptr;
    for (const auto& s : file.slots) {
        if (s.kind != "passphrase" || lower(s.name) != wanted)
            continue;
        if (byName)
            return nullptr;  // two people share the name: they must use their usernames
        byName = &s;
    }
    return byName;
}

std::string formatRecoveryKey(std::string_view bytes) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 5) {
            out.push_back(kBase32[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
    }
    if (bits > 0)
        out.push_back(kBase32[(buffer << (5 - bits)) & 31]);
    std::string grouped;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (i > 0 && i % 8 == 0)
            grouped.push_back('-');
        grouped.push_back(out[i]);
    }
    return grouped;
}

std::optional<std::string> parseRecoveryKey(std::string_view text) {
    std::string bytes;
    std::uint32_t buffer = 0;
    int bits = 0;
    int symbols = 0;
    for (char raw : text) {
        if (raw == '-' || raw == ' ')
            continue;
        char c = static_cast<char>(std::toupper(static_cast<unsigned char>(raw)));
        const char* at = std::char_traits<char>::find(kBase32, 32, c);
        if (!at)
            return std::nullopt;
        buffer = (buffer << 5) | static_cast<std::uint32_t>(at - kBase32);
        bits += 5;
        ++symbols;
        if (bits >= 8) {
            bytes.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xff));
            bits -= 8;
        }
    }
    if (symbols != 48)
        return std::nullopt;
    return bytes;
}

}  // namespace nmdt::storage
