#pragma once
// How the application opens or creates a store without knowing how it is kept.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/passphrase.h"
#include "model/store.h"
#include "model/sync_store.h"

namespace nmdt {

/// Result of a store's self-check.
struct IntegrityReport {
    bool ok = false;
    std::vector<std::string> problems;  // as reported by the engine; empty when ok
};

/// Who is signing in: their username (or their name, if no one else shares it) and their
/// own passphrase.
struct Credentials {
    std::string user;
    Passphrase passphrase;
};

/// One way into a store, as administrators see it (nothing secret).
struct KeySlotSummary {
    bool recovery = false;  // the recovery key's slot; otherwise a person's
    ProfessionalId person;
    std::string username;
    std::string name;
};

/// A store that has been unlocked: the Store port plus the owner's maintenance tasks.
class OpenStore : public Store {
  public:
    /// Re-keys the store and records PassphraseChanged for `actor`, together: a failure
    /// leaves the old key and no entry.
    virtual void changePassphrase(const Passphrase& newPassphrase, const Actor& actor) = 0;
    virtual IntegrityReport checkIntegrity() = 0;
    virtual std::string location() const = 0;
    virtual int schemaVersion() const = 0;
    /// Checks the whole audit chain (slow on a long trail; the CLI's check runs it).
    virtual AuditVerification verifyAudit() = 0;
    /// The check made at open, of the most recent entries (fast).
    virtual AuditVerification auditAtOpen() const = 0;
    /// Writes an encrypted, integrity-checked backup of the whole store to `path`, under
    /// its own passphrase, and records Backup for `actor`. The file appears only once it
    /// has been read back and checked, and is removed again if the event cannot be recorded.
    virtual void backupTo(const std::string& path, const Passphrase& backupPassphrase,
                          const Actor& actor) = 0;
    /// True if `passphrase` is the signed-in person's (their key slot opens with it), or for a
    /// store without key slots opens the file; a fresh key derivation every time.
    virtual bool passphraseMatches(const Passphrase& passphrase) const = 0;
    /// Who opened the store through their key slot (nullopt for a store without slots).
    virtual std::optional<ProfessionalId> signedInPerson() const = 0;
    /// The key slots, people's and the recovery key's.
    virtual std::vector<KeySlotSummary> keySlots() const = 0;
    /// Gives `person` a key slot opened by `username` and `passphrase`, replacing one they
    /// had (a reset), and records it for `actor`. Throws StoreError.
    virtual void grantSignIn(const Professional& person, const std::string& username,
                             const Passphrase& passphrase, const Actor& actor) = 0;
    /// Removes `person`'s key slot, recorded for `actor`.
    virtual void revokeSignIn(const ProfessionalId& person, const Actor& actor) = 0;
    /// Makes a new recovery key (the old one stops working), records it, and returns its
    /// text to be printed and kept safe. It is never stored.
    virtual std::string replaceRecoveryKey(const Actor& actor) = 0;
    /// Opens the same store on a connection of its own, keyed as this one is now; callable
    /// from any thread (background sync). Its key slots are not for changing.
    virtual std::function<std::unique_ptr<OpenStore>()> connector() const = 0;
    /// The sync side of the store, where the implementation has one.
    virtual SyncStore* syncStore() { return nullptr; }
};

/// What a checked backup holds, from its manifest.
struct BackupSummary {
    std::string siteId;
    std::string createdAt;
    int schemaVersion = 0;
    std::int64_t cases = 0;
    std::int64_t actions = 0;
    std::int64_t auditEntries = 0;
};

/// A store someone has signed in to.
struct SignedIn {
    std::unique_ptr<OpenStore> store;
    ProfessionalId person;
    /// Set when this sign-in gave the store its key slots (a new store, or one made before
    /// them): the recovery key to show once, print and keep safe.
    std::optional<std::string> newRecoveryKey;
};

/// Opens and creates stores; storage/ provides the encrypted implementation.
class StoreProvider {
  public:
    virtual ~StoreProvider() = default;
    virtual bool exists(const std::string& location) const = 0;
    /// Creates a store keyed by a random key; `setUp` fills it (this organisation and its
    /// first administrator, whose id it returns) before it appears at `location`, and
    /// `administrator` becomes that person's key slot. Throws StoreError (AlreadyExists, Io).
    virtual SignedIn create(const std::string& location, const Credentials& administrator,
                            const std::function<ProfessionalId(OpenStore&)>& setUp) = 0;
    /// Opens the store through the person's key slot. A store made before key slots is
    /// opened with its one passphrase by an administrator, whose slot it then becomes.
    /// Throws StoreError (FileMissing, WrongPassphrase, KeySlotsMissing, KeySlotsTampered,
    /// AccountDeactivated, NotAStore, PlaintextDatabase, NewerSchema, Io). A failed sign-in
    /// leaves the files exactly as they were.
    virtual SignedIn signIn(const std::string& location, const Credentials& credentials) = 0;
    /// Opens a store made before key slots with its one passphrase and leaves it so (the
    /// desktop reopening such a store after restoring it). Throws as signIn.
    virtual std::unique_ptr<OpenStore> openWithoutKeySlots(const std::string& location,
                                                           const Passphrase& passphrase) = 0;
    /// Opens the store with its recovery key and gives `administrator` (an administrator
    /// in its directory) the new passphrase; a new recovery key replaces the used one.
    virtual SignedIn recover(const std::string& location, const std::string& recoveryKey,
                             const Credentials& administrator) = 0;
    /// Checks a backup file whole; throws StoreError (WrongPassphrase, NotAStore, Corrupt).
    virtual BackupSummary verifyBackup(const std::string& backupPath,
                                       const Passphrase& backupPassphrase) = 0;
    /// Replaces the (closed) store at `location` with a checked backup, keyed as the store
    /// is now (`restorer` proves it); on any failure the store is left as it was. The
    /// replaced store is kept as `<location>.before-restore`.
    virtual BackupSummary restoreBackup(const std::string& backupPath,
                                        const Passphrase& backupPassphrase,
                                        const std::string& location,
                                        const Credentials& restorer) = 0;
};

}  // namespace nmdt
