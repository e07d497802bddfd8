#include "store/article_record.h"

#include <nlohmann/json.hpp>
#include <zstd.h>

#include <charconv>
#include <memory>
#include <stdexcept>

namespace news {

ArticleRecord ArticleRecord::from_article(const Article& article, unsigned passage_count) {
    ArticleRecord record;
    record.path = article.path;
    record.record = article.record;
    record.member = article.member;
    record.title = article.title;
    record.title_line = article.title_line;
    record.author = article.author;
    record.date = article.date;
    record.url = article.url;
    record.place = article.place;
    record.source = article.source;
    record.section = article.section;
    record.encoding = article.encoding;
    record.language = article.language;
    record.passages = passage_count;
    return record;
}

std::string ArticleRecord::serialise() const {
    nlohmann::json json{{"path", path}, {"title", title}, {"title_line", title_line}};
    auto put = [&json](const char* key, const std::string& value) {
        if (!value.empty()) json[key] = value;
    };
    put("record", record);
    put("member", member);
    put("author", author);
    put("date", date);
    put("url", url);
    put("place", place);
    put("source", source);
    put("section", section);
    put("encoding", encoding);
    put("language", language);
    put("duplicate_of", duplicate_of);
    json["passages"] = passages;
    // Paths may hold bytes that are not UTF-8: keep the JSON valid.
    return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {
constexpr char kRecordEnd = '\0';
}  // namespace

namespace {

// Fills a record from its JSON object as the parser reads it: building the
// object first cost more than the rest of reading the record.  Fields it
// does not know and nested values (none are written) are passed over.
class RecordReader final : public nlohmann::json::json_sax_t {
public:
    explicit RecordReader(ArticleRecord& record) : record_(record) {}

    bool key(string_t& key) override {
        field_ = nullptr;
        number_ = nullptr;
        if (depth_ != 1) return true;
        if (key == "path") field_ = &record_.path;
        else if (key == "record") field_ = &record_.record;
        else if (key == "member") field_ = &record_.member;
        else if (key == "title") field_ = &record_.title;
        else if (key == "author") field_ = &record_.author;
        else if (key == "date") field_ = &record_.date;
        else if (key == "url") field_ = &record_.url;
        else if (key == "place") field_ = &record_.place;
        else if (key == "source") field_ = &record_.source;
        else if (key == "section") field_ = &record_.section;
        else if (key == "encoding") field_ = &record_.encoding;
        else if (key == "language") field_ = &record_.language;
        else if (key == "duplicate_of") field_ = &record_.duplicate_of;
        else if (key == "title_line") number_ = &record_.title_line;
        else if (key == "passages") number_ = &record_.passages;
        return true;
    }
    bool string(string_t& value) override {
        if (depth_ == 1 && field_ != nullptr) *field_ = std::move(value);
        return true;
    }
    bool number_unsigned(number_unsigned_t value) override {
        if (depth_ == 1 && number_ != nullptr) *number_ = static_cast<unsigned>(value);
        return true;
    }
    bool start_object(std::size_t /*size*/) override {
        if (depth_ == 0) is_object_ = true;
        ++depth_;
        return true;
    }
    bool end_object() override { return --depth_ >= 0; }
    bool start_array(std::size_t /*size*/) override {
        ++depth_;
        return depth_ > 1;  // an array at the top is not a record
    }
    bool end_array() override { return --depth_ >= 0; }
    bool null() override { return true; }
    bool boolean(bool /*value*/) override { return true; }
    bool number_integer(number_integer_t /*value*/) override { return true; }
    bool number_float(number_float_t /*value*/, const string_t& /*text*/) override { return true; }
    bool binary(binary_t& /*value*/) override { return true; }
    bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                     const nlohmann::json::exception& /*error*/) override {
        return false;
    }

    [[nodiscard]] bool read_an_object() const { return is_object_; }

private:
    ArticleRecord& record_;
    int depth_ = 0;
    bool is_object_ = false;
    std::string* field_ = nullptr;
    unsigned* number_ = nullptr;
};

}  // namespace

ArticleRecord ArticleRecord::parse(std::string_view data) {
    data = data.substr(0, data.find(kRecordEnd));
    ArticleRecord record;
    RecordReader reader(record);
    if (!nlohmann::json::sax_parse(data, &reader) || !reader.read_an_object()) {
        throw std::runtime_error("article record is not a JSON object");
    }
    return record;
}

std::string article_data(const ArticleRecord& record, const std::vector<StoredPassage>& passages) {
    std::string data = record.serialise();
    data.push_back(kRecordEnd);
    for (const StoredPassage& passage : passages) {
        for (const unsigned number : {passage.line, passage.first_position, passage.words}) {
            data += std::to_string(number);
            data.push_back(' ');
        }
        data += std::to_string(passage.text.size());
        data.push_back(':');
        data += passage.text;
    }
    return data;
}

std::vector<StoredPassage> stored_passages(std::string_view data) {
    std::vector<StoredPassage> passages;
    const size_t record_end = data.find(kRecordEnd);
    if (record_end == std::string_view::npos) return passages;
    const char* at = data.data() + record_end + 1;
    const char* const end = data.data() + data.size();
    auto number = [&](auto& out, char after) {
        const auto [next, error] = std::from_chars(at, end, out);
        if (error != std::errc() || next == end || *next != after) {
            throw std::runtime_error("article data: malformed passage list");
        }
        at = next + 1;
    };
    while (at != end) {
        StoredPassage passage;
        size_t bytes = 0;
        number(passage.line, ' ');
        number(passage.first_position, ' ');
        number(passage.words, ' ');
        number(bytes, ':');
        if (static_cast<size_t>(end - at) < bytes) throw std::runtime_error("article data: passage cut short");
        passage.text.assign(at, bytes);
        at += bytes;
        passages.push_back(std::move(passage));
    }
    return passages;
}

namespace {

// Level 3, zstd's default: on Reuters articles, within 3% of the ratio of
// Xapian's zlib in a third of its time (docs/benchmarks.md).
constexpr int kZstdLevel = 3;
// Larger than any article news-index stores: a frame claiming more is damaged.
constexpr unsigned long long kMaxUnpackedBytes = 1ULL << 30;

struct CompressContextFree {
    void operator()(ZSTD_CCtx* context) const { ZSTD_freeCCtx(context); }
};
struct DecompressContextFree {
    void operator()(ZSTD_DCtx* context) const { ZSTD_freeDCtx(context); }
};

std::unique_ptr<ZSTD_CCtx, CompressContextFree> make_compress_context() {
    std::unique_ptr<ZSTD_CCtx, CompressContextFree> context(ZSTD_createCCtx());
    if (!context) throw std::bad_alloc();
    ZSTD_CCtx_setParameter(context.get(), ZSTD_c_compressionLevel, kZstdLevel);
    // A damaged frame could otherwise unpack to wrong text without an error.
    ZSTD_CCtx_setParameter(context.get(), ZSTD_c_checksumFlag, 1);
    return context;
}

}  // namespace

std::string pack_article_data(std::string_view data) {
    // A context per thread, kept: making one costs more than a small article.
    thread_local const std::unique_ptr<ZSTD_CCtx, CompressContextFree> context = make_compress_context();
    std::string packed(ZSTD_compressBound(data.size()), '\0');
    const size_t size = ZSTD_compress2(context.get(), packed.data(), packed.size(), data.data(), data.size());
    if (ZSTD_isError(size) != 0) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(size));
    packed.resize(size);
    return packed;
}

unsigned text_start_line(std::string_view data) {
    const std::vector<StoredPassage> passages = stored_passages(data);
    return passages.empty() ? ArticleRecord::parse(data).title_line : passages.front().line;
}

std::string unpack_article_data(std::string_view packed) {
    const unsigned long long size = ZSTD_getFrameContentSize(packed.data(), packed.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxUnpackedBytes) {
        throw std::runtime_error("article data: not a zstd frame");
    }
    thread_local const std::unique_ptr<ZSTD_DCtx, DecompressContextFree> context(ZSTD_createDCtx());
    if (!context) throw std::bad_alloc();
    std::string data(size, '\0');
    const size_t unpacked = ZSTD_decompressDCtx(context.get(), data.data(), data.size(), packed.data(), packed.size());
    if (ZSTD_isError(unpacked) != 0 || unpacked != size) {
        throw std::runtime_error("article data: damaged zstd frame");
    }
    return data;
}

}  // namespace news
