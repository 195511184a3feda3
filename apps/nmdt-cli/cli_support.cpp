#include "cli_support.h"

#include <stdexcept>

#include "passphrase_input.h"

namespace nmdt::cli {

std::unique_ptr<storage::SqlCipherStore> openStore(const Invocation& inv) {
    return storage::SqlCipherStore::open(
        inv.store,
        readPassphrase(inv.option("passphrase-file"), "NMDT_PASSPHRASE", "Store passphrase"));
}

std::string required(const Invocation& inv, const std::string& name) {
    auto v = inv.option(name);
    if (!v || v->empty())
        throw std::invalid_argument(inv.command + " needs --" + name);
    return *v;
}

}  // namespace nmdt::cli
