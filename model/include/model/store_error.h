#pragma once
// Failures of the persistence port, as codes the GUI and CLI word for people.

#include <stdexcept>
#include <string>

namespace nmdt {

enum class StoreErrorCode {
    FileMissing,         // no store at that path
    AlreadyExists,       // refusing to create over an existing file
    WrongPassphrase,     // or a file encrypted with some other key
    NotAStore,           // empty, truncated or some other kind of file
    PlaintextDatabase,   // an unencrypted SQLite file: refused, never opened
    Corrupt,             // integrity check failed
    NewerSchema,         // written by a newer version of the application
    ConstraintViolated,  // a write broke a rule of the schema; nothing was written
    InvalidChange,       // a change named an unknown entity or field
    NotFound,            // an update named a row that does not exist
    Io,                  // disk full, permission denied, and other I/O errors
    InUse,               // another program holds the file and will not share it
    KeySlotsMissing,     // the store's key file (<store>.keys) is not beside it
    KeySlotsTampered,    // the key file was altered, swapped or replaced by an older copy
    AccountDeactivated,  // the person's passphrase is right but they may no longer sign in
    NotSignedInAs,       // a write in the name of someone other than who signed in
};

const char* storeErrorCodeName(StoreErrorCode code);

/// Thrown by a Store or StoreProvider; the store is unchanged when it is.
class StoreError : public std::runtime_error {
  public:
    StoreError(StoreErrorCode code, const std::string& detail)
        : std::runtime_error(std::string(storeErrorCodeName(code)) + ": " + detail), code_(code) {}
    StoreErrorCode code() const { return code_; }

  private:
    StoreErrorCode code_;
};

}  // namespace nmdt
