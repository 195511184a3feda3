#pragma once
// Who may see a case's records: the one consent rule, shared by what a desktop sends (its
// envelopes and snapshots) and what a desktop joining from a snapshot accepts.

#include <string>
#include <vector>

#include "model/case_record.h"
#include "model/sync_types.h"

namespace nmdt {

/// Organisations that may see a case (sorted, without repeats): the one that referred it,
/// and each whose latest recorded consent decision permits (a legal basis permits too).
/// The latest is by recording date, then consent id.
std::vector<std::string> caseAudience(const Case& referral, const std::vector<Consent>& consents);

/// Why a desktop of `organisation` must not load these snapshot records (empty when it
/// may): a record that is not a whole current record with its stamps, a private note, a
/// record of a case not in the same chunk or one the organisation may not see (judged by
/// the case and consents in the chunk, as caseAudience judges them), a need, goal or note
/// whose plan or action is not in the chunk, or a record out of shape.
std::string refusalOfSnapshotRecords(const std::vector<SyncEntry>& records,
                                     const std::string& organisation);

}  // namespace nmdt
