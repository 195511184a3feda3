#include "hub_front_door.h"

#include <Poco/Net/DatagramSocket.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/URI.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <deque>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include "hub_service.h"
#include "platform/socket_poll.h"
#include "tls_connection.h"

namespace nmdt::integration {

namespace {
using Clock = std::chrono::steady_clock;

/// Where a connection is in its life; Busy ones are with a worker, not the door.
enum class Phase { Handshake, Head, Body, Drain, Busy };

struct Connection {
    std::unique_ptr<TlsConnection> tls;
    std::string address;
    Phase phase = Phase::Handshake;
    TlsPeer peer;
    std::string buffer;         // read and not yet used
    std::size_t remaining = 0;  // body bytes still to come (Body, Drain)
    HubRequest request;
    std::optional<HubResponse> refusal;
    bool keepAlive = true;
    Clock::time_point deadline;
    // For the request log: what was asked, how big, since when.
    std::string method, path;
    std::size_t bodyBytes = 0;
    Clock::time_point started;
};
using ConnectionPtr = std::shared_ptr<Connection>;

enum class Progress { NeedMore, Dispatched, Dropped };

std::string formatResponse(const HubResponse& response, bool keepAlive) {
    std::string out =
        "HTTP/1.1 " + std::to_string(response.status) + " " +
        Poco::Net::HTTPResponse::getReasonForStatus(
            static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status)) +
        "\r\nContent-Type: application/json\r\nContent-Length: " +
        std::to_string(response.body.size()) +
        (keepAlive ? "\r\nConnection: Keep-Alive\r\n\r\n" : "\r\nConnection: close\r\n\r\n");
    out += response.body;
    return out;
}

HubResponse plainError(int status, const std::string& message) {
    return errorResponse(status, message);
}
}  // namespace

struct HubFrontDoor::Impl {
    Impl(Poco::Net::Context::Ptr ctx, const Poco::Net::SocketAddress& address, FrontDoorLimits l,
         FrontDoorHandler& h)
        : context(std::move(ctx)), limits(l), handler(h), listener(address, 128) {
        listener.setBlocking(false);
        wake.bind(Poco::Net::SocketAddress("127.0.0.1", 0));
        wake.setBlocking(false);
    }

    Poco::Net::Context::Ptr context;
    FrontDoorLimits limits;
    FrontDoorHandler& handler;
    Poco::Net::ServerSocket listener;
    Poco::Net::DatagramSocket wake;  // a byte here interrupts the door's poll
    std::mutex wakeSendMutex;
    Poco::Net::DatagramSocket wakeSender;

    std::atomic<bool> running{false};
    std::thread door;
    std::vector<std::thread> workers;

    // The door's own: touched by its thread only.
    static constexpr int kRead = 1, kWrite = 2;
    std::map<poco_socket_t, int> watching;  // what each held connection waits for
    std::map<poco_socket_t, ConnectionPtr> held;

    std::mutex queueMutex;
    std::condition_variable queueReady;
    std::deque<ConnectionPtr> work;      // complete requests, for the workers
    std::deque<ConnectionPtr> returned;  // kept-alive connections, back to the door
    bool stopping = false;

    std::mutex countMutex;
    std::map<std::string, std::size_t> perAddress;
    std::size_t total = 0;

    // ---- counting -------------------------------------------------------------------
    bool admit(const std::string& address) {
        std::lock_guard lock(countMutex);
        auto& n = perAddress[address];
        if (n >= limits.maxConnectionsPerAddress || total >= limits.maxConnections) {
            if (n == 0)
                perAddress.erase(address);
            return false;
        }
        ++n;
        ++total;
        return true;
    }
    void release(const std::string& address) {
        std::lock_guard lock(countMutex);
        if (auto it = perAddress.find(address); it != perAddress.end() && --it->second == 0)
            perAddress.erase(it);
        --total;
    }
    void finish(const ConnectionPtr& c) {
        c->tls->close();
        release(c->address);
    }

    RequestRecord recordOf(const Connection& c, std::string event) const {
        RequestRecord r;
        r.event = std::move(event);
        r.address = c.address;
        r.organisation = c.peer.organisation;
        r.fingerprint = c.peer.fingerprint;
        r.method = c.method;
        r.path = c.path;
        r.requestBytes = c.bodyBytes;
        r.milliseconds =
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - c.started).count();
        return r;
    }

    /// Lets go of a connection that ran out of time, saying at which stage.
    void expireOne(const ConnectionPtr& c) {
        const char* why = nullptr;
        switch (c->phase) {
            case Phase::Handshake:
                why = "handshake-timeout";
                break;
            case Phase::Head:
                why = c->buffer.empty() ? nullptr : "headers-timeout";  // idle ends are normal
                break;
            default:
                why = "body-timeout";
        }
        if (why) {
            auto record = recordOf(*c, why);
            record.method.clear();
            handler.record(record);
        }
        drop(c);
    }

    // ---- the door's thread ---------------------------------------------------------
    void drop(const ConnectionPtr& c) {
        const auto fd = c->tls->socket().impl()->sockfd();
        unwatch(c);
        held.erase(fd);
        finish(c);
    }

    void watch(const ConnectionPtr& c, int mode) {
        watching[c->tls->socket().impl()->sockfd()] = mode;
    }

    void unwatch(const ConnectionPtr& c) { watching.erase(c->tls->socket().impl()->sockfd()); }

    void dispatch(const ConnectionPtr& c) {
        unwatch(c);
        held.erase(c->tls->socket().impl()->sockfd());
        c->phase = Phase::Busy;
        {
            std::lock_guard lock(queueMutex);
            work.push_back(c);
        }
        queueReady.notify_one();
    }

    void refuse(const ConnectionPtr& c, HubResponse response) {
        c->refusal = std::move(response);
        c->keepAlive = false;
        dispatch(c);
    }

    Progress consumeHead(const ConnectionPtr& c) {
        const auto end = c->buffer.find("\r\n\r\n");
        if (end == std::string::npos) {
            if (c->buffer.size() > limits.maxHeadBytes) {
                refuse(c, plainError(431, "the request's headers are longer than the hub reads"));
                return Progress::Dispatched;
            }
            return Progress::NeedMore;
        }
        Poco::Net::HTTPRequest head;
        try {
            std::istringstream in(c->buffer.substr(0, end + 4));
            head.read(in);
        } catch (const std::exception&) {
            refuse(c, plainError(400, "the request's line or headers could not be read"));
            return Progress::Dispatched;
        }
        c->buffer.erase(0, end + 4);
        if (head.getChunkedTransferEncoding()) {
            refuse(c, plainError(411, "a request body must announce its length"));
            return Progress::Dispatched;
        }
        HubRequest r;
        r.method = head.getMethod();
        try {
            Poco::URI uri(head.getURI());
            r.path = uri.getPath();
            r.query = uri.getRawQuery();
        } catch (const std::exception&) {
            refuse(c, plainError(400, "the request's address could not be read"));
            return Progress::Dispatched;
        }
        r.peerSubject = c->peer.subject;
        r.peerFingerprint = c->peer.fingerprint;
        r.peerOrganisation = c->peer.organisation;
        const auto length = head.hasContentLength() ? head.getContentLength64() : 0;
        if (length < 0) {
            refuse(c, plainError(400, "the request's length could not be read"));
            return Progress::Dispatched;
        }
        c->keepAlive = head.getKeepAlive();
        c->remaining = static_cast<std::size_t>(length);
        c->method = r.method;
        c->path = r.path;
        c->bodyBytes = c->remaining;
        if (auto refused = handler.beforeBody(r, c->remaining)) {
            c->refusal = std::move(refused->response);
            c->keepAlive = false;
            if (!refused->readBody || c->remaining == 0) {
                dispatch(c);
                return Progress::Dispatched;
            }
            c->phase = Phase::Drain;
        } else {
            c->request = std::move(r);
            c->phase = Phase::Body;
            c->buffer.reserve(c->remaining);  // one allocation, not a doubling series
        }
        c->deadline = Clock::now() + std::chrono::milliseconds(limits.bodyStallMs);
        return consume(c);
    }

    /// Uses what the buffer holds: a request's head, its body, or body to throw away.
    Progress consume(const ConnectionPtr& c) {
        switch (c->phase) {
            case Phase::Head:
                return consumeHead(c);
            case Phase::Body:
                if (c->buffer.size() < c->remaining)
                    return Progress::NeedMore;
                // Moved, not copied; a connection keeps no big buffer between requests.
                if (c->buffer.size() == c->remaining) {
                    c->request.body = std::move(c->buffer);
                    c->buffer = std::string();
                } else {
                    c->request.body = c->buffer.substr(0, c->remaining);
                    c->buffer = c->buffer.substr(c->remaining);
                }
                dispatch(c);
                return Progress::Dispatched;
            case Phase::Drain: {
                const auto n = std::min(c->buffer.size(), c->remaining);
                c->buffer.erase(0, n);
                c->remaining -= n;
                if (c->remaining > 0)
                    return Progress::NeedMore;
                dispatch(c);
                return Progress::Dispatched;
            }
            default:
                return Progress::NeedMore;
        }
    }

    /// Takes a connection as far as it can go without waiting.
    void advance(const ConnectionPtr& c) {
        if (c->phase == Phase::Handshake) {
            switch (c->tls->handshake()) {
                case TlsConnection::Step::Done:
                    c->peer = c->tls->peer();
                    c->phase = Phase::Head;
                    c->deadline = Clock::now() + std::chrono::milliseconds(limits.requestHeadMs);
                    break;
                case TlsConnection::Step::WantRead:
                    watch(c, kRead);
                    return;
                case TlsConnection::Step::WantWrite:
                    watch(c, kWrite);
                    return;
                case TlsConnection::Step::Closed:
                    handler.record(recordOf(*c, "handshake-refused"));
                    drop(c);
                    return;
            }
        }
        for (;;) {
            const auto progress = consume(c);
            if (progress == Progress::Dispatched)
                return;
            const bool wasIdle = c->phase == Phase::Head && c->buffer.empty();
            const auto before = c->buffer.size();
            std::size_t most = 64 * 1024;
            if (c->phase == Phase::Head)
                most = limits.maxHeadBytes + 1 - std::min(c->buffer.size(), limits.maxHeadBytes);
            else if (c->phase == Phase::Body)
                most = c->remaining - c->buffer.size();
            const auto step = c->tls->read(c->buffer, std::max<std::size_t>(most, 1));
            if (c->buffer.size() > before) {
                if (wasIdle) {  // a request has begun: its headers now have their own limit
                    c->started = Clock::now();
                    c->deadline = Clock::now() + std::chrono::milliseconds(limits.requestHeadMs);
                } else if (c->phase != Phase::Head)
                    c->deadline = Clock::now() + std::chrono::milliseconds(limits.bodyStallMs);
            }
            if (step == TlsConnection::Step::Closed) {
                drop(c);
                return;
            }
            if (step == TlsConnection::Step::Done)
                continue;  // took all it asked for; use it, then read on
            if (c->buffer.size() > before)
                continue;  // use what came, then wait
            watch(c, step == TlsConnection::Step::WantWrite ? kWrite : kRead);
            return;
        }
    }

    void accept() {
        Poco::Net::StreamSocket socket;
        Poco::Net::SocketAddress from;
        try {
            socket = listener.acceptConnection(from);
        } catch (const std::exception&) {
            return;  // gone before it was taken, or nothing waiting after all
        }
        const auto address = from.host().toString();
        if (!admit(address)) {
            socket.close();  // over its address's share: refused before any TLS work
            RequestRecord r;
            r.event = "connections-limit";
            r.address = address;
            handler.record(r);
            return;
        }
        auto c = std::make_shared<Connection>();
        c->address = address;
        try {
            c->tls = std::make_unique<TlsConnection>(socket, context->sslContext());
        } catch (const std::exception&) {
            socket.close();
            release(address);
            return;
        }
        c->started = Clock::now();
        c->deadline = Clock::now() + std::chrono::milliseconds(limits.handshakeMs);
        held[c->tls->socket().impl()->sockfd()] = c;
        advanceOrDrop(c);
    }

    void advanceOrDrop(const ConnectionPtr& c) {
        try {
            advance(c);
        } catch (const std::exception&) {
            if (held.count(c->tls->socket().impl()->sockfd()))
                drop(c);
        }
    }

    void takeReturned() {
        std::deque<ConnectionPtr> back;
        {
            std::lock_guard lock(queueMutex);
            back.swap(returned);
        }
        for (auto& c : back) {
            c->phase = Phase::Head;
            c->started = Clock::now();
            c->deadline = Clock::now() + std::chrono::milliseconds(limits.idleMs);
            held[c->tls->socket().impl()->sockfd()] = c;
            if (!c->buffer.empty() || c->tls->holdsUnread())
                advanceOrDrop(c);  // the next request came with the last: the socket shows nothing
            else
                watch(c, kRead);
        }
    }

    void expire() {
        const auto now = Clock::now();
        std::vector<ConnectionPtr> late;
        for (auto& [fd, c] : held)
            if (c->deadline <= now)
                late.push_back(c);
        for (auto& c : late)
            expireOne(c);
    }

    Poco::Timespan nextWait() const {
        auto wait = std::chrono::milliseconds(1000);
        const auto now = Clock::now();
        for (const auto& [fd, c] : held)
            wait = std::min(
                wait, std::chrono::duration_cast<std::chrono::milliseconds>(c->deadline - now) +
                          std::chrono::milliseconds(1));
        return Poco::Timespan(std::max<std::int64_t>(wait.count(), 0) * 1000);
    }

    void runDoor() {
        const auto listenerFd = listener.impl()->sockfd();
        const auto wakeFd = wake.impl()->sockfd();
        std::vector<SocketWait> waits;
        while (running) {
            waits.clear();
            waits.push_back({listenerFd, true, false});
            waits.push_back({wakeFd, true, false});
            for (const auto& [fd, mode] : watching)
                waits.push_back({fd, (mode & kRead) != 0, (mode & kWrite) != 0});
            if (!waitForSockets(waits, static_cast<int>(nextWait().totalMilliseconds())))
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            for (const auto& w : waits) {
                if (!w.readable && !w.writable)
                    continue;
                if (w.socket == listenerFd) {
                    accept();
                } else if (w.socket == wakeFd) {
                    char sink[64];
                    try {
                        while (wake.available() > 0)
                            wake.receiveBytes(sink, sizeof sink);
                    } catch (const std::exception&) {
                    }
                } else if (auto it = held.find(w.socket); it != held.end()) {
                    auto c = it->second;  // advance may forget it
                    advanceOrDrop(c);
                }
            }
            takeReturned();
            expire();
        }
        for (auto& [fd, c] : held)
            finish(c);
        held.clear();
        watching.clear();
    }

    // ---- workers ---------------------------------------------------------------------
    void wakeDoor() {
        std::lock_guard lock(wakeSendMutex);
        try {
            wakeSender.sendTo("w", 1, wake.address());
        } catch (const std::exception&) {
            // The door still looks round within a second.
        }
    }

    void runWorker() {
        for (;;) {
            ConnectionPtr c;
            {
                std::unique_lock lock(queueMutex);
                queueReady.wait(lock, [&] { return stopping || !work.empty(); });
                if (stopping)
                    return;
                c = std::move(work.front());
                work.pop_front();
            }
            HubResponse out;
            if (c->refusal) {
                out = *c->refusal;
            } else {
                try {
                    out = handler.answer(c->request);
                } catch (const std::exception& e) {
                    out = plainError(500, std::string("the hub could not answer: ") + e.what());
                }
            }
            const bool keep = c->keepAlive && !c->refusal && out.status != 400 && out.status != 413;
            const auto text = formatResponse(out, keep);
            const bool written =
                c->tls->writeAll(text, Poco::Timespan(limits.writeStallMs * 1000LL));
            auto record = recordOf(*c, written ? "answered" : "answer-not-taken");
            record.status = out.status;
            record.responseBytes = text.size();
            handler.record(record);
            c->request = HubRequest{};
            c->refusal.reset();
            if (written && keep && running) {
                {
                    std::lock_guard lock(queueMutex);
                    returned.push_back(std::move(c));
                }
                wakeDoor();
            } else {
                finish(c);
            }
        }
    }
};

HubFrontDoor::HubFrontDoor(Poco::Net::Context::Ptr context, const Poco::Net::SocketAddress& address,
                           FrontDoorLimits limits, FrontDoorHandler& handler)
    : impl_(new Impl(std::move(context), address, limits, handler)) {}

HubFrontDoor::~HubFrontDoor() {
    stop();
}

void HubFrontDoor::start() {
#ifdef SIGPIPE
    // TLS writes to a socket whose peer has gone would otherwise end the whole hub.
    std::signal(SIGPIPE, SIG_IGN);
#endif
    impl_->running = true;
    impl_->door = std::thread([this] { impl_->runDoor(); });
    for (int i = 0; i < std::max(1, impl_->limits.workers); ++i)
        impl_->workers.emplace_back([this] { impl_->runWorker(); });
}

void HubFrontDoor::stop() {
    if (!impl_->running.exchange(false))
        return;
    impl_->wakeDoor();
    if (impl_->door.joinable())
        impl_->door.join();
    {
        std::lock_guard lock(impl_->queueMutex);
        impl_->stopping = true;
    }
    impl_->queueReady.notify_all();
    for (auto& w : impl_->workers)
        if (w.joinable())
            w.join();
    impl_->workers.clear();
    for (auto& c : impl_->work)
        impl_->finish(c);
    for (auto& c : impl_->returned)
        impl_->finish(c);
    impl_->work.clear();
    impl_->returned.clear();
    impl_->listener.close();
}

unsigned short HubFrontDoor::port() const {
    return impl_->listener.address().port();
}

}  // namespace nmdt::integration
