// A database made of several (shards): Xapian's stub database file, which
// names local databases and remote servers that Xapian opens and searches
// as one, with statistics over all of them.  A sharded news-search
// database is a folder holding such a file, XAPIANDB, and its shards, so
// `--db FOLDER` opens it like any other; a stub file of the user's may
// name shards served by xapian-tcpsrv ("remote HOST:PORT").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace news::stub_database {

// The name Xapian looks for in a folder before it reads the folder as a
// database of its own.
inline constexpr std::string_view kFileName = "XAPIANDB";

// One line of a stub: its backend ("auto", "glass", "remote", ...) and
// what follows it (a path, "HOST:PORT", a program and its arguments).
struct Shard {
    std::string backend;
    std::string target;

    [[nodiscard]] bool remote() const { return backend == "remote"; }
};

// The stub file `path` names: `path` itself when it is a file, its
// XAPIANDB when it is a folder holding one; nothing otherwise.
std::optional<std::string> stub_file_of(const std::string& path);

// The shards a stub file lists, in its order (blank lines and '#'
// comments skipped, as Xapian does).  Throws UserError naming the file
// when it cannot be read.
std::vector<Shard> read_shards(const std::string& stub_file);

// The shards of the database at `path` when it is a stub (a file, or a
// folder holding XAPIANDB); nothing when it is one database.
std::optional<std::vector<Shard>> shards_of(const std::string& path);

// Where a local shard's database is: a relative path is read from the
// stub file's folder, as Xapian reads it.
std::string shard_path(const std::string& stub_file, const Shard& shard);

// Writes `folder`/XAPIANDB listing `shard_paths` (relative to `folder`
// where they lie inside it), all at once: a reader sees the old list or
// the new one, never part of it, and a kill leaves one of the two.
// Throws UserError naming the file when it cannot be written.
void write_local_shards(const std::string& folder, const std::vector<std::string>& shard_paths);

}  // namespace news::stub_database
