#pragma once
// Paths are UTF-8 strings throughout the code. These turn them into std::filesystem paths and
// back without passing through the ANSI code page, which on Windows cannot hold every name
// (std::filesystem::path(std::string) and path::string() use it there).

#include <filesystem>
#include <string>
#include <string_view>

namespace nmdt {

inline std::filesystem::path pathFromUtf8(std::string_view utf8) {
    return std::filesystem::path(std::u8string(utf8.begin(), utf8.end()));
}

inline std::string pathToUtf8(const std::filesystem::path& path) {
    const std::u8string text = path.u8string();
    return std::string(text.begin(), text.end());
}

}  // namespace nmdt
