#include "crypto/openssl_crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <limits>
#include <memory>

namespace nmdt::crypto {

namespace {

constexpr std::size_t kNonceBytes = 12;
constexpr std::size_t kTagBytes = 16;

const unsigned char* bytes(std::string_view s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}

int intSize(std::size_t n) {
    if (n > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        throw CryptoError("input too large");
    return static_cast<int>(n);
}

struct CipherContextFree {
    void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, CipherContextFree>;

CipherContext gcmContext(const SecretBytes& key, std::string_view nonce, bool encrypt) {
    if (key.size() != Crypto::kKeyBytes)
        throw CryptoError("AES-256-GCM needs a 32-byte key");
    CipherContext ctx(EVP_CIPHER_CTX_new());
    if (!ctx ||
        EVP_CipherInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr, encrypt) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()),
                            nullptr) != 1 ||
        EVP_CipherInit_ex(ctx.get(), nullptr, nullptr, bytes(key.reveal()), bytes(nonce),
                          encrypt) != 1)
        throw CryptoError("AES-256-GCM could not be set up");
    return ctx;
}

}  // namespace

std::string OpenSslCrypto::sha256(std::string_view data) const {
    std::string out(32, '\0');
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(out.data()), &length,
                   EVP_sha256(), nullptr) != 1 ||
        length != out.size())
        throw CryptoError("SHA-256 failed");
    return out;
}

std::string OpenSslCrypto::hmacSha256(std::string_view key, std::string_view data) const {
    std::string out(32, '\0');
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), key.data(), intSize(key.size()), bytes(data), data.size(),
              reinterpret_cast<unsigned char*>(out.data()), &length) ||
        length != out.size())
        throw CryptoError("HMAC-SHA-256 failed");
    return out;
}

SecretBytes OpenSslCrypto::deriveKey(std::string_view secret, std::string_view salt,
                                     const KdfParams& params, std::size_t length) const {
    SecretBytes key(std::string(length, '\0'));
    unsigned char* out = key.writable();
    int ok = 0;
    if (params.algorithm == KdfAlgorithm::Scrypt) {
        // Room for scrypt's 128*N*r bytes and its other buffers.
        std::uint64_t maxMemory =
            128u * params.cost * params.blockSize * params.parallelism + (16u << 20);
        ok = EVP_PBE_scrypt(secret.data(), secret.size(), bytes(salt), salt.size(), params.cost,
                            params.blockSize, params.parallelism, maxMemory, out, length);
    } else {
        if (params.cost > static_cast<std::uint64_t>(std::numeric_limits<int>::max()))
            throw CryptoError("PBKDF2 iteration count too large");
        ok = PKCS5_PBKDF2_HMAC(secret.data(), intSize(secret.size()), bytes(salt),
                               intSize(salt.size()), static_cast<int>(params.cost), EVP_sha512(),
                               intSize(length), out);
    }
    if (ok != 1)
        throw CryptoError("key derivation failed (parameters refused or out of memory)");
    return key;
}

std::string OpenSslCrypto::seal(const SecretBytes& key, std::string_view plaintext,
                                std::string_view associated) const {
    std::string nonce = randomBytes(kNonceBytes);
    auto ctx = gcmContext(key, nonce, true);
    std::string out = nonce;
    out.resize(kNonceBytes + plaintext.size() + kTagBytes);
    auto* body = reinterpret_cast<unsigned char*>(out.data()) + kNonceBytes;
    int n = 0;
    int tail = 0;
    if (EVP_EncryptUpdate(ctx.get(), nullptr, &n, bytes(associated), intSize(associated.size())) !=
            1 ||
        EVP_EncryptUpdate(ctx.get(), body, &n, bytes(plaintext), intSize(plaintext.size())) != 1 ||
        EVP_EncryptFinal_ex(ctx.get(), body + n, &tail) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagBytes),
                            body + plaintext.size()) != 1)
        throw CryptoError("AES-256-GCM sealing failed");
    return out;
}

std::optional<SecretBytes> OpenSslCrypto::unseal(const SecretBytes& key, std::string_view sealed,
                                                 std::string_view associated) const {
    if (sealed.size() < kNonceBytes + kTagBytes)
        return std::nullopt;
    auto ctx = gcmContext(key, sealed.substr(0, kNonceBytes), false);
    std::string_view body = sealed.substr(kNonceBytes, sealed.size() - kNonceBytes - kTagBytes);
    std::string tag(sealed.substr(sealed.size() - kTagBytes));
    SecretBytes plain(std::string(body.size(), '\0'));
    unsigned char* out = plain.writable();
    int n = 0;
    int tail = 0;
    if (EVP_DecryptUpdate(ctx.get(), nullptr, &n, bytes(associated), intSize(associated.size())) !=
            1 ||
        EVP_DecryptUpdate(ctx.get(), out, &n, bytes(body), intSize(body.size())) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagBytes),
                            tag.data()) != 1)
        return std::nullopt;
    if (EVP_DecryptFinal_ex(ctx.get(), out + n, &tail) != 1)
        return std::nullopt;  // the tag does not match: wrong key, altered bytes or context
    return plain;
}

std::string OpenSslCrypto::randomBytes(std::size_t count) const {
    std::string out(count, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), intSize(count)) != 1)
        throw CryptoError("the system's random source failed");
    return out;
}

const Crypto& openSsl() {
    static const OpenSslCrypto instance;
    return instance;
}

}  // namespace nmdt::crypto
