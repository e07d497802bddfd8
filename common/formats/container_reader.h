// What the readers of containers (archives, compressed files, WARCs) share:
// the bounds on how far and how deep a container may expand, and the
// hand-over of the bytes found inside to the reader chosen for them.
#pragma once

#include "formats/article_reader.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace news {

// The bounds, written once (docs/formats.md, "Archives, compressed files
// and WARC").  A container may expand to kMaxExpansionRatio times its own
// size, and always to kExpansionFloor (a small file of repeated text
// compresses far better than 100 to 1), never past kMaxExpandedTotal; one
// member or record is at most kMaxMemberBytes, the most the indexer reads of
// a plain file.  A container inside a container inside ... is read to
// kMaxContainerDepth levels.
inline constexpr uint64_t kMaxExpansionRatio = 100;
inline constexpr uint64_t kExpansionFloor = uint64_t{64} << 20;
inline constexpr uint64_t kMaxExpandedTotal = uint64_t{16} << 30;
inline constexpr uint64_t kMaxMemberBytes = uint64_t{256} << 20;
inline constexpr unsigned kMaxContainerDepth = 4;

// How many bytes the outermost container may still expand to; containers
// nested in it take from the same budget.
class ExpansionBudget {
public:
    explicit ExpansionBudget(uint64_t container_bytes);
    // Counts `bytes` more; false once the total passes the limit.
    [[nodiscard]] bool take(uint64_t bytes);
    [[nodiscard]] uint64_t limit() const { return limit_; }
    // "expands past 100 MiB (100 times its size): stopped, as a
    // decompression bomb would be"
    [[nodiscard]] std::string exceeded_reason() const;

private:
    uint64_t limit_;
    uint64_t used_ = 0;
};

// A reader of a container.  read() starts a budget for the file; a
// container found inside one is read with its outer container's budget.
class ContainerReader : public ArticleReader {
public:
    void read(const std::string& path, std::string_view bytes, const ReaderOptions& options,
              ReadSink& sink) const final;
    virtual void read_container(const std::string& path, std::string_view bytes, const ReaderOptions& options,
                                ReadSink& sink, ExpansionBudget& budget) const = 0;

protected:
    // Refuses, with one problem, a container nested deeper than the bound.
    static bool too_deep(const std::string& path, const ReaderOptions& options, ReadSink& sink);
};

// What was found inside a container: `bytes` named `name` (a member's name,
// or the file's own name less its compression extension), to be keyed
// `key` inside the container at `path` (empty for a compressed file, which
// is one thing).
struct InnerFile {
    const std::string& path;
    std::string_view key;
    std::string_view name;
    std::string_view bytes;
};

// Reads an inner file with `reader`, or the one choose_reader picks for its
// name, one level deeper.  Its articles come out with the container's path
// and the record "key" or "key//inner record"; a refusal (binary, empty) is
// a problem at "path//key".  The inner reader sees the path "path//key", so
// its messages name the member and a member's folders mean what a plain
// file's do (a per-day folder gives the date).
void read_inner(const InnerFile& inner, const ReaderOptions& options, ReadSink& sink, ExpansionBudget& budget,
                const ArticleReader* reader = nullptr);

// "path//key", how a user sees something inside a container.
std::string inner_name(const std::string& path, std::string_view key);

}  // namespace news
