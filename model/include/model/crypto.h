#pragma once
// The cryptography the model relies on (hashing, key derivation, authenticated encryption,
// randomness) as a port: nothing here is written by hand; integration/crypto provides it
// from OpenSSL.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace nmdt {

/// Bytes that hold a secret (a key): zeroed when they go away, never printed.
class SecretBytes {
  public:
    SecretBytes() = default;
    explicit SecretBytes(std::string bytes) : bytes_(std::move(bytes)) {}
    SecretBytes(const SecretBytes&) = default;
    SecretBytes& operator=(const SecretBytes& other);
    ~SecretBytes() { wipe(); }

    std::string_view reveal() const { return bytes_; }
    /// For a library to write a key into (size it with SecretBytes(std::string(n, '\0'))).
    unsigned char* writable() { return reinterpret_cast<unsigned char*>(bytes_.data()); }
    std::size_t size() const { return bytes_.size(); }
    bool empty() const { return bytes_.empty(); }
    void wipe();

  private:
    std::string bytes_;
};

/// Which slow key derivation a passphrase goes through.
enum class KdfAlgorithm { Scrypt, Pbkdf2Sha512 };

/// Parameters of a key derivation, kept with what it protects so they can be raised later.
struct KdfParams {
    KdfAlgorithm algorithm = KdfAlgorithm::Scrypt;
    std::uint64_t cost = 1u << 17;  // scrypt N (a power of two), or PBKDF2 iterations
    std::uint32_t blockSize = 8;    // scrypt r
    std::uint32_t parallelism = 1;  // scrypt p

    /// OWASP's minimum for scrypt (N=2^17, r=8, p=1: 128 MiB, about 0.4 s here).
    static KdfParams standard() { return {}; }
};

/// A failure of the cryptographic library itself (no randomness, bad parameters).
class CryptoError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Hashing, key derivation, sealing and randomness from a vetted library.
class Crypto {
  public:
    virtual ~Crypto() = default;
    static constexpr std::size_t kKeyBytes = 32;

    /// SHA-256 of `data`, 32 raw bytes.
    virtual std::string sha256(std::string_view data) const = 0;
    /// HMAC-SHA-256 of `data` under `key`, 32 raw bytes.
    virtual std::string hmacSha256(std::string_view key, std::string_view data) const = 0;
    /// A key of `length` bytes from a passphrase (or any secret) and a salt.
    virtual SecretBytes deriveKey(std::string_view secret, std::string_view salt,
                                  const KdfParams& params, std::size_t length) const = 0;
    /// AES-256-GCM under a 32-byte key with a fresh random nonce: nonce, ciphertext, tag.
    /// `associated` is authenticated but not encrypted.
    virtual std::string seal(const SecretBytes& key, std::string_view plaintext,
                             std::string_view associated) const = 0;
    /// The plaintext of `sealed`, or nullopt if the key, the bytes or `associated` differ.
    virtual std::optional<SecretBytes> unseal(const SecretBytes& key, std::string_view sealed,
                                              std::string_view associated) const = 0;
    /// Bytes from the system's cryptographic random source; throws CryptoError if it fails.
    virtual std::string randomBytes(std::size_t count) const = 0;
};

/// Lower-case hex of raw bytes, and back (nullopt if not even-length hex).
std::string toHex(std::string_view bytes);
std::optional<std::string> fromHex(std::string_view hex);

/// Lower-case hex SHA-256 of `data`.
std::string sha256Hex(const Crypto& crypto, std::string_view data);

/// True if two byte strings are equal, taking the same time wherever they differ.
bool constantTimeEqual(std::string_view a, std::string_view b);

}  // namespace nmdt
