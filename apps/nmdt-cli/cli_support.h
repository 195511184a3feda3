#pragma once
// What every nmdt-cli command file needs: the store named on the command line, unlocked,
// and options that must be given.

#include <memory>
#include <string>

#include "commands.h"
#include "storage/sqlcipher_store.h"

namespace nmdt::cli {

/// Opens the invocation's store with the passphrase from --passphrase-file,
/// NMDT_PASSPHRASE or a prompt.
std::unique_ptr<storage::SqlCipherStore> openStore(const Invocation& inv);
/// The value of --name; std::invalid_argument (a usage error) when missing or empty.
std::string required(const Invocation& inv, const std::string& name);

}  // namespace nmdt::cli
