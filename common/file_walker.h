// Finding the files to index under the paths a user names.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace news {

struct WalkOptions {
    bool follow_symlinks = false;
};

struct FoundFile {
    std::string path;  // absolute, lexically normal
    int64_t mtime_ns = 0;
    uint64_t size = 0;
    // An edit can keep the size and set the mtime back (touch -r, rsync
    // -t); the change time (ctime) it cannot set.
    int64_t ctime_ns = 0;
};

struct WalkResult {
    std::vector<FoundFile> files;
    // Absolute roots that exist: only articles under these can be "gone".
    std::vector<std::string> roots;
    // Absolute inputs that do not exist (moved or deleted): what was indexed
    // under them is gone, as a fresh index of the same inputs would say.
    std::vector<std::string> gone_roots;
    // (path, reason) for what could not be walked or is not a regular file.
    std::vector<std::pair<std::string, std::string>> skipped;
    // Symbolic links left alone because following was not asked for.
    std::vector<std::string> links_not_followed;
};

// Walks each input recursively in sorted order.  Hidden files and folders
// (names starting with '.') are passed over, as ripgrep and omindex do.
// Inputs named on the command line are followed even when they are links.
// When following links, a folder already being walked is never entered
// again, so a link loop ends.
WalkResult walk_inputs(const std::vector<std::string>& inputs, const WalkOptions& options);

// The stamp of one regular file (links followed), or nothing.
std::optional<FoundFile> stat_file(const std::string& path);

// The absolute, lexically normal form of `path`, without resolving links.
std::string absolute_path(const std::string& path);

// Whether `path` is `root` or lies below it.
bool path_is_under(const std::string& path, const std::string& root);

}  // namespace news
