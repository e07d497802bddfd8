// A sharded news-search database on disk: a folder holding Xapian's stub
// file (XAPIANDB, store/stub_database.h) and its shards, DB/shard-0,
// DB/shard-1, ... (a shard added with --add-shard may lie elsewhere and
// is listed by its absolute path).  Each shard is a whole news-search
// database; Xapian opens the folder as all of them at once.
#pragma once

#include "store/news_database.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace news::sharded_database {

// "shard-3": the name of a shard news-index made inside the database's folder.
std::string shard_name(size_t index);
bool is_shard_name(std::string_view name);

// DB/shard-<index>.
std::string shard_folder(const std::string& db_path, size_t index);

// The shard a file not yet in any shard goes to: XXH3 of its absolute
// path (as the catalogue stores it) modulo the number of shards, so every
// run puts it in the same one.
size_t shard_for_new_file(std::string_view absolute_path, size_t shard_count);

// The shards of the database at `db_path` as folders, in the stub's order,
// or nothing when it is not sharded (no XAPIANDB).  Throws UserError when
// the stub names a remote shard: news-index writes only local ones.
std::optional<std::vector<std::string>> local_shards(const std::string& db_path);

// The folder holds one plain Xapian database of its own (its version file).
bool holds_plain_database(const std::string& db_path);

// Turns the plain database at `db_path` into shard 0 of a sharded one: its
// files move into DB/shard-0.moving/, which is renamed DB/shard-0/, then
// the stub listing it (and `more_shards` after it) is written.  The caller
// holds the database's write lock (lock_for_writing) and Xapian's, and
// writes nothing meanwhile.  A kill part-way is finished by
// finish_interrupted_conversion.
void convert_plain_to_sharded(const std::string& db_path, const std::vector<std::string>& more_shards);

// Whether `db_path` is a sharded database, or one a kill left part-way to
// becoming one (finish_interrupted_conversion finishes it).
bool may_be_sharded(const std::string& db_path);

// Deletes the plain database's own files from a folder that is sharded
// now (Xapian reads the stub first, so they only take room): the version
// file first, so what is left is never read as a database.
void remove_plain_database(const std::string& db_path);

// After a kill during convert_plain_to_sharded (moves what is left and
// writes the stub, listing shard-0 alone) or between a new sharded
// database's making of its shards and the writing of its stub (lists
// shard-0, shard-1, ... as far as they go).  Does nothing otherwise.
// Returns whether it wrote a stub.
bool finish_interrupted_conversion(const std::string& db_path);

inline constexpr std::string_view kWriteLockName = "news-index.lock";

// Held by the one news-index writing a sharded database, for the whole
// run: an fcntl lock on DB/news-index.lock, which readers never take.
class WriteLock {
public:
    WriteLock() = default;
    explicit WriteLock(int fd) : fd_(fd) {}
    WriteLock(WriteLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    WriteLock& operator=(WriteLock&& other) noexcept;
    WriteLock(const WriteLock&) = delete;
    WriteLock& operator=(const WriteLock&) = delete;
    ~WriteLock();

private:
    int fd_ = -1;
};

// Takes the lock of the database folder `db_path` (created if missing),
// waiting as `lock_wait` says while another news-index holds it; throws
// the same UserError a plain database's writer gives when it gives up.
WriteLock lock_for_writing(const std::string& db_path, const LockWait& lock_wait);

}  // namespace news::sharded_database
