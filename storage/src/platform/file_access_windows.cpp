#include "file_access.h"

#include <windows.h>

namespace nmdt::storage::platform {

FileAccess probeRead(const std::string& utf8Path) {
    int chars = MultiByteToWideChar(CP_UTF8, 0, utf8Path.c_str(), -1, nullptr, 0);
    std::wstring wide(static_cast<std::size_t>(chars), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, utf8Path.c_str(), -1, wide.data(), chars);
    // Shared as SQLite shares it, so only a holder that refuses sharing makes this fail.
    HANDLE h = CreateFileW(wide.c_str(), GENERIC_READ,
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                           OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h != INVALID_HANDLE_VALUE) {
        CloseHandle(h);
        return FileAccess::Readable;
    }
    switch (GetLastError()) {
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

}  // namespace nmdt::storage::platform
