#pragma once
// SHA-256 (FIPS 180-4), for the audit trail's hash chain. Plain C++ so the model can
// define the chain without depending on a crypto library.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace nmdt {

/// Incremental SHA-256.
class Sha256 {
  public:
    Sha256();
    void update(std::string_view data);
    std::array<std::uint8_t, 32> finish();

  private:
    void block(const std::uint8_t* p);
    std::array<std::uint32_t, 8> h_;
    std::array<std::uint8_t, 64> buffer_{};
    std::size_t used_ = 0;
    std::uint64_t length_ = 0;
};

/// Lower-case hex SHA-256 of `data`.
std::string sha256Hex(std::string_view data);

}  // namespace nmdt
