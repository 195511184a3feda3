#pragma once
// Reads the first bytes of a store file through SQLite's own file layer. Kept apart because
// Debian's SQLiteCpp headers and sqlite3.h cannot be included in one translation unit.
#include <cstddef>
#include <string>

namespace nmdt::storage {

/// Up to `bytes` bytes from the start of the file (fewer if it is shorter; empty if it cannot
/// be read). Read through SQLite's file layer rather than a stream because on POSIX closing
/// any descriptor of a file drops every lock this process holds on it, another connection's
/// included; SQLite keeps such a descriptor open until its own locks are released.
std::string readStoreFileStart(const std::string& utf8Path, std::size_t bytes);

}  // namespace nmdt::storage
