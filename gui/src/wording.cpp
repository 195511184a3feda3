#include "wording.h"

#include "wx_text.h"

#include <map>

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
            return _(
                "That name and passphrase do not open this store. Check both; the store was not "
                "changed.");
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
        case StoreErrorCode::InUse:
            return _(
                "Another program has this store open and will not share it (a backup or "
                "antivirus tool, or another copy of Neighbourhood MDT). Close it and try again; "
                "the store was not changed.");
        case StoreErrorCode::KeySlotsMissing:
            return _(
                "This store's key file is missing: it must sit beside the store with the same "
                "name and \".keys\" added. Copy it from where the store came from, or restore "
                "from a backup. The store was not changed.");
        case StoreErrorCode::KeySlotsTampered:
            return _(
                "This store's key file has been altered, or replaced by an older copy, outside "
                "Neighbourhood MDT. It was not used. Tell your information governance lead; an "
                "administrator can open the store with its recovery key.");
        case StoreErrorCode::AccountDeactivated:
            return _(
                "Your account has been deactivated, so you can no longer sign in. Ask an "
                "administrator of your organisation.");
        case StoreErrorCode::NotSignedInAs:
            return _(
                "That was not saved: it was recorded in the name of someone other than the "
                "person signed in. Sign out and in again; if it happens again, report it.");
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

wxString describe(ErrorCode code) {
    switch (code) {
        case ErrorCode::RequiredFieldMissing:
            return _("This must be filled in.");
        case ErrorCode::NhsNumberFormat:
            return _("An NHS number has 10 digits, shown as 3-3-4.");
        case ErrorCode::NhsNumberChecksum:
            return _("This is not a valid NHS number (its check digit is wrong).");
        case ErrorCode::NhsNumberRepeatedDigits:
            return _("This is not a real NHS number.");
        case ErrorCode::DateInvalid:
            return _("This is not a real date.");
        case ErrorCode::DateOutOfRange:
            return _("This date is out of range.");
        case ErrorCode::DateOrder:
            return _("This date is before the date it follows.");
        case ErrorCode::ValueOutOfRange:
            return _("This value is out of range.");
        case ErrorCode::UnknownCode:
            return _("This value is not recognised.");
        case ErrorCode::NotFound:
            return _("It no longer exists.");
        case ErrorCode::DuplicateNhsNumber:
            return _("A case already exists for this NHS number.");
        case ErrorCode::CaseClosed:
            return _("The case is closed.");
        case ErrorCode::InvalidStatusTransition:
            return _("The action cannot move to that status from its current one.");
        case ErrorCode::ReasonRequired:
            return _("Please give a reason.");
        case ErrorCode::VersionReadOnly:
            return _("An agreed care plan cannot be changed; start a new draft.");
        case ErrorCode::DraftAlreadyExists:
            return _("There is already a draft of this care plan.");
        case ErrorCode::NoDraft:
            return _("There is no draft to work on.");
        case ErrorCode::MeetingClosed:
            return _("The meeting is closed.");
        case ErrorCode::AlreadyOnAgenda:
            return _("This resident is already on the agenda.");
        case ErrorCode::TextTooLong:
            return _("This text is too long.");
        case ErrorCode::ConflictingChange:
            return _(
                "Someone else has changed this since, so it was not undone. Their change stands.");
        case ErrorCode::NothingToUndo:
            return _("There is nothing to undo.");
        case ErrorCode::NotPermitted:
            return _("Your role does not allow this. Ask a colleague whose role does.");
        case ErrorCode::ReferenceMismatch:
            return _(
                "The file refers to something it does not contain, or to another "
                "resident's record. Nothing was imported.");
        case ErrorCode::NotShared:
            return _(
                "This resident has not agreed to share their record with your organisation, and "
                "no legal basis is recorded for it.");
        case ErrorCode::DuplicateName:
            return _("Another one already has this name.");
        case ErrorCode::OdsCodeFormat:
            return _(
                "That is not an ODS code: a GP practice's is a letter and five digits "
                "(A81001); other organisations' are 3 to 9 capital letters and digits.");
        case ErrorCode::UsernameFormat:
            return _(
                "A username is 3 to 64 lower-case letters, digits, dots, hyphens or "
                "underscores (amina.rahman).");
        case ErrorCode::AlreadySetUp:
            return _("This store has already been set up.");
        case ErrorCode::FileNotUtf8:
            return _(
                "The file is not in UTF-8, the encoding a CSV export needs. Export it again "
                "choosing \"CSV UTF-8\", or save it that way from your spreadsheet.");
        case ErrorCode::FileIsSpreadsheet:
            return _(
                "This is a spreadsheet workbook, not a CSV file. Save it as \"CSV UTF-8\" "
                "first.");
        case ErrorCode::FileLayout:
            return _("The file is not laid out as CSV with one header line.");
        case ErrorCode::ColumnMissing:
            return _("A column is missing from the file, or not chosen.");
        case ErrorCode::FormulaInCell:
            return _(
                "A cell holds a spreadsheet formula instead of its value. Save the sheet as "
                "values (\"CSV UTF-8\") and import it again.");
        case ErrorCode::DuplicateRow:
            return _("This NHS number is on the list twice.");
        case ErrorCode::OtherPractice:
            return _("This person is registered at another practice.");
        case ErrorCode::ObjectedToSharing:
            return _(
                "This person objects to their information being shared, so they cannot be "
                "referred from the list.");
        case ErrorCode::BaselineExists:
            return _(
                "A score at referral is already recorded for this resident; record this one as "
                "a review.");
    }
    return _("The request was refused.");
}

wxString describeField(const std::string& field) {
    static const std::map<std::string, wxString> labels{
        {"nhsNumber", _("NHS number")},
        {"givenName", _("Given name")},
        {"familyName", _("Family name")},
        {"dateOfBirth", _("Date of birth")},
        {"postcode", _("Postcode")},
        {"referralReason", _("Reason for referral")},
        {"referralDate", _("Referral date")},
        {"reason", _("Reason")},
        {"closedReason", _("Reason for closing")},
        {"name", _("Name")},
        {"cadenceDays", _("How often")},
        {"contactName", _("Carer or next of kin: name")},
        {"registeredPractice", _("Registered GP practice")},
        {"defaultInvitees", _("Invited by default")},
        {"series", _("MDT series")},
        {"organisation", _("Organisation")},
        {"legalBasis", _("Legal basis")},
        {"title", _("Action")},
        {"owner", _("Owner")},
        {"dueDate", _("Due date")},
        {"keyWorker", _("Key worker")},
        {"date", _("Date")},
        {"startTime", _("Start time")},
        {"durationMinutes", _("Length")},
        {"place", _("Place")},
        {"practiceCode", _("Practice code")},
        {"practice_code", _("Practice code")},
        {"nhs_number", _("NHS number")},
        {"date_of_birth", _("Date of birth")},
        {"family_name", _("Family name")},
        {"reviewOn", _("Review on")},
        {"decision", _("Decision")},
        {"recordedOn", _("Date")},
        {"lifeSatisfaction", _("Life satisfaction")},
        {"worthwhile", _("Worthwhile")},
        {"happiness", _("Happiness")},
        {"anxiety", _("Anxiety")},
        {"month", _("Month")},
        {"emergencyAttendances", _("A&E attendances")},
        {"emergencyAdmissions", _("Emergency admissions")},
        {"gpContacts", _("GP contacts")},
        {"listTitle", _("Title")},
    };
    auto found = labels.find(field);
    return found == labels.end() ? wxString() : found->second;
}

wxString describe(const DomainError& error) {
    // A refused file can have hundreds of problems: the first ones, by line, are enough to
    // show what is wrong with it.
    constexpr std::size_t kShown = 30;
    wxString text;
    std::size_t shown = 0;
    for (const auto& p : error.problems()) {
        if (shown++ == kShown) {
            text +=
                "\n" + wxString::Format(_("... and %zu more."), error.problems().size() - kShown);
            break;
        }
        if (!text.empty())
            text += "\n";
        if (p.line)
            text += wxString::Format(_("Line %zu: "), p.line);
        // Several fields can be wrong at once: say which each problem is about.
        wxString label = describeField(p.field);
        if (p.code == ErrorCode::ColumnMissing)
            label = wxString::Format(_("Column \"%s\""), label.empty() ? toWx(p.field) : label);
        text += label.empty() ? describe(p.code) : label + ": " + describe(p.code);
    }
    return text;
}

wxString describe(ActionStatus status) {
    switch (status) {
        case ActionStatus::Requested:
            return _("Requested");
        case ActionStatus::Accepted:
            return _("Accepted");
        case ActionStatus::InProgress:
            return _("In progress");
        case ActionStatus::OnHold:
            return _("On hold");
        case ActionStatus::Completed:
            return _("Completed");
        case ActionStatus::Cancelled:
            return _("Cancelled");
        case ActionStatus::Declined:
            return _("Declined");
    }
    return {};
}

wxString describe(Priority priority) {
    switch (priority) {
        case Priority::Routine:
            return _("Routine");
        case Priority::Urgent:
            return _("Urgent");
        case Priority::Asap:
            return _("As soon as possible");
        case Priority::Stat:
            return _("Immediately");
    }
    return {};
}

wxString describe(Triage outcome) {
    switch (outcome) {
        case Triage::Pending:
            return _("Awaiting triage");
        case Triage::AcceptedForMdt:
            return _("Accepted for the MDT");
        case Triage::NavigatorOnly:
            return _("Care navigator only");
        case Triage::SocialPrescribing:
            return _("Social prescribing only");
        case Triage::Signposted:
            return _("Signposted elsewhere");
        case Triage::Declined:
            return _("Declined");
    }
    return {};
}

wxString describe(Urgency urgency) {
    return urgency == Urgency::Urgent ? _("Urgent") : _("Routine");
}

wxString describe(ConsentMethod method) {
    switch (method) {
        case ConsentMethod::InPerson:
            return _("In person");
        case ConsentMethod::InWriting:
            return _("In writing");
        case ConsentMethod::ByPhone:
            return _("By phone");
        case ConsentMethod::Representative:
            return _("From their representative (LPA, deputy or advocate)");
    }
    return {};
}

wxString describe(Role role) {
    switch (role) {
        case Role::Chair:
            return _("Chair");
        case Role::Clinician:
            return _("Clinician");
        case Role::Navigator:
            return _("Navigator");
        case Role::PracticeStaff:
            return _("Practice staff");
        case Role::VcfseWorker:
            return _("VCFSE worker");
        case Role::Administrator:
            return _("Administrator");
        case Role::Coordinator:
            return _("Coordinator");
    }
    return {};
}

wxString describe(OrganisationKind kind) {
    switch (kind) {
        case OrganisationKind::GpPractice:
            return _("GP practice");
        case OrganisationKind::CommunityTrust:
            return _("Community health trust");
        case OrganisationKind::MentalHealth:
            return _("Mental health trust");
        case OrganisationKind::SocialCare:
            return _("Council social care");
        case OrganisationKind::Vcfse:
            return _("Voluntary or community group");
        case OrganisationKind::Hub:
            return _("Neighbourhood hub");
    }
    return {};
}

}  // namespace nmdt::gui
