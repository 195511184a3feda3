#pragma once
// Administrators' commands about people: their own organisation's directory entries, who may
// sign in on this desktop (key slots), leavers and the hand-over of their work, and the
// store's recovery key. Each is one audited write.

#include <cstddef>
#include <string>

#include "model/passphrase.h"
#include "model/service_context.h"
#include "model/store_provider.h"

namespace nmdt {

/// What handing over a leaver's work moved to their successor.
struct Handover {
    std::size_t actions = 0;  // open actions they owned
    std::size_t cases = 0;    // open cases they were key worker for
};

/// Directory and sign-in administration, for an administrator of the person's organisation.
class PeopleService {
  public:
    PeopleService(ServiceContext context, OpenStore& store) : ctx_(context), store_(store) {}

    /// A partner organisation (ODS code checked for its kind).
    OrganisationId addOrganisation(Organisation organisation);
    /// A new person in the administrator's own organisation; the username must be unused.
    ProfessionalId addPerson(Professional person);
    /// Corrects a person's details (name, username, role, contact, registration).
    void editPerson(const Professional& after);
    /// Lets `person` sign in on this desktop with `passphrase`, or resets it (the old one
    /// stops working). The passphrase must meet the rules (PassphraseRejected).
    void setPassphrase(const ProfessionalId& person, const Passphrase& passphrase);
    /// A leaver: they can no longer sign in anywhere, their sign-in here is removed, and their
    /// open actions and key-worker cases pass to `successor`, all in one change set.
    Handover deactivate(const ProfessionalId& leaver, const ProfessionalId& successor);
    /// Replaces the recovery key and returns the new one's text (shown once).
    std::string newRecoveryKey();

  private:
    Professional requireMine(const ProfessionalId& id) const;
    void requireUsernameFree(const std::string& username, const ProfessionalId& except) const;
    ServiceContext ctx_;
    OpenStore& store_;
};

}  // namespace nmdt
