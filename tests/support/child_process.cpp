#include "child_process.h"

#include <Poco/Environment.h>
#include <Poco/Exception.h>
#include <Poco/Path.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#ifdef _WIN32
#include <windows.h>
// After windows.h, which it needs.
#include <psapi.h>
#else
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

namespace nmdt::test {

namespace {

/// Starts a program; under Wine CreateProcess now and then fails for a moment when many
/// programs start at once (two suites of one CI run lost a launch that way), so a failed
/// start is tried twice more before the error, with Windows' own error code, goes up.
Poco::ProcessHandle launch(const std::string& program, const std::vector<std::string>& args,
                           Poco::Pipe* in, Poco::Pipe* out, const Environment& env) {
    const Poco::Process::Env variables(env.begin(), env.end());
#ifdef _WIN32
    for (int attempt = 1;; ++attempt) {
        try {
            return Poco::Process::launch(program, args, "", in, out, out, variables);
        } catch (const Poco::SystemException& e) {
            const auto code = GetLastError();
            if (attempt == 3)
                throw std::runtime_error(e.displayText() + " (Windows error " +
                                         std::to_string(code) + ", after 3 attempts)");
            Sleep(500);
        }
    }
#else
    return Poco::Process::launch(program, args, "", in, out, out, variables);
#endif
}

}  // namespace

struct ChildProcess::Impl {
    Poco::Pipe in, out;
    Poco::ProcessHandle handle;
    Poco::PipeInputStream stream;
    Impl(const std::string& program, const std::vector<std::string>& args, const Environment& env)
        : handle(launch(program, args, &in, &out, env)), stream(out) {}
};

ChildProcess::ChildProcess(const std::string& program, const std::vector<std::string>& args,
                           const Environment& env)
    : impl_(std::make_unique<Impl>(program, args, env)) {
    impl_->in.close();  // nothing to say to it: reading its input gives end of file
}

ChildProcess::~ChildProcess() {
    try {
        kill();
    } catch (...) {
        // A child that cannot be stopped must not also stop the test run.
    }
}

std::istream& ChildProcess::output() {
    return impl_->stream;
}

void ChildProcess::kill() {
    if (!running_)
        return;
    // By process id: Poco's kill by handle closes the handle on Windows, after which the
    // child could no longer be waited for.
    if (Poco::Process::isRunning(impl_->handle))
        Poco::Process::kill(impl_->handle.id());
    wait();
}

void ChildProcess::requestStop() {
    if (running_)
        Poco::Process::requestTermination(impl_->handle.id());
}

bool ChildProcess::stillRunning() const {
    return running_ && Poco::Process::isRunning(impl_->handle);
}

std::optional<std::size_t> ChildProcess::peakMemoryBytes() const {
    // Linux's high-water mark of the resident set; other systems are not asked.
    std::ifstream status("/proc/" + std::to_string(impl_->handle.id()) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return static_cast<std::size_t>(std::stoull(line.substr(6))) * 1024;
    return std::nullopt;
}

int ChildProcess::wait() {
    if (running_) {
        exitCode_ = impl_->handle.wait();
        running_ = false;
    }
    return exitCode_;
}

ProgramResult runProgram(const std::string& program, const std::vector<std::string>& args,
                         const Environment& env, const std::string& input) {
    Poco::Pipe in, out;
    Poco::ProcessHandle handle = launch(program, args, &in, &out, env);
    {
        Poco::PipeOutputStream writer(in);
        writer << input;
        writer.close();
    }
    ProgramResult result;
    Poco::PipeInputStream reader(out);
    std::ostringstream all;
    all << reader.rdbuf();
    result.output = all.str();
    result.exitCode = handle.wait();
    return result;
}

std::vector<std::string> splitArguments(const std::string& line) {
    std::vector<std::string> out;
    std::string current;
    bool inWord = false;
    char quote = 0;
    for (char c : line) {
        if (quote) {
            if (c == quote)
                quote = 0;
            else
                current += c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            inWord = true;
        } else if (c == ' ' || c == '\t' || c == '\n') {
            if (inWord)
                out.push_back(current);
            current.clear();
            inWord = false;
        } else {
            current += c;
            inWord = true;
        }
    }
    if (quote)
        throw std::invalid_argument("unbalanced quote in: " + line);
    if (inWord)
        out.push_back(current);
    return out;
}

std::string thisExecutable() {
#ifdef _WIN32
    wchar_t buffer[32768];
    DWORD n = GetModuleFileNameW(nullptr, buffer, 32768);
    int bytes =
        WideCharToMultiByte(CP_UTF8, 0, buffer, static_cast<int>(n), nullptr, 0, nullptr, nullptr);
    std::string path(static_cast<std::size_t>(bytes), '\0');
    WideCharToMultiByte(CP_UTF8, 0, buffer, static_cast<int>(n), path.data(), bytes, nullptr,
                        nullptr);
    return path;
#else
    char buffer[4096];
    auto n = readlink("/proc/self/exe", buffer, sizeof buffer - 1);
    if (n <= 0)
        throw std::runtime_error("cannot find this executable");
    return std::string(buffer, static_cast<std::size_t>(n));
#endif
}

bool canLimitFileSize() {
#ifdef _WIN32
    return false;  // Windows has no per-process file size limit
#else
    return true;
#endif
}

bool limitFileSize(std::size_t bytes) {
#ifdef _WIN32
    (void)bytes;
    return false;
#else
    // Past the limit writes fail with EFBIG, as they would with ENOSPC on a full disk.
    signal(SIGXFSZ, SIG_IGN);
    rlimit limit{bytes, bytes};
    return setrlimit(RLIMIT_FSIZE, &limit) == 0;
#endif
}

#ifdef _WIN32
ExclusiveFileHold::ExclusiveFileHold(const std::string& path) {
    int chars = MultiByteToWideChar(CP_UTF8, 0, path.c_str(), -1, nullptr, 0);
    std::wstring wide(static_cast<std::size_t>(chars), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, path.c_str(), -1, wide.data(), chars);
    HANDLE h = CreateFileW(wide.c_str(), GENERIC_READ | GENERIC_WRITE, 0 /* no sharing */, nullptr,
                           OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        throw std::runtime_error("cannot hold " + path);
    handle_ = h;
}
ExclusiveFileHold::~ExclusiveFileHold() {
    CloseHandle(static_cast<HANDLE>(handle_));
}
bool canHoldFilesExclusively() {
    return true;
}
#else
ExclusiveFileHold::ExclusiveFileHold(const std::string& path) {
    throw std::runtime_error("files cannot be held exclusively here: " + path);
}
ExclusiveFileHold::~ExclusiveFileHold() = default;
bool canHoldFilesExclusively() {
    return false;  // POSIX locks are advisory: another program cannot keep a file from us
}
#endif

std::optional<bool> lockSeenByAnotherProcess(const std::string& path) {
#ifdef _WIN32
    (void)path;
    return std::nullopt;
#else
    pid_t child = ::fork();
    if (child < 0)
        throw std::runtime_error("cannot fork");
    if (child == 0) {
        // Only async-signal-safe calls here: the test may have other threads.
        int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            ::_exit(2);
        struct flock ask {};
        ask.l_type = F_WRLCK;  // conflicts with any lock, shared or not
        ask.l_whence = SEEK_SET;
        ask.l_start = 0;
        ask.l_len = 0;  // the whole file, SQLite's lock bytes included
        if (::fcntl(fd, F_GETLK, &ask) != 0)
            ::_exit(3);
        ::_exit(ask.l_type == F_UNLCK ? 0 : 1);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) > 1)
        throw std::runtime_error("the lock check could not read " + path);
    return WEXITSTATUS(status) == 1;
#endif
}

bool makeReadOnly(const std::string& path) {
#ifdef _WIN32
    int chars = MultiByteToWideChar(CP_UTF8, 0, path.c_str(), -1, nullptr, 0);
    std::wstring wide(static_cast<std::size_t>(chars), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, path.c_str(), -1, wide.data(), chars);
    return SetFileAttributesW(wide.c_str(), FILE_ATTRIBUTE_READONLY) != 0;
#else
    return ::chmod(path.c_str(), 0444) == 0;
#endif
}

bool readOnlyIsEnforced() {
    // Tried rather than assumed: root on Linux writes anyway, and so does Wine run as root
    // (it keeps the attribute as Unix permissions).
    static const bool enforced = [] {
        auto probe = std::filesystem::temp_directory_path() /
                     ("nmdt-read-only-probe-" + std::to_string(std::random_device{}()));
        { std::ofstream(probe) << "x"; }
        bool refused = false;
        if (makeReadOnly(probe.string())) {
            std::ofstream writer(probe, std::ios::app);
            refused = !writer.is_open();
        }
        std::error_code ec;
        std::filesystem::permissions(probe, std::filesystem::perms::owner_write,
                                     std::filesystem::perm_options::add, ec);
#ifdef _WIN32
        SetFileAttributesW(probe.wstring().c_str(), FILE_ATTRIBUTE_NORMAL);
#endif
        std::filesystem::remove(probe, ec);
        return refused;
    }();
    return enforced;
}

long peakResidentMegabytes() {
#ifdef _WIN32
    PROCESS_MEMORY_COUNTERS counters{};
    counters.cb = sizeof counters;
    GetProcessMemoryInfo(GetCurrentProcess(), &counters, sizeof counters);
    return static_cast<long>(counters.PeakWorkingSetSize / (1024 * 1024));
#else
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
#endif
}

void unsetEnvironment(const std::string& name) {
#ifdef _WIN32
    _putenv_s(name.c_str(), "");
#else
    ::unsetenv(name.c_str());
#endif
}

}  // namespace nmdt::test
