#pragma once
// Whether a file can be opened for reading, and if not, why: the one place the storage layer
// asks the operating system directly (a Windows program can hold a file unshared; POSIX
// cannot, so there the answer is about permission only).

#include <string>

namespace nmdt::storage::platform {

enum class FileAccess { Readable, InUse, Denied, Missing, OtherError };

FileAccess probeRead(const std::string& utf8Path);

}  // namespace nmdt::storage::platform
