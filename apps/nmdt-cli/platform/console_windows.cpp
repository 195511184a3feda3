#include "console.h"

#include <windows.h>
// After windows.h, which it needs.
#include <shellapi.h>

#include <cstdlib>

#include <cstdio>

namespace nmdt::cli::console {

namespace {
std::string toUtf8(const wchar_t* text, int length) {
    if (length == 0)
        return {};
    int bytes = WideCharToMultiByte(CP_UTF8, 0, text, length, nullptr, 0, nullptr, nullptr);
    std::string out(static_cast<std::size_t>(bytes), '\0');
    WideCharToMultiByte(CP_UTF8, 0, text, length, out.data(), bytes, nullptr, nullptr);
    return out;
}

std::wstring toWide(const char* text) {
    int chars = MultiByteToWideChar(CP_UTF8, 0, text, -1, nullptr, 0);
    std::wstring out(static_cast<std::size_t>(chars), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, text, -1, out.data(), chars);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}
}  // namespace

std::vector<std::string> arguments(int, char**) {
    // argv is in the ANSI code page, which cannot hold every name a path may contain.
    int count = 0;
    LPWSTR* wide = CommandLineToArgvW(GetCommandLineW(), &count);
    std::vector<std::string> out;
    for (int i = 1; i < count; ++i)
        out.push_back(toUtf8(wide[i], static_cast<int>(wcslen(wide[i]))));
    LocalFree(wide);
    return out;
}

std::optional<std::string> environment(const char* name) {
    std::wstring wideName = toWide(name);
    DWORD size = GetEnvironmentVariableW(wideName.c_str(), nullptr, 0);
    if (size <= 1)
        return std::nullopt;
    std::wstring value(size, L'\0');
    DWORD length = GetEnvironmentVariableW(wideName.c_str(), value.data(), size);
    return toUtf8(value.data(), static_cast<int>(length));
}

void forgetEnvironment(const char* name) {
    std::wstring wideName = toWide(name);
    SetEnvironmentVariableW(wideName.c_str(), nullptr);
    _wputenv_s(wideName.c_str(), L"");  // the C runtime keeps a copy of its own
}

bool othersMayRead(const std::string&) {
    return false;
}

std::optional<std::string> userName() {
    return environment("USERNAME");
}

std::optional<std::string> promptHidden(const char* prompt) {
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    DWORD mode = 0;
    if (in == INVALID_HANDLE_VALUE || !GetConsoleMode(in, &mode))
        return std::nullopt;
    SetConsoleMode(in, (mode & ~static_cast<DWORD>(ENABLE_ECHO_INPUT)) | ENABLE_LINE_INPUT);
    std::fprintf(stderr, "%s: ", prompt);
    std::fflush(stderr);
    // ReadConsoleW hands over what was typed as UTF-16 whatever the console's code page, so
    // a passphrase with letters outside the code page arrives whole.
    std::wstring typed;
    wchar_t buffer[256];
    DWORD read = 0;
    while (ReadConsoleW(in, buffer, 256, &read, nullptr) && read > 0) {
        typed.append(buffer, read);
        if (typed.find(L'\n') != std::wstring::npos)
            break;
    }
    SetConsoleMode(in, mode);
    std::fprintf(stderr, "\n");
    while (!typed.empty() && (typed.back() == L'\n' || typed.back() == L'\r'))
        typed.pop_back();
    return toUtf8(typed.data(), static_cast<int>(typed.size()));
}

void useUtf8Output() {
    SetConsoleOutputCP(CP_UTF8);
}

}  // namespace nmdt::cli::console
