#include "formats/libarchive_input.h"

namespace news {

LibarchiveInput::LibarchiveInput(std::string_view bytes, Formats formats) : archive_(archive_read_new()) {
    if (archive_ == nullptr) return;
    // The compressions named in docs/formats.md, each by its library:
    // archive_read_support_filter_all would also run external programs.
    archive_read_support_filter_gzip(archive_);
    archive_read_support_filter_bzip2(archive_);
    archive_read_support_filter_xz(archive_);
    archive_read_support_filter_zstd(archive_);
    if (formats == Formats::archives) {
        archive_read_support_format_tar(archive_);
        archive_read_support_format_zip(archive_);
    }
    // Bids last: whatever is not tar or zip is one raw stream.
    archive_read_support_format_raw(archive_);
    if (archive_read_open_memory(archive_, bytes.data(), bytes.size()) != ARCHIVE_OK) {
        // error() still has the reason; get() stays usable for it.
        opened_ = false;
    }
}

LibarchiveInput::~LibarchiveInput() {
    if (archive_ != nullptr) archive_read_free(archive_);
}

std::string LibarchiveInput::error(std::string_view fallback) const {
    const char* message = archive_ == nullptr ? nullptr : archive_error_string(archive_);
    return message != nullptr && *message != '\0' ? std::string(message) : std::string(fallback);
}

bool LibarchiveInput::decompressed() const {
    if (archive_ == nullptr) return false;
    const int filters = archive_filter_count(archive_);
    for (int i = 0; i < filters; ++i) {
        if (archive_filter_code(archive_, i) != ARCHIVE_FILTER_NONE) return true;
    }
    return false;
}

bool LibarchiveInput::raw() const { return archive_ != nullptr && archive_format(archive_) == ARCHIVE_FORMAT_RAW; }

}  // namespace news
