// nmdt-hub-bench: what a crowd of idle connections and a very large push cost a real
// nmdt-hub on loopback: /v1/health latency with 200 idle connections held beside it without
// them (same run), the hub's memory for those connections, and its peak memory while it
// reads a 30 MiB push. Linux (reads the hub's memory from /proc).
//
// Usage: nmdt-hub-bench [--idle N] [--samples N]
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>
#include <vector>

#include "child_process.h"

namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

namespace {

/// Runs a program to its end; throws with its output when it fails.
std::string run(const std::string& program, const std::vector<std::string>& args) {
    auto result = nmdt::test::runProgram(program, args);
    if (result.exitCode != 0)
        throw std::runtime_error("failed: " + program + "\n" + result.output);
    return result.output;
}

/// A figure from /proc/<pid>/status, in MiB ("VmRSS", "VmHWM").
double memoryMiB(int pid, const std::string& field) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind(field + ":", 0) == 0)
            return std::stod(line.substr(field.size() + 1)) / 1024.0;
    return -1;
}

int hubPid(const std::string& configPath) {
    const auto out = run("/usr/bin/pgrep", {"-f", "--", "--config=" + configPath});
    return std::atoi(out.c_str());
}

struct Latency {
    double median = 0, worst = 0;
};

/// GET /v1/health on a new TLS connection each time, as a desktop's run starts.
Latency health(const Poco::Net::Context::Ptr& ctx, unsigned short port, int samples) {
    std::vector<double> ms;
    for (int i = 0; i < samples; ++i) {
        const auto t = Steady::now();
        Poco::Net::HTTPSClientSession session("localhost", port, ctx);
        session.setTimeout(Poco::Timespan(30, 0));
        Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_GET, "/v1/health",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
        session.sendRequest(req);
        Poco::Net::HTTPResponse resp;
        std::string body;
        Poco::StreamCopier::copyToString(session.receiveResponse(resp), body);
        if (resp.getStatus() != 200)
            throw std::runtime_error("health answered " + std::to_string(resp.getStatus()));
        ms.push_back(std::chrono::duration<double, std::milli>(Steady::now() - t).count());
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.back()};
}

/// Posts `body` to /v1/push; returns the status.
int post(const Poco::Net::Context::Ptr& ctx, unsigned short port, const std::string& body) {
    Poco::Net::HTTPSClientSession session("localhost", port, ctx);
    session.setTimeout(Poco::Timespan(120, 0));
    Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, "/v1/push",
                               Poco::Net::HTTPMessage::HTTP_1_1);
    req.setContentType("application/json");
    req.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(req) << body;
    Poco::Net::HTTPResponse resp;
    std::string answer;
    Poco::StreamCopier::copyToString(session.receiveResponse(resp), answer);
    return resp.getStatus();
}

/// A push body of `count` envelopes of the wire's shape, `cipherBytes` of base64 each
/// (their signatures are not real: the hub reads them all, then refuses the first).
std::string pushBody(std::size_t count, std::size_t cipherBytes) {
    const std::string cipher(cipherBytes, 'A');
    std::string body = R"({"team":"t","site":"s","from":0,"through":1,"envelopes":[)";
    for (std::size_t i = 0; i < count; ++i) {
        if (i)
            body += ",";
        body += R"({"team":"t","site":"s","from":0,"through":1,"part":)" + std::to_string(i) +
                R"(,"keyId":"k","audience":["o"],"nonce":"AAAAAAAAAAAAAAAA",)"
                R"("tag":"AAAAAAAAAAAAAAAAAAAAAA==","signer":"x","signature":"AAAA",)"
                R"("ciphertext":")" +
                cipher + "\"}";
    }
    return body + "]}";
}

}  // namespace

int main(int argc, char** argv) {
    int idle = 200, samples = 50;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::string(argv[i]) == "--idle")
            idle = std::atoi(argv[i + 1]);
        if (std::string(argv[i]) == "--samples")
            samples = std::atoi(argv[i + 1]);
    }
    char tmpl[] = "/tmp/nmdt-hub-bench-XXXXXX";
    const fs::path dir = mkdtemp(tmpl);
    run("/bin/bash", {NMDT_CERT_SCRIPT, (dir / "pki").string(), "localhost", "d0:org-bench"});
    const unsigned short port = static_cast<unsigned short>(20000 + std::random_device{}() % 20000);
    const auto config = (dir / "hub.properties").string();
    {
        std::ofstream cfg(config);
        cfg << "hub.host=127.0.0.1\nhub.port=" << port
            << "\nhub.certificate=" << (dir / "pki/hub.pem").string()
            << "\nhub.privateKey=" << (dir / "pki/hub.key").string()
            << "\nhub.ca=" << (dir / "pki/ca.pem").string()
            << "\nhub.dataDirectory=" << (dir / "hub").string()
            << "\nhub.requestsPerMinute=1000000\nhub.maxConnectionsPerAddress=1000\n"
            << "hub.idleTimeoutMs=600000\nhub.handshakeTimeoutMs=600000\n";
    }
    nmdt::test::ChildProcess hub(NMDT_HUB_PATH, {"--config=" + config});
    for (std::string line; std::getline(hub.output(), line);)
        if (line.find("listening") != std::string::npos)
            break;
    std::thread drain([out = &hub.output()] {
        for (char c; out->get(c);) {
        }
    });
    const int pid = hubPid(config);
    Poco::Net::Context::Ptr ctx =
        new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, (dir / "pki/d0.key").string(),
                               (dir / "pki/d0.pem").string(), (dir / "pki/ca.pem").string(),
                               Poco::Net::Context::VERIFY_RELAXED);

    health(ctx, port, 5);  // warm up
    const auto quiet = health(ctx, port, samples);
    const double rssQuiet = memoryMiB(pid, "VmRSS");
    std::vector<Poco::Net::StreamSocket> crowd;
    const char halfHello[] = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01};
    for (int i = 0; i < idle; ++i) {
        crowd.emplace_back(Poco::Net::SocketAddress("127.0.0.1", port));
        if (i % 2)
            crowd.back().sendBytes(halfHello, sizeof halfHello);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const auto crowded = health(ctx, port, samples);
    const double rssCrowded = memoryMiB(pid, "VmRSS");
    crowd.clear();

    std::cout << "/v1/health, new TLS connection each (median / worst of " << samples << "):\n"
              << "  alone:                   " << quiet.median << " ms / " << quiet.worst << " ms\n"
              << "  beside " << idle << " idle connections: " << crowded.median << " ms / "
              << crowded.worst << " ms (median ratio " << crowded.median / quiet.median << ")\n"
              << "hub resident memory: " << rssQuiet << " MiB, with the idle connections "
              << rssCrowded << " MiB\n";

    const double peakBefore = memoryMiB(pid, "VmHWM");
    const auto big = pushBody(900, 34 * 1024);
    const int bigStatus = post(ctx, port, big);
    const double peakBig = memoryMiB(pid, "VmHWM");
    const auto many = pushBody(150000, 4);
    const int manyStatus = post(ctx, port, many);
    const double peakMany = memoryMiB(pid, "VmHWM");
    std::cout << "peak memory before the pushes: " << peakBefore << " MiB\n"
              << "a " << big.size() / (1024 * 1024) << " MiB push of 900 envelopes (answered "
              << bigStatus << "): peak " << peakBig << " MiB\n"
              << "a " << many.size() / (1024 * 1024)
              << " MiB push of 150,000 small envelopes (answered " << manyStatus << "): peak "
              << peakMany << " MiB\n";
    hub.requestStop();
    hub.wait();
    drain.join();
    fs::remove_all(dir);
    return 0;
}
