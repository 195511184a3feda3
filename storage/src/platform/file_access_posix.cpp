#include "file_access.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

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

// Asked with access(), never by opening the file: on POSIX, closing any descriptor of a file
// drops every lock this process holds on it, so a probe before a second connection opens
// (the desktop's sync connection) would silently release the first connection's locks.
FileAccess probe(const std::string& utf8Path) {
    struct stat info {};
    if (::stat(utf8Path.c_str(), &info) != 0)
        return fromErrno(errno);
    if (S_ISDIR(info.st_mode))
        return FileAccess::OtherError;
    if (::access(utf8Path.c_str(), R_OK | W_OK) == 0)
        return FileAccess::ReadWrite;
    const int writeError = errno;
    if (writeError != EACCES && writeError != EPERM && writeError != EROFS)
        return fromErrno(writeError);
    if (::access(utf8Path.c_str(), R_OK) != 0)
        return fromErrno(errno);
    return FileAccess::ReadOnly;
}

}  // namespace nmdt::storage::platform

namespace nmdt::storage::platform {

std::string replaceFileDurably(const std::string& utf8Path, const std::string& contents) {
    const std::string partial = utf8Path + ".writing";
    ::unlink(partial.c_str());
    int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return partial + ": " + std::strerror(errno);
    std::size_t done = 0;
    while (done < contents.size()) {
        ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            std::string problem = partial + ": " + std::strerror(errno);
            ::close(fd);
            ::unlink(partial.c_str());
            return problem;
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        std::string problem = partial + ": " + std::strerror(errno);
        ::unlink(partial.c_str());
        return problem;
    }
    if (::rename(partial.c_str(), utf8Path.c_str()) != 0) {
        std::string problem = utf8Path + ": " + std::strerror(errno);
        ::unlink(partial.c_str());
        return problem;
    }
    // The rename itself is durable once the folder is flushed.
    auto slash = utf8Path.find_last_of('/');
    std::string folder = slash == std::string::npos ? "." : utf8Path.substr(0, slash + 1);
    int dir = ::open(folder.c_str(), O_RDONLY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return {};
}

}  // namespace nmdt::storage::platform
