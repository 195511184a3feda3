#pragma once
// The user commands about the session and the store file: signing in, locking and
// unlocking, backing up, restoring and re-keying. Each is one audited write through the store's
// single write path, so the desktop and the command line record exactly the same thing.

#include <string>

#include "model/audit.h"
#include "model/passphrase.h"
#include "model/service_context.h"
#include "model/store_provider.h"

namespace nmdt {

/// Session and record-access commands for the signed-in person.
class SessionService {
  public:
    SessionService(ServiceContext context, OpenStore& store) : ctx_(context), store_(store) {}

    /// Someone signed in after `failedAttempts` wrong passphrases (recorded first).
    void signIn(int failedAttempts);
    void lock();
    /// Throws StoreError(WrongPassphrase), having recorded the failure, if it does not open
    /// this store; records the unlock otherwise.
    void unlock(const Passphrase& passphrase);
    /// Checks `current`, judges `next` (PassphraseRejected), re-keys and records it.
    void changePassphrase(const Passphrase& current, const Passphrase& next);
    /// Writes a checked, encrypted backup under its own passphrase and records it.
    void backup(const std::string& path, const Passphrase& backupPassphrase);
    /// Records, in a store just restored, where it came from.
    void restored(const std::string& backupPath);

  private:
    void record(AuditEvent event);
    ServiceContext ctx_;
    OpenStore& store_;
};

}  // namespace nmdt
