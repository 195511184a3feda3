#pragma once
// Tracing residents referred without an NHS number, through an NHS partner with access to
// the national demographics service (PDS): a request file out, their reply file in, in
// the PDS MESH trace format (CSV with a header). Reading a reply writes nothing: each
// finding is then recorded or merged by a person, with the existing case commands.

#include <string>
#include <string_view>
#include <vector>

#include "model/service_context.h"

namespace nmdt {

/// A request file and how many residents it asks about.
struct TraceRequest {
    std::string csv;
    std::size_t residents = 0;
};

/// What one row of a reply means for this desktop.
enum class TraceOutcome {
    Traced,           // a number no other record here holds: record it after checking
    HeldByAnother,    // another record here holds it: the same person, merge after checking
    BornDifferently,  // the service's date of birth, or that of the record holding the
                      // number, is not this record's: check by hand
    NoMatch,          // the service found nobody, or several people
    AlreadyRecorded,  // the record has an NHS number now (recorded since the request)
};

/// One row of a reply, checked against the store.
struct TraceFinding {
    std::size_t line = 0;
    CaseId caseId;
    std::string nhsNumber;  // ten digits, when the service found one
    TraceOutcome outcome = TraceOutcome::NoMatch;
    CaseId heldBy;  // for HeldByAnother
};

/// Writes trace requests and reads their replies.
class TracingService {
  public:
    explicit TracingService(ServiceContext context) : ctx_(context) {}

    /// The open records with a provisional identity, as a request file (UNIQUE REFERENCE is
    /// the record's id; name, date of birth as YYYYMMDD, postcode). A disclosure: chairs,
    /// clinicians and administrators only, audited with where it went (`destination`).
    TraceRequest writeRequest(const std::string& destination);

    /// Reads a reply and checks each row (the record exists and is this desktop's, the
    /// number is valid); a file with problems is refused whole, each with its line. The
    /// same roles as the request; recording a number is then CaseService's (EditCase).
    std::vector<TraceFinding> readReply(std::string_view bytes) const;

  private:
    ServiceContext ctx_;
};

}  // namespace nmdt
