// The read half of SqlCipherStore: one query per use case, each on an index.
#include <algorithm>
#include <set>

#include "index_hint.h"
#include "model/search_key.h"
#include "queries.h"
#include "storage/sqlcipher_store.h"
#include "store_impl.h"

namespace nmdt::storage {

namespace {

using namespace queries;

void bindArg(SQLite::Statement& st, int i, const std::string& v) {
    st.bind(i, v);
}
void bindArg(SQLite::Statement& st, int i, std::int64_t v) {
    st.bind(i, v);
}

template <class T, class... Args>
std::vector<T> select(StoreImpl& s, const std::string& tail, const Args&... args) {
    auto st = s.prepare("SELECT * FROM " + tableOf(EntityTraits<T>::kind) + " " + tail);
    int i = 1;
    (bindArg(*st, i++, args), ...);
    return readEntities<T>(*st);
}

template <class T>
std::optional<T> selectById(StoreImpl& s, const std::string& id) {
    auto rows = select<T>(s, "WHERE id = ?", id);
    if (rows.empty())
        return std::nullopt;
    return std::move(rows.front());
}

template <class IdType, class... Args>
std::vector<IdType> selectIds(StoreImpl& s, const std::string& sql, const Args&... args) {
    auto st = s.prepare(sql);
    int i = 1;
    (bindArg(*st, i++, args), ...);
    std::vector<IdType> out;
    while (st->executeStep())
        out.emplace_back(st->getColumn(0).getString());
    return out;
}

/// A case summary with the folded keys it is sorted by.
struct RankedSummary {
    CaseSummary summary;
    std::string family;
    std::string given;
};

template <class... Args>
std::vector<RankedSummary> selectSummaries(StoreImpl& s, const std::string& tail,
                                           const Args&... args) {
    auto st = s.prepare(kSummaryColumns + tail);
    int i = 1;
    (bindArg(*st, i++, args), ...);
    std::vector<RankedSummary> out;
    while (st->executeStep()) {
        RankedSummary r;
        r.summary.id = CaseId(st->getColumn(0).getString());
        r.summary.nhsNumber = st->getColumn(1).getString();
        r.summary.givenName = st->getColumn(2).getString();
        r.summary.familyName = st->getColumn(3).getString();
        r.summary.dateOfBirth = parseIsoDate(st->getColumn(4).getString()).value_or(Date{});
        r.summary.postcode = st->getColumn(5).getString();
        r.summary.status =
            fromCode<CaseStatus>(st->getColumn(6).getString()).value_or(CaseStatus::Open);
        r.family = st->getColumn(7).getString();
        r.given = st->getColumn(8).getString();
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<std::string> tokens(const std::string& folded) {
    std::vector<std::string> out;
    std::string current;
    for (char c : folded) {
        if (c == ' ' || c == ',' || c == '\t') {
            if (!current.empty())
                out.push_back(std::move(current));
            current.clear();
        } else {
            current.push_back(c);
        }
    }
    if (!current.empty())
        out.push_back(std::move(current));
    return out;
}

std::string joined(const std::vector<std::string>& parts, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to; ++i)
        out += (i > from ? " " : "") + parts[i];
    return out;
}

template <class T>
std::vector<T> selectWithArgs(StoreImpl& s, const std::string& sql,
                              const std::vector<std::string>& args, std::int64_t limit) {
    auto st = s.prepare(sql);
    int i = 1;
    for (const auto& a : args)
        st->bind(i++, a);
    st->bind(i, limit);
    return readEntities<T>(*st);
}

}  // namespace

namespace queries {
ActionFilter actionFilter(const ActionQuery& q) {
    ActionFilter out{"WHERE 1 = 1", {}};
    auto add = [&](const char* clause, const std::string& value) {
        out.where += clause;
        out.args.push_back(value);
    };
    if (q.caseId)
        add(" AND case_id = ?", q.caseId->str());
    if (q.owner)
        add(" AND owner_id = ?", q.owner->str());
    if (q.ownerOrganisation)
        add(" AND owner_org_id = ?", q.ownerOrganisation->str());
    if (q.meetingId)
        add(" AND meeting_id = ?", q.meetingId->str());
    if (q.openOnly || q.overdueAsOf)
        out.where += std::string(" AND ") + kOpenStatus;
    if (q.overdueAsOf)
        add(" AND due_date < ?", toIsoDate(*q.overdueAsOf));
    if (q.status)
        add(" AND status = ?", std::string(codeOf(*q.status)));
    if (q.priority)
        add(" AND priority = ?", std::string(codeOf(*q.priority)));
    if (q.dueFrom)
        add(" AND due_date >= ?", toIsoDate(*q.dueFrom));
    if (q.dueTo)
        add(" AND due_date <= ?", toIsoDate(*q.dueTo));
    return out;
}

std::string datedActionsSql(const ActionFilter& f, const char* columns) {
    return std::string("SELECT ") + columns + " FROM actions " + f.where +
           " AND due_date IS NOT NULL ORDER BY due_date LIMIT ?";
}

std::string undatedActionsSql(const ActionFilter& f, const char* columns) {
    return std::string("SELECT ") + columns + " FROM actions " + f.where +
           " AND due_date IS NULL ORDER BY created_at LIMIT ?";
}
}  // namespace queries

std::vector<Organisation> SqlCipherStore::organisations() const {
    return guarded([&] { return select<Organisation>(*impl_, "ORDER BY name"); });
}
std::optional<Organisation> SqlCipherStore::organisation(const OrganisationId& id) const {
    return guarded([&] { return selectById<Organisation>(*impl_, id.str()); });
}
std::vector<Professional> SqlCipherStore::professionals() const {
    return guarded([&] { return select<Professional>(*impl_, "ORDER BY name"); });
}
std::optional<Professional> SqlCipherStore::professional(const ProfessionalId& id) const {
    return guarded([&] { return selectById<Professional>(*impl_, id.str()); });
}

std::vector<CaseId> SqlCipherStore::openCasesHeldBy(const ProfessionalId& person) const {
    return guarded([&] {
        auto st = impl_->prepare(
            "SELECT id FROM cases WHERE key_worker_id = ? AND status = 'open' ORDER BY id");
        st->bind(1, person.str());
        std::vector<CaseId> out;
        while (st->executeStep())
            out.emplace_back(st->getColumn(0).getString());
        return out;
    });
}

std::optional<Case> SqlCipherStore::caseById(const CaseId& id) const {
    return guarded([&] { return selectById<Case>(*impl_, id.str()); });
}

std::optional<Case> SqlCipherStore::caseByNhsNumber(const std::string& digits) const {
    if (digits.empty())  // provisional identities have no number to match on
        return std::nullopt;
    return guarded([&]() -> std::optional<Case> {
        auto rows = select<Case>(*impl_, "WHERE nhs_number = ?", digits);
        if (rows.empty())
            return std::nullopt;
        return rows.front();
    });
}

std::vector<CaseSummary> SqlCipherStore::searchCases(const std::string& text,
                                                     std::size_t limit) const {
    return guarded([&] {
        std::vector<CaseSummary> result;
        const auto n = static_cast<std::int64_t>(limit);
        std::string digits;
        for (char c : text)
            if (c != ' ' && c != '-')
                digits.push_back(c);
        bool numeric = !digits.empty() && std::all_of(digits.begin(), digits.end(),
                                                      [](char c) { return c >= '0' && c <= '9'; });
        if (numeric) {
            // ':' follows '9', so [prefix, prefix + ":") is exactly the numbers with that prefix.
            for (auto& r : selectSummaries(*impl_, kByNhsPrefix, digits, digits + ":", n))
                result.push_back(std::move(r.summary));
            return result;
        }
        auto parts = tokens(foldForSearch(text));
        if (parts.empty())
            return result;
        const std::string whole = joined(parts, 0, parts.size());
        std::vector<RankedSummary> found;
        auto append = [&](std::vector<RankedSummary> rows) {
            for (auto& r : rows)
                found.push_back(std::move(r));
        };
        append(selectSummaries(*impl_, kByFamilyPrefix, whole, prefixUpperBound(whole), n));
        append(selectSummaries(*impl_, kByGivenPrefix, whole, prefixUpperBound(whole), n));
        if (parts.size() >= 2) {
            // "smith jo" and "jo smith": one part is the family name, the rest the given.
            const std::string first = parts.front(), rest = joined(parts, 1, parts.size());
            const std::string last = parts.back(), lead = joined(parts, 0, parts.size() - 1);
            const std::string& both = kByFamilyAndGiven;
            append(selectSummaries(*impl_, both, first, prefixUpperBound(first), rest,
                                   prefixUpperBound(rest), n));
            append(selectSummaries(*impl_, both, last, prefixUpperBound(last), lead,
                                   prefixUpperBound(lead), n));
        }
        std::sort(found.begin(), found.end(), [](const RankedSummary& a, const RankedSummary& b) {
            return std::tie(a.family, a.given, a.summary.id) <
                   std::tie(b.family, b.given, b.summary.id);
        });
        std::set<CaseId> seen;
        for (auto& r : found) {
            if (result.size() == limit)
                break;
            if (seen.insert(r.summary.id).second)
                result.push_back(std::move(r.summary));
        }
        return result;
    });
}

std::size_t SqlCipherStore::caseCount() const {
    return guarded([&] {
        auto st = impl_->prepare("SELECT count(*) FROM cases");
        st->executeStep();
        return static_cast<std::size_t>(st->getColumn(0).getInt64());
    });
}

std::vector<CaseSummary> SqlCipherStore::casePage(std::size_t offset, std::size_t limit) const {
    return guarded([&] {
        std::vector<CaseSummary> out;
        for (auto& r : selectSummaries(*impl_, kCasePage, static_cast<std::int64_t>(limit),
                                       static_cast<std::int64_t>(offset)))
            out.push_back(std::move(r.summary));
        return out;
    });
}

std::optional<std::size_t> SqlCipherStore::casePosition(const CaseId& id) const {
    return guarded([&]() -> std::optional<std::size_t> {
        // The same key as kCasePage's ORDER BY, compared as a row value.
        auto st = impl_->prepare(
            "SELECT (SELECT count(*) FROM cases o WHERE (o.search_family, o.search_given, o.id) < "
            "(c.search_family, c.search_given, c.id)) FROM cases c WHERE c.id = ?");
        st->bind(1, id.str());
        if (!st->executeStep())
            return std::nullopt;
        return static_cast<std::size_t>(st->getColumn(0).getInt64());
    });
}

std::vector<Contact> SqlCipherStore::contacts(const CaseId& id) const {
    return guarded(
        [&] { return select<Contact>(*impl_, "WHERE case_id = ? ORDER BY name", id.str()); });
}
std::vector<Consent> SqlCipherStore::consents(const CaseId& id) const {
    return guarded([&] {
        return select<Consent>(*impl_, "WHERE case_id = ? ORDER BY recorded_on", id.str());
    });
}
std::vector<CareTeamMember> SqlCipherStore::careTeam(const CaseId& id) const {
    return guarded([&] { return select<CareTeamMember>(*impl_, "WHERE case_id = ?", id.str()); });
}

std::vector<MeetingSeries> SqlCipherStore::meetingSeries() const {
    return guarded([&] { return select<MeetingSeries>(*impl_, "ORDER BY name, id"); });
}
std::optional<MeetingSeries> SqlCipherStore::meetingSeriesById(const MeetingSeriesId& id) const {
    return guarded([&] { return selectById<MeetingSeries>(*impl_, id.str()); });
}

std::vector<CarePlan> SqlCipherStore::carePlans(const CaseId& id) const {
    return guarded([&] {
        return select<CarePlan>(*impl_, "WHERE case_id = ? ORDER BY version DESC", id.str());
    });
}
std::optional<CarePlan> SqlCipherStore::carePlan(const CarePlanId& id) const {
    return guarded([&] { return selectById<CarePlan>(*impl_, id.str()); });
}
std::vector<Need> SqlCipherStore::needs(const CarePlanId& id) const {
    return guarded(
        [&] { return select<Need>(*impl_, "WHERE plan_id = ? ORDER BY domain, rowid", id.str()); });
}
std::vector<Goal> SqlCipherStore::goals(const CarePlanId& id) const {
    return guarded(
        [&] { return select<Goal>(*impl_, "WHERE plan_id = ? ORDER BY domain, rowid", id.str()); });
}

std::optional<Action> SqlCipherStore::action(const ActionId& id) const {
    return guarded([&] { return selectById<Action>(*impl_, id.str()); });
}

std::vector<Action> SqlCipherStore::actions(const ActionQuery& q) const {
    return guarded([&] {
        ActionFilter w = actionFilter(q);
        // Dated actions in due order (overdue ones are the oldest dates, so they come
        // first); then undated ones, which are never overdue.
        auto out = selectWithArgs<Action>(*impl_, datedActionsSql(w), w.args,
                                          static_cast<std::int64_t>(q.limit));
        bool dateFiltered = q.overdueAsOf || q.dueFrom || q.dueTo;
        if (!dateFiltered && out.size() < q.limit) {
            auto undated = selectWithArgs<Action>(*impl_, undatedActionsSql(w), w.args,
                                                  static_cast<std::int64_t>(q.limit - out.size()));
            for (auto& a : undated)
                out.push_back(std::move(a));
        }
        return out;
    });
}

std::vector<ActionId> SqlCipherStore::actionIds(const ActionQuery& q) const {
    return guarded([&] {
        ActionFilter w = actionFilter(q);
        std::vector<ActionId> out;
        auto read = [&](const std::string& sql, std::size_t limit) {
            auto st = impl_->prepare(sql);
            int i = 1;
            for (const auto& a : w.args)
                st->bind(i++, a);
            st->bind(i, static_cast<std::int64_t>(limit));
            while (st->executeStep())
                out.emplace_back(st->getColumn(0).getString());
        };
        read(datedActionsSql(w, "id"), q.limit);
        bool dateFiltered = q.overdueAsOf || q.dueFrom || q.dueTo;
        if (!dateFiltered && out.size() < q.limit)
            read(undatedActionsSql(w, "id"), q.limit - out.size());
        return out;
    });
}

std::vector<Action> SqlCipherStore::actionsById(const std::vector<ActionId>& ids) const {
    return guarded([&] {
        std::vector<Action> out;
        out.reserve(ids.size());
        for (const auto& id : ids)
            if (auto a = selectById<Action>(*impl_, id.str()))
                out.push_back(std::move(*a));
        return out;
    });
}

std::size_t SqlCipherStore::countActions(const ActionQuery& q) const {
    return guarded([&] {
        ActionFilter w = actionFilter(q);
        // An organisation's list, by status at most, is counted on the narrowest index
        // that answers it: half the pages of the list index, which a cold start reads.
        const bool byOrganisationAndStatus = q.ownerOrganisation && !q.owner && !q.caseId &&
                                             !q.meetingId && !q.overdueAsOf && !q.priority &&
                                             !q.dueFrom && !q.dueTo;
        const IndexHint hint(*impl_->db, byOrganisationAndStatus ? "actions_org_status" : "");
        const std::string rows = "FROM actions" + hint.clause() + w.where;
        auto st =
            impl_->prepare(q.countAtMost ? "SELECT count(*) FROM (SELECT 1 " + rows + " LIMIT ?)"
                                         : "SELECT count(*) " + rows);
        int i = 1;
        for (const auto& a : w.args)
            st->bind(i++, a);
        if (q.countAtMost)
            st->bind(i, static_cast<std::int64_t>(*q.countAtMost));
        st->executeStep();
        return static_cast<std::size_t>(st->getColumn(0).getInt64());
    });
}

std::vector<ProgressNote> SqlCipherStore::notes(const ActionId& id) const {
    return guarded([&] {
        return select<ProgressNote>(*impl_, "WHERE action_id = ? ORDER BY written_at, rowid",
                                    id.str());
    });
}

std::optional<Meeting> SqlCipherStore::meeting(const MeetingId& id) const {
    return guarded([&] { return selectById<Meeting>(*impl_, id.str()); });
}
std::vector<Meeting> SqlCipherStore::meetings(std::size_t limit) const {
    return guarded([&] {
        return select<Meeting>(*impl_, "ORDER BY date DESC, start_time DESC LIMIT ?",
                               static_cast<std::int64_t>(limit));
    });
}
std::vector<Participant> SqlCipherStore::participants(const MeetingId& id) const {
    return guarded([&] {
        return select<Participant>(*impl_, "WHERE meeting_id = ? ORDER BY rowid", id.str());
    });
}
std::vector<AgendaItem> SqlCipherStore::agenda(const MeetingId& id) const {
    return guarded([&] {
        return select<AgendaItem>(*impl_, "WHERE meeting_id = ? ORDER BY order_key, id", id.str());
    });
}

std::optional<AgendaItem> SqlCipherStore::agendaItem(const AgendaItemId& id) const {
    return guarded([&] { return selectById<AgendaItem>(*impl_, id.str()); });
}

std::optional<Participant> SqlCipherStore::participant(const ParticipantId& id) const {
    return guarded([&] { return selectById<Participant>(*impl_, id.str()); });
}

std::vector<AgendaItem> SqlCipherStore::agendaItemsForCase(const CaseId& id) const {
    return guarded([&] {
        return select<AgendaItem>(*impl_, "WHERE case_id = ? AND removed = 0 ORDER BY rowid",
                                  id.str());
    });
}

}  // namespace nmdt::storage
