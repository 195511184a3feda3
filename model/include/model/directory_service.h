#pragma once
// Use cases for the neighbourhood directory: partner organisations and their staff.

#include "model/service_context.h"

namespace nmdt {

/// True if `code` has the shape of an ODS code for `kind`: a GP practice's is a letter and
/// five digits (A81001); others 3 to 9 letters and digits (RX1, 8JK32); empty is accepted
/// for organisations that have none, except GP practices.
bool odsCodeValid(const std::string& code, OrganisationKind kind);

/// True if `username` is 3 to 64 bytes of: lower-case letters (any script), digits, '.',
/// '-', '_'.
bool usernameValid(const std::string& username);

/// A username from a person's name: "Dr Marek Zieliński (Psychiatrist)" -> "marek.zieliński"
/// (titles and anything in brackets left out, lower case, words joined by dots).
std::string suggestUsername(const std::string& name);

/// Checks a first-run set-up before any store is made; throws DomainError.
void checkSetUp(const Organisation& organisation, const Professional& administrator);

/// Registers organisations and professionals.
class DirectoryService {
  public:
    explicit DirectoryService(ServiceContext context) : ctx_(context) {}

    OrganisationId addOrganisation(Organisation organisation);
    ProfessionalId addProfessional(Professional professional);
    /// First run: this organisation and its first administrator, in a store that has no
    /// directory yet (AlreadySetUp otherwise). Returns the administrator's id.
    ProfessionalId setUpNeighbourhood(Organisation organisation, Professional administrator);

  private:
    ServiceContext ctx_;
};

}  // namespace nmdt
