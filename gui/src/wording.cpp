#include "wording.h"

#include <wx/intl.h>

namespace nmdt::gui {

wxString describe(StoreErrorCode code) {
    switch (code) {
        case StoreErrorCode::FileMissing:
            return _("There is no store at that location.");
        case StoreErrorCode::AlreadyExists:
            return _(
                "A file already exists there. Choose another name; the existing file was not "
                "touched.");
        case StoreErrorCode::WrongPassphrase:
            return _("That passphrase is not right for this store. The store was not changed.");
        case StoreErrorCode::NotAStore:
            return _("This file is not a Neighbourhood MDT store. It was not changed.");
        case StoreErrorCode::PlaintextDatabase:
            return _(
                "This is an unencrypted database. Neighbourhood MDT only opens encrypted stores.");
        case StoreErrorCode::Corrupt:
            return _("The store is damaged. Restore it from your latest backup.");
        case StoreErrorCode::NewerSchema:
            return _(
                "This store was saved by a newer version of Neighbourhood MDT. Please update the "
                "application.");
        case StoreErrorCode::ConstraintViolated:
        case StoreErrorCode::InvalidChange:
        case StoreErrorCode::NotFound:
            return _("The change could not be saved; nothing was written.");
        case StoreErrorCode::Io:
            return _("The store could not be read or written (is the disk full or read-only?).");
    }
    return _("Unexpected error.");
}

wxString describe(PassphraseVerdict verdict) {
    switch (verdict) {
        case PassphraseVerdict::Acceptable:
            return _("Strong enough.");
        case PassphraseVerdict::TooShort:
            return _("Use at least 12 characters.");
        case PassphraseVerdict::TooCommon:
            return _("That passphrase is too well known.");
        case PassphraseVerdict::TooRepetitive:
            return _("Do not repeat one character.");
        case PassphraseVerdict::TooSimple:
            return _("Use 16 or more characters, or mix upper and lower case, digits and symbols.");
    }
    return {};
}

wxString describe(const DomainError& error) {
    wxString text;
    for (const auto& p : error.problems()) {
        if (!text.empty())
            text += "\n";
        text += wxString::FromUTF8(errorCodeName(p.code));
        if (!p.field.empty())
            text += " (" + wxString::FromUTF8(p.field) + ")";
    }
    return text;
}

}  // namespace nmdt::gui
