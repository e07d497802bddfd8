// Finding the files to index under the paths a user names.
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace news {

struct WalkOptions {
    bool follow_symlinks = false;
};

// Folders by (device, inode).
using FolderIds = std::set<std::pair<dev_t, ino_t>>;

struct FoundFile {
    std::string path;  // absolute, lexically normal
    int64_t mtime_ns = 0;
    uint64_t size = 0;
    // An edit can keep the size and set the mtime back (touch -r, rsync
    // -t); the change time (ctime) it cannot set.
    int64_t ctime_ns = 0;
    // Which file the walk saw (the link's target when it followed one):
    // reading checks that the file it opens is still this one, so nothing
    // put at `path` after the walk (a link, a FIFO, a folder swapped for a
    // link to elsewhere) is read in its place.
    dev_t device = 0;
    ino_t inode = 0;
    // `path` itself is a symbolic link that the walk was allowed to follow
    // (named by the user, or --follow-symlinks): only then may reading
    // follow a link there.
    bool followed_link = false;
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
// Folders in `left_out` are not entered: the database being written, when
// it lies inside a folder to index (news-index --db ./news.db .).
WalkResult walk_inputs(const std::vector<std::string>& inputs, const WalkOptions& options,
                       const FolderIds& left_out = {});

// One path looked at as the walk looks at a file inside a folder: a link
// is followed only when `options` say so.  `file` is set for a regular
// file; otherwise `reason` says why not ("No such file or directory", "not
// a regular file (FIFO)", "a symbolic link: not followed without
// --follow-symlinks").
struct FileLookup {
    std::optional<FoundFile> file;
    std::string reason;
};
FileLookup stat_file(const std::string& path, const WalkOptions& options);

// The modification time in a stat, in nanoseconds: the stamp's unit.
int64_t modification_time_ns(const struct stat& st);
// The status change time (ctime) in a stat, in nanoseconds.
int64_t change_time_ns(const struct stat& st);

// The skip reason for what is not a regular file: "not a regular file
// (FIFO)", "(socket)", "(character device)", "(folder)"...
std::string not_regular_file_reason(mode_t mode);

// The absolute, lexically normal form of `path`, without resolving links.
std::string absolute_path(const std::string& path);

// Whether `path` is `root` or lies below it.
bool path_is_under(const std::string& path, const std::string& root);

}  // namespace news
