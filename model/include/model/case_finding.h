#pragma once
// Case-finding lists: a practice's search of its population (a frailty search, say),
// imported from its GP system's CSV export and screened by the team. A list is about
// people not yet referred, so it never leaves the practice's desktop.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/calendar.h"
#include "model/codes.h"
#include "model/ids.h"

namespace nmdt {

/// What a column of a search export can hold that the list understands.
enum class FoundField {
    NhsNumber,
    DateOfBirth,
    FamilyName,
    GivenName,
    FullName,  // "SMITH, Jane" or "Jane Smith", where an export has one name column
    Sex,
    Postcode,
    PracticeCode,  // the registered practice's ODS code
};

template <>
struct EnumCodes<FoundField> {
    static constexpr std::array<std::pair<FoundField, std::string_view>, 8> table{{
        {FoundField::NhsNumber, "nhs_number"},
        {FoundField::DateOfBirth, "date_of_birth"},
        {FoundField::FamilyName, "family_name"},
        {FoundField::GivenName, "given_name"},
        {FoundField::FullName, "full_name"},
        {FoundField::Sex, "sex"},
        {FoundField::Postcode, "postcode"},
        {FoundField::PracticeCode, "practice_code"},
    }};
};

/// Which column of the file holds which field; unmapped columns are kept as risk columns
/// (an eFI category, a score), shown as they are.
struct ColumnMapping {
    std::vector<std::pair<FoundField, std::string>> columns;  // field, header as in the file
    std::optional<std::string> headerFor(FoundField field) const;
    void set(FoundField field, std::string header);
    bool operator==(const ColumnMapping&) const = default;
};

/// The screening decision on one person of a list.
enum class ScreeningDecision {
    Pending,      // not screened yet
    Referred,     // referred to the MDT (the case it became is recorded)
    ReviewLater,  // look again on a date
    NotSuitable,  // with a reason
    Objected,     // the person objects to their information being shared
};

template <>
struct EnumCodes<ScreeningDecision> {
    static constexpr std::array<std::pair<ScreeningDecision, std::string_view>, 5> table{{
        {ScreeningDecision::Pending, "pending"},
        {ScreeningDecision::Referred, "referred"},
        {ScreeningDecision::ReviewLater, "review-later"},
        {ScreeningDecision::NotSuitable, "not-suitable"},
        {ScreeningDecision::Objected, "objected"},
    }};
};

/// One imported search: whose, from which file, and how its columns were read.
struct CaseFindingList {
    CaseFindingListId id;
    OrganisationId organisationId;  // the practice it belongs to
    std::string title;
    std::string sourceName;  // the file's name, for the record
    Timestamp importedAt{};
    ProfessionalId importedBy;
    int rowCount = 0;
    ColumnMapping mapping;
    std::vector<std::string> riskColumns;  // the other columns, in file order
};

/// One person on a list, as the export gave them, and what the team decided.
struct CaseFindingEntry {
    CaseFindingEntryId id;
    CaseFindingListId listId;
    int line = 0;           // the line of the file they came from
    std::string nhsNumber;  // ten digits
    Date dateOfBirth{};
    std::string familyName;
    std::string givenName;
    std::string sex;
    std::string postcode;
    std::string practiceCode;
    std::vector<std::string> risk;  // one value per list risk column
    ScreeningDecision decision = ScreeningDecision::Pending;
    std::string reason;            // why not suitable, or what the objection covers
    std::optional<Date> reviewOn;  // for review later
    CaseId referredCase;           // for referred
    ProfessionalId decidedBy;
    std::optional<Timestamp> decidedAt;
};

/// A person on a list beside the case the desktop already holds for their NHS number.
struct ScreeningRow {
    CaseFindingEntry entry;
    CaseId knownCase;         // empty if the team does not know them
    std::string knownStatus;  // the case's status code ("open", "closed"), if known
    // The date of birth the case holds: one that differs from the list's is a sign of a
    // wrong NHS number in the search or the record.
    std::optional<Date> knownDateOfBirth;
};

}  // namespace nmdt
