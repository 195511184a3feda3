#pragma once
// What every service needs: the store, the time, a source of ids, and who is acting.

#include "model/calendar.h"
#include "model/change_set.h"
#include "model/edit_history.h"
#include "model/entity_mapping.h"
#include "model/error.h"
#include "model/ids.h"
#include "model/store.h"

namespace nmdt {

/// The signed-in session a service works in.
struct ServiceContext {
    Store& store;
    const Clock& clock;
    IdSource& ids;
    Actor actor;
    EditHistory* history = nullptr;  // set by the GUI so its edits can be undone

    void commit(const ChangeSet& changes) const { store.commit(changes, actor); }

    /// Writes the fields that differ between two states of one entity.
    template <class T>
    void commitEdit(const char* intent, const T& before, const T& after) const {
        FieldList changed = changedFields(toFields(before), toFields(after));
        ChangeSet changes(intent);
        changes.update(EntityTraits<T>::kind, before.id.str(), changed);
        commit(changes);
        if (history && !changed.empty()) {
            FieldList old;
            for (const auto& f : toFields(before))
                for (const auto& c : changed)
                    if (c.name == f.name)
                        old.push_back(f);
            history->record({intent, EntityTraits<T>::kind, before.id.str(), std::move(old),
                             std::move(changed)});
        }
    }

    /// Writes the fields that differ, outside the undo history: for steps that are final
    /// (opening and closing a meeting).
    template <class T>
    void commitFinal(const char* intent, const T& before, const T& after) const {
        ChangeSet changes(intent);
        changes.update(EntityTraits<T>::kind, before.id.str(),
                       changedFields(toFields(before), toFields(after)));
        commit(changes);
    }

    /// Writes one new entity.
    template <class T>
    void commitCreate(const char* intent, const T& value) const {
        ChangeSet changes(intent);
        changes.create(EntityTraits<T>::kind, value.id.str(), toFields(value));
        commit(changes);
    }
};

/// Limits the model enforces on free text (generous; they stop runaway pastes).
inline constexpr std::size_t kMaxShortText = 200;
inline constexpr std::size_t kMaxLongText = 20000;

}  // namespace nmdt
