// Archives (tar and zip, compressed or not) and compressed files (.gz, .xz,
// .zst, .bz2), read through libarchive in memory, never extracted to disk.
// Each member, and a compressed file's content, goes to the reader chosen
// for its name, so a .jsonl.gz is read as JSON Lines and a .tar.gz inside a
// .zip as an archive (docs/formats.md, "Archives, compressed files and WARC").
#pragma once

#include "formats/container_reader.h"

#include <string>
#include <string_view>

namespace news {

class ArchiveReader final : public ContainerReader {
public:
    // "archive" for tar and zip, "compressed" for a compressed file: the
    // same reader, which reads a tar inside a .gz as the archive it is.
    explicit ArchiveReader(std::string_view name) : name_(name) {}
    [[nodiscard]] std::string_view name() const override { return name_; }
    // A member's articles have the archive's path and the member's name as
    // their record ("2006/10/20/article", "inner.tar.gz//a.txt" for a member
    // of a member); a compressed file's articles are its content's, with its
    // path.  A member no reader takes (README.md, a picture, a hidden file)
    // is passed over; an unreadable one is a problem and the next is read.
    void read_container(const std::string& path, std::string_view bytes, const ReaderOptions& options,
                        ReadSink& sink, ExpansionBudget& budget) const override;

private:
    std::string_view name_;
};

// The extension of a compressed file's name (".gz", ".xz", ".zst", ".bz2",
// ".tgz", ...), lower case, or empty.
std::string compression_extension(std::string_view name);

// The name of what a compressed file holds: "dump.jsonl.gz" -> "dump.jsonl",
// "news.tgz" -> "news.tar"; other names unchanged.
std::string without_compression_extension(std::string_view name);

}  // namespace news
