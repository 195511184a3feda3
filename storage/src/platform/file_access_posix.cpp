#include "file_access.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace nmdt::storage::platform {

namespace {
FileAccess fromErrno(int error) {
    switch (error) {
        case ENOENT:
            return FileAccess::Missing;
        case EACCES:
        case EPERM:
            return FileAccess::Denied;
        default:
            return FileAccess::OtherError;
    }
}
}  // namespace

FileAccess probe(const std::string& utf8Path) {
    int fd = ::open(utf8Path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd >= 0) {
        ::close(fd);
        return FileAccess::ReadWrite;
    }
    const int writeError = errno;
    if (writeError != EACCES && writeError != EPERM && writeError != EROFS)
        return fromErrno(writeError);
    fd = ::open(utf8Path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fromErrno(errno);
    ::close(fd);
    return FileAccess::ReadOnly;
}

}  // namespace nmdt::storage::platform
