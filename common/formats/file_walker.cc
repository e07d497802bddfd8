#include "formats/file_walker.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <utility>

namespace news {
namespace {

const char* file_type_name(mode_t mode) {
    if (S_ISFIFO(mode)) return "FIFO";
    if (S_ISSOCK(mode)) return "socket";
    if (S_ISCHR(mode)) return "character device";
    if (S_ISBLK(mode)) return "block device";
    if (S_ISDIR(mode)) return "folder";
    if (S_ISLNK(mode)) return "symbolic link";
    return "unknown type";
}

FoundFile found_file(const std::string& path, const struct stat& st, bool followed_link) {
    return {path,     modification_time_ns(st), static_cast<uint64_t>(st.st_size), change_time_ns(st),
            st.st_dev, st.st_ino,                 followed_link};
}

class Walker {
public:
    Walker(const WalkOptions& options, const FolderIds& left_out, WalkResult& result)
        : options_(options), left_out_(left_out), result_(result) {}

    void visit(const std::string& path, bool named_by_user) {
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0) {
            result_.skipped.emplace_back(path, std::strerror(errno));
            return;
        }
        const bool is_link = S_ISLNK(st.st_mode);
        if (is_link) {
            if (!named_by_user && !options_.follow_symlinks) {
                result_.links_not_followed.push_back(path);
                return;
            }
            if (::stat(path.c_str(), &st) != 0) {
                result_.skipped.emplace_back(path, std::string("broken link: ") + std::strerror(errno));
                return;
            }
        }
        if (S_ISDIR(st.st_mode)) {
            walk_directory(path, st);
        } else if (S_ISREG(st.st_mode)) {
            result_.files.push_back(found_file(path, st, is_link));
        } else {
            result_.skipped.emplace_back(path, not_regular_file_reason(st.st_mode));
        }
    }

private:
    void walk_directory(const std::string& path, const struct stat& st) {
        const std::pair<dev_t, ino_t> id{st.st_dev, st.st_ino};
        if (left_out_.contains(id)) return;
        if (!active_.insert(id).second) {
            result_.skipped.emplace_back(path, "link loop: folder is already being walked");
            return;
        }
        DIR* dir = ::opendir(path.c_str());
        if (dir == nullptr) {
            result_.skipped.emplace_back(path, std::strerror(errno));
            active_.erase(id);
            return;
        }
        std::vector<std::string> names;
        while (const dirent* entry = ::readdir(dir)) {
            if (entry->d_name[0] == '.') continue;  // ".", ".." and hidden names
            names.emplace_back(entry->d_name);
        }
        ::closedir(dir);
        std::sort(names.begin(), names.end());
        const std::string prefix = path == "/" ? path : path + "/";
        for (const std::string& name : names) visit(prefix + name, false);
        active_.erase(id);
    }

    const WalkOptions& options_;
    const FolderIds& left_out_;
    WalkResult& result_;
    std::set<std::pair<dev_t, ino_t>> active_;
};

}  // namespace

FileLookup stat_file(const std::string& path, const WalkOptions& options) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return {std::nullopt, std::strerror(errno)};
    const bool is_link = S_ISLNK(st.st_mode);
    if (is_link) {
        if (!options.follow_symlinks) return {std::nullopt, "a symbolic link: not followed without --follow-symlinks"};
        if (::stat(path.c_str(), &st) != 0) return {std::nullopt, std::string("broken link: ") + std::strerror(errno)};
    }
    if (!S_ISREG(st.st_mode)) return {std::nullopt, not_regular_file_reason(st.st_mode)};
    return {found_file(path, st, is_link), {}};
}

int64_t modification_time_ns(const struct stat& st) {
    return static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

int64_t change_time_ns(const struct stat& st) {
    return static_cast<int64_t>(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec;
}

std::string not_regular_file_reason(mode_t mode) {
    return std::string("not a regular file (") + file_type_name(mode) + ")";
}

std::string absolute_path(const std::string& path) {
    std::string normal = std::filesystem::absolute(path).lexically_normal().string();
    while (normal.size() > 1 && normal.back() == '/') normal.pop_back();
    return normal;
}

bool path_is_under(const std::string& path, const std::string& root) {
    if (root == "/") return true;
    return path.starts_with(root) && (path.size() == root.size() || path[root.size()] == '/');
}

WalkResult walk_inputs(const std::vector<std::string>& inputs, const WalkOptions& options,
                       const FolderIds& left_out) {
    WalkResult result;
    Walker walker(options, left_out, result);
    for (const std::string& input : inputs) {
        const std::string root = absolute_path(input);
        struct stat st {};
        if (::stat(root.c_str(), &st) != 0) {
            if (errno == ENOENT) result.gone_roots.push_back(root);
            result.skipped.emplace_back(input, std::strerror(errno));
            continue;
        }
        result.roots.push_back(root);
        walker.visit(root, true);
    }
    return result;
}

}  // namespace news
