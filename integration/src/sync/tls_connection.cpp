#include "tls_connection.h"

#include <Poco/Crypto/X509Certificate.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <stdexcept>

#include "sync_crypto.h"

namespace nmdt::integration {

TlsConnection::TlsConnection(Poco::Net::StreamSocket socket, SSL_CTX* context)
    : socket_(std::move(socket)) {
    socket_.setBlocking(false);
    socket_.setNoDelay(true);
    ssl_ = SSL_new(context);
    if (!ssl_)
        throw std::runtime_error("cannot start a TLS session");
    // OpenSSL takes an int for the socket on every platform, Windows' SOCKET included.
    SSL_set_fd(ssl_, static_cast<int>(socket_.impl()->sockfd()));
    SSL_set_accept_state(ssl_);
}

TlsConnection::~TlsConnection() {
    close();
}

TlsConnection::Step TlsConnection::stepOf(int result) {
    switch (SSL_get_error(ssl_, result)) {
        case SSL_ERROR_WANT_READ:
            return Step::WantRead;
        case SSL_ERROR_WANT_WRITE:
            return Step::WantWrite;
        default:
            // Closed by the peer, a refused certificate, garbage: this connection is over.
            ERR_clear_error();
            return Step::Closed;
    }
}

TlsConnection::Step TlsConnection::handshake() {
    if (!ssl_)
        return Step::Closed;
    ERR_clear_error();
    const int result = SSL_do_handshake(ssl_);
    return result == 1 ? Step::Done : stepOf(result);
}

TlsConnection::Step TlsConnection::read(std::string& into, std::size_t most) {
    if (!ssl_)
        return Step::Closed;
    char buffer[16384];
    std::size_t taken = 0;
    while (taken < most) {
        ERR_clear_error();
        const int want = static_cast<int>(std::min(sizeof buffer, most - taken));
        const int got = SSL_read(ssl_, buffer, want);
        if (got <= 0)
            return stepOf(got);
        into.append(buffer, static_cast<std::size_t>(got));
        taken += static_cast<std::size_t>(got);
    }
    return Step::Done;
}

bool TlsConnection::writeAll(const std::string& data, Poco::Timespan stall) {
    std::size_t sent = 0;
    while (ssl_ && sent < data.size()) {
        ERR_clear_error();
        const int chunk = static_cast<int>(std::min<std::size_t>(data.size() - sent, 1 << 20));
        const int wrote = SSL_write(ssl_, data.data() + sent, chunk);
        if (wrote > 0) {
            sent += static_cast<std::size_t>(wrote);
            continue;
        }
        const auto step = stepOf(wrote);
        if (step == Step::Closed)
            return false;
        const int mode = step == Step::WantRead ? Poco::Net::Socket::SELECT_READ
                                                : Poco::Net::Socket::SELECT_WRITE;
        if (!socket_.poll(stall, mode | Poco::Net::Socket::SELECT_ERROR))
            return false;  // the peer stopped reading
    }
    return ssl_ != nullptr;
}

bool TlsConnection::holdsUnread() const {
    return ssl_ && SSL_pending(ssl_) > 0;
}

TlsPeer TlsConnection::peer() const {
    TlsPeer out;
    if (!ssl_)
        return out;
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    X509* raw = SSL_get1_peer_certificate(ssl_);
#else
    X509* raw = SSL_get_peer_certificate(ssl_);
#endif
    if (!raw)
        return out;
    const Poco::Crypto::X509Certificate cert(raw);  // owns it from here
    out.subject = subjectOf(cert);
    out.fingerprint = sha256Fingerprint(cert);
    out.organisation = organisationOf(cert);
    return out;
}

void TlsConnection::close() {
    if (ssl_) {
        ERR_clear_error();
        SSL_shutdown(ssl_);  // one try: a non-blocking socket never waits for the reply
        SSL_free(ssl_);
        ssl_ = nullptr;
        ERR_clear_error();
    }
    try {
        socket_.close();
    } catch (const std::exception&) {
        // Already gone; nothing left to release.
    }
}

}  // namespace nmdt::integration
