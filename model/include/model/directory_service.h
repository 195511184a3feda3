#pragma once
// Use cases for the neighbourhood directory: partner organisations and their staff.

#include "model/service_context.h"

namespace nmdt {

/// Registers organisations and professionals.
class DirectoryService {
  public:
    explicit DirectoryService(ServiceContext context) : ctx_(context) {}

    OrganisationId addOrganisation(Organisation organisation);
    ProfessionalId addProfessional(Professional professional);

  private:
    ServiceContext ctx_;
};

}  // namespace nmdt
