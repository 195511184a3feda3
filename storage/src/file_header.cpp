#include "file_header.h"

#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace nmdt::storage {

std::string readStoreFileStart(const std::string& utf8Path, std::size_t bytes) {
    sqlite3_vfs* vfs = sqlite3_vfs_find(nullptr);
    if (vfs == nullptr)
        return {};
    std::vector<char> fullPath(static_cast<std::size_t>(vfs->mxPathname) + 1, '\0');
    if (vfs->xFullPathname(vfs, utf8Path.c_str(), vfs->mxPathname, fullPath.data()) != SQLITE_OK)
        return {};
    // SQLite's file object is as large as its file layer says; the layer keeps the name.
    auto storage = std::make_unique<std::byte[]>(static_cast<std::size_t>(vfs->szOsFile));
    auto* file = reinterpret_cast<sqlite3_file*>(storage.get());
    int openedAs = 0;
    if (vfs->xOpen(vfs, fullPath.data(), file, SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB,
                   &openedAs) != SQLITE_OK) {
        if (file->pMethods != nullptr)
            file->pMethods->xClose(file);
        return {};
    }
    std::string out;
    sqlite3_int64 size = 0;
    if (file->pMethods->xFileSize(file, &size) == SQLITE_OK && size > 0) {
        out.resize(std::min<std::size_t>(bytes, static_cast<std::size_t>(size)));
        if (file->pMethods->xRead(file, out.data(), static_cast<int>(out.size()), 0) != SQLITE_OK)
            out.clear();
    }
    file->pMethods->xClose(file);
    return out;
}

}  // namespace nmdt::storage
