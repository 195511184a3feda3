#include "messages.h"

#include <algorithm>

namespace nmdt::cli {

std::string describe(const StoreError& e) {
    switch (e.code()) {
        case StoreErrorCode::FileMissing:
            return "There is no store at that path.";
        case StoreErrorCode::AlreadyExists:
            return "A file already exists at that path; it was not touched.";
        case StoreErrorCode::WrongPassphrase:
            return "That user and passphrase do not open this store (or the file was encrypted "
                   "with another key). The file was not changed.";
        case StoreErrorCode::NotAStore:
            return "That file is not a Neighbourhood MDT store (empty, truncated or another kind "
                   "of file). It was not changed.";
        case StoreErrorCode::PlaintextDatabase:
            return "That file is an unencrypted SQLite database; it will not be opened as a store.";
        case StoreErrorCode::Corrupt:
            return "The store is damaged: " + std::string(e.what()) + ". Restore it from a backup.";
        case StoreErrorCode::NewerSchema:
            return "The store was written by a newer version of Neighbourhood MDT; please upgrade.";
        case StoreErrorCode::ConstraintViolated:
        case StoreErrorCode::InvalidChange:
        case StoreErrorCode::NotFound:
            return "The change was refused and nothing was written: " + std::string(e.what());
        case StoreErrorCode::Io:
            return "The store could not be read or written: " + std::string(e.what());
        case StoreErrorCode::InUse:
            return "Another program has the store open and will not share it (a backup or "
                   "antivirus tool, or the desktop). Close it and try again; the store was not "
                   "changed.";
        case StoreErrorCode::KeySlotsMissing:
            return "The store's key file (" + std::string(e.what()) +
                   ") is missing; copy it from where the store came from, or restore a backup.";
        case StoreErrorCode::KeySlotsTampered:
            return "The store's key file was altered or replaced outside Neighbourhood MDT (" +
                   std::string(e.what()) +
                   "); it was not used. Open the store with its recovery key.";
        case StoreErrorCode::AccountDeactivated:
            return "That account has been deactivated and can no longer sign in.";
        case StoreErrorCode::NotSignedInAs:
            return "Nothing was written: the change named someone other than who signed in.";
    }
    return e.what();
}

std::string describe(const DomainError& e) {
    std::string out = "Refused:";
    const bool byLine = std::any_of(e.problems().begin(), e.problems().end(),
                                    [](const Problem& p) { return p.line != 0; });
    for (const auto& p : e.problems()) {
        // A refused file's problems one to a line, each with the line of the file it is on.
        out += byLine ? "\n  " : " ";
        if (p.line)
            out += "line " + std::to_string(p.line) + ": ";
        out += errorCodeName(p.code);
        if (!p.field.empty())
            out += " (" + p.field + ")";
        out += ";";
    }
    if (byLine)
        out += "\nNothing was imported.";
    return out;
}

std::string describe(PassphraseVerdict v) {
    switch (v) {
        case PassphraseVerdict::Acceptable:
            return "acceptable";
        case PassphraseVerdict::TooShort:
            return "The passphrase must be at least 12 characters.";
        case PassphraseVerdict::TooCommon:
            return "That passphrase is too well known; choose another.";
        case PassphraseVerdict::TooRepetitive:
            return "The passphrase cannot be one character repeated.";
        case PassphraseVerdict::TooSimple:
            return "Use 16 or more characters, or mix three of: lower case, upper case, digits, "
                   "symbols.";
    }
    return "";
}

}  // namespace nmdt::cli
