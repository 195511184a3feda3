#include "model/entity_kind.h"

#include <array>

namespace nmdt {

namespace {
using namespace std::string_view_literals;

constexpr std::array kinds{
    EntityKind::Organisation,
    EntityKind::Professional,
    EntityKind::Case,
    EntityKind::Contact,
    EntityKind::Consent,
    EntityKind::CareTeamMember,
    EntityKind::CarePlan,
    EntityKind::Need,
    EntityKind::Goal,
    EntityKind::MeetingSeries,
    EntityKind::Meeting,
    EntityKind::Participant,
    EntityKind::AgendaItem,
    EntityKind::Action,
    EntityKind::ProgressNote,
    EntityKind::CaseFindingList,
    EntityKind::CaseFindingEntry,
    EntityKind::WellbeingScore,
    EntityKind::ServiceUseMonth,
};

constexpr std::array organisationFields{"name"sv, "kind"sv, "ods_code"sv};
constexpr std::array professionalFields{"name"sv,  "role"sv,     "organisation_id"sv, "email"sv,
                                        "phone"sv, "username"sv, "registration"sv,    "active"sv};
constexpr std::array caseFields{"nhs_number"sv,
                                "given_name"sv,
                                "family_name"sv,
                                "date_of_birth"sv,
                                "address"sv,
                                "postcode"sv,
                                "phone"sv,
                                "email"sv,
                                "preferred_language"sv,
                                "communication_needs"sv,
                                "referred_by_id"sv,
                                "referrer_org_id"sv,
                                "referral_reason"sv,
                                "referral_date"sv,
                                "key_worker_id"sv,
                                "status"sv,
                                "closed_reason"sv,
                                "closed_date"sv,
                                "review_at_next_meeting"sv,
                                "created_at"sv,
                                "urgency"sv,
                                "triage"sv,
                                "triage_note"sv,
                                "triaged_by_id"sv,
                                "triaged_on"sv,
                                "mdt_series_id"sv,
                                "registered_practice_id"sv,
                                "sex"sv};
constexpr std::array contactFields{"case_id"sv, "name"sv,     "relationship"sv,
                                   "phone"sv,   "is_carer"sv, "is_next_of_kin"sv};
constexpr std::array consentFields{"case_id"sv,     "organisation_id"sv, "decision"sv,
                                   "recorded_on"sv, "recorded_by_id"sv,  "legal_basis"sv,
                                   "method"sv};
constexpr std::array careTeamFields{"case_id"sv, "professional_id"sv, "team_role"sv, "active"sv};
constexpr std::array carePlanFields{
    "case_id"sv,          "version"sv,     "status"sv,    "what_matters"sv, "about_me"sv,
    "contingency_plan"sv, "review_date"sv, "agreed_on"sv, "agreed_by_id"sv, "based_on_id"sv};
constexpr std::array needFields{"plan_id"sv, "lineage_id"sv, "domain"sv, "description"sv,
                                "planned_support"sv};
constexpr std::array goalFields{"plan_id"sv,     "lineage_id"sv, "domain"sv,       "description"sv,
                                "target_date"sv, "progress"sv,   "progress_note"sv};
constexpr std::array actionFields{
    "case_id"sv,  "goal_lineage_id"sv, "meeting_id"sv,   "title"sv,     "detail"sv,
    "owner_id"sv, "owner_org_id"sv,    "requester_id"sv, "due_date"sv,  "priority"sv,
    "status"sv,   "status_reason"sv,   "created_at"sv,   "updated_at"sv};
constexpr std::array noteFields{"action_id"sv, "author_id"sv, "written_at"sv, "text"sv,
                                "private"sv};
constexpr std::array meetingFields{
    "title"sv,     "date"sv,      "start_time"sv,       "duration_minutes"sv,
    "place"sv,     "link"sv,      "chair_id"sv,         "status"sv,
    "opened_at"sv, "closed_at"sv, "cancelled_reason"sv, "series_id"sv};
constexpr std::array seriesFields{
    "name"sv,  "cadence_days"sv, "start_time"sv,       "duration_minutes"sv,
    "place"sv, "link"sv,         "default_invitees"sv, "active"sv};
constexpr std::array participantFields{"meeting_id"sv, "organisation_id"sv, "professional_id"sv,
                                       "invited"sv, "attendance"sv};
constexpr std::array agendaFields{
    "meeting_id"sv,         "case_id"sv,        "reason"sv,
    "minutes_allotted"sv,   "order_key"sv,      "carried_forward"sv,
    "for_information"sv,    "discussion"sv,     "decision"sv,
    "plan_changes"sv,       "discussed"sv,      "removed"sv,
    "resident_attended"sv,  "carer_attended"sv, "resident_agreed_plan"sv,
    "resident_copy_given"sv};
constexpr std::array caseFindingListFields{"organisation_id"sv, "title"sv,          "source_name"sv,
                                           "imported_at"sv,     "imported_by_id"sv, "row_count"sv,
                                           "mapping"sv,         "risk_columns"sv};
constexpr std::array caseFindingEntryFields{
    "list_id"sv,    "line"sv,   "nhs_number"sv, "date_of_birth"sv,    "family_name"sv,
    "given_name"sv, "sex"sv,    "postcode"sv,   "practice_code"sv,    "risk"sv,
    "decision"sv,   "reason"sv, "review_on"sv,  "referred_case_id"sv, "decided_by_id"sv,
    "decided_at"sv};
constexpr std::array wellbeingFields{"case_id"sv,           "recorded_on"sv,   "occasion"sv,
                                     "life_satisfaction"sv, "worthwhile"sv,    "happiness"sv,
                                     "anxiety"sv,           "recorded_by_id"sv};
constexpr std::array serviceUseFields{"case_id"sv,
                                      "month"sv,
                                      "emergency_attendances"sv,
                                      "emergency_admissions"sv,
                                      "gp_contacts"sv,
                                      "organisation_id"sv,
                                      "imported_at"sv};
}  // namespace

std::span<const EntityKind> allEntityKinds() {
    return kinds;
}

std::string_view entityKindName(EntityKind kind) {
    switch (kind) {
        case EntityKind::Organisation:
            return "organisation";
        case EntityKind::Professional:
            return "professional";
        case EntityKind::Case:
            return "case";
        case EntityKind::Contact:
            return "contact";
        case EntityKind::Consent:
            return "consent";
        case EntityKind::CareTeamMember:
            return "care_team_member";
        case EntityKind::CarePlan:
            return "care_plan";
        case EntityKind::Need:
            return "need";
        case EntityKind::Goal:
            return "goal";
        case EntityKind::Action:
            return "action";
        case EntityKind::ProgressNote:
            return "progress_note";
        case EntityKind::MeetingSeries:
            return "meeting_series";
        case EntityKind::Meeting:
            return "meeting";
        case EntityKind::Participant:
            return "participant";
        case EntityKind::AgendaItem:
            return "agenda_item";
        case EntityKind::CaseFindingList:
            return "case_finding_list";
        case EntityKind::CaseFindingEntry:
            return "case_finding_entry";
        case EntityKind::WellbeingScore:
            return "wellbeing_score";
        case EntityKind::ServiceUseMonth:
            return "service_use_month";
    }
    return "";
}

std::optional<EntityKind> entityKindFromName(std::string_view name) {
    for (EntityKind k : kinds)
        if (entityKindName(k) == name)
            return k;
    return std::nullopt;
}

std::span<const std::string_view> entityFieldNames(EntityKind kind) {
    switch (kind) {
        case EntityKind::Organisation:
            return organisationFields;
        case EntityKind::Professional:
            return professionalFields;
        case EntityKind::Case:
            return caseFields;
        case EntityKind::Contact:
            return contactFields;
        case EntityKind::Consent:
            return consentFields;
        case EntityKind::CareTeamMember:
            return careTeamFields;
        case EntityKind::CarePlan:
            return carePlanFields;
        case EntityKind::Need:
            return needFields;
        case EntityKind::Goal:
            return goalFields;
        case EntityKind::Action:
            return actionFields;
        case EntityKind::ProgressNote:
            return noteFields;
        case EntityKind::MeetingSeries:
            return seriesFields;
        case EntityKind::Meeting:
            return meetingFields;
        case EntityKind::Participant:
            return participantFields;
        case EntityKind::AgendaItem:
            return agendaFields;
        case EntityKind::CaseFindingList:
            return caseFindingListFields;
        case EntityKind::CaseFindingEntry:
            return caseFindingEntryFields;
        case EntityKind::WellbeingScore:
            return wellbeingFields;
        case EntityKind::ServiceUseMonth:
            return serviceUseFields;
    }
    return {};
}

bool isAppendOnly(EntityKind kind) {
    return kind == EntityKind::ProgressNote;
}

bool isLocalOnly(EntityKind kind) {
    return kind == EntityKind::CaseFindingList || kind == EntityKind::CaseFindingEntry ||
           kind == EntityKind::ServiceUseMonth;
}

}  // namespace nmdt
