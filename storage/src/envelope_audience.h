#pragma once
// How both hub logs keep an envelope's audience in one text column.

#include <string>
#include <vector>

namespace nmdt::storage {

/// ",org1,org2," so one substring search finds a member; "*" is everyone.
std::string encodeAudience(const std::vector<std::string>& audience);
std::vector<std::string> decodeAudience(const std::string& text);

}  // namespace nmdt::storage
