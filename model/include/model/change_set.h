#pragma once
// A change set is everything one user command writes: the single currency of the write
// path, so storage, the change log, audit, sync and undo all see the same thing.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/audit.h"
#include "model/entity_kind.h"
#include "model/field_value.h"
#include "model/hybrid_clock.h"
#include "model/organisation.h"

namespace nmdt {

enum class ChangeOp { Create, Update };

/// The new values of some fields of one entity.
struct EntityChange {
    EntityKind kind;
    std::string id;
    ChangeOp op;
    FieldList fields;
};

/// All entity changes of one command and the audit event that records it, applied
/// together or not at all.
class ChangeSet {
  public:
    explicit ChangeSet(std::string intent) : intent_(std::move(intent)) {}
    /// A command that changes no entity but is recorded (a view, print, export, lock...).
    static ChangeSet auditOnly(AuditEvent event);

    void create(EntityKind kind, std::string id, FieldList fields);
    /// Records only fields whose value is set; an update with no fields is dropped.
    void update(EntityKind kind, std::string id, FieldList fields);

    /// What the user was doing, e.g. "update-action-status" (for audit and undo labels).
    const std::string& intent() const { return intent_; }
    const std::vector<EntityChange>& changes() const { return changes_; }
    /// No entity changes (an audit-only change set may still have an event to record).
    bool empty() const { return changes_.empty(); }

    /// The event the audit trail records for this command; without one, the store records
    /// a Change event naming the intent and the entities touched.
    void setAudit(AuditEvent event) { audit_ = std::move(event); }
    const std::optional<AuditEvent>& audit() const { return audit_; }
    /// Nothing to write at all.
    bool nothingToRecord() const { return changes_.empty() && !audit_; }

  private:
    std::string intent_;
    std::vector<EntityChange> changes_;
    std::optional<AuditEvent> audit_;
};

/// Who made a change: the signed-in professional, their role and organisation.
struct Actor {
    ProfessionalId userId;
    std::string userName;
    Role role = Role::Administrator;
    OrganisationId organisationId;
};

/// One committed entity change as the change log holds it.
struct ChangeLogEntry {
    std::int64_t sequence = 0;  // local order of commit on this store
    HlcStamp hlc;
    std::string siteId;
    EntityKind kind{};
    std::string entityId;
    ChangeOp op{};
    FieldList fields;
    std::string intent;
    std::string userId;
    std::string userName;
    std::string role;
    std::string organisationId;
};

/// Raised when encoded change data cannot be decoded (corrupt or tampered).
class MalformedChangeData : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Length-prefixed text encoding of a field list; any byte sequence survives the round trip.
std::string encodeFields(const FieldList& fields);
FieldList decodeFields(std::string_view encoded);

}  // namespace nmdt
