#pragma once
// What every service needs: the store, the time, a source of ids, and who is acting.

#include <utility>
#include <vector>

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
        commitEdits(intent, std::vector<std::pair<T, T>>{{before, after}});
    }

    /// Writes the fields that differ between two states of each of several entities of one
    /// kind, in one change set, undone together.
    template <class T>
    void commitEdits(const char* intent, const std::vector<std::pair<T, T>>& edits) const {
        ChangeSet changes(intent);
        RecordedEdit recorded{intent, {}};
        for (const auto& [before, after] : edits) {
            const FieldList beforeFields = toFields(before);
            FieldList changed = changedFields(beforeFields, toFields(after));
            changes.update(EntityTraits<T>::kind, before.id.str(), changed);
            if (changed.empty())
                continue;
            FieldList old;
            for (const auto& f : beforeFields)
                for (const auto& c : changed)
                    if (c.name == f.name)
                        old.push_back(f);
            recorded.entities.push_back(
                {EntityTraits<T>::kind, before.id.str(), std::move(old), std::move(changed)});
        }
        commit(changes);
        if (history && !recorded.entities.empty())
            history->record(std::move(recorded));
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
