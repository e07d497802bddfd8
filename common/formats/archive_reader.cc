#include "formats/archive_reader.h"

#include "formats/libarchive_input.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <utility>

namespace news {
namespace {

// A compressed extension and the one the content has: ".tgz" holds a ".tar".
struct CompressionExtension {
    std::string_view extension;
    std::string_view content_extension;
};
constexpr std::array<CompressionExtension, 10> kCompressionExtensions{{
    {".gz", ""}, {".xz", ""}, {".zst", ""}, {".zstd", ""}, {".bz2", ""},
    {".tgz", ".tar"}, {".txz", ".tar"}, {".tzst", ".tar"}, {".tbz2", ".tar"}, {".tbz", ".tar"},
}};

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

const CompressionExtension* find_compression(std::string_view name) {
    const std::string lowered = lower(name);
    for (const CompressionExtension& known : kCompressionExtensions) {
        if (lowered.size() > known.extension.size() && lowered.ends_with(known.extension)) return &known;
    }
    return nullptr;
}

// The member's name as the archive gives it: as stored (tar keeps bytes),
// else libarchive's UTF-8 form; a leading "./" says nothing.  Unsafe names
// ("../x", "/etc/x", control characters) are kept as they are: nothing is
// written to disk, and the printers escape what they show.
std::string member_name(archive_entry* entry, unsigned number) {
    const char* stored = archive_entry_pathname(entry);
    if (stored == nullptr) stored = archive_entry_pathname_utf8(entry);
    std::string name = stored != nullptr ? stored : "member " + std::to_string(number);
    while (name.starts_with("./")) name.erase(0, 2);
    // A key must say something: a nameless member is known by its place.
    if (name.empty()) name = "member " + std::to_string(number);
    return name;
}

// A name with a hidden part (".git/config", "__MACOSX/._a.txt") is passed
// over, as the walk of a folder passes over hidden files.
bool is_hidden(std::string_view name) {
    size_t start = 0;
    while (start < name.size()) {
        const size_t end = std::min(name.find('/', start), name.size());
        const std::string_view part = name.substr(start, end - start);
        if (part.size() > 1 && part.front() == '.' && part != "..") return true;
        start = end + 1;
    }
    return false;
}

enum class Take { read, folder, pass_over_link, pass_over_hidden, pass_over_other, too_large };

Take what_to_take(archive_entry* entry, const std::string& name) {
    if (archive_entry_filetype(entry) == AE_IFDIR) return Take::folder;  // where members are, not one
    if (archive_entry_filetype(entry) != AE_IFREG || archive_entry_hardlink(entry) != nullptr) {
        return Take::pass_over_link;
    }
    if (is_hidden(name)) return Take::pass_over_hidden;
    if (!has_reader_for(name)) return Take::pass_over_other;
    if (archive_entry_size_is_set(entry) != 0 && static_cast<uint64_t>(archive_entry_size(entry)) > kMaxMemberBytes) {
        return Take::too_large;
    }
    return Take::read;
}

constexpr unsigned kMaxFailedHeadersInARow = 16;
std::string too_large_reason() {
    return "larger than " + std::to_string(kMaxMemberBytes >> 20) + " MiB, the most read of one file: not read";
}

// The whole content of a compressed file, handed to the reader for its name
// less the compression extension.
void read_compressed_file(const std::string& path, const LibarchiveInput& input, const ReaderOptions& options,
                          ReadSink& sink, ExpansionBudget& budget) {
    std::string content;
    const DataEnd end = read_entry_into(input, budget, content);
    if (end == DataEnd::over_budget) {
        sink.problem({path, budget.exceeded_reason()});
        return;
    }
    if (end == DataEnd::stopped) {
        sink.problem({path, too_large_reason()});
        return;
    }
    if (end != DataEnd::complete) {
        // The records of a dump before the cut are whole: they are read, the
        // cut one is the inner reader's to report.
        sink.problem({path, "truncated or damaged (" + input.error() + "): read the first " +
                                std::to_string(content.size()) + " bytes"});
        if (content.empty()) return;
    }
    // libarchive undoes every layer ("story.txt.gz.xz"): so are the names.
    std::string name = std::filesystem::path(path).filename().string();
    for (std::string inner = without_compression_extension(name); inner != name;
         inner = without_compression_extension(name)) {
        name = std::move(inner);
    }
    read_inner({path, {}, name, content}, options, sink, budget);
}

}  // namespace

std::string compression_extension(std::string_view name) {
    const CompressionExtension* found = find_compression(name);
    return found != nullptr ? std::string(found->extension) : std::string();
}

std::string without_compression_extension(std::string_view name) {
    const CompressionExtension* found = find_compression(name);
    if (found == nullptr) return std::string(name);
    std::string inner(name.substr(0, name.size() - found->extension.size()));
    inner += found->content_extension;
    return inner;
}

void ArchiveReader::read_container(const std::string& path, std::string_view bytes, const ReaderOptions& options,
                                   ReadSink& sink, ExpansionBudget& budget) const {
    if (too_deep(path, options, sink)) return;
    LibarchiveInput input(bytes, LibarchiveInput::Formats::archives);
    if (!input.opened()) {
        sink.problem({path, "unreadable as an archive or compressed file (" + input.error() + ")"});
        return;
    }
    std::string data;  // one member at a time
    unsigned number = 0;
    unsigned failed_in_a_row = 0;
    while (true) {
        archive_entry* entry = nullptr;
        const int status = archive_read_next_header(input.get(), &entry);
        if (status == ARCHIVE_EOF) return;
        if (status < ARCHIVE_WARN) {
            const std::string after = number == 0 ? std::string() : " after member " + std::to_string(number);
            sink.problem({path, "damaged archive" + after + " (" + input.error() + ")" +
                                    (status == ARCHIVE_FATAL ? ": what follows is not read" : "")});
            if (status == ARCHIVE_FATAL || ++failed_in_a_row >= kMaxFailedHeadersInARow) return;
            continue;
        }
        failed_in_a_row = 0;
        if (input.raw()) {
            if (!input.decompressed()) {
                sink.problem({path, "neither an archive (tar, zip) nor compressed (gzip, xz, zstd, bzip2)"});
                return;
            }
            read_compressed_file(path, input, options, sink, budget);
            return;
        }
        ++number;
        const std::string name = member_name(entry, number);
        const std::string where = inner_name(path, name);
        Take take = what_to_take(entry, name);
        if (take == Take::pass_over_link) sink.passed_over({where, "a link or special file, not a file"});
        if (take == Take::pass_over_hidden) sink.passed_over({where, "hidden file"});
        if (take == Take::pass_over_other) sink.passed_over({where, "not an article file"});
        // Even what is passed over is read through, against the budget: a
        // bomb may hide in any member.
        data.clear();
        const DataEnd end = read_entry_data(input, budget, [&](std::string_view block) {
            if (take != Take::read) return true;
            if (data.size() + block.size() > kMaxMemberBytes) {
                take = Take::too_large;
                data.clear();
                return true;
            }
            data.append(block);
            return true;
        });
        if (end == DataEnd::over_budget) {
            sink.problem({where, budget.exceeded_reason()});
            return;
        }
        if (end == DataEnd::fatal) {
            sink.problem({where, "truncated or damaged (" + input.error() + "): this member and what follows are not read"});
            return;
        }
        if (end == DataEnd::failed) {
            if (take == Take::read || take == Take::too_large) sink.problem({where, "unreadable (" + input.error() + ")"});
            continue;
        }
        if (take == Take::too_large) {
            sink.problem({where, too_large_reason()});
            continue;
        }
        if (take == Take::read) read_inner({path, name, name, data}, options, sink, budget);
    }
}

}  // namespace news
