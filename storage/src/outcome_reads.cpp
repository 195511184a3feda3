// The outcome reads of SqlCipherStore: whole-store scans for the outcome reports, joined in
// the model (as the neighbourhood reports are) rather than by SQLite 3.15's nested loops.
#include <unordered_map>

#include "index_hint.h"
#include "storage/sqlcipher_store.h"
#include "store_impl.h"

namespace nmdt::storage {

std::vector<OutcomeCase> SqlCipherStore::outcomeCases() const {
    return guarded([&] {
        auto st = impl_->prepare(
            "SELECT c.id, c.date_of_birth, c.sex, c.registered_practice_id, c.triage,"
            " c.referral_date,"
            " (SELECT MIN(m.date) FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id"
            "  WHERE i.case_id = c.id AND i.removed = 0 AND i.discussed = 1)"
            " FROM cases c");
        std::vector<OutcomeCase> out;
        while (st->executeStep()) {
            OutcomeCase c;
            c.id = CaseId(st->getColumn(0).getString());
            c.dateOfBirth = dateColumn(st->getColumn(1)).value_or(Date{});
            c.sex = fromCode<Sex>(st->getColumn(2).getString()).value_or(Sex::NotKnown);
            c.practice = OrganisationId(st->getColumn(3).getString());
            // Cases from before triage existed were all taken on by the MDT.
            c.triage = st->getColumn(4).isNull() ? Triage::AcceptedForMdt
                                                 : fromCode<Triage>(st->getColumn(4).getString())
                                                       .value_or(Triage::AcceptedForMdt);
            c.referralDate = dateColumn(st->getColumn(5)).value_or(Date{});
            c.firstDiscussed = dateColumn(st->getColumn(6));
            out.push_back(std::move(c));
        }
        return out;
    });
}

std::vector<AgreedGoal> SqlCipherStore::agreedGoals() const {
    return guarded([&] {
        struct Agreed {
            std::string caseId;
            int version = 0;
            Date on{};
        };
        std::unordered_map<std::string, Agreed> plans;
        const IndexHint byStatus(*impl_->db, "care_plans_status");
        auto st = impl_->prepare(
            "SELECT id, case_id, version, agreed_on FROM care_plans" + byStatus.clause() +
            "WHERE status IN ('agreed', 'superseded') AND agreed_on IS NOT NULL");
        while (st->executeStep())
            if (auto on = dateColumn(st->getColumn(3)))
                plans.emplace(st->getColumn(0).getString(),
                              Agreed{st->getColumn(1).getString(), st->getColumn(2).getInt(), *on});
        // Joined here: one pass over the covering index, no goal row read.
        std::vector<AgreedGoal> out;
        const IndexHint byPlan(*impl_->db, "goals_plan_progress");
        auto goals =
            impl_->prepare("SELECT plan_id, lineage_id, progress FROM goals" + byPlan.clause());
        while (goals->executeStep()) {
            auto plan = plans.find(goals->getColumn(0).getString());
            if (plan == plans.end())
                continue;
            out.push_back({CaseId(plan->second.caseId), goals->getColumn(1).getString(),
                           plan->second.version, plan->second.on,
                           fromCode<GoalProgress>(goals->getColumn(2).getString())
                               .value_or(GoalProgress::NotStarted)});
        }
        return out;
    });
}

std::vector<CaseNeedDomain> SqlCipherStore::caseNeedDomains() const {
    return guarded([&] {
        // The plan in force: the latest agreed version, or the draft of a case never agreed.
        std::unordered_map<std::string, std::pair<int, std::string>> agreedOf, draftOf;
        const IndexHint byStatus(*impl_->db, "care_plans_status");
        auto plans = impl_->prepare("SELECT id, case_id, status, version FROM care_plans" +
                                    byStatus.clause() + "WHERE status IN ('agreed', 'draft')");
        while (plans->executeStep()) {
            auto& slot = plans->getColumn(2).getString() == "agreed"
                             ? agreedOf[plans->getColumn(1).getString()]
                             : draftOf[plans->getColumn(1).getString()];
            const int version = plans->getColumn(3).getInt();
            if (slot.second.empty() || version > slot.first)
                slot = {version, plans->getColumn(0).getString()};
        }
        std::unordered_map<std::string, std::string> caseOfPlan;
        for (const auto& [caseId, plan] : agreedOf)
            caseOfPlan[plan.second] = caseId;
        for (const auto& [caseId, plan] : draftOf)
            if (!agreedOf.count(caseId))
                caseOfPlan[plan.second] = caseId;
        std::vector<CaseNeedDomain> out;
        const IndexHint byPlan(*impl_->db, "needs_plan_domain");
        auto needs = impl_->prepare("SELECT plan_id, domain FROM needs" + byPlan.clause());
        while (needs->executeStep()) {
            auto plan = caseOfPlan.find(needs->getColumn(0).getString());
            if (plan == caseOfPlan.end())
                continue;
            if (auto domain = fromCode<NeedDomain>(needs->getColumn(1).getString()))
                out.push_back({CaseId(plan->second), *domain});
        }
        return out;
    });
}

std::vector<WellbeingScore> SqlCipherStore::wellbeingScores() const {
    return guarded([&] {
        // Index-only: the index holds every answer (schema version 16).
        const IndexHint byCase(*impl_->db, "wellbeing_scores_case");
        auto st = impl_->prepare(
            "SELECT case_id, recorded_on, occasion, life_satisfaction, worthwhile, happiness,"
            " anxiety FROM wellbeing_scores" +
            byCase.clause() + "ORDER BY case_id, recorded_on");
        std::vector<WellbeingScore> out;
        while (st->executeStep()) {
            WellbeingScore s;
            s.caseId = CaseId(st->getColumn(0).getString());
            s.recordedOn = dateColumn(st->getColumn(1)).value_or(Date{});
            s.occasion = fromCode<WellbeingOccasion>(st->getColumn(2).getString())
                             .value_or(WellbeingOccasion::Review);
            s.lifeSatisfaction = st->getColumn(3).getInt();
            s.worthwhile = st->getColumn(4).getInt();
            s.happiness = st->getColumn(5).getInt();
            s.anxiety = st->getColumn(6).getInt();
            out.push_back(std::move(s));
        }
        return out;
    });
}

std::vector<WellbeingScore> SqlCipherStore::wellbeingScores(const CaseId& id) const {
    return guarded([&] {
        auto st = impl_->prepare(
            "SELECT * FROM wellbeing_scores WHERE case_id = ? ORDER BY recorded_on, id");
        st->bind(1, id.str());
        return readEntities<WellbeingScore>(*st);
    });
}

std::vector<ServiceUseMonth> SqlCipherStore::serviceUseCounts() const {
    return guarded([&] {
        auto st = impl_->prepare(
            "SELECT case_id, month, emergency_attendances, emergency_admissions, gp_contacts"
            " FROM service_use_months INDEXED BY service_use_months_counts"
            " ORDER BY case_id, month");
        std::vector<ServiceUseMonth> out;
        while (st->executeStep()) {
            ServiceUseMonth u;
            u.caseId = CaseId(st->getColumn(0).getString());
            u.month = st->getColumn(1).getString();
            u.emergencyAttendances = st->getColumn(2).getInt();
            u.emergencyAdmissions = st->getColumn(3).getInt();
            u.gpContacts = st->getColumn(4).getInt();
            out.push_back(std::move(u));
        }
        return out;
    });
}

std::vector<ServiceUseMonth> SqlCipherStore::serviceUse() const {
    return guarded([&] {
        auto st = impl_->prepare(
            "SELECT id, case_id, month, emergency_attendances, emergency_admissions,"
            " gp_contacts, organisation_id, imported_at FROM service_use_months"
            " ORDER BY case_id, month");
        std::vector<ServiceUseMonth> out;
        while (st->executeStep()) {
            ServiceUseMonth u;
            u.id = ServiceUseId(st->getColumn(0).getString());
            u.caseId = CaseId(st->getColumn(1).getString());
            u.month = st->getColumn(2).getString();
            u.emergencyAttendances = st->getColumn(3).getInt();
            u.emergencyAdmissions = st->getColumn(4).getInt();
            u.gpContacts = st->getColumn(5).getInt();
            u.organisationId = OrganisationId(st->getColumn(6).getString());
            u.importedAt = fromMillis(st->getColumn(7).getInt64());
            out.push_back(std::move(u));
        }
        return out;
    });
}

}  // namespace nmdt::storage
