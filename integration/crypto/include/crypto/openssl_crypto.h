#pragma once
// The model's Crypto port on OpenSSL 3 (libcrypto): SHA-256, HMAC, scrypt and PBKDF2,
// AES-256-GCM and the system random source.

#include "model/crypto.h"

namespace nmdt::crypto {

/// Crypto from OpenSSL. Stateless, so one instance serves every thread.
class OpenSslCrypto final : public Crypto {
  public:
    std::string sha256(std::string_view data) const override;
    std::string hmacSha256(std::string_view key, std::string_view data) const override;
    SecretBytes deriveKey(std::string_view secret, std::string_view salt, const KdfParams& params,
                          std::size_t length) const override;
    std::string seal(const SecretBytes& key, std::string_view plaintext,
                     std::string_view associated) const override;
    std::optional<SecretBytes> unseal(const SecretBytes& key, std::string_view sealed,
                                      std::string_view associated) const override;
    std::string randomBytes(std::size_t count) const override;
};

/// The process's one OpenSslCrypto.
const Crypto& openSsl();

}  // namespace nmdt::crypto
