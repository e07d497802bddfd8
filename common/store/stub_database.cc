#include "store/stub_database.h"

#include "store/errors.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace news::stub_database {
namespace fs = std::filesystem;

namespace {

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r");
    return std::string(text.substr(first, last - first + 1));
}

// A rename is only as durable as the folder entry it changes.
void sync_path(const fs::path& path, int flags) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

std::optional<std::string> stub_file_of(const std::string& path) {
    std::error_code error;
    if (fs::is_regular_file(path, error)) return path;
    const fs::path inside = fs::path(path) / kFileName;
    if (fs::is_directory(path, error) && fs::is_regular_file(inside, error)) return inside.string();
    return std::nullopt;
}

std::vector<Shard> read_shards(const std::string& stub_file) {
    std::ifstream in(stub_file);
    if (!in) throw UserError("cannot read stub database '" + stub_file + "': " + std::strerror(errno));
    std::vector<Shard> shards;
    std::string line;
    while (std::getline(in, line)) {
        const std::string text = trimmed(line);
        if (text.empty() || text.front() == '#') continue;
        const auto space = text.find_first_of(" \t");
        Shard shard;
        shard.backend = text.substr(0, space);
        if (space != std::string::npos) shard.target = trimmed(std::string_view(text).substr(space));
        shards.push_back(std::move(shard));
    }
    return shards;
}

std::optional<std::vector<Shard>> shards_of(const std::string& path) {
    const std::optional<std::string> stub = stub_file_of(path);
    if (!stub) return std::nullopt;
    return read_shards(*stub);
}

std::string shard_path(const std::string& stub_file, const Shard& shard) {
    const fs::path target(shard.target);
    if (target.is_absolute()) return target.string();
    return (fs::path(stub_file).parent_path() / target).string();
}

void write_local_shards(const std::string& folder, const std::vector<std::string>& shard_paths) {
    const fs::path base = fs::absolute(folder).lexically_normal();
    const fs::path file = base / kFileName;
    const fs::path temporary = base / (std::string(kFileName) + ".tmp");
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << "# news-search: the shards of this database (Xapian stub database file)\n";
        for (const std::string& shard : shard_paths) {
            const fs::path absolute = fs::absolute(shard).lexically_normal();
            const fs::path relative = absolute.lexically_relative(base);
            const bool inside = !relative.empty() && *relative.begin() != "..";
            out << "auto " << (inside ? relative : absolute).string() << '\n';
        }
        if (!out.flush()) {
            const int saved = errno;
            std::error_code ignored;
            fs::remove(temporary, ignored);
            throw UserError("cannot write '" + file.string() + "': " + std::strerror(saved));
        }
    }
    sync_path(temporary, O_RDONLY);
    std::error_code error;
    fs::rename(temporary, file, error);
    if (error) throw UserError("cannot write '" + file.string() + "': " + error.message());
    sync_path(base, O_RDONLY | O_DIRECTORY);
}

}  // namespace news::stub_database
