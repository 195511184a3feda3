#pragma once
// Everything the case record screen and printouts show about one resident, gathered in
// one call, with the names of the people and organisations it refers to.

#include <string>
#include <unordered_map>
#include <vector>

#include "model/care_plan_service.h"
#include "model/outcomes.h"
#include "model/service_context.h"

namespace nmdt {

/// Names of organisations and professionals, read once from the directory.
class DirectoryNames {
  public:
    explicit DirectoryNames(const DirectoryReader& directory);
    /// The name, or "" for an empty id, or the id itself if it is not in the directory.
    std::string organisation(const OrganisationId& id) const;
    std::string professional(const ProfessionalId& id) const;
    /// The name of the organisation a professional works for.
    std::string organisationOf(const ProfessionalId& id) const;
    /// "Gwen Pritchard (Age Well Together)"
    std::string professionalWithOrganisation(const ProfessionalId& id) const;
    /// The work phone recorded for a professional, or "".
    std::string phoneOf(const ProfessionalId& id) const;

  private:
    std::unordered_map<std::string, std::string> organisations_;
    std::unordered_map<std::string, Professional> professionals_;
};

/// A resident's whole record as one screen or printout shows it.
struct CaseRecord {
    Case theCase;
    std::vector<Contact> contacts;
    std::vector<Consent> consents;
    std::vector<CareTeamMember> careTeam;
    std::vector<CarePlan> plans;             // newest version first
    std::vector<Action> actions;             // open first: overdue, then by due date; then closed
    std::vector<Discussion> discussions;     // newest meeting first
    std::optional<MeetingSeries> mdtSeries;  // the MDT that discusses them (none: any MDT)
    std::vector<WellbeingScore> wellbeing;   // ONS4 scores, oldest first
};

/// Loads case records.
class CaseRecordService {
  public:
    explicit CaseRecordService(ServiceContext context) : ctx_(context) {}
    CaseRecord load(const CaseId& id) const;

  private:
    ServiceContext ctx_;
};

}  // namespace nmdt
