#include "people_commands.h"

#include <iomanip>
#include <iostream>
#include <map>
#include <stdexcept>

#include "cli_support.h"
#include "model/directory_service.h"
#include "model/people_service.h"
#include "passphrase_input.h"

namespace nmdt::cli {

namespace {

using storage::SqlCipherStoreProvider;

OrganisationKind kindOption(const Invocation& inv) {
    auto kind = fromCode<OrganisationKind>(inv.option("kind").value_or("gp-practice"));
    if (!kind)
        throw std::invalid_argument(
            "--kind is one of gp-practice, community-trust, mental-health, "
            "social-care, vcfse, neighbourhood-hub");
    return *kind;
}

Passphrase newPassphraseFor(const Invocation& inv) {
    return readPassphrase(inv.option("new-passphrase-file"), "NMDT_NEW_PASSPHRASE",
                          "New passphrase");
}

void printRecoveryKey(std::ostream& out, const std::string& key) {
    out << "Recovery key (shown only now; write it down and lock it away):\n\n    " << key
        << "\n\n";
}

/// set-up: an empty store for this organisation and its first administrator.
int setUp(const Invocation& inv, std::ostream& out) {
    Organisation org;
    org.name = required(inv, "org");
    org.odsCode = inv.option("ods").value_or("");
    org.kind = kindOption(inv);
    Professional admin;
    admin.name = required(inv, "name");
    admin.username = required(inv, "as");
    checkSetUp(org, admin);  // before a passphrase is asked for or a file made
    Passphrase p =
        readPassphrase(inv.option("passphrase-file"), "NMDT_PASSPHRASE", "Your new passphrase");
    requireAcceptable(p);
    SqlCipherStoreProvider provider;
    auto in = provider.create(inv.store, {admin.username, p}, [&](OpenStore& store) {
        SystemClock clock;
        auto ids = makeRandomIdSource();
        return DirectoryService(
                   ServiceContext{store, clock, *ids,
                                  Actor{ProfessionalId(), admin.name, Role::Administrator, {}}})
            .setUpNeighbourhood(org, admin);
    });
    out << "Set up " << inv.store << " for " << org.name << "; " << admin.name << " signs in as "
        << admin.username << ".\n";
    printRecoveryKey(out, *in.newRecoveryKey);
    return kOk;
}

PeopleService people(storage::SqlCipherStore& store) {
    static SystemClock clock;
    static auto ids = makeRandomIdSource();
    return PeopleService(ServiceContext{store, clock, *ids, cliActor()}, store);
}

ProfessionalId personCalled(const Store& store, const std::string& wanted) {
    for (const auto& p : store.professionals())
        if (p.username == wanted || p.name == wanted || p.id.str() == wanted)
            return p.id;
    throw std::invalid_argument("no one in the directory is called '" + wanted + "'");
}

/// set-passphrase: an administrator lets --for sign in here, or resets their passphrase.
int setPassphrase(const Invocation& inv, std::ostream& out) {
    auto store = openStore(inv);
    auto who = personCalled(*store, required(inv, "for"));
    people(*store).setPassphrase(who, newPassphraseFor(inv));
    out << "Passphrase set for " << store->professional(who)->name << " on this store.\n";
    return kOk;
}

/// people: the directory, and who may sign in on this desktop.
int listPeople(const Invocation& inv, std::ostream& out) {
    auto store = openStore(inv);
    std::set<std::string> signsIn;
    for (const auto& slot : store->keySlots())
        if (!slot.recovery)
            signsIn.insert(slot.person.str());
    std::map<std::string, std::string> orgNames;
    for (const auto& o : store->organisations())
        orgNames[o.id.str()] = o.name;
    out << std::left << std::setw(22) << "Username" << std::setw(32) << "Name" << std::setw(16)
        << "Role" << std::setw(11) << "Signs in"
        << "Organisation\n";
    for (const auto& p : store->professionals())
        out << std::setw(22) << p.username << std::setw(32) << p.name << std::setw(16)
            << codeOf(p.role) << std::setw(11)
            << (!p.active                   ? "left"
                : signsIn.count(p.id.str()) ? "here"
                                            : "-")
            << orgNames[p.organisationId.str()] << "\n";
    return kOk;
}

/// add-person: someone new in the administrator's own organisation.
int addPerson(const Invocation& inv, std::ostream& out) {
    Professional person;
    person.name = required(inv, "name");
    auto role = fromCode<Role>(required(inv, "role"));
    if (!role)
        throw std::invalid_argument(
            "--role is one of chair, clinician, navigator, practice-staff, vcfse-worker, "
            "administrator, coordinator");
    person.role = *role;
    person.username = inv.option("username").value_or(suggestUsername(person.name));
    person.email = inv.option("email").value_or("");
    person.phone = inv.option("phone").value_or("");
    person.registration = inv.option("registration").value_or("");
    auto store = openStore(inv);
    auto id = people(*store).addPerson(person);
    auto added = store->professional(id);
    out << "Added " << added->name << " (" << codeOf(added->role) << "), who signs in as "
        << added->username << " once set-passphrase lets them.\n";
    return kOk;
}

/// add-organisation: a partner organisation joins the directory.
int addOrganisation(const Invocation& inv, std::ostream& out) {
    Organisation org;
    org.name = required(inv, "name");
    org.kind = kindOption(inv);
    org.odsCode = inv.option("ods").value_or("");
    auto store = openStore(inv);
    people(*store).addOrganisation(org);
    out << "Added " << org.name << " to the directory.\n";
    return kOk;
}

/// leaver: --for leaves; their work passes to --to.
int leaver(const Invocation& inv, std::ostream& out) {
    auto store = openStore(inv);
    auto who = personCalled(*store, required(inv, "for"));
    auto to = personCalled(*store, required(inv, "to"));
    auto moved = people(*store).deactivate(who, to);
    out << store->professional(who)->name << " has left: " << moved.actions << " actions and "
        << moved.cases << " cases passed to " << store->professional(to)->name << ".\n";
    return kOk;
}

/// recover: the recovery key opens the store and gives --as a new passphrase.
int recover(const Invocation& inv, std::ostream& out) {
    const std::string user = required(inv, "as");
    Passphrase key =
        readPassphrase(inv.option("recovery-key-file"), "NMDT_RECOVERY_KEY", "Recovery key");
    Passphrase next = newPassphraseFor(inv);
    requireAcceptable(next);
    SqlCipherStoreProvider provider;
    auto in = provider.recover(inv.store, std::string(key.reveal()), {user, next});
    out << "Recovered " << inv.store << ": " << in.store->professional(in.person)->name
        << " signs in with the new passphrase. The recovery key used is void.\n";
    printRecoveryKey(out, *in.newRecoveryKey);
    return kOk;
}

}  // namespace

const std::set<std::string>& peopleCommands() {
    static const std::set<std::string> names{"set-up",          "set-passphrase", "leaver",
                                             "recover",         "people",         "add-person",
                                             "add-organisation"};
    return names;
}

int runPeopleCommand(const Invocation& inv, std::ostream& out) {
    if (inv.command == "set-up")
        return setUp(inv, out);
    if (inv.command == "set-passphrase")
        return setPassphrase(inv, out);
    if (inv.command == "leaver")
        return leaver(inv, out);
    if (inv.command == "people")
        return listPeople(inv, out);
    if (inv.command == "add-person")
        return addPerson(inv, out);
    if (inv.command == "add-organisation")
        return addOrganisation(inv, out);
    return recover(inv, out);
}

}  // namespace nmdt::cli
