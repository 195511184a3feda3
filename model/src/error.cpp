#include "model/error.h"

#include <algorithm>

namespace nmdt {

const char* errorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::RequiredFieldMissing:
            return "required-field-missing";
        case ErrorCode::NhsNumberFormat:
            return "nhs-number-format";
        case ErrorCode::NhsNumberChecksum:
            return "nhs-number-checksum";
        case ErrorCode::NhsNumberRepeatedDigits:
            return "nhs-number-repeated-digits";
        case ErrorCode::DateInvalid:
            return "date-invalid";
        case ErrorCode::DateOutOfRange:
            return "date-out-of-range";
        case ErrorCode::DateOrder:
            return "date-order";
        case ErrorCode::ValueOutOfRange:
            return "value-out-of-range";
        case ErrorCode::UnknownCode:
            return "unknown-code";
        case ErrorCode::NotFound:
            return "not-found";
        case ErrorCode::DuplicateNhsNumber:
            return "duplicate-nhs-number";
        case ErrorCode::CaseClosed:
            return "case-closed";
        case ErrorCode::InvalidStatusTransition:
            return "invalid-status-transition";
        case ErrorCode::ReasonRequired:
            return "reason-required";
        case ErrorCode::VersionReadOnly:
            return "version-read-only";
        case ErrorCode::DraftAlreadyExists:
            return "draft-already-exists";
        case ErrorCode::NoDraft:
            return "no-draft";
        case ErrorCode::MeetingClosed:
            return "meeting-closed";
        case ErrorCode::AlreadyOnAgenda:
            return "already-on-agenda";
        case ErrorCode::TextTooLong:
            return "text-too-long";
        case ErrorCode::ConflictingChange:
            return "conflicting-change";
        case ErrorCode::NothingToUndo:
            return "nothing-to-undo";
        case ErrorCode::NotPermitted:
            return "not-permitted";
        case ErrorCode::ReferenceMismatch:
            return "reference-mismatch";
        case ErrorCode::NotShared:
            return "not-shared";
        case ErrorCode::DuplicateName:
            return "duplicate-name";
        case ErrorCode::OdsCodeFormat:
            return "ods-code-format";
        case ErrorCode::UsernameFormat:
            return "username-format";
        case ErrorCode::AlreadySetUp:
            return "already-set-up";
        case ErrorCode::FileNotUtf8:
            return "file-not-utf8";
        case ErrorCode::FileIsSpreadsheet:
            return "file-is-spreadsheet";
        case ErrorCode::FileLayout:
            return "file-layout";
        case ErrorCode::ColumnMissing:
            return "column-missing";
        case ErrorCode::FormulaInCell:
            return "formula-in-cell";
        case ErrorCode::DuplicateRow:
            return "duplicate-row";
        case ErrorCode::OtherPractice:
            return "other-practice";
        case ErrorCode::ObjectedToSharing:
            return "objected-to-sharing";
        case ErrorCode::BaselineExists:
            return "baseline-exists";
    }
    return "unknown";
}

namespace {
std::string describe(const std::vector<Problem>& problems) {
    std::string text = "request refused:";
    std::size_t listed = 0;
    for (const auto& p : problems) {
        if (++listed > 20) {  // a refused file can have thousands
            text += " and " + std::to_string(problems.size() - 20) + " more";
            break;
        }
        text += ' ';
        text += errorCodeName(p.code);
        if (!p.field.empty())
            text += "(" + p.field + ")";
        if (p.line)
            text += "@" + std::to_string(p.line);
    }
    return text;
}
}  // namespace

DomainError::DomainError(std::vector<Problem> problems)
    : std::runtime_error(describe(problems)), problems_(std::move(problems)) {}

DomainError::DomainError(ErrorCode code, std::string field)
    : DomainError(std::vector<Problem>{{code, std::move(field)}}) {}

bool DomainError::has(ErrorCode code) const {
    return std::any_of(problems_.begin(), problems_.end(),
                       [code](const Problem& p) { return p.code == code; });
}

}  // namespace nmdt
