// The reporting half of SqlCipherStore: whole-store aggregates for the neighbourhood
// reports, read from covering indexes (schema version 7) wherever they can be.
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "index_hint.h"
#include "queries.h"
#include "storage/sqlcipher_store.h"
#include "store_impl.h"

namespace nmdt::storage {

// Actions carry their owner's organisation (the model fills it in from the owner), so the
// reports count by owner_org_id alone and read it from covering indexes.

std::size_t SqlCipherStore::openCaseCount() const {
    return guarded([&] {
        auto st = impl_->prepare("SELECT COUNT(*) FROM cases WHERE status = 'open'");
        st->executeStep();
        return static_cast<std::size_t>(st->getColumn(0).getInt64());
    });
}

std::vector<DomainCaseload> SqlCipherStore::caseloadByNeedDomain() const {
    return guarded([&] {
        // Joined here rather than in SQL: three scans (two of them index-only) and two hash
        // lookups per need take a tenth of the time of SQLite 3.15's nested loops.
        std::unordered_set<std::string> open;
        auto cases = impl_->prepare("SELECT id FROM cases WHERE status = 'open'");
        while (cases->executeStep())
            open.insert(cases->getColumn(0).getString());

        // The plan in force: the agreed version, or the draft of a case never agreed.
        std::unordered_map<std::string, std::string> agreedOf, draftOf;
        auto plans = impl_->prepare(
            "SELECT id, case_id, status FROM care_plans WHERE status IN ('agreed', 'draft')");
        while (plans->executeStep()) {
            std::string caseId = plans->getColumn(1).getString();
            if (!open.count(caseId))
                continue;
            auto& slot = plans->getColumn(2).getString() == "agreed" ? agreedOf : draftOf;
            slot[caseId] = plans->getColumn(0).getString();
        }
        std::unordered_map<std::string, std::string> caseOfPlan;
        for (const auto& [caseId, planId] : agreedOf)
            caseOfPlan[planId] = caseId;
        for (const auto& [caseId, planId] : draftOf)
            if (!agreedOf.count(caseId))
                caseOfPlan[planId] = caseId;

        std::map<std::string, std::unordered_set<std::string>> casesByDomain;
        const IndexHint byPlan(*impl_->db, "needs_plan");
        auto needs = impl_->prepare("SELECT plan_id, domain FROM needs" + byPlan.clause());
        while (needs->executeStep()) {
            auto plan = caseOfPlan.find(needs->getColumn(0).getString());
            if (plan != caseOfPlan.end())
                casesByDomain[needs->getColumn(1).getString()].insert(plan->second);
        }
        std::vector<DomainCaseload> out;
        for (const auto& [code, ids] : casesByDomain)
            if (auto domain = fromCode<NeedDomain>(code))
                out.push_back({*domain, ids.size()});
        return out;
    });
}

std::vector<ReferralTiming> SqlCipherStore::referralTimings() const {
    return guarded([&] {
        auto st = impl_->prepare(
            "SELECT c.id, c.referral_date, c.status,"
            " (SELECT MIN(m.date) FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id"
            "  WHERE i.case_id = c.id AND i.removed = 0 AND i.discussed = 1)"
            " FROM cases c");
        std::vector<ReferralTiming> out;
        while (st->executeStep()) {
            auto referred = dateColumn(st->getColumn(1));
            if (!referred)
                continue;
            ReferralTiming t;
            t.caseId = CaseId(st->getColumn(0).getString());
            t.referralDate = *referred;
            t.status =
                fromCode<CaseStatus>(st->getColumn(2).getString()).value_or(CaseStatus::Open);
            t.firstDiscussed = dateColumn(st->getColumn(3));
            out.push_back(std::move(t));
        }
        return out;
    });
}

std::vector<ActionTally> SqlCipherStore::actionTallies() const {
    return guarded([&] {
        const IndexHint byOrganisation(*impl_->db, "actions_org_status");
        auto st =
            impl_->prepare("SELECT COALESCE(owner_org_id, ''), status, COUNT(*) FROM actions" +
                           byOrganisation.clause() + "GROUP BY owner_org_id, status");
        std::vector<ActionTally> out;
        while (st->executeStep())
            if (auto status = fromCode<ActionStatus>(st->getColumn(1).getString()))
                out.push_back({OrganisationId(st->getColumn(0).getString()), *status,
                               static_cast<std::size_t>(st->getColumn(2).getInt64())});
        return out;
    });
}

std::vector<OverdueItem> SqlCipherStore::overdueActions(Date today) const {
    return guarded([&] {
        // The open-actions index holds organisation, due date and status: no row is read.
        const IndexHint openByOrganisation(*impl_->db, "actions_open_by_org");
        auto st = impl_->prepare("SELECT COALESCE(owner_org_id, ''), due_date FROM actions" +
                                 openByOrganisation.clause() + "WHERE " + queries::kOpenStatus +
                                 " AND due_date < ?");
        st->bind(1, toIsoDate(today));
        std::vector<OverdueItem> out;
        while (st->executeStep())
            if (auto due = dateColumn(st->getColumn(1)))
                out.push_back({OrganisationId(st->getColumn(0).getString()), *due});
        return out;
    });
}

}  // namespace nmdt::storage
