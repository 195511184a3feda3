#include "file_access.h"

#include <windows.h>

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

FileAccess probe(const std::string& utf8Path) {
    int chars = MultiByteToWideChar(CP_UTF8, 0, utf8Path.c_str(), -1, nullptr, 0);
    std::wstring wide(static_cast<std::size_t>(chars), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, utf8Path.c_str(), -1, wide.data(), chars);
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

}  // namespace nmdt::storage::platform
