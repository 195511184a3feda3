#pragma once
// What every nmdt-cli command file needs: the store named on the command line, unlocked,
// and options that must be given.

#include <memory>
#include <string>

#include "commands.h"
#include "storage/sqlcipher_store.h"

namespace nmdt::cli {

/// Signs in to the invocation's store as --as (or NMDT_USER) with the passphrase from
/// --passphrase-file, NMDT_PASSPHRASE or a prompt (or `passphrase`, already read). A store
/// keyed by one passphrase (made before key slots) opens without a user.
std::unique_ptr<storage::SqlCipherStore> openStore(const Invocation& inv,
                                                   const Passphrase* passphrase = nullptr);
/// Who signed in through openStore, if anyone did.
std::optional<Actor> signedInActor();
/// Writes `text` beside `path` and renames it into place, so an interrupted write never
/// leaves half a file; std::runtime_error (saying the disk may be full) if it cannot.
void writeWhole(const std::string& path, const std::string& text);
/// The value of --name; std::invalid_argument (a usage error) when missing or empty.
std::string required(const Invocation& inv, const std::string& name);

}  // namespace nmdt::cli
