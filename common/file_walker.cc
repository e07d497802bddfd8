#include "file_walker.h"

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

int64_t nanoseconds(const struct timespec& time) {
    return static_cast<int64_t>(time.tv_sec) * 1'000'000'000 + time.tv_nsec;
}

FoundFile found_file(const std::string& path, const struct stat& st) {
    return FoundFile{path, nanoseconds(st.st_mtim), static_cast<uint64_t>(st.st_size), nanoseconds(st.st_ctim)};
}

std::string file_type_name(mode_t mode) {
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
    return "not a regular file";
}

class Walker {
public:
    Walker(const WalkOptions& options, WalkResult& result) : options_(options), result_(result) {}

    void visit(const std::string& path, bool named_by_user) {
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0) {
            result_.skipped.emplace_back(path, std::strerror(errno));
            return;
        }
        if (S_ISLNK(st.st_mode)) {
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
            result_.files.push_back(found_file(path, st));
        } else {
            result_.skipped.emplace_back(path, file_type_name(st.st_mode));
        }
    }

private:
    void walk_directory(const std::string& path, const struct stat& st) {
        const std::pair<dev_t, ino_t> id{st.st_dev, st.st_ino};
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
    WalkResult& result_;
    std::set<std::pair<dev_t, ino_t>> active_;
};

}  // namespace

std::optional<FoundFile> stat_file(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    return found_file(path, st);
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

WalkResult walk_inputs(const std::vector<std::string>& inputs, const WalkOptions& options) {
    WalkResult result;
    Walker walker(options, result);
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
