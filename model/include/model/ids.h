#pragma once
// Strongly typed entity identifiers (UUID strings) and where new ones come from.

#include <compare>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>

namespace nmdt {

/// An entity id of one kind; ids of different kinds do not convert into each other.
template <class Tag>
class Id {
  public:
    Id() = default;
    explicit Id(std::string value) : value_(std::move(value)) {}
    const std::string& str() const { return value_; }
    bool empty() const { return value_.empty(); }
    auto operator<=>(const Id&) const = default;

  private:
    std::string value_;
};

using OrganisationId = Id<struct OrganisationTag>;
using ProfessionalId = Id<struct ProfessionalTag>;
using CaseId = Id<struct CaseTag>;
using ContactId = Id<struct ContactTag>;
using ConsentId = Id<struct ConsentTag>;
using CareTeamMemberId = Id<struct CareTeamMemberTag>;
using CarePlanId = Id<struct CarePlanTag>;
using NeedId = Id<struct NeedTag>;
using GoalId = Id<struct GoalTag>;
using ActionId = Id<struct ActionTag>;
using NoteId = Id<struct NoteTag>;
using MeetingSeriesId = Id<struct MeetingSeriesTag>;
using MeetingId = Id<struct MeetingTag>;
using ParticipantId = Id<struct ParticipantTag>;
using AgendaItemId = Id<struct AgendaItemTag>;

/// Source of new UUIDs (RFC 4122 version 4). Injected so demo data is reproducible.
class IdSource {
  public:
    virtual ~IdSource() = default;
    virtual std::string newUuid() = 0;
    template <class IdType>
    IdType next() {
        return IdType(newUuid());
    }
};

/// UUIDs from a seeded generator: the same seed gives the same ids (demo data, tests).
class SeededIdSource : public IdSource {
  public:
    explicit SeededIdSource(std::uint64_t seed) : rng_(seed) {}
    std::string newUuid() override;

  private:
    std::mt19937_64 rng_;
};

/// UUIDs from the operating system's entropy; safe to share between threads.
std::shared_ptr<IdSource> makeRandomIdSource();

/// An id source for commands that create nothing (reads, audit-only commands): asking it
/// for an id is a programming error.
class NoIdSource : public IdSource {
  public:
    std::string newUuid() override;
};

/// Formats 128 random bits as a version 4 UUID.
std::string formatUuidV4(std::uint64_t high, std::uint64_t low);

/// True when `text` has the 8-4-4-4-12 lower-case hexadecimal shape of a UUID.
bool looksLikeUuid(const std::string& text);

}  // namespace nmdt

template <class Tag>
struct std::hash<nmdt::Id<Tag>> {
    std::size_t operator()(const nmdt::Id<Tag>& id) const noexcept {
        return std::hash<std::string>{}(id.str());
    }
};
