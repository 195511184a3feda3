#pragma once
// One function per FHIR resource this product writes, from model types. Bundles are
// assembled from these in fhir_bundles.cpp.

#include <map>
#include <string>
#include <vector>

#include "fhir_support.h"
#include "model/case_transfer.h"

namespace nmdt::integration::fhir {

/// Looks up directory entries by id while building resources.
class Directory {
  public:
    Directory(const std::vector<Organisation>& organisations,
              const std::vector<Professional>& professionals);
    const Organisation* organisation(const OrganisationId& id) const;
    const Professional* professional(const ProfessionalId& id) const;
    std::string organisationName(const OrganisationId& id) const;
    std::string professionalName(const ProfessionalId& id) const;

  private:
    std::map<std::string, const Organisation*> organisations_;
    std::map<std::string, const Professional*> professionals_;
};

/// The UK Core Patient of a case, its contacts as Patient.contact.
/// `names` gives the registered practice its display name (none: the reference alone).
Object::Ptr patientResource(const Case& c, const std::vector<Contact>& contacts,
                            const Directory* names = nullptr);
std::string patientIdOf(const CaseId& caseId);
/// The referral into the MDT (the case itself: status, key worker, closure).
Object::Ptr referralResource(const Case& c, const Directory& names);

Object::Ptr organizationResource(const Organisation& o);
Object::Ptr practitionerResource(const Professional& p);
Object::Ptr practitionerRoleResource(const Professional& p);
std::string practitionerRoleIdOf(const ProfessionalId& id);

Object::Ptr careTeamResource(const Case& c, const std::vector<CareTeamMember>& members,
                             const Directory& names);
std::string careTeamIdOf(const CaseId& caseId);
Object::Ptr consentResource(const Consent& consent, const Directory& names);

/// Ids of the Goal resources that stand for each goal lineage in the newest plan.
using GoalsByLineage = std::map<std::string, std::string>;
Object::Ptr carePlanResource(const PlanTransfer& plan, const Case& c,
                             const std::vector<std::string>& activityTaskIds,
                             const Directory& names);
Object::Ptr conditionResource(const Need& need, const CaseId& caseId);
Object::Ptr goalResource(const Goal& goal, PlanStatus planStatus, const CaseId& caseId);

/// `encounterId` is the agenda item discussing the case at the action's meeting, if any.
Object::Ptr taskResource(const Action& action, const std::vector<ProgressNote>& notes,
                         const GoalsByLineage& goals, const std::string& encounterId,
                         const Directory& names);
Object::Ptr encounterResource(const AgendaItem& item, const Meeting& meeting);
/// `participants` empty: the chair only.
Object::Ptr appointmentResource(const Meeting& meeting,
                                const std::vector<Participant>& participants,
                                const Directory& names);

/// One bundle entry: {fullUrl, resource}.
Object::Ptr entry(const Object::Ptr& resource);

}  // namespace nmdt::integration::fhir
