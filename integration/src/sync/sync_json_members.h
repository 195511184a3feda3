#pragma once
// Reading sync messages member by member with JsonReader: typed members and the envelope
// header's members, each error a SyncError(Malformed) naming the message (`what`).

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "json_reader.h"
#include "model/sync_ports.h"

namespace nmdt::integration {

SyncError malformedMessage(const std::string& what, const std::string& detail);

/// The next value, which must be text; `member` names it in the error.
std::string textMember(JsonReader& json, const char* member, const std::string& what);
/// The next value, which must be a whole number.
std::int64_t wholeMember(JsonReader& json, const char* member, const std::string& what);

/// Which of a message's required members have been read; names the first missing.
class RequiredMembers {
  public:
    RequiredMembers(std::initializer_list<const char*> names) : names_(names) {}
    /// Notes a member read; names not required are ignored.
    void saw(const std::string& name);
    bool has(const char* name) const;
    /// Throws SyncError(Malformed) "`where` has no "<name>"" for the first one missing.
    void require(const std::string& where, const std::string& what) const;

  private:
    std::vector<const char*> names_;
    std::vector<bool> seen_ = std::vector<bool>(names_.size());
};

/// Collects an envelope header's members wherever they appear (the sealed body nests them,
/// the hub's page puts them beside the envelope's other members).
class HeaderMembers {
  public:
    /// Reads the member's value when `name` is one of the header's; false otherwise (the
    /// value is then left unread).
    bool read(JsonReader& json, const std::string& name, const std::string& what);
    /// The header, once every member was read and its range is possible.
    EnvelopeHeader header(const std::string& where, const std::string& what) const;

  private:
    EnvelopeHeader header_;
    RequiredMembers required_{"team", "site", "from", "through", "part", "keyId", "audience"};
};

}  // namespace nmdt::integration
