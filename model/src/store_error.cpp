#include "model/store_error.h"

namespace nmdt {

const char* storeErrorCodeName(StoreErrorCode code) {
    switch (code) {
        case StoreErrorCode::FileMissing:
            return "file-missing";
        case StoreErrorCode::AlreadyExists:
            return "already-exists";
        case StoreErrorCode::WrongPassphrase:
            return "wrong-passphrase";
        case StoreErrorCode::NotAStore:
            return "not-a-store";
        case StoreErrorCode::PlaintextDatabase:
            return "plaintext-database";
        case StoreErrorCode::Corrupt:
            return "corrupt";
        case StoreErrorCode::NewerSchema:
            return "newer-schema";
        case StoreErrorCode::ConstraintViolated:
            return "constraint-violated";
        case StoreErrorCode::InvalidChange:
            return "invalid-change";
        case StoreErrorCode::NotFound:
            return "not-found";
        case StoreErrorCode::Io:
            return "io";
        case StoreErrorCode::InUse:
            return "in-use";
        case StoreErrorCode::NotSignedInAs:
            return "not-signed-in-as";
        case StoreErrorCode::KeySlotsMissing:
            return "key-slots-missing";
        case StoreErrorCode::KeySlotsTampered:
            return "key-slots-tampered";
        case StoreErrorCode::AccountDeactivated:
            return "account-deactivated";
    }
    return "unknown";
}

}  // namespace nmdt
