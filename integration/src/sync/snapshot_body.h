#pragma once
// The sealed plaintext of a snapshot chunk: length-prefixed fields (the change log's own
// encoding), with what every record shares said once. JSON made the join spend more time
// parsing than writing.

#include <string>
#include <vector>

#include "model/sync_ports.h"

namespace nmdt::integration {

/// A snapshot header as fields, in the order both the body and the signature carry them.
FieldList snapshotHeaderFields(const SnapshotHeader& header);

/// A copy of the header (authenticated with the body), the producer's stamp and identity
/// once, a table of the sites stamps name, and each record with its fields and stamps
/// (fields sharing a stamp listed together). Every record must carry the producer's
/// change metadata (as caseSnapshot and recordsOutsideCases give them).
std::string encodeSnapshotBody(const SnapshotHeader& header, const std::vector<SyncEntry>& records);
/// Throws SyncError: Malformed for anything out of shape, Tampered when the sealed header
/// differs from `expected`.
std::vector<SyncEntry> decodeSnapshotBody(const std::string& body, const SnapshotHeader& expected,
                                          const std::string& what);

}  // namespace nmdt::integration
