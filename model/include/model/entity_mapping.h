#pragma once
// The one place that says which field of the schema holds which member of a domain type,
// in both directions. Storage reads and writes rows through these and nothing else.

#include "model/action.h"
#include "model/care_plan.h"
#include "model/case_finding.h"
#include "model/case_record.h"
#include "model/entity_kind.h"
#include "model/field_value.h"
#include "model/meeting.h"
#include "model/organisation.h"
#include "model/outcomes.h"

namespace nmdt {

/// Describes how one domain type maps to its entity kind; specialised per type.
template <class T>
struct EntityTraits;

#define NMDT_ENTITY(Type, Kind)                                          \
    FieldList toFields(const Type& value);                               \
    Type fromRecord(const std::string& id, const Record& record, Type*); \
    template <>                                                          \
    struct EntityTraits<Type> {                                          \
        static constexpr EntityKind kind = EntityKind::Kind;             \
    };

NMDT_ENTITY(Organisation, Organisation)
NMDT_ENTITY(Professional, Professional)
NMDT_ENTITY(Case, Case)
NMDT_ENTITY(Contact, Contact)
NMDT_ENTITY(Consent, Consent)
NMDT_ENTITY(CareTeamMember, CareTeamMember)
NMDT_ENTITY(CarePlan, CarePlan)
NMDT_ENTITY(Need, Need)
NMDT_ENTITY(Goal, Goal)
NMDT_ENTITY(Action, Action)
NMDT_ENTITY(ProgressNote, ProgressNote)
NMDT_ENTITY(MeetingSeries, MeetingSeries)
NMDT_ENTITY(Meeting, Meeting)
NMDT_ENTITY(Participant, Participant)
NMDT_ENTITY(AgendaItem, AgendaItem)
NMDT_ENTITY(CaseFindingList, CaseFindingList)
NMDT_ENTITY(CaseFindingEntry, CaseFindingEntry)
NMDT_ENTITY(WellbeingScore, WellbeingScore)
NMDT_ENTITY(ServiceUseMonth, ServiceUseMonth)
#undef NMDT_ENTITY

/// Builds a T from a stored row: `fromRow<Case>(id, record)`.
template <class T>
T fromRow(const std::string& id, const Record& record) {
    return fromRecord(id, record, static_cast<T*>(nullptr));
}

/// The fields whose values differ between `before` and `after` (for updates).
FieldList changedFields(const FieldList& before, const FieldList& after);

}  // namespace nmdt
