#pragma once
// JSON forms of sync data: an envelope on the wire, and the plaintext it seals.

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

#include "model/sync_ports.h"

namespace nmdt::integration {

/// The plaintext of an envelope: a copy of its header (so the header is authenticated by
/// the team key too) and the entries.
std::string encodeBody(const EnvelopeHeader& header, const std::vector<SyncEntry>& entries);
/// Throws SyncError(Malformed) naming what is wrong, SyncError(Tampered) when the sealed
/// header differs from `expected` or an entry is stamped by another site; never returns a
/// partial list. (envelope_body_reader.cpp)
std::vector<SyncEntry> decodeBody(const std::string& body, const EnvelopeHeader& expected,
                                  const std::string& what);

Poco::JSON::Object::Ptr snapshotChunkToJson(const SealedSnapshotChunk& chunk);
SealedSnapshotChunk snapshotChunkFromJson(const Poco::JSON::Object::Ptr& json,
                                          const std::string& what);

Poco::JSON::Object::Ptr envelopeToJson(const SealedEnvelope& envelope);
/// Throws SyncError(Malformed) naming the missing or mistyped member.
SealedEnvelope envelopeFromJson(const Poco::JSON::Object::Ptr& json, const std::string& what);
/// A reader's own envelope as the hub sends it back: header and hub stamps, no content.
Poco::JSON::Object::Ptr leftOutEnvelopeToJson(const SealedEnvelope& envelope);

/// Throws SyncError(Malformed) unless the header's sequence range and part are possible.
void requirePossibleRange(const EnvelopeHeader& header, const std::string& what);

/// Parses a JSON object; throws SyncError(Malformed) with `what` in the message.
Poco::JSON::Object::Ptr parseObject(const std::string& text, const std::string& what);
std::string stringify(const Poco::JSON::Object::Ptr& json);

/// Typed member access that throws SyncError(Malformed) naming the member.
std::string requireString(const Poco::JSON::Object::Ptr& o, const std::string& name,
                          const std::string& what);
std::int64_t requireInt(const Poco::JSON::Object::Ptr& o, const std::string& name,
                        const std::string& what);

}  // namespace nmdt::integration
