#include "store/sharded_database.h"

#include "store/errors.h"
#include "store/stub_database.h"

#include <xxhash.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>

namespace news::sharded_database {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kShardPrefix = "shard-";
constexpr const char* kVersionFileName = "iamglass";
constexpr const char* kConvertingSuffix = ".moving";

// The files a plain glass database and news-index keep in its folder that
// belong to the database itself (the lock file and the scratch folder stay).
bool moves_with_the_database(const std::string& name) {
    return name == kVersionFileName || name.ends_with(".glass") || name == "news-index.fingerprint";
}

void move_database_files(const fs::path& from, const fs::path& to) {
    // The tables first, the version file last: until it moves, what is
    // left in `from` is no database at all, never half of one.
    for (const auto& entry : fs::directory_iterator(from)) {
        const std::string name = entry.path().filename().string();
        if (moves_with_the_database(name) && name != kVersionFileName) fs::rename(entry.path(), to / name);
    }
    if (fs::exists(from / kVersionFileName)) fs::rename(from / kVersionFileName, to / kVersionFileName);
}

}  // namespace

std::string shard_name(size_t index) { return std::string(kShardPrefix) + std::to_string(index); }

bool is_shard_name(std::string_view name) {
    if (name.ends_with(kConvertingSuffix)) name.remove_suffix(std::string_view(kConvertingSuffix).size());
    if (!name.starts_with(kShardPrefix) || name.size() == kShardPrefix.size()) return false;
    size_t index = 0;
    const char* end = name.data() + name.size();
    const auto [rest, error] = std::from_chars(name.data() + kShardPrefix.size(), end, index);
    return error == std::errc() && rest == end;
}

std::string shard_folder(const std::string& db_path, size_t index) {
    return (fs::path(db_path) / shard_name(index)).string();
}

size_t shard_for_new_file(std::string_view absolute_path, size_t shard_count) {
    return static_cast<size_t>(XXH3_64bits(absolute_path.data(), absolute_path.size()) % shard_count);
}

std::optional<std::vector<std::string>> local_shards(const std::string& db_path) {
    std::error_code error;
    if (!fs::is_directory(db_path, error)) return std::nullopt;
    const std::optional<std::string> stub = stub_database::stub_file_of(db_path);
    if (!stub) return std::nullopt;
    std::vector<std::string> folders;
    for (const stub_database::Shard& shard : stub_database::read_shards(*stub)) {
        if (shard.remote()) {
            throw UserError("database '" + db_path + "' lists a remote shard (" + shard.target +
                            "); news-index writes only shards on this machine");
        }
        folders.push_back(fs::absolute(stub_database::shard_path(*stub, shard)).lexically_normal().string());
    }
    return folders;
}

bool holds_plain_database(const std::string& db_path) {
    std::error_code error;
    return fs::exists(fs::path(db_path) / kVersionFileName, error);
}

void remove_plain_database(const std::string& db_path) {
    std::error_code error;
    fs::remove(fs::path(db_path) / kVersionFileName, error);
    for (const auto& entry : fs::directory_iterator(db_path, error)) {
        if (moves_with_the_database(entry.path().filename().string())) fs::remove(entry.path(), error);
    }
}

void convert_plain_to_sharded(const std::string& db_path, const std::vector<std::string>& more_shards) {
    const fs::path first = shard_folder(db_path, 0);
    const fs::path moving = first.string() + kConvertingSuffix;
    try {
        fs::create_directories(moving);
        move_database_files(db_path, moving);
        fs::rename(moving, first);
    } catch (const fs::filesystem_error& e) {
        throw UserError("cannot move database '" + db_path + "' into " + first.string() + ": " +
                        e.code().message() + "; run news-index again to finish");
    }
    std::vector<std::string> shards{first.string()};
    shards.insert(shards.end(), more_shards.begin(), more_shards.end());
    stub_database::write_local_shards(db_path, shards);
}

bool may_be_sharded(const std::string& db_path) {
    std::error_code error;
    if (!fs::is_directory(db_path, error)) return false;
    return stub_database::stub_file_of(db_path) || fs::exists(shard_folder(db_path, 0) + kConvertingSuffix, error) ||
           (!holds_plain_database(db_path) && holds_plain_database(shard_folder(db_path, 0)));
}

bool finish_interrupted_conversion(const std::string& db_path) {
    std::error_code error;
    if (!fs::is_directory(db_path, error) || stub_database::stub_file_of(db_path)) return false;
    const fs::path first = shard_folder(db_path, 0);
    const fs::path moving = first.string() + kConvertingSuffix;
    if (fs::is_directory(moving, error)) {
        convert_plain_to_sharded(db_path, {});
        return true;
    }
    // Moved, renamed, and killed before the stub was written; or a new
    // sharded database killed between making its shards and listing them.
    if (holds_plain_database(db_path) || !holds_plain_database(first.string())) return false;
    std::vector<std::string> shards;
    for (size_t i = 0; holds_plain_database(shard_folder(db_path, i)); ++i) shards.push_back(shard_folder(db_path, i));
    stub_database::write_local_shards(db_path, shards);
    return true;
}

WriteLock& WriteLock::operator=(WriteLock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.fd_;
        other.fd_ = -1;
    }
    return *this;
}

WriteLock::~WriteLock() {
    if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases its lock
}

WriteLock lock_for_writing(const std::string& db_path, const LockWait& lock_wait) {
    std::error_code error;
    fs::create_directories(db_path, error);
    const std::string file = (fs::path(db_path) / kWriteLockName).string();
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) {
        if (errno == EACCES) throw UserError("permission denied: cannot write database '" + db_path + "'");
        throw UserError("cannot lock database '" + db_path + "' for writing: " + file + ": " + std::strerror(errno));
    }
    WriteLock lock(fd);
    retry_while_locked(db_path, lock_wait, [&] {
        struct flock whole {};
        whole.l_type = F_WRLCK;
        whole.l_whence = SEEK_SET;
        if (::fcntl(fd, F_OFD_SETLK, &whole) == 0) return true;
        if (errno == EAGAIN || errno == EACCES) return false;
        throw UserError("cannot lock database '" + db_path + "' for writing: " + std::strerror(errno));
    });
    return lock;
}

}  // namespace news::sharded_database
