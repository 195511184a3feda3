#pragma once
// SQL texts of the store's hot reads, shared with the tests that check their query plans.

#include <string>
#include <vector>

#include "model/store.h"

namespace nmdt::storage::queries {

// Must match the WHERE of the partial indexes in migrations.cpp for SQLite to use them.
inline constexpr const char* kOpenStatus =
    "status IN ('requested', 'accepted', 'in-progress', 'on-hold')";

inline const std::string kSummaryColumns =
    "SELECT id, nhs_number, given_name, family_name, date_of_birth, postcode, status,"
    " search_family, search_given FROM cases ";
inline const std::string kByNhsPrefix =
    "WHERE nhs_number >= ? AND nhs_number < ? ORDER BY nhs_number LIMIT ?";
inline const std::string kByFamilyPrefix =
    "WHERE search_family >= ? AND search_family < ? ORDER BY search_family, search_given LIMIT ?";
inline const std::string kByGivenPrefix =
    "WHERE search_given >= ? AND search_given < ? ORDER BY search_given, search_family LIMIT ?";
inline const std::string kByFamilyAndGiven =
    "WHERE search_family >= ? AND search_family < ? AND search_given >= ? AND "
    "search_given < ? ORDER BY search_family, search_given LIMIT ?";
inline const std::string kCasePage = "ORDER BY search_family, search_given, id LIMIT ? OFFSET ?";

/// WHERE clause and its bound values for an action list.
struct ActionFilter {
    std::string where;
    std::vector<std::string> args;
};
ActionFilter actionFilter(const ActionQuery& query);
/// The dated half of an action list, in due order (one LIMIT parameter after the args);
/// `columns` "id" is answered from the open-action indexes alone.
std::string datedActionsSql(const ActionFilter& filter, const char* columns = "*");
std::string undatedActionsSql(const ActionFilter& filter, const char* columns = "*");

}  // namespace nmdt::storage::queries
