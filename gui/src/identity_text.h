#pragma once
// A resident's name and NHS number as text for lists, titles and printouts, each part
// isolated from its neighbours' writing direction (Unicode directional isolates), so an
// Arabic or Hebrew name never reverses the NHS number beside it.

#include <string>
#include <string_view>

#include "model/case_record.h"

namespace nmdt::gui {

/// `text` inside FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE: it keeps its own
/// direction and lends none to what stands next to it.
std::string isolated(std::string_view text);
/// `text` inside LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE: digits read as written.
std::string leftToRightIsolated(std::string_view text);
/// `line` laid out left to right as a whole, whatever script its isolated parts are in.
std::string leftToRightLine(std::string_view line);
/// "Family, Given", each name isolated.
std::string residentName(const std::string& familyName, const std::string& givenName);
/// "943 476 5919", isolated left to right; "not known" for no number (a provisional identity).
std::string nhsNumberText(std::string_view digits);
/// "Family, Given  943 476 5919": what a list shows for one resident, laid out left to
/// right as a whole.
std::string residentLabel(const std::string& familyName, const std::string& givenName,
                          std::string_view nhsNumber);
inline std::string residentLabel(const Resident& r) {
    return residentLabel(r.familyName, r.givenName, r.nhsNumber);
}
/// `text` without the isolate and direction marks (for comparing with what was typed).
std::string withoutIsolates(std::string_view text);

}  // namespace nmdt::gui
