#include "formats/archive_writing.h"

#include <archive.h>
#include <archive_entry.h>

#include <stdexcept>

namespace news::test {
namespace {

la_ssize_t append(archive* /*a*/, void* data, const void* buffer, size_t size) {
    static_cast<std::string*>(data)->append(static_cast<const char*>(buffer), size);
    return static_cast<la_ssize_t>(size);
}

void check(archive* a, int status) {
    if (status < ARCHIVE_WARN) throw std::runtime_error(archive_error_string(a));
}

class Writer {
public:
    Writer(bool zip, bool raw, Compression compression, const char* passphrase = nullptr)
        : archive_(archive_write_new()) {
        if (passphrase != nullptr) check(archive_, archive_write_set_passphrase(archive_, passphrase));
        if (zip) {
            check(archive_, archive_write_set_format_zip(archive_));
            if (passphrase != nullptr) check(archive_, archive_write_set_format_option(archive_, "zip", "encryption", "zipcrypt"));
        } else if (raw) {
            check(archive_, archive_write_set_format_raw(archive_));
        } else {
            check(archive_, archive_write_set_format_pax_restricted(archive_));
        }
        switch (compression) {
            case Compression::none: break;
            case Compression::gzip: check(archive_, archive_write_add_filter_gzip(archive_)); break;
            case Compression::xz: check(archive_, archive_write_add_filter_xz(archive_)); break;
            case Compression::zstd: check(archive_, archive_write_add_filter_zstd(archive_)); break;
            case Compression::bzip2: check(archive_, archive_write_add_filter_bzip2(archive_)); break;
        }
        // No padding of the last block: the bytes are what the format needs.
        archive_write_set_bytes_in_last_block(archive_, 1);
        check(archive_, archive_write_open(archive_, &out_, nullptr, append, nullptr));
    }
    ~Writer() { archive_write_free(archive_); }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    void start(const std::string& name, uint64_t size) {
        archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, name.c_str());
        archive_entry_set_size(entry, static_cast<la_int64_t>(size));
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_mtime(entry, 1700000000, 0);
        const int status = archive_write_header(archive_, entry);
        archive_entry_free(entry);
        check(archive_, status);
    }
    void data(std::string_view bytes) {
        if (!bytes.empty() && archive_write_data(archive_, bytes.data(), bytes.size()) < 0) {
            throw std::runtime_error(archive_error_string(archive_));
        }
    }
    void add(const Member& member) {
        start(member.name, member.bytes.size());
        data(member.bytes);
    }
    std::string finish() {
        check(archive_, archive_write_close(archive_));
        return std::move(out_);
    }

private:
    archive* archive_;
    std::string out_;
};

}  // namespace

std::string write_tar(const std::vector<Member>& members, Compression compression) {
    Writer writer(false, false, compression);
    for (const Member& member : members) writer.add(member);
    return writer.finish();
}

std::string write_zip(const std::vector<Member>& members) {
    Writer writer(true, false, Compression::none);
    for (const Member& member : members) writer.add(member);
    return writer.finish();
}

std::string write_encrypted_zip(const std::vector<Member>& members) {
    Writer writer(true, false, Compression::none, "secret");
    for (const Member& member : members) writer.add(member);
    return writer.finish();
}

std::string compress(std::string_view bytes, Compression compression) {
    Writer writer(false, true, compression);
    writer.add({"data", std::string(bytes)});
    return writer.finish();
}

std::string write_zero_bomb_tar(const std::vector<Member>& before, const std::string& name, uint64_t size) {
    Writer writer(false, false, Compression::zstd);
    for (const Member& member : before) writer.add(member);
    writer.start(name, size);
    const std::string zeros(1 << 20, '\0');
    for (uint64_t written = 0; written < size; written += zeros.size()) {
        writer.data(std::string_view(zeros).substr(0, static_cast<size_t>(std::min<uint64_t>(zeros.size(), size - written))));
    }
    return writer.finish();
}

}  // namespace news::test
