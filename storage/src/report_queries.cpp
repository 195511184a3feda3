// The reporting half of SqlCipherStore: whole-store aggregates, each one query that SQLite
// answers from the tables' indexes without loading records into memory.
#include "queries.h"
#include "storage/sqlcipher_store.h"
#include "store_impl.h"

namespace nmdt::storage {

namespace {
std::optional<Date> dateColumn(const SQLite::Column& c) {
    if (c.isNull())
        return std::nullopt;
    return parseIsoDate(c.getString());
}

/// The organisation an action belongs to: its own, else its owner's.
constexpr const char* kActionOrganisation =
    "COALESCE(NULLIF(a.owner_org_id, ''), "
    "(SELECT p.organisation_id FROM professionals p WHERE p.id = a.owner_id), '')";
}  // namespace

std::size_t SqlCipherStore::openCaseCount() const {
    return guarded([&] {
        auto st = impl_->prepare("SELECT COUNT(*) FROM cases WHERE status = 'open'");
        st->executeStep();
        return static_cast<std::size_t>(st->getColumn(0).getInt64());
    });
}

std::vector<DomainCaseload> SqlCipherStore::caseloadByNeedDomain() const {
    return guarded([&] {
        // The plan in force: the agreed version, or the draft of a case never agreed.
        auto st = impl_->prepare(
            "SELECT n.domain, COUNT(DISTINCT p.case_id) FROM needs n"
            " JOIN care_plans p ON p.id = n.plan_id"
            " JOIN cases c ON c.id = p.case_id"
            " WHERE c.status = 'open' AND (p.status = 'agreed' OR (p.status = 'draft' AND NOT"
            " EXISTS (SELECT 1 FROM care_plans q WHERE q.case_id = p.case_id"
            " AND q.status = 'agreed')))"
            " GROUP BY n.domain");
        std::vector<DomainCaseload> out;
        while (st->executeStep())
            if (auto domain = fromCode<NeedDomain>(st->getColumn(0).getString()))
                out.push_back({*domain, static_cast<std::size_t>(st->getColumn(1).getInt64())});
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
        auto st = impl_->prepare(std::string("SELECT ") + kActionOrganisation +
                                 ", a.status, COUNT(*) FROM actions a GROUP BY 1, 2");
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
        auto st = impl_->prepare(std::string("SELECT ") + kActionOrganisation +
                                 ", a.due_date FROM actions a WHERE a." + queries::kOpenStatus +
                                 " AND a.due_date IS NOT NULL AND a.due_date < ?");
        st->bind(1, toIsoDate(today));
        std::vector<OverdueItem> out;
        while (st->executeStep())
            if (auto due = dateColumn(st->getColumn(1)))
                out.push_back({OrganisationId(st->getColumn(0).getString()), *due});
        return out;
    });
}

}  // namespace nmdt::storage
