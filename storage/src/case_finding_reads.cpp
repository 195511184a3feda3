// The case-finding reads of SqlCipherStore: a practice's lists, and a list's people each
// beside the case this desktop holds for their NHS number.
#include "storage/sqlcipher_store.h"
#include "store_impl.h"

namespace nmdt::storage {

namespace {

// The case for an NHS number: an open one before a closed one, the newest first.
constexpr const char* kKnownCase =
    "(SELECT c.id || ' ' || c.status || ' ' || coalesce(c.date_of_birth, '') FROM cases c"
    " WHERE c.nhs_number = e.nhs_number"
    " ORDER BY c.status = 'open' DESC, c.created_at DESC LIMIT 1)";

}  // namespace

std::vector<CaseFindingList> SqlCipherStore::caseFindingLists(const OrganisationId& org) const {
    return guarded([&] {
        auto st = impl_->prepare(
            "SELECT * FROM case_finding_lists WHERE organisation_id = ?"
            " ORDER BY imported_at DESC, id DESC");
        st->bind(1, org.str());
        return readEntities<CaseFindingList>(*st);
    });
}

std::optional<CaseFindingList> SqlCipherStore::caseFindingList(const CaseFindingListId& id) const {
    return guarded([&]() -> std::optional<CaseFindingList> {
        auto st = impl_->prepare("SELECT * FROM case_finding_lists WHERE id = ?");
        st->bind(1, id.str());
        auto rows = readEntities<CaseFindingList>(*st);
        if (rows.empty())
            return std::nullopt;
        return std::move(rows.front());
    });
}

std::optional<CaseFindingEntry> SqlCipherStore::caseFindingEntry(
    const CaseFindingEntryId& id) const {
    return guarded([&]() -> std::optional<CaseFindingEntry> {
        auto st = impl_->prepare("SELECT * FROM case_finding_entries WHERE id = ?");
        st->bind(1, id.str());
        auto rows = readEntities<CaseFindingEntry>(*st);
        if (rows.empty())
            return std::nullopt;
        return std::move(rows.front());
    });
}

std::vector<ScreeningRow> SqlCipherStore::screeningRows(const ScreeningQuery& q) const {
    return guarded([&] {
        std::string sql = std::string("SELECT e.*, ") + kKnownCase +
                          " AS known_case FROM case_finding_entries e WHERE e.list_id = ?";
        if (q.decision)
            sql += " AND e.decision = ?";
        if (q.dueForReviewOnly)
            sql += " AND e.decision = 'review-later' AND e.review_on <= ?";
        sql += " ORDER BY e.line";
        auto st = impl_->prepare(sql);
        int i = 1;
        st->bind(i++, q.list.str());
        if (q.decision)
            st->bind(i++, std::string(codeOf(*q.decision)));
        if (q.dueForReviewOnly)
            st->bind(i++, toIsoDate(q.asOf));
        const int n = st->getColumnCount();
        std::vector<ScreeningRow> out;
        while (st->executeStep()) {
            std::string id;
            std::string known;
            FieldList fields;
            fields.reserve(static_cast<std::size_t>(n));
            for (int c = 0; c < n; ++c) {
                const std::string name = st->getColumnName(c);
                auto column = st->getColumn(c);
                if (name == "id")
                    id = column.getString();
                else if (name == "known_case")
                    known = column.getString();
                else
                    fields.push_back({name, columnValue(column)});
            }
            ScreeningRow row;
            row.entry = fromRow<CaseFindingEntry>(id, Record(std::move(fields)));
            if (auto space = known.find(' '); space != std::string::npos) {
                row.knownCase = CaseId(known.substr(0, space));
                const auto next = known.find(' ', space + 1);
                row.knownStatus = known.substr(space + 1, next - space - 1);
                if (next != std::string::npos)
                    row.knownDateOfBirth = parseIsoDate(known.substr(next + 1));
            }
            out.push_back(std::move(row));
        }
        return out;
    });
}

std::size_t SqlCipherStore::knownOnList(const CaseFindingListId& id) const {
    return guarded([&] {
        auto st = impl_->prepare(
            "SELECT count(*) FROM case_finding_entries e WHERE e.list_id = ? AND EXISTS"
            " (SELECT 1 FROM cases c WHERE c.nhs_number = e.nhs_number)");
        st->bind(1, id.str());
        st->executeStep();
        return static_cast<std::size_t>(st->getColumn(0).getInt64());
    });
}

std::size_t SqlCipherStore::reviewsDue(const OrganisationId& org, Date asOf) const {
    return guarded([&] {
        auto st = impl_->prepare(
            "SELECT count(*) FROM case_finding_entries e JOIN case_finding_lists l"
            " ON l.id = e.list_id WHERE e.decision = 'review-later' AND e.review_on <= ?"
            " AND l.organisation_id = ?");
        st->bind(1, toIsoDate(asOf));
        st->bind(2, org.str());
        st->executeStep();
        return static_cast<std::size_t>(st->getColumn(0).getInt64());
    });
}

std::vector<CaseFindingEntry> SqlCipherStore::caseFindingEntriesOf(
    const OrganisationId& org, const std::string& nhsNumber) const {
    return guarded([&] {
        auto st = impl_->prepare(
            "SELECT e.* FROM case_finding_entries e JOIN case_finding_lists l ON l.id = e.list_id"
            " WHERE e.nhs_number = ? AND l.organisation_id = ? ORDER BY l.imported_at, l.id, "
            "e.line");
        st->bind(1, nhsNumber);
        st->bind(2, org.str());
        return readEntities<CaseFindingEntry>(*st);
    });
}

}  // namespace nmdt::storage
