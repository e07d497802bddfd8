#include "store/database_folder.h"

#include "store/errors.h"
#include "store/sharded_database.h"
#include "store/stub_database.h"

#include <xapian.h>
#include <xxhash.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace news::database_folder {
namespace {

namespace fs = std::filesystem;

constexpr const char* kScratchName = "news-index.building";
constexpr const char* kFingerprintName = "news-index.fingerprint";
constexpr const char* kVersionFileName = "iamglass";  // glass: which revision of each table is current
constexpr const char* kLockFileName = "flintlock";

bool is_table_file(const std::string& name) { return name.size() > 6 && name.ends_with(".glass"); }

// The files Xapian's glass backend keeps in a database folder ("v.tmp" is
// its new version file while a commit writes it), and news-index's own;
// a sharded database's stub, shards and lock.
bool is_xapian_or_news_index_file(const std::string& name) {
    return name == kVersionFileName || name == kLockFileName || name == "v.tmp" || is_table_file(name) ||
           name == kScratchName || name == kFingerprintName || name == std::string(kFingerprintName) + ".tmp" ||
           name == stub_database::kFileName || name == std::string(stub_database::kFileName) + ".tmp" ||
           name == sharded_database::kWriteLockName || sharded_database::is_shard_name(name);
}

// The files whose bytes make the database: the version file and the tables.
std::vector<std::string> database_file_names(const fs::path& folder) {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder, error)) {
        const std::string name = entry.path().filename().string();
        if (name == kVersionFileName || is_table_file(name)) names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

// "SIZE DIGEST" of a file, or nothing when it cannot be read.
std::optional<std::string> file_digest(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return std::nullopt;
    XXH3_state_t* state = XXH3_createState();
    XXH3_64bits_reset(state);
    std::vector<char> buffer(1 << 20);
    uint64_t size = 0;
    bool read_all = true;
    for (;;) {
        const ssize_t got = ::read(fd, buffer.data(), buffer.size());
        if (got == 0) break;
        if (got < 0) {
            if (errno == EINTR) continue;
            read_all = false;
            break;
        }
        XXH3_64bits_update(state, buffer.data(), static_cast<size_t>(got));
        size += static_cast<uint64_t>(got);
    }
    const XXH64_hash_t digest = XXH3_64bits_digest(state);
    XXH3_freeState(state);
    ::close(fd);
    if (!read_all) return std::nullopt;
    char text[40];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(digest));
    return std::to_string(size) + " " + text;
}

// One "NAME SIZE DIGEST" line per database file, in name order.
std::optional<std::string> fingerprint_of(const fs::path& folder) {
    std::string lines;
    for (const std::string& name : database_file_names(folder)) {
        const std::optional<std::string> digest = file_digest(folder / name);
        if (!digest) return std::nullopt;
        lines += name + " " + *digest + "\n";
    }
    return lines;
}

std::string first_line(const std::string& text) {
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.find_first_not_of(" \t") != std::string::npos) return line;
    }
    return {};
}

}  // namespace

bool writer_active(const std::string& db_path) {
    const int fd = ::open((fs::path(db_path) / kLockFileName).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct flock probe {};
    probe.l_type = F_WRLCK;
    probe.l_whence = SEEK_SET;
    const bool locked = ::fcntl(fd, F_OFD_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
    ::close(fd);
    return locked;
}

namespace {

bool permission_denied(const std::string& path, int mode) {
    return ::access(path.c_str(), mode) != 0 && errno == EACCES;
}

}  // namespace

std::string without_trailing_slashes(std::string path) {
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    return path;
}

void claim_for_writing(const std::string& path) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (status.type() == fs::file_type::not_found) {
        if (!fs::create_directories(path, error) && error) {
            throw UserError("cannot create the database folder '" + path + "': " + error.message());
        }
        return;
    }
    if (error) throw UserError("cannot use '" + path + "' as a database folder: " + error.message());
    if (status.type() != fs::file_type::directory) {
        throw UserError("'" + path + "' is a file, not a database folder");
    }
    if (permission_denied(path, R_OK | W_OK | X_OK)) {
        throw UserError("permission denied: cannot write the database folder '" + path + "'");
    }
    for (const auto& entry : fs::directory_iterator(path, error)) {
        const std::string name = entry.path().filename().string();
        if (!is_xapian_or_news_index_file(name)) {
            throw UserError("'" + path + "' is not a news-search database and not empty (it holds '" + name +
                            "'); news-index writes only into a new or empty folder or a database it made: " +
                            "give --db another folder");
        }
        // Xapian opens the tables and the lock file for writing; the
        // version file it replaces by a rename, which the folder allows.
        if (name != kScratchName && name != kVersionFileName && entry.is_regular_file() &&
            permission_denied(entry.path().string(), W_OK)) {
            throw UserError("permission denied: cannot write the database '" + path + "' ('" + name +
                            "' is read-only for this user)");
        }
    }
    if (error) throw UserError("cannot read the database folder '" + path + "': " + error.message());
}

std::string scratch_path(const std::string& db_path) { return (fs::path(db_path) / kScratchName).string(); }

bool build_in_progress(const std::string& db_path) { return build_left_behind(db_path) && writer_active(db_path); }

bool build_left_behind(const std::string& db_path) {
    std::error_code error;
    return fs::exists(scratch_path(db_path), error);
}

void replace_database_files(const std::string& built, const std::string& db_path) {
    const fs::path target(db_path);
    // The old fingerprint describes files that are about to go.
    fs::remove(target / kFingerprintName);
    // Without its version file the old database can no longer be opened:
    // new readers wait and retry from here on.  A reader that read it just
    // before has opened the tables it names well within the pause, so it
    // never pairs the old version file with new tables.
    fs::remove(target / kVersionFileName);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    for (const std::string& name : database_file_names(target)) fs::remove(target / name);
    // The tables first, the version file last: it makes the new database whole.
    const fs::path from(built);
    for (const std::string& name : database_file_names(from)) {
        if (name != kVersionFileName) fs::rename(from / name, target / name);
    }
    fs::rename(from / kVersionFileName, target / kVersionFileName);
}

void record_fingerprint(const std::string& db_path) {
    const fs::path folder(db_path);
    const std::optional<std::string> fingerprint = fingerprint_of(folder);
    const fs::path file = folder / kFingerprintName;
    const fs::path temporary = folder / (std::string(kFingerprintName) + ".tmp");
    std::error_code error;
    if (!fingerprint) {
        fs::remove(file, error);
        return;
    }
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << *fingerprint;
        if (!out.flush()) {
            fs::remove(temporary, error);
            fs::remove(file, error);
            return;
        }
    }
    fs::rename(temporary, file, error);
    if (error) fs::remove(file, error);
}

std::optional<std::string> changed_since_recorded(const std::string& db_path) {
    const fs::path folder(db_path);
    std::ifstream in(folder / kFingerprintName, std::ios::binary);
    if (!in) return "no fingerprint";
    const std::string recorded((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::optional<std::string> now = fingerprint_of(folder);
    if (!now) return "a database file cannot be read";
    if (*now == recorded) return std::nullopt;
    // Name the first file that differs, for the message.
    std::istringstream was(recorded);
    std::istringstream is(*now);
    std::string line_was;
    std::string line_is;
    while (true) {
        const bool more_was = static_cast<bool>(std::getline(was, line_was));
        const bool more_is = static_cast<bool>(std::getline(is, line_is));
        if (!more_was && !more_is) return "the database files";
        if (more_was != more_is || line_was != line_is) {
            const std::string& line = more_was ? line_was : line_is;
            return line.substr(0, line.find(' '));
        }
    }
}

std::optional<std::string> missing_table(const std::string& db_path) {
    for (const char* name : {"postlist.glass", "termlist.glass", "position.glass", "docdata.glass"}) {
        if (::access((db_path + '/' + name).c_str(), F_OK) != 0 && errno == ENOENT) return name;
    }
    return std::nullopt;
}

std::optional<std::string> find_damage(const std::string& db_path) {
    std::ostringstream report;
    try {
        if (Xapian::Database::check(db_path, 0, &report) == 0) return std::nullopt;
    } catch (const Xapian::Error& e) {
        return e.get_msg();
    }
    const std::string problem = first_line(report.str());
    return problem.empty() ? "Xapian's check found errors" : problem;
}

}  // namespace news::database_folder
