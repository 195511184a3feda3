#pragma once
// Private state of SqlCipherStore and the helpers its read and write halves share.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "encrypted_database.h"
#include "key_slot_file.h"
#include "model/audit.h"
#include "model/calendar.h"
#include "model/change_set.h"
#include "model/entity_mapping.h"
#include "model/hybrid_clock.h"
#include "model/store_error.h"
#include "model/sync_types.h"
#include "packed_stamps.h"

namespace nmdt::storage {

/// The table that holds entities of `kind` ("cases" for case).
std::string tableOf(EntityKind kind);

/// A prepared statement borrowed from the cache; reset and unbound when returned.
class BorrowedStatement {
  public:
    explicit BorrowedStatement(SQLite::Statement& s) : s_(s) {}
    ~BorrowedStatement() {
        // tryReset: a destructor must not throw, even when the statement failed on a
        // damaged page; the failure has already been reported by the step that hit it.
        s_.tryReset();
        s_.clearBindings();
    }

    BorrowedStatement(const BorrowedStatement&) = delete;
    BorrowedStatement& operator=(const BorrowedStatement&) = delete;
    SQLite::Statement* operator->() { return &s_; }
    SQLite::Statement& operator*() { return s_; }

  private:
    SQLite::Statement& s_;
};

/// The key slots of a store opened through one: its key and who opened it.
struct KeyRingState {
    SecretBytes storeKey;
    KeySlotFile file;
    std::string signedInSlot;  // the id of the slot that opened it ("" after recovery)
    KdfParams kdfForNewSlots = KdfParams::standard();
};

/// Connection, identity and clock of one open store.
struct StoreImpl {
    std::string path;
    std::unique_ptr<SQLite::Database> db;
    std::shared_ptr<const Clock> clock;
    std::string siteId;
    HybridLogicalClock hlc;
    std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements;
    std::int64_t lastAuditSequence = 0;
    std::string lastAuditHash = kAuditGenesisHash;
    AuditVerification auditAtOpen;
    /// Fault injection (tests): writes left before a write step fails; unset, none fails.
    std::optional<std::size_t> writesBeforeFault;
    /// What keyed this connection (for another connection to the same store).
    std::optional<StoreKey> key;
    std::optional<KeyRingState> keyRing;
    /// Who signed in, on a connection opened for them without the slots (background sync):
    /// every write on it must be in their name, as on the connection they signed in on.
    std::optional<ProfessionalId> actingFor;
    /// Numbers of the site ids and field names in packed stamps (see packed_stamps.h).
    PackedNames packedNames;
    /// Whether this connection was set up for a catch-up (sync_store.cpp).
    bool catchingUp = false;

    /// A cached prepared statement for `sql` (compiled once per connection).
    BorrowedStatement prepare(const std::string& sql);
    /// Marks one step of a write (a row, a log entry, an audit entry); the injected fault,
    /// if one is due, happens here.
    void writeStep();
};

std::string metaValue(SQLite::Database& db, const std::string& key);
void setMeta(StoreImpl& s, const std::string& key, const std::string& value);
/// Parses the meta table's "hlc" text; a zero stamp if empty.
HlcStamp decodeHlcText(const std::string& hlc);
void bindValue(SQLite::Statement& st, int index, const FieldValue& v);
/// Refuses a change that names an unknown field, or edits an append-only row.
void checkAgainstSchema(const EntityChange& change);
void checkAgainstSchema(EntityKind kind, const std::string& id, ChangeOp op,
                        const FieldList& fields);
/// Inserts (create) or updates (update) the row with the change's fields.
void applyChange(StoreImpl& s, const EntityChange& change);
/// The same from the change's parts, with the fields' stamps written in the same statement
/// when given (a record loaded whole, as from a snapshot).
void applyChange(StoreImpl& s, EntityKind kind, const std::string& id, ChangeOp op,
                 const FieldList& fields, const FieldStamps* stamps = nullptr);
/// Appends one entry to the change log, with the stamps of the values it replaced.
void appendToChangeLog(StoreImpl& s, const ChangeLogEntry& entry, const FieldStamps& base);
/// Whether a kind's rows keep their fields' stamps: records merged field by field do;
/// local-only and append-only ones do not.
inline bool keepsStamps(EntityKind kind) {
    return !isLocalOnly(kind) && !isAppendOnly(kind);
}
/// The per-field stamps of a record's current values, kept in its row (empty if none).
FieldStamps readClocks(StoreImpl& s, EntityKind kind, const std::string& entityId);
/// Replaces a record's stamps; the row must exist.
void writeClocks(StoreImpl& s, EntityKind kind, const std::string& entityId,
                 const FieldStamps& stamps);

/// Appends one audit entry, chained to the last; call inside a transaction. On rollback
/// the caller restores lastAuditSequence and lastAuditHash.
void appendAudit(StoreImpl& store, const AuditEvent& event, const Actor& actor);
/// Loads the chain's head and checks its most recent entries.
void loadAuditState(StoreImpl& store);
/// Reads audit entries in sequence order.
std::vector<AuditEntry> readAudit(StoreImpl& store, const AuditQuery& query);

/// Converts the current column to a FieldValue.
FieldValue columnValue(const SQLite::Column& column);
/// A date column ("YYYY-MM-DD"); nothing when null or not a date.
inline std::optional<Date> dateColumn(const SQLite::Column& c) {
    if (c.isNull())
        return std::nullopt;
    return parseIsoDate(c.getString());
}

/// The column of each synced record's row holding its fields' packed stamps.
inline constexpr std::string_view kFieldStampsColumn = "field_stamps";

/// Reads every row of an executed SELECT * as entities of type T.
template <class T>
std::vector<T> readEntities(SQLite::Statement& st) {
    std::vector<T> out;
    const int n = st.getColumnCount();
    std::vector<std::string> names;
    names.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        names.emplace_back(st.getColumnName(i));
    while (st.executeStep()) {
        std::string id;
        FieldList fields;
        fields.reserve(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            auto column = st.getColumn(i);
            const auto& name = names[static_cast<std::size_t>(i)];
            if (name == "id")
                id = column.getString();
            else if (name != kFieldStampsColumn)  // sync's, not the record's
                fields.push_back({name, columnValue(column)});
        }
        out.push_back(fromRow<T>(id, Record(std::move(fields))));
    }
    return out;
}

/// Maps an SQLite failure to the store's error codes.
[[noreturn]] void rethrowAsStoreError(const SQLite::Exception& e);

/// Runs `f`, translating SQLite exceptions so callers above storage never see them.
template <class F>
auto guarded(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const SQLite::Exception& e) {
        rethrowAsStoreError(e);
    }
}

}  // namespace nmdt::storage
