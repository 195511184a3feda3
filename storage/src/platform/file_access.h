#pragma once
// Whether a file can be opened for writing or at least reading, and if not, why: the one place the
// storage layer asks the operating system directly (a Windows program can hold a file unshared;
// POSIX cannot, so there the answer is about permission only).

#include <string>

namespace nmdt::storage::platform {

enum class FileAccess { ReadWrite, ReadOnly, InUse, Denied, Missing, OtherError };

/// Whether the file could be opened for reading and writing, sharing it as SQLite does; if
/// not, whether for reading only. Never closes a descriptor of the file on POSIX (where that
/// would drop this process's locks on it).
FileAccess probe(const std::string& utf8Path);

}  // namespace nmdt::storage::platform

namespace nmdt::storage::platform {

/// Writes `contents` to `utf8Path` so that it is either the old file or the whole new one,
/// however the program stops: written beside it, flushed to the disk, then renamed over
/// it. The new file is readable by its owner only. Returns an error text, empty on success.
std::string replaceFileDurably(const std::string& utf8Path, const std::string& contents);

}  // namespace nmdt::storage::platform
