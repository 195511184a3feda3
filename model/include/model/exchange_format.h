#pragma once
// The document format records are exchanged in (FHIR R4 in this product). integration/
// implements it; the GUI and CLI reach it only through this port.

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/calendar.h"
#include "model/case_transfer.h"
#include "model/outcome_report.h"

namespace nmdt {

/// A received document that cannot be taken in; what() says why, worded for a person.
class ExchangeFormatError : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A case read from a document, and the kinds of entry in it that had no place here.
struct ReceivedRecord {
    CaseTransfer record;
    std::vector<std::string> ignored;
};

/// Writes records as documents and reads cases back.
class ExchangeFormat {
  public:
    virtual ~ExchangeFormat() = default;
    virtual std::string name() const = 0;           // "FHIR R4"
    virtual std::string fileExtension() const = 0;  // "json"
    virtual std::string caseDocument(const CaseTransfer& record, Timestamp now) const = 0;
    virtual std::string meetingDocument(const MeetingOutcomes& outcomes, Timestamp now) const = 0;
    virtual std::string auditDocument(const AuditTransfer& audit, Timestamp now) const = 0;
    /// The outcome measures as a summary report for the ICB (a FHIR MeasureReport).
    virtual std::string outcomeDocument(const OutcomeMeasures& measures, Timestamp now) const = 0;
    /// Throws ExchangeFormatError when the document is refused.
    virtual ReceivedRecord readCase(std::string_view document) const = 0;
};

}  // namespace nmdt
