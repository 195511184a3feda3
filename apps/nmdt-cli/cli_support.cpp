#include "cli_support.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <stdexcept>

#include "model/utf8_path.h"
#include "passphrase_input.h"

namespace nmdt::cli {

namespace {
std::optional<Actor> signedIn;
}

std::unique_ptr<storage::SqlCipherStore> openStore(const Invocation& inv,
                                                   const Passphrase* passphrase) {
    Passphrase typed = passphrase ? *passphrase
                                  : readPassphrase(inv.option("passphrase-file"), "NMDT_PASSPHRASE",
                                                   "Store passphrase");
    std::optional<std::string> user = inv.option("as");
    if (!user)
        if (const char* env = std::getenv("NMDT_USER"); env && *env)
            user = env;
    if (!user) {
        if (storage::SqlCipherStore::hasKeySlots(inv.store))
            throw std::invalid_argument(
                "this store's people sign in as themselves: give --as USERNAME (or NMDT_USER)");
        return storage::SqlCipherStore::open(inv.store, typed);  // keyed by one passphrase
    }
    storage::SqlCipherStoreProvider provider;
    SignedIn in = provider.signIn(inv.store, Credentials{*user, typed});
    auto person = in.store->professional(in.person);
    signedIn = Actor{person->id, person->name, person->role, person->organisationId};
    if (in.newRecoveryKey)
        std::cerr << "This store now has key slots; its recovery key is:\n\n    "
                  << *in.newRecoveryKey
                  << "\n\nWrite it down and keep it locked away: it opens the store if every "
                     "administrator forgets their passphrase, and is shown only now.\n";
    return std::unique_ptr<storage::SqlCipherStore>(
        static_cast<storage::SqlCipherStore*>(in.store.release()));
}

std::optional<Actor> signedInActor() {
    return signedIn;
}

std::string required(const Invocation& inv, const std::string& name) {
    auto v = inv.option(name);
    if (!v || v->empty())
        throw std::invalid_argument(inv.command + " needs --" + name);
    return *v;
}

void writeWhole(const std::string& path, const std::string& text) {
    const std::string partial = path + ".partial";
    {
        std::ofstream out(pathFromUtf8(partial), std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) {
            std::filesystem::remove(pathFromUtf8(partial));
            throw std::runtime_error("could not write " + path + " (is the disk full?)");
        }
    }
    std::filesystem::rename(pathFromUtf8(partial), pathFromUtf8(path));
}

}  // namespace nmdt::cli
