// Archives and compressed files written in memory with libarchive's
// writer, for the container readers' tests: fixtures built at test time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace news::test {

enum class Compression { none, gzip, xz, zstd, bzip2 };

struct Member {
    std::string name;
    std::string bytes;
};

// A pax tar (or with `zip`, a zip) of `members`, compressed as asked.
std::string write_tar(const std::vector<Member>& members, Compression compression = Compression::none);
std::string write_zip(const std::vector<Member>& members);
// A zip of members encrypted with ZipCrypto, under a passphrase the reader
// does not have.
std::string write_encrypted_zip(const std::vector<Member>& members);
// `bytes` compressed, as gzip, xz, ... write a single file.
std::string compress(std::string_view bytes, Compression compression);
// A tar of one member `name` of `size` zero bytes, compressed with zstd
// (fast on zeros): a decompression bomb; `before` members come first.
std::string write_zero_bomb_tar(const std::vector<Member>& before, const std::string& name, uint64_t size);

}  // namespace news::test
