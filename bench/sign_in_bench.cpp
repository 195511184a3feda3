// nmdt-sign-in-bench: what signing in costs. The key derivation of one attempt (scrypt at the
// parameters new key slots get), a whole sign-in through a key slot (derivation, unsealing,
// opening the store and checking its slots), and, for the ratio, opening the same store with
// its raw key and no slot at all.
//
//   nmdt-sign-in-bench [--attempts N]
//
// Makes its own store in a temporary folder (a neighbourhood of one organisation and its
// administrator). Prints median and 95th percentile of each.

#include <algorithm>
#include <chrono>
#include <functional>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "crypto/openssl_crypto.h"
#include "model/directory_service.h"
#include "storage/sqlcipher_store.h"
#include "test_support.h"

using namespace nmdt;
using Stopwatch = std::chrono::steady_clock;

namespace {

struct Timing {
    double median = 0, p95 = 0;
};

Timing measure(int attempts, const std::function<void()>& op) {
    std::vector<double> ms;
    for (int i = 0; i < attempts; ++i) {
        auto start = Stopwatch::now();
        op();
        ms.push_back(std::chrono::duration<double, std::milli>(Stopwatch::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) {
        return ms[std::min(ms.size() - 1,
                           static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
    };
    return {at(0.5), at(0.95)};
}

void row(const std::string& what, const Timing& t) {
    std::cout << std::left << std::setw(52) << what << std::right << std::fixed
              << std::setprecision(1) << std::setw(10) << t.median << std::setw(10) << t.p95
              << "\n";
}

}  // namespace

int main(int argc, char** argv) {
    int attempts = 10;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--attempts")
            attempts = std::max(1, std::stoi(argv[i + 1]));
    test::TempDir dir;
    const std::string path = dir.file("bench.nmdt");
    const KdfParams kdf = KdfParams::standard();
    storage::SqlCipherStoreProvider provider(nullptr, kdf);
    const Passphrase pass("a benchmark passphrase 2026");
    auto in = provider.create(path, {"bench.admin", pass}, [](OpenStore& s) {
        SystemClock clock;
        auto ids = makeRandomIdSource();
        Organisation org{{}, "Bench Surgery", OrganisationKind::GpPractice, "Y00001"};
        Professional admin;
        admin.name = "Bench Admin";
        admin.username = "bench.admin";
        return DirectoryService(ServiceContext{s, clock, *ids, Actor{}})
            .setUpNeighbourhood(org, admin);
    });
    auto reopen = in.store->connector();
    in.store.reset();

    std::cout << "scrypt N=" << kdf.cost << " r=" << kdf.blockSize << " p=" << kdf.parallelism
              << ", " << attempts << " attempts\n";
    std::cout << std::left << std::setw(52) << "operation" << std::right << std::setw(10)
              << "median ms" << std::setw(10) << "p95 ms"
              << "\n";
    const Crypto& crypto = crypto::openSsl();
    row("key derivation (one attempt)", measure(attempts, [&] {
            (void)crypto.deriveKey(pass.reveal(), "0123456789abcdef", kdf, Crypto::kKeyBytes);
        }));
    row("sign-in through a key slot (right passphrase)", measure(attempts, [&] {
            provider.signIn(path, {"bench.admin", pass});
        }));
    row("sign-in refused (wrong passphrase)", measure(attempts, [&] {
            try {
                provider.signIn(path, {"bench.admin", Passphrase("not the benchmark one")});
            } catch (const StoreError&) {
            }
        }));
    row("sign-in refused (no such user: decoy derivation)", measure(attempts, [&] {
            try {
                provider.signIn(path, {"nobody.at.all", pass});
            } catch (const StoreError&) {
            }
        }));
    row("open with the raw key, no slot (the floor)", measure(attempts, [&] { reopen(); }));
    return 0;
}
