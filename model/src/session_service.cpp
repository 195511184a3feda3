#include "model/session_service.h"

#include "model/permissions.h"
#include "model/store_error.h"

namespace nmdt {

void SessionService::record(AuditEvent event) {
    ctx_.commit(ChangeSet::auditOnly(std::move(event)));
}

void SessionService::signIn(int failedAttempts) {
    // A store records nothing before it is unlocked, so the failures are recorded now,
    // under the person who then signed in.
    if (failedAttempts > 0)
        record({AuditEventKind::FailedUnlock, "",
                "attempts=" + std::to_string(failedAttempts) + " before sign-in"});
    record({AuditEventKind::SignIn, "", ""});
}

void SessionService::lock() {
    record({AuditEventKind::Lock, "", ""});
}

void SessionService::unlock(const Passphrase& passphrase) {
    if (!store_.passphraseMatches(passphrase)) {
        record({AuditEventKind::FailedUnlock, "", "at the lock screen"});
        throw StoreError(StoreErrorCode::WrongPassphrase, "unlock");
    }
    record({AuditEventKind::Unlock, "", ""});
}

void SessionService::changePassphrase(const Passphrase& current, const Passphrase& next) {
    if (!store_.passphraseMatches(current))
        throw StoreError(StoreErrorCode::WrongPassphrase, "current passphrase");
    requireAcceptable(next);
    store_.changePassphrase(next, ctx_.actor);
}

void SessionService::backup(const std::string& path, const Passphrase& backupPassphrase) {
    requireAcceptable(backupPassphrase);
    store_.backupTo(path, backupPassphrase, ctx_.actor);
}

void SessionService::restored(const std::string& backupPath) {
    require(ctx_.actor, Operation::RestoreStore);
    record({AuditEventKind::Restore, "", backupPath});
}

}  // namespace nmdt
