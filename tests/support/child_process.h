#pragma once
// Other programs as tests run them (the CLI, the hub, a child copy of the test itself): started
// with arguments rather than through a shell, so the same test runs on Linux and on Windows.
// Resource limits that only some platforms have are here too, with a way to ask for them.

#include <boost/test/unit_test.hpp>

#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace nmdt::test {

/// A Boost.Test precondition: the test runs only where `possible` holds, and says why not.
struct OnlyWhere {
    bool possible;
    const char* reason;
    boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const {
        boost::test_tools::assertion_result result(possible);
        result.message() << reason;
        return result;
    }
};

#ifdef _WIN32
inline constexpr bool kPosixPermissions = false;  // access is kept in ACLs there
inline constexpr bool kPosixRecordLocks = false;  // a lock belongs to its handle there
inline constexpr bool kLinksSharedLibraries = false;
// Under Wine a Windows test cannot wait for the build machine's own programs (node, openssl,
// a shell): tests that check their output with those tools run in the Linux suite only.
inline constexpr bool kBuildMachineToolsReachable = false;
#else
inline constexpr bool kPosixPermissions = true;
inline constexpr bool kPosixRecordLocks = true;
inline constexpr bool kLinksSharedLibraries = true;
inline constexpr bool kBuildMachineToolsReachable = true;
#endif
inline constexpr const char* kNeedsBuildMachineTools =
    "needs the build machine's node, openssl or shell, which a Windows test under Wine "
    "cannot wait for";

using Environment = std::map<std::string, std::string>;

struct ProgramResult {
    int exitCode = -1;
    std::string output;  // standard output and error together, as a user would see them
};

/// Runs `program` to its end with `input` on its standard input (then closed).
ProgramResult runProgram(const std::string& program, const std::vector<std::string>& args,
                         const Environment& env = {}, const std::string& input = {});

/// Splits a command line written the way a shell would quote it ('single', "double").
std::vector<std::string> splitArguments(const std::string& line);

/// A program left running while the test talks to it; killed when the test lets go of it.
class ChildProcess {
  public:
    ChildProcess(const std::string& program, const std::vector<std::string>& args,
                 const Environment& env = {});
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    /// Its standard output and error; ends when the program closes them.
    std::istream& output();
    /// Stops it at once, as a power cut or Task Manager would (SIGKILL, TerminateProcess).
    void kill();
    /// Asks it to shut down cleanly (what a service stop or Ctrl+C does).
    void requestStop();
    /// Waits for it to end; its exit code (on Windows a killed program's code is 0).
    int wait();
    /// Whether it has not ended yet, of itself or otherwise.
    bool stillRunning() const;
    /// The most memory it has held at once (resident), where the system tells (Linux).
    std::optional<std::size_t> peakMemoryBytes() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    bool running_ = true;
    int exitCode_ = -1;
};

/// The test executable itself, to start a copy of it as a child.
std::string thisExecutable();

/// Limits how large a file this process may grow (a full disk, simulated). False where the
/// platform has no such limit; the test that needs it then does not run there.
bool limitFileSize(std::size_t bytes);
bool canLimitFileSize();

/// Holds a file open the way another Windows program can (no sharing), until destroyed.
/// Elsewhere files cannot be held like that: canHoldFilesExclusively() says which.
class ExclusiveFileHold {
  public:
    explicit ExclusiveFileHold(const std::string& path);
    ~ExclusiveFileHold();
    ExclusiveFileHold(const ExclusiveFileHold&) = delete;
    ExclusiveFileHold& operator=(const ExclusiveFileHold&) = delete;

  private:
    void* handle_ = nullptr;
};
bool canHoldFilesExclusively();

/// Whether another process sees a lock this process holds on the file (POSIX record locks,
/// asked from a forked child); nullopt where there are no such locks to ask about (Windows,
/// whose locks belong to a handle and are not dropped by another handle's close).
std::optional<bool> lockSeenByAnotherProcess(const std::string& path);

/// Marks a file read-only the way a user or an administrator would (the Windows read-only
/// attribute, or no write permission). False where it would not be enforced on this process
/// (root on Linux writes anyway); the test that needs it then says so.
bool makeReadOnly(const std::string& path);
bool readOnlyIsEnforced();

/// The most memory this process has held in RAM so far, in MiB (getrusage's maxrss,
/// Windows' peak working set).
long peakResidentMegabytes();

/// Removes an environment variable from this process, so children do not inherit it.
void unsetEnvironment(const std::string& name);

}  // namespace nmdt::test
