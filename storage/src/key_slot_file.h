#pragma once
// The key slot file beside a store (`<store>.keys`): each person's wrapped copy of the
// store's random key, and a recovery slot, in a text format that is sealed as a whole.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/crypto.h"
#include "model/passphrase.h"

namespace nmdt::storage {

/// One way into the store: the store key sealed under a key derived from a secret.
struct KeySlot {
    std::string id;        // random, hex
    std::string kind;      // "passphrase" or "recovery"; room for "fido2", "windows-hello"...
    std::string personId;  // empty for the recovery slot
    std::string username;
    std::string name;  // display name, so people may sign in with it
    KdfParams kdf;
    std::string salt;     // raw bytes
    std::string wrapped;  // AES-256-GCM of the store key; its associated data binds the rest
};

/// The whole file: which store it opens, how many times it has changed, and the slots.
struct KeySlotFile {
    std::string storeId;  // the store's site id
    std::int64_t generation = 0;
    std::vector<KeySlot> slots;
};

/// The slot file's path for a store.
std::string keySlotPath(const std::string& storePath);

/// Text of the file, ending in a MAC under a key derived from the store key, so that no
/// one without the store key can add, remove, reorder or alter slots unnoticed.
std::string serialiseKeySlots(const KeySlotFile& file, const SecretBytes& storeKey,
                              const Crypto& crypto);

/// A parsed file and what its MAC must cover. Throws StoreError(KeySlotsTampered) if the
/// text is not a slot file.
struct ParsedKeySlots {
    KeySlotFile file;
    std::string covered;
    std::string mac;
};
ParsedKeySlots parseKeySlots(const std::string& text);

/// True if the MAC matches under `storeKey` (checked after a slot has opened).
bool keySlotsAuthentic(const ParsedKeySlots& parsed, const SecretBytes& storeKey,
                       const Crypto& crypto);

/// A slot of `kind` for a person (or the recovery slot), sealing `storeKey` under `secret`.
KeySlot makeKeySlot(const std::string& kind, const std::string& personId,
                    const std::string& username, const std::string& name, std::string_view secret,
                    const SecretBytes& storeKey, const std::string& storeId, const KdfParams& kdf,
                    const Crypto& crypto);

/// The store key, if `secret` opens `slot` (a slot moved to another person, another store
/// or with its parameters edited does not open).
std::optional<SecretBytes> openKeySlot(const KeySlot& slot, const std::string& storeId,
                                       std::string_view secret, const Crypto& crypto);

/// The slot someone typing `user` means: username (any case) or the person's id first, then
/// a display name that exactly one slot has. Nullptr if none.
const KeySlot* findKeySlot(const KeySlotFile& file, const std::string& user);

/// Recovery keys: 30 random bytes written as six groups of eight letters and digits
/// (base32), and read back forgiving case, spaces and dashes.
std::string formatRecoveryKey(std::string_view bytes);
std::optional<std::string> parseRecoveryKey(std::string_view text);

}  // namespace nmdt::storage
