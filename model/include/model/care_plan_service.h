#pragma once
// Use cases for care plans: one working draft per case, agreed versions read-only.

#include <optional>
#include <vector>

#include "model/service_context.h"

namespace nmdt {

/// A care plan version together with its needs and goals.
struct CarePlanDocument {
    CarePlan plan;
    std::vector<Need> needs;
    std::vector<Goal> goals;
    /// True when needs and goals of some domains were left out for the reader's role.
    bool sectionsWithheld = false;
};

/// Whether a role sees needs and goals of a domain. VCFSE workers see the social domains
/// (housing, money, work, isolation, carers); health, substance use and safety stay with
/// the statutory partners.
bool mayReadDomain(Role role, NeedDomain domain);

/// Drafts, edits and agrees care plan versions.
class CarePlanService {
  public:
    explicit CarePlanService(ServiceContext context) : ctx_(context) {}

    /// Starts the working draft, copied from the latest agreed version if there is one.
    CarePlanId startDraft(const CaseId& caseId);
    std::optional<CarePlan> draft(const CaseId& caseId) const;
    std::optional<CarePlan> currentAgreed(const CaseId& caseId) const;
    CarePlanDocument document(const CarePlanId& id) const;

    /// Saves the draft's own fields (what matters, about me, contingency, review date).
    void saveDraft(const CarePlan& draft);
    NeedId addNeed(const CarePlanId& draftId, NeedDomain domain, const std::string& description,
                   const std::string& plannedSupport);
    void saveNeed(const Need& need);
    GoalId addGoal(const CarePlanId& draftId, NeedDomain domain, const std::string& description,
                   std::optional<Date> targetDate);
    void saveGoal(const Goal& goal);
    /// Agrees the draft as the new current version; the previous agreed one is superseded.
    void agree(const CarePlanId& draftId);

  private:
    CarePlan editableDraft(const CarePlanId& id) const;
    ServiceContext ctx_;
};

}  // namespace nmdt
