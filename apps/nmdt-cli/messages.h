#pragma once
// Plain-English wording of the model's and the store's codes for the command line.

#include <string>

#include "model/error.h"
#include "model/passphrase.h"
#include "model/store_error.h"

namespace nmdt::cli {

std::string describe(const StoreError& error);
std::string describe(const DomainError& error);
std::string describe(PassphraseVerdict verdict);

}  // namespace nmdt::cli
