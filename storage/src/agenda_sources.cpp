// Where a meeting's agenda comes from: each list read by walking a covering index (schema
// version 11) in the order a team works through, stopping as soon as enough are found.
#include <set>

#include "queries.h"
#include "storage/sqlcipher_store.h"
#include "store_impl.h"

namespace nmdt::storage {

namespace {

using namespace queries;

/// Cases of this series or of none. Cases of other series come to their own meetings.
constexpr const char* kOfSeries = " AND (c.mdt_series_id IS NULL OR c.mdt_series_id = ?)";

/// Steps through a statement whose first column is a case id, keeping each case once in
/// the order first met, until `limit` cases (0: all). Actions and plans come in due order
/// and a case may have several: its first is the one that ranks it.
void collectDistinct(SQLite::Statement& st, std::size_t limit, std::vector<CaseId>& out,
                     std::set<std::string>& seen) {
    while ((limit == 0 || out.size() < limit) && st.executeStep()) {
        std::string id = st.getColumn(0).getString();
        if (seen.insert(id).second)
            out.emplace_back(std::move(id));
    }
}

std::int64_t sqlLimit(std::size_t limit) {
    return limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(limit);
}

}  // namespace

std::vector<CaseId> SqlCipherStore::undiscussedReferrals(Urgency urgency,
                                                         const MeetingSeriesId& series,
                                                         std::size_t limit) const {
    return guarded([&] {
        auto st = impl_->prepare(
            std::string("SELECT c.id FROM cases c WHERE c.status = 'open' AND c.urgency = ?"
                        " AND c.triage IN ('pending', 'accepted-mdt')") +
            kOfSeries +
            " AND NOT EXISTS"
            " (SELECT 1 FROM agenda_items i WHERE i.case_id = c.id AND i.removed = 0)"
            " ORDER BY c.referral_date, c.search_family LIMIT ?");
        st->bind(1, std::string(codeOf(urgency)));
        st->bind(2, series.str());
        st->bind(3, sqlLimit(limit));
        std::vector<CaseId> out;
        while (st->executeStep())
            out.emplace_back(st->getColumn(0).getString());
        return out;
    });
}

std::vector<CaseId> SqlCipherStore::casesWithOverdueActions(Date asOf,
                                                            const MeetingSeriesId& series,
                                                            std::size_t limit) const {
    return guarded([&] {
        // CROSS JOIN keeps actions outermost, so the due-date index gives the order.
        auto st = impl_->prepare(std::string("SELECT a.case_id FROM actions a CROSS JOIN cases c"
                                             " ON c.id = a.case_id WHERE a.") +
                                 kOpenStatus + " AND a.due_date < ? AND c.status = 'open'" +
                                 kOfSeries + " ORDER BY a.due_date");
        st->bind(1, toIsoDate(asOf));
        st->bind(2, series.str());
        std::vector<CaseId> out;
        std::set<std::string> seen;
        collectDistinct(*st, limit, out, seen);
        return out;
    });
}

std::vector<CaseId> SqlCipherStore::casesWithOpenActions(Date from, const MeetingSeriesId& series,
                                                         std::size_t limit) const {
    return guarded([&] {
        const std::string base = std::string(
                                     "SELECT a.case_id FROM actions a CROSS JOIN cases c"
                                     " ON c.id = a.case_id WHERE a.") +
                                 kOpenStatus +
                                 " AND a.meeting_id IS NOT NULL AND c.status = 'open'" + kOfSeries;
        std::vector<CaseId> out;
        std::set<std::string> seen;
        auto dated = impl_->prepare(base + " AND a.due_date >= ? ORDER BY a.due_date");
        dated->bind(1, series.str());
        dated->bind(2, toIsoDate(from));
        collectDistinct(*dated, limit, out, seen);
        auto undated = impl_->prepare(base + " AND a.due_date IS NULL");
        undated->bind(1, series.str());
        collectDistinct(*undated, limit, out, seen);
        return out;
    });
}

std::vector<CaseId> SqlCipherStore::casesDueForReview(Date by, const MeetingSeriesId& series,
                                                      std::size_t limit) const {
    return guarded([&] {
        std::vector<CaseId> out;
        std::set<std::string> seen;
        auto flagged =
            impl_->prepare(std::string("SELECT c.id FROM cases c WHERE c.review_at_next_meeting = 1"
                                       " AND c.status = 'open'") +
                           kOfSeries + " ORDER BY c.search_family, c.search_given");
        flagged->bind(1, series.str());
        collectDistinct(*flagged, limit, out, seen);
        auto planned = impl_->prepare(
            std::string("SELECT p.case_id FROM care_plans p CROSS JOIN cases c ON c.id = p.case_id"
                        " WHERE p.status = 'agreed' AND p.review_date <= ? AND c.status = 'open'") +
            kOfSeries + " ORDER BY p.review_date");
        planned->bind(1, toIsoDate(by));
        planned->bind(2, series.str());
        collectDistinct(*planned, limit, out, seen);
        return out;
    });
}

}  // namespace nmdt::storage
