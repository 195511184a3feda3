#pragma once
// Undo for edits that are easy to regret (a status changed, an action reassigned): each
// edit remembers the fields it changed, before and after.

#include <optional>
#include <string>
#include <vector>

#include "model/change_set.h"
#include "model/store.h"

namespace nmdt {

/// The fields one edit changed on one entity.
struct EditedEntity {
    EntityKind kind{};
    std::string id;
    FieldList before;  // the changed fields' old values
    FieldList after;   // the same fields' new values
};

/// One undoable edit: one entity, or several changed together by one command (an
/// objection recorded on every list a person is on), undone together.
struct RecordedEdit {
    std::string intent;  // what the user did, e.g. "update-action-status"
    std::vector<EditedEntity> entities;
};

/// The edits of one session, newest last. Creations and progress notes are not undoable:
/// notes are append-only by design, and a new entity is removed by cancelling it.
class EditHistory {
  public:
    void record(RecordedEdit edit);
    bool canUndo() const { return !edits_.empty(); }
    /// The intent of the edit Undo would reverse (for the menu label).
    std::optional<std::string> nextUndo() const;
    /// Reverses the newest edit through `store.commit`. Refuses with ConflictingChange,
    /// and keeps the edit, if someone has changed those fields since.
    void undo(Store& store, const Actor& actor);

  private:
    std::vector<RecordedEdit> edits_;
    static constexpr std::size_t kLimit = 100;
};

/// The current values of some fields of an entity, as stored (for conflict checks).
FieldList currentFields(const Store& store, EntityKind kind, const std::string& id,
                        const FieldList& names);

}  // namespace nmdt
