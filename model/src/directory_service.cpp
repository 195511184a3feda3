#include "model/directory_service.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "model/permissions.h"
#include "model/search_key.h"

namespace nmdt {

OrganisationId DirectoryService::addOrganisation(Organisation o) {
    require(ctx_.actor, Operation::ManageDirectory);
    if (o.name.empty())
        throw DomainError(ErrorCode::RequiredFieldMissing, "name");
    o.id = ctx_.ids.next<OrganisationId>();
    ctx_.commitCreate("add-organisation", o);
    return o.id;
}

ProfessionalId DirectoryService::addProfessional(Professional p) {
    require(ctx_.actor, Operation::ManageDirectory);
    Validator v;
    v.require(!p.name.empty(), ErrorCode::RequiredFieldMissing, "name");
    v.require(!p.organisationId.empty(), ErrorCode::RequiredFieldMissing, "organisation");
    v.throwIfAny();
    if (!ctx_.store.organisation(p.organisationId))
        throw DomainError(ErrorCode::NotFound, "organisation");
    p.id = ctx_.ids.next<ProfessionalId>();
    ctx_.commitCreate("add-professional", p);
    return p.id;
}

bool odsCodeValid(const std::string& code, OrganisationKind kind) {
    auto upperOrDigit = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
    if (kind == OrganisationKind::GpPractice)
        return code.size() == 6 && code[0] >= 'A' && code[0] <= 'Z' &&
               std::all_of(code.begin() + 1, code.end(),
                           [](char c) { return c >= '0' && c <= '9'; });
    if (code.empty())
        return true;
    return code.size() >= 3 && code.size() <= 9 &&
           std::all_of(code.begin(), code.end(), upperOrDigit);
}

bool usernameValid(const std::string& u) {
    return u.size() >= 3 && u.size() <= 64 && std::all_of(u.begin(), u.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
                      c == '_' || static_cast<unsigned char>(c) >= 0x80;
           });
}

std::string suggestUsername(const std::string& name) {
    std::string plain;
    int depth = 0;
    for (char c : name) {  // anything in brackets is a role or a note, not the name
        if (c == '(')
            ++depth;
        else if (c == ')')
            depth = std::max(0, depth - 1);
        else if (depth == 0)
            plain.push_back(c);
    }
    static const std::array<std::string_view, 9> titles{"dr", "mr",   "mrs", "ms",  "miss",
                                                        "mx", "prof", "sir", "dame"};
    std::string folded = foldForSearch(plain);
    std::string out;
    std::string word;
    bool first = true;
    auto flush = [&] {
        if (word.empty())
            return;
        bool title = first && std::find(titles.begin(), titles.end(), word) != titles.end();
        first = false;
        if (!title)
            out += (out.empty() ? "" : ".") + word;
        word.clear();
    };
    for (char c : folded) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
            static_cast<unsigned char>(c) >= 0x80)  // letters beyond ASCII, lower-cased
            word.push_back(c);
        else
            flush();
    }
    flush();
    return out.size() >= 3 ? out.substr(0, 64) : out + std::string(3 - out.size(), '0');
}

void checkSetUp(const Organisation& o, const Professional& admin) {
    Validator v;
    v.require(!o.name.empty(), ErrorCode::RequiredFieldMissing, "organisation");
    v.require(odsCodeValid(o.odsCode, o.kind), ErrorCode::OdsCodeFormat, "odsCode");
    v.require(!admin.name.empty(), ErrorCode::RequiredFieldMissing, "name");
    v.require(usernameValid(admin.username), ErrorCode::UsernameFormat, "username");
    v.throwIfAny();
}

ProfessionalId DirectoryService::setUpNeighbourhood(Organisation o, Professional admin) {
    if (!ctx_.store.organisations().empty() || !ctx_.store.professionals().empty())
        throw DomainError(ErrorCode::AlreadySetUp, "");
    checkSetUp(o, admin);
    o.id = ctx_.ids.next<OrganisationId>();
    admin.id = ctx_.ids.next<ProfessionalId>();
    admin.organisationId = o.id;
    admin.role = Role::Administrator;
    admin.active = true;
    ChangeSet changes("set-up-neighbourhood");
    changes.create(EntityKind::Organisation, o.id.str(), toFields(o));
    changes.create(EntityKind::Professional, admin.id.str(), toFields(admin));
    ctx_.commit(changes);
    return admin.id;
}

}  // namespace nmdt
