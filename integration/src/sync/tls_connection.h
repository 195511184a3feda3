#pragma once
// One server-side TLS connection on a non-blocking socket: a handshake, reads and writes
// that never wait, so one thread can hold hundreds of connections that are slow or idle.

#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

#include <cstddef>
#include <string>

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;

namespace nmdt::integration {

/// Who is at the other end, from the certificate the handshake verified.
struct TlsPeer {
    std::string subject;  // "CN=..,O=.."
    std::string fingerprint;
    std::string organisation;
};

class TlsConnection {
  public:
    /// What a step needs next: nothing (done), the socket readable, the socket writable,
    /// or nothing more ever (the peer closed, or the TLS session failed).
    enum class Step { Done, WantRead, WantWrite, Closed };

    TlsConnection(Poco::Net::StreamSocket socket, SSL_CTX* context);
    ~TlsConnection();
    TlsConnection(const TlsConnection&) = delete;
    TlsConnection& operator=(const TlsConnection&) = delete;

    Step handshake();
    /// Appends to `into` whatever has arrived, up to `most` bytes; Done when `most` was
    /// reached (more may be waiting), WantRead when everything that arrived was taken.
    Step read(std::string& into, std::size_t most);
    /// Writes all of `data`, waiting for the socket up to `stall` each time it is full.
    /// False when the peer went away or stopped reading for longer than `stall`.
    bool writeAll(const std::string& data, Poco::Timespan stall);
    /// Bytes TLS has decrypted and holds that `read` has not taken: the socket shows none.
    bool holdsUnread() const;
    /// The verified client certificate's identity (empty when there was none).
    TlsPeer peer() const;
    Poco::Net::StreamSocket& socket() { return socket_; }
    /// A close_notify where the socket takes it at once, then the socket closed.
    void close();

  private:
    Step stepOf(int result);
    Poco::Net::StreamSocket socket_;
    SSL* ssl_ = nullptr;
};

}  // namespace nmdt::integration
