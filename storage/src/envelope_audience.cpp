#include "envelope_audience.h"

namespace nmdt::storage {

std::string encodeAudience(const std::vector<std::string>& audience) {
    if (audience.size() == 1 && audience[0] == "*")
        return "*";
    std::string out = ",";
    for (const auto& a : audience)
        out += a + ",";
    return out;
}

std::vector<std::string> decodeAudience(const std::string& text) {
    if (text == "*")
        return {"*"};
    std::vector<std::string> out;
    std::size_t start = 1;
    while (start < text.size()) {
        auto comma = text.find(',', start);
        out.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

}  // namespace nmdt::storage
