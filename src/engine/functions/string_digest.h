// The hash functions of hash_md5(), hash_sha1(), hash_sha256() and hash() / hash_xxhash64().
// Small own implementations (RFC 1321, FIPS 180-4, xxHash's XXH64 spec): a few hundred lines
// instead of a dependency on OpenSSL's libcrypto for three digests of short strings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace huntq::engine {

/// Lowercase hex digests.
std::string md5_hex(std::string_view data);
std::string sha1_hex(std::string_view data);
std::string sha256_hex(std::string_view data);

/// XXH64 with seed 0.
std::uint64_t xxhash64(std::string_view data, std::uint64_t seed = 0) noexcept;

}  // namespace huntq::engine
