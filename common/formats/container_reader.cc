#include "formats/container_reader.h"

#include <algorithm>
#include <utility>

namespace news {
namespace {

std::string size_text(uint64_t bytes) {
    if (bytes >= (uint64_t{1} << 30) && bytes % (uint64_t{1} << 30) == 0) {
        return std::to_string(bytes >> 30) + " GiB";
    }
    if (bytes >= (uint64_t{1} << 20)) return std::to_string(bytes >> 20) + " MiB";
    return std::to_string(bytes) + " bytes";
}

// Gives the inner reader's articles the container's path and the key of
// what they were found in, in front of their own.
class KeyedSink final : public ForwardingSink {
public:
    KeyedSink(ReadSink& outer, const std::string& path, std::string_view key)
        : ForwardingSink(outer), path_(path), key_(key) {}
    void article(Article article) override {
        article.path = path_;
        if (!key_.empty()) {
            article.record = article.record.empty() ? std::string(key_) : std::string(key_) + "//" + article.record;
            // Its lines count in what it was found in.
            article.member = article.member.empty() ? std::string(key_) : std::string(key_) + "//" + article.member;
        }
        out_.article(std::move(article));
    }

private:
    const std::string& path_;
    std::string_view key_;
};

}  // namespace

ExpansionBudget::ExpansionBudget(uint64_t container_bytes)
    : limit_(std::min(std::max(kExpansionFloor, container_bytes * kMaxExpansionRatio), kMaxExpandedTotal)) {}

bool ExpansionBudget::take(uint64_t bytes) {
    if (bytes > limit_ - std::min(used_, limit_)) {
        used_ = limit_ + 1;
        return false;
    }
    used_ += bytes;
    return true;
}

std::string ExpansionBudget::exceeded_reason() const {
    return "expands past " + size_text(limit_) + " (" + std::to_string(kMaxExpansionRatio) +
           " times the container, at least " + size_text(kExpansionFloor) + ", at most " +
           size_text(kMaxExpandedTotal) + "): stopped as a decompression bomb; what follows is not read";
}

void ContainerReader::read(const std::string& path, std::string_view bytes, const ReaderOptions& options,
                           ReadSink& sink) const {
    ExpansionBudget budget(bytes.size());
    read_container(path, bytes, options, sink, budget);
}

bool ContainerReader::too_deep(const std::string& path, const ReaderOptions& options, ReadSink& sink) {
    if (options.depth < kMaxContainerDepth) return false;
    sink.problem({path, "nested more than " + std::to_string(kMaxContainerDepth) +
                            " containers deep: not read"});
    return true;
}

std::string inner_name(const std::string& path, std::string_view key) {
    std::string name = path;
    name += "//";
    name += key;
    return name;
}

void read_inner(const InnerFile& inner, const ReaderOptions& options, ReadSink& sink, ExpansionBudget& budget,
                const ArticleReader* reader) {
    const std::string inner_path = inner.key.empty() ? inner.path : inner_name(inner.path, inner.key);
    if (reader == nullptr) {
        ReaderChoice choice = choose_reader(std::string(inner.name), inner.bytes);
        if (choice.reader == nullptr) {
            sink.problem({inner_path, std::move(choice.refusal)});
            return;
        }
        reader = choice.reader;
    }
    ReaderOptions inner_options = options;
    ++inner_options.depth;
    KeyedSink keyed(sink, inner.path, inner.key);
    if (const auto* container = dynamic_cast<const ContainerReader*>(reader)) {
        container->read_container(inner_path, inner.bytes, inner_options, keyed, budget);
    } else {
        reader->read(inner_path, inner.bytes, inner_options, keyed);
    }
}

}  // namespace news
