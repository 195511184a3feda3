#include "file_access.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace nmdt::storage::platform {

FileAccess probeRead(const std::string& utf8Path) {
    int fd = ::open(utf8Path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ::close(fd);
        return FileAccess::Readable;
    }
    switch (errno) {
        case ENOENT:
            return FileAccess::Missing;
        case EACCES:
        case EPERM:
            return FileAccess::Denied;
        default:
            return FileAccess::OtherError;
    }
}

}  // namespace nmdt::storage::platform
