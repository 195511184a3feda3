#include "identity_text.h"

#include <wx/intl.h>

#include "model/nhs_number.h"
#include "wx_text.h"

namespace nmdt::gui {

namespace {
constexpr std::string_view kLri = "\u2066";  // LEFT-TO-RIGHT ISOLATE
constexpr std::string_view kFsi = "\u2068";  // FIRST STRONG ISOLATE
constexpr std::string_view kPdi = "\u2069";  // POP DIRECTIONAL ISOLATE
constexpr std::string_view kLrm = "\u200e";  // LEFT-TO-RIGHT MARK
}  // namespace

std::string isolated(std::string_view text) {
    return std::string(kFsi) + std::string(text) + std::string(kPdi);
}

std::string leftToRightIsolated(std::string_view text) {
    return std::string(kLri) + std::string(text) + std::string(kPdi);
}

std::string leftToRightLine(std::string_view line) {
    return std::string(kLrm) + std::string(line);
}

std::string residentName(const std::string& familyName, const std::string& givenName) {
    return isolated(familyName) + ", " + isolated(givenName);
}

std::string nhsNumberText(std::string_view digits) {
    if (digits.empty())
        return isolated(fromWx(_("not known")));
    return leftToRightIsolated(formatNhsNumber(digits));
}

std::string residentLabel(const std::string& familyName, const std::string& givenName,
                          std::string_view nhsNumber) {
    // Isolates do not count when a line's direction is decided (some renderers go by the
    // first strong letter regardless), so a left-to-right mark leads: the line is laid out
    // left to right, family name, given name, number, whatever script the names are in.
    return std::string(kLrm) + residentName(familyName, givenName) + "  " +
           nhsNumberText(nhsNumber);
}

std::string withoutIsolates(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        std::string_view rest = text.substr(i);
        if (rest.starts_with(kLri) || rest.starts_with(kFsi) || rest.starts_with(kPdi) ||
            rest.starts_with("\u2067") || rest.starts_with(kLrm)) {
            i += 3;  // each mark is three bytes in UTF-8
            continue;
        }
        out += text[i++];
    }
    return out;
}

}  // namespace nmdt::gui
