#pragma once
// Reading sync messages member by member with JsonReader: typed members and the envelope
// header's members, each error a SyncError(Malformed) naming the message (`what`).

#include <cstdint>
#include <initializer_list>
#include <string>

#include "json_reader.h"
#include "model/sync_ports.h"

namespace nmdt::integration {

SyncError malformedMessage(const std::string& what, const std::string& detail);

/// The next value, which must be text; `member` names it in the error.
std::string textMember(JsonReader& json, const char* member, const std::string& what);
/// The next value, which must be a whole number.
std::int64_t wholeMember(JsonReader& json, const char* member, const std::string& what);

/// Throws naming the first of `names` (bit i of `seen` stands for names[i]) not seen in
/// `where`.
void requireMembers(unsigned seen, std::initializer_list<const char*> names,
                    const std::string& where, const std::string& what);

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
    unsigned seen_ = 0;
};

}  // namespace nmdt::integration
