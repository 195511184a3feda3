#include "file_access.h"

#include <windows.h>

#include <string>

namespace nmdt::storage::platform {

namespace {
/// Opens and closes the file with `access`, shared as SQLite shares it, so only a holder
/// that refuses sharing makes this fail for that reason; the Windows error, or 0.
DWORD tryOpen(const std::wstring& path, DWORD access) {
    HANDLE h =
        CreateFileW(path.c_str(), access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                    nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        return GetLastError();
    CloseHandle(h);
    return 0;
}

FileAccess fromError(DWORD error) {
    switch (error) {
        case ERROR_SHARING_VIOLATION:
        case ERROR_LOCK_VIOLATION:
            return FileAccess::InUse;
        case ERROR_FILE_NOT_FOUND:
        case ERROR_PATH_NOT_FOUND:
            return FileAccess::Missing;
        case ERROR_ACCESS_DENIED:
            return FileAccess::Denied;
        default:
            return FileAccess::OtherError;
    }
}
}  // namespace

std::wstring widen(const std::string& utf8) {
    int chars = MultiByteToWideChar(CP_UTF8, 0, utf8.c_str(), -1, nullptr, 0);
    std::wstring wide(static_cast<std::size_t>(chars), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, utf8.c_str(), -1, wide.data(), chars);
    wide.resize(wide.empty() ? 0 : wide.size() - 1);
    return wide;
}

std::string errorText(const std::string& path, DWORD error) {
    return path + ": Windows error " + std::to_string(error);
}

FileAccess probe(const std::string& utf8Path) {
    const std::wstring wide = widen(utf8Path);
    const DWORD writeError = tryOpen(wide, GENERIC_READ | GENERIC_WRITE);
    if (writeError == 0)
        return FileAccess::ReadWrite;
    // The read-only attribute, a read-only share or drive, or no right to write.
    if (writeError == ERROR_ACCESS_DENIED || writeError == ERROR_WRITE_PROTECT) {
        const DWORD readError = tryOpen(wide, GENERIC_READ);
        return readError == 0 ? FileAccess::ReadOnly : fromError(readError);
    }
    return fromError(writeError);
}

// A file created in the user's profile inherits its owner-only permissions; one made in a
// shared folder inherits that folder's, which is the administrator's choice (docs/security.md).
std::string replaceFileDurably(const std::string& utf8Path, const std::string& contents) {
    const std::string partial = utf8Path + ".writing";
    const std::wstring widePartial = widen(partial);
    DeleteFileW(widePartial.c_str());
    HANDLE h = CreateFileW(widePartial.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW,
                           FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        return errorText(partial, GetLastError());
    DWORD written = 0;
    bool ok =
        WriteFile(h, contents.data(), static_cast<DWORD>(contents.size()), &written, nullptr) &&
        written == contents.size() && FlushFileBuffers(h);
    DWORD error = ok ? 0 : GetLastError();
    CloseHandle(h);
    if (ok && !MoveFileExW(widePartial.c_str(), widen(utf8Path).c_str(),
                           MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
        ok = false;
        error = GetLastError();
    }
    if (!ok) {
        DeleteFileW(widePartial.c_str());
        return errorText(utf8Path, error);
    }
    return {};
}

}  // namespace nmdt::storage::platform
