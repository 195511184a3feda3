#include "model/edit_history.h"

#include <algorithm>

#include "model/entity_mapping.h"
#include "model/error.h"

namespace nmdt {

namespace {
template <class T>
FieldList fieldsOf(const std::optional<T>& entity) {
    return entity ? toFields(*entity) : FieldList{};
}

FieldList allFields(const Store& store, EntityKind kind, const std::string& id) {
    switch (kind) {
        case EntityKind::Organisation:
            return fieldsOf(store.organisation(OrganisationId(id)));
        case EntityKind::Professional:
            return fieldsOf(store.professional(ProfessionalId(id)));
        case EntityKind::Case:
            return fieldsOf(store.caseById(CaseId(id)));
        case EntityKind::CarePlan:
            return fieldsOf(store.carePlan(CarePlanId(id)));
        case EntityKind::Action:
            return fieldsOf(store.action(ActionId(id)));
        case EntityKind::Meeting:
            return fieldsOf(store.meeting(MeetingId(id)));
        case EntityKind::MeetingSeries:
            return fieldsOf(store.meetingSeriesById(MeetingSeriesId(id)));
        case EntityKind::AgendaItem:
            return fieldsOf(store.agendaItem(AgendaItemId(id)));
        case EntityKind::Participant:
            return fieldsOf(store.participant(ParticipantId(id)));
        case EntityKind::CaseFindingEntry:
            return fieldsOf(store.caseFindingEntry(CaseFindingEntryId(id)));
        default:
            return {};  // kinds without a single-row reader are not undoable
    }
}

bool allFieldsReadable(EntityKind kind) {
    switch (kind) {
        case EntityKind::Organisation:
        case EntityKind::Professional:
        case EntityKind::Case:
        case EntityKind::CarePlan:
        case EntityKind::Action:
        case EntityKind::Meeting:
        case EntityKind::MeetingSeries:
        case EntityKind::AgendaItem:
        case EntityKind::Participant:
        case EntityKind::CaseFindingEntry:
            return true;
        default:
            return false;
    }
}
}  // namespace

FieldList currentFields(const Store& store, EntityKind kind, const std::string& id,
                        const FieldList& names) {
    FieldList all = allFields(store, kind, id);
    FieldList out;
    for (const auto& wanted : names)
        for (const auto& f : all)
            if (f.name == wanted.name)
                out.push_back(f);
    return out;
}

void EditHistory::record(RecordedEdit edit) {
    const bool readable =
        !edit.entities.empty() &&
        std::all_of(edit.entities.begin(), edit.entities.end(),
                    [](const EditedEntity& e) { return allFieldsReadable(e.kind); });
    if (readable) {
        edits_.push_back(std::move(edit));
        if (edits_.size() > kLimit)
            edits_.erase(edits_.begin());
    }
}

std::optional<std::string> EditHistory::nextUndo() const {
    if (edits_.empty())
        return std::nullopt;
    return edits_.back().intent;
}

void EditHistory::undo(Store& store, const Actor& actor) {
    if (edits_.empty())
        throw DomainError(ErrorCode::NothingToUndo, "");
    const RecordedEdit& edit = edits_.back();
    for (const auto& entity : edit.entities) {
        // The agenda and attendance of a closed meeting are its minutes: final.
        std::optional<MeetingId> meeting;
        if (entity.kind == EntityKind::AgendaItem)
            if (auto item = store.agendaItem(AgendaItemId(entity.id)))
                meeting = item->meetingId;
        if (entity.kind == EntityKind::Participant)
            if (auto p = store.participant(ParticipantId(entity.id)))
                meeting = p->meetingId;
        if (meeting)
            if (auto m = store.meeting(*meeting); m && m->status == MeetingStatus::Closed)
                throw DomainError(ErrorCode::MeetingClosed, "meeting");
        // Someone (another screen, or later a partner through sync) changed these fields
        // since: undoing would silently overwrite their work, so refuse.
        if (currentFields(store, entity.kind, entity.id, entity.after) != entity.after)
            throw DomainError(ErrorCode::ConflictingChange,
                              std::string(entityKindName(entity.kind)));
    }
    ChangeSet changes("undo " + edit.intent);
    for (const auto& entity : edit.entities)
        changes.update(entity.kind, entity.id, entity.before);
    store.commit(changes, actor);
    edits_.pop_back();
}

}  // namespace nmdt
