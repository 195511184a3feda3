#pragma once
// The hub's request log: one JSON line per request answered or connection let go, for the
// operator. It names desktops by certificate and organisation, never anything a request
// carries (the envelopes are sealed, and their team ids and sequences are not written).

#include <cstdint>
#include <fstream>
#include <mutex>
#include <string>

namespace nmdt::integration {

/// One line of the log.
struct RequestRecord {
    std::string event;  // "answered", or why the connection was let go ("handshake-timeout", ...)
    std::string address;
    std::string organisation;  // from the client certificate, when there was one
    std::string fingerprint;   // its first 16 hex digits
    std::string method;
    std::string path;
    int status = 0;
    std::uint64_t requestBytes = 0;
    std::uint64_t responseBytes = 0;
    std::int64_t milliseconds = 0;
};

class RequestLog {
  public:
    /// Appends to `path`, made readable by its owner only; an empty path logs nothing.
    explicit RequestLog(const std::string& path);
    void write(const RequestRecord& record);

  private:
    std::mutex mutex_;
    std::ofstream out_;
};

}  // namespace nmdt::integration
