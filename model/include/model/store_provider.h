#pragma once
// How the application opens or creates a store without knowing how it is kept.

#include <cstdint>
#include <memory>
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
    /// True if `passphrase` opens this store's file (a fresh key derivation against the
    /// file itself; nothing about the passphrase is kept in memory to compare with).
    virtual bool passphraseMatches(const Passphrase& passphrase) const = 0;
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

/// Opens and creates stores; storage/ provides the encrypted implementation.
class StoreProvider {
  public:
    virtual ~StoreProvider() = default;
    virtual bool exists(const std::string& location) const = 0;
    /// Throws StoreError (AlreadyExists, Io).
    virtual std::unique_ptr<OpenStore> create(const std::string& location,
                                              const Passphrase& passphrase) = 0;
    /// Throws StoreError (FileMissing, WrongPassphrase, NotAStore, PlaintextDatabase,
    /// NewerSchema, Io). A failed open leaves the file exactly as it was.
    virtual std::unique_ptr<OpenStore> open(const std::string& location,
                                            const Passphrase& passphrase) = 0;
    /// Checks a backup file whole; throws StoreError (WrongPassphrase, NotAStore, Corrupt).
    virtual BackupSummary verifyBackup(const std::string& backupPath,
                                       const Passphrase& backupPassphrase) = 0;
    /// Replaces the (closed) store at `location` with a checked backup, keyed with
    /// `storePassphrase`; on any failure the store is left as it was. The replaced store
    /// is kept as `<location>.before-restore`.
    virtual BackupSummary restoreBackup(const std::string& backupPath,
                                        const Passphrase& backupPassphrase,
                                        const std::string& location,
                                        const Passphrase& storePassphrase) = 0;
};

}  // namespace nmdt
