#pragma once
// The one place where UTF-8 model strings become wxString and back.

#include <wx/string.h>

#include <string>

namespace nmdt::gui {

inline wxString toWx(const std::string& utf8) {
    return wxString::FromUTF8(utf8.data(), utf8.size());
}
inline std::string fromWx(const wxString& text) {
    auto buffer = text.utf8_str();
    return std::string(buffer.data(), buffer.length());
}

}  // namespace nmdt::gui
