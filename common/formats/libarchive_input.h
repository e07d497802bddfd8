// libarchive over bytes in memory, for the container readers: the filters
// and formats we allow (no external programs), and reading an entry's data
// block by block against the expansion budget.
#pragma once

#include "formats/container_reader.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

namespace news {

class LibarchiveInput {
public:
    enum class Formats {
        archives,  // tar and zip, or a compressed file as one raw entry
        raw,       // the decompressed bytes only (a WARC)
    };
    LibarchiveInput(std::string_view bytes, Formats formats);
    ~LibarchiveInput();
    LibarchiveInput(const LibarchiveInput&) = delete;
    LibarchiveInput& operator=(const LibarchiveInput&) = delete;

    // False when libarchive could not start reading (error() says why).
    [[nodiscard]] bool opened() const { return archive_ != nullptr && opened_; }
    [[nodiscard]] archive* get() const { return archive_; }
    // libarchive's last message, or `fallback` when it has none.
    [[nodiscard]] std::string error(std::string_view fallback = "damaged data") const;
    // Whether the bytes went through a decompression filter (gzip, xz, ...).
    [[nodiscard]] bool decompressed() const;
    // Whether libarchive read the bytes as a raw stream (not tar or zip).
    [[nodiscard]] bool raw() const;

private:
    archive* archive_;
    bool opened_ = true;
};

// How reading an entry's data ended.
enum class DataEnd {
    complete,
    stopped,      // consume() said so
    over_budget,  // the container expanded past its bound: stop reading it
    failed,       // this entry is unreadable (encrypted, bad data); the next may be read
    fatal,        // truncated or corrupt: nothing more can be read
};

// Reads the current entry's data, block by block, into `consume(block)`
// (which returns false to stop), each block counted against `budget` first.
template <typename Consume>
DataEnd read_entry_data(const LibarchiveInput& input, ExpansionBudget& budget, Consume&& consume) {
    const void* block = nullptr;
    size_t size = 0;
    la_int64_t offset = 0;
    uint64_t at = 0;
    while (true) {
        const int status = archive_read_data_block(input.get(), &block, &size, &offset);
        if (status == ARCHIVE_EOF) return DataEnd::complete;
        if (status == ARCHIVE_FAILED || status == ARCHIVE_RETRY) return DataEnd::failed;
        if (status < ARCHIVE_WARN) return DataEnd::fatal;
        // A sparse member's holes are zeros.
        if (offset < 0 || static_cast<uint64_t>(offset) < at) return DataEnd::failed;
        const auto block_at = static_cast<uint64_t>(offset);
        static constexpr char kZeros[4096] = {};
        while (at < block_at) {
            const size_t hole = static_cast<size_t>(std::min<uint64_t>(sizeof kZeros, block_at - at));
            if (!budget.take(hole)) return DataEnd::over_budget;
            if (!consume(std::string_view(kZeros, hole))) return DataEnd::stopped;
            at += hole;
        }
        if (!budget.take(size)) return DataEnd::over_budget;
        if (!consume(std::string_view(static_cast<const char*>(block), size))) return DataEnd::stopped;
        at += size;
    }
}

// The current entry's data into `out`; DataEnd::stopped when it would pass
// `cap` bytes.
inline DataEnd read_entry_into(const LibarchiveInput& input, ExpansionBudget& budget, std::string& out,
                               uint64_t cap = kMaxMemberBytes) {
    return read_entry_data(input, budget, [&](std::string_view block) {
        if (out.size() + block.size() > cap) return false;
        out.append(block);
        return true;
    });
}

}  // namespace news
