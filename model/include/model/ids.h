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
using CaseFindingListId = Id<struct CaseFindingListTag>;
using CaseFindingEntryId = Id<struct CaseFindingEntryTag>;
using WellbeingScoreId = Id<struct WellbeingScoreTag>;
using ServiceUseId = Id<struct ServiceUseTag>;

/// Source of new UUIDs. Injected so demo data is reproducible.
class IdSource {
  public:
    virtual ~IdSource() = default;
    virtual std::string newUuid() = 0;
    template <class IdType>
    IdType next() {
        return IdType(newUuid());
    }
};

/// Time-ordered UUIDs (version 7) from a seeded generator: the same seed gives the same
/// ids (demo data, tests). Their time is a count of ids from 2020-01-01, so each is
/// greater than the one before, as a live desktop's are.
class SeededIdSource : public IdSource {
  public:
    explicit SeededIdSource(std::uint64_t seed) : rng_(seed) {}
    std::string newUuid() override;

  private:
    std::mt19937_64 rng_;
    std::uint64_t issued_ = 0;
};

/// Time-ordered UUIDs (version 7): the time of their making, then random bits from the
/// operating system's entropy; each greater than the last from the same source. Records
/// made one after another sit side by side in every index keyed by id, so a store bigger
/// than its cache writes a new record to pages it holds, not to a random page it must
/// read and decrypt first. Safe to share between threads.
std::shared_ptr<IdSource> makeRandomIdSource();

/// The parts of a version 7 UUID before it is spelt out: milliseconds since the Unix
/// epoch (48 bits), a sequence within the millisecond (12 bits), 62 random bits.
struct UuidV7Parts {
    std::uint64_t unixMs = 0;
    std::uint16_t sequence = 0;
    std::uint64_t random = 0;
};
/// Spells out a version 7 UUID (RFC 9562): ordering the texts orders the parts.
std::string formatUuidV7(const UuidV7Parts& parts);

/// Hands out version 7 parts that only ever increase: a clock reading that went back or
/// stood still takes the last millisecond on, with the next sequence number.
class UuidV7Sequencer {
  public:
    /// `nowMs` is the clock; `random` 64 random bits, of which the sequence starts from
    /// 11 (leaving room to count within the millisecond) and the rest fill the tail.
    UuidV7Parts next(std::uint64_t nowMs, std::uint64_t random);

  private:
    std::uint64_t lastMs_ = 0;
    std::uint16_t sequence_ = 0;
};

/// An id source for commands that create nothing (reads, audit-only commands): asking it
/// for an id is a programming error.
class NoIdSource : public IdSource {
  public:
    std::string newUuid() override;
};

/// True when `text` has the 8-4-4-4-12 lower-case hexadecimal shape of a UUID.
bool looksLikeUuid(const std::string& text);

}  // namespace nmdt

template <class Tag>
struct std::hash<nmdt::Id<Tag>> {
    std::size_t operator()(const nmdt::Id<Tag>& id) const noexcept {
        return std::hash<std::string>{}(id.str());
    }
};
