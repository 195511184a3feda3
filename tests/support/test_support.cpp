#include "test_support.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>

#include "model/nhs_number.h"
#include "model/utf8_path.h"

namespace nmdt::test {

TempDir::TempDir() {
    // A random name, made with create_directory's refusal of an existing folder as the
    // guard against two tests choosing the same one.
    static std::random_device seed;
    static std::mt19937_64 names(seed());
    static std::mutex lock;
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::uint64_t n;
        {
            std::lock_guard<std::mutex> hold(lock);
            n = names();
        }
        char name[32];
        std::snprintf(name, sizeof name, "nmdt-test-%012llx",
                      static_cast<unsigned long long>(n & 0xffffffffffffULL));
        auto candidate = std::filesystem::temp_directory_path() / name;
        std::error_code ec;
        if (std::filesystem::create_directory(candidate, ec)) {
            path_ = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot make a temporary folder");
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string readBytes(const std::string& path) {
    std::ifstream in(pathFromUtf8(path), std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

Timestamp fixedNow() {
    return std::chrono::sys_days(day(2026, 11, 23)) + std::chrono::hours(9);
}

Date day(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

World::World(const std::string& passphrase) {
    store = storage::SqlCipherStore::create(storePath(), Passphrase(passphrase), clock);
    Actor admin{ProfessionalId("setup"), "Set-up", Role::Administrator, OrganisationId()};
    DirectoryService directory(ServiceContext{*store, *clock, ids, admin});
    practice = directory.addOrganisation(
        {{}, "Riverside Surgery", OrganisationKind::GpPractice, "Y00001"});
    vcfse = directory.addOrganisation({{}, "Age Well Together", OrganisationKind::Vcfse, ""});
    chair = directory.addProfessional(
        {{}, "Dr Amina Rahman", Role::Chair, practice, "", "", "amina.rahman", "", true});
    navigator = directory.addProfessional(
        {{}, "Gwen Pritchard", Role::Navigator, vcfse, "", "", "gwen.pritchard", "", true});
    gp = directory.addProfessional(
        {{}, "Dr Tomasz Nowak", Role::Clinician, practice, "", "", "tomasz.nowak", "", true});
}

ServiceContext World::as(const ProfessionalId& who, Role role, const OrganisationId& org) {
    auto person = store->professional(who);
    return ServiceContext{*store, *clock, ids, Actor{who, person ? person->name : "", role, org}};
}

std::string testNhsNumber(int n) {
    // Distinct n give distinct nine-digit stems (n * 10 + d), so distinct numbers.
    for (int d = 0; d < 10; ++d) {
        char nine[16];
        std::snprintf(nine, sizeof nine, "999%06d", (n * 10 + d) % 1000000);
        auto check = NhsNumber::checkDigit(nine);
        if (!check)
            continue;
        std::string digits = std::string(nine) + static_cast<char>('0' + *check);
        if (!NhsNumber::check(digits))
            return digits;
    }
    throw std::logic_error("no valid test NHS number near " + std::to_string(n));
}

Meeting meetingOn(Date date, const ProfessionalId& chair) {
    Meeting m;
    m.date = date;
    m.startTime = "13:00";
    m.place = "Riverside Surgery, meeting room 2";
    m.chair = chair;
    return m;
}

Resident resident(const std::string& given, const std::string& family, const std::string& nhs) {
    Resident r;
    r.givenName = given;
    r.familyName = family;
    r.nhsNumber = nhs;
    r.dateOfBirth = day(1948, 3, 14);
    r.address = "12 Mill Lane, Riverside";
    r.postcode = "RS1 2AB";
    r.preferredLanguage = "English";
    return r;
}

}  // namespace nmdt::test
