#pragma once
// Shared fixtures for tests: temporary folders and a small neighbourhood on a real store.

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "model/calendar.h"
#include "model/directory_service.h"
#include "model/ids.h"
#include "model/service_context.h"
#include "model/store_error.h"
#include "model/utf8_path.h"
#include "storage/sqlcipher_store.h"

namespace nmdt {
// Let Boost.Test print the model's codes in failure messages.
inline std::ostream& operator<<(std::ostream& os, ErrorCode c) {
    return os << errorCodeName(c);
}
inline std::ostream& operator<<(std::ostream& os, StoreErrorCode c) {
    return os << storeErrorCodeName(c);
}
}  // namespace nmdt

namespace nmdt::test {

/// A fresh folder under the system temp directory, removed with everything in it.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    const std::filesystem::path& path() const { return path_; }
    /// A path inside it, UTF-8 (never the Windows ANSI code page).
    std::string file(const std::string& name) const {
        return pathToUtf8(path_ / pathFromUtf8(name));
    }

  private:
    std::filesystem::path path_;
};

/// Reads a whole file as bytes.
std::string readBytes(const std::string& path);

/// 2026-11-23 09:00 UTC, the date the fixtures treat as "now".
Timestamp fixedNow();
Date day(int y, unsigned m, unsigned d);

/// A real encrypted store with two organisations and three professionals, a fixed clock
/// and seeded ids, and a session acting as the chair.
struct World {
    TempDir dir;
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(fixedNow());
    SeededIdSource ids{42};
    std::unique_ptr<storage::SqlCipherStore> store;
    OrganisationId practice, vcfse;
    ProfessionalId chair, navigator, gp;

    explicit World(const std::string& passphrase = "correct horse battery staple");
    ServiceContext as(const ProfessionalId& who, Role role, const OrganisationId& org);
    ServiceContext asChair() { return as(chair, Role::Chair, practice); }
    ServiceContext asNavigator() { return as(navigator, Role::Navigator, vcfse); }
    ServiceContext asAdministrator() {
        return as(ProfessionalId("setup"), Role::Administrator, practice);
    }
    std::string storePath() const { return dir.file("world.nmdt"); }
};

/// A valid Resident (test NHS number range) with the given names.
Resident resident(const std::string& given, const std::string& family, const std::string& nhs);

/// A planned meeting on `date` chaired by `chair`.
Meeting meetingOn(Date date, const ProfessionalId& chair);

/// A valid test NHS number derived from `n` (999 range, check digit computed).
std::string testNhsNumber(int n);

/// The problems a refused request reported; empty when `f` was not refused.
template <class F>
std::vector<Problem> problemsOf(F&& f) {
    try {
        f();
    } catch (const DomainError& e) {
        return e.problems();
    }
    return {};
}

}  // namespace nmdt::test
