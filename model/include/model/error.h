#pragma once
// Validation and rule failures reported by the model as codes, never as user-facing text.

#include <stdexcept>
#include <string>
#include <vector>

namespace nmdt {

/// Why a request was refused. The GUI and CLI word these; the model never does.
enum class ErrorCode {
    RequiredFieldMissing,
    NhsNumberFormat,          // not ten digits
    NhsNumberChecksum,        // Modulus 11 check digit wrong or impossible
    NhsNumberRepeatedDigits,  // e.g. 0000000000 passes the checksum but is not issued
    DateInvalid,              // not a real calendar date
    DateOutOfRange,           // e.g. born in the future or before 1880
    DateOrder,                // an end before its start
    ValueOutOfRange,          // e.g. negative minutes allotted
    UnknownCode,              // an enum text the model does not know
    NotFound,
    DuplicateNhsNumber,
    CaseClosed,
    InvalidStatusTransition,
    ReasonRequired,
    VersionReadOnly,
    DraftAlreadyExists,
    NoDraft,
    MeetingClosed,
    AlreadyOnAgenda,
    TextTooLong,
    ConflictingChange,  // the record changed since the edit being undone
    NothingToUndo,
    NotPermitted,       // the actor's role does not allow it
    ReferenceMismatch,  // received data refers to something absent, or to another record's entry
    NotShared,          // the resident has not agreed to share with the actor's organisation
    DuplicateName,      // another of the same kind already has this name
    OdsCodeFormat,      // not the shape of an ODS code for that kind of organisation
    UsernameFormat,     // 3 to 64 of: lower-case letters, digits, '.', '-', '_'
    AlreadySetUp,       // the store already has its organisation and administrator
    FileNotUtf8,        // a file in another encoding (Windows-1252, UTF-16)
    FileIsSpreadsheet,  // a workbook (xlsx, xls, ods) where a CSV export was expected
    FileLayout,         // not CSV as expected: the field says what (quote, row-length, ...)
    ColumnMissing,      // a column the mapping names is not in the file, or none is mapped
    FormulaInCell,      // a cell holding a spreadsheet formula ("=...") instead of its value
    DuplicateRow,       // the same NHS number twice in one file
    OtherPractice,      // a person registered at another practice than the importing one
    ObjectedToSharing,  // the person objects to their information being shared
    BaselineExists,     // a wellbeing score at referral is already recorded for the case
};

/// Stable identifier of an error code, for logs and tests ("nhs-number-checksum").
const char* errorCodeName(ErrorCode code);

/// One problem with one field of a request.
struct Problem {
    ErrorCode code;
    std::string field;     // which input was at fault, e.g. "nhsNumber"; may be empty
    std::size_t line = 0;  // the line of an imported file it is on; 0 if none

    bool operator==(const Problem&) const = default;
};

/// Thrown by services when a request is refused; nothing has been written when it is.
class DomainError : public std::runtime_error {
  public:
    explicit DomainError(std::vector<Problem> problems);
    DomainError(ErrorCode code, std::string field);

    const std::vector<Problem>& problems() const { return problems_; }
    bool has(ErrorCode code) const;

  private:
    std::vector<Problem> problems_;
};

/// Collects problems while validating a request, then throws them all at once.
class Validator {
  public:
    void add(ErrorCode code, std::string field, std::size_t line = 0) {
        problems_.push_back({code, std::move(field), line});
    }
    void require(bool condition, ErrorCode code, std::string field) {
        if (!condition)
            add(code, std::move(field));
    }
    bool ok() const { return problems_.empty(); }
    std::size_t count() const { return problems_.size(); }
    void throwIfAny() const {
        if (!problems_.empty())
            throw DomainError(problems_);
    }

  private:
    std::vector<Problem> problems_;
};

}  // namespace nmdt
