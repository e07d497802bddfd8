#include "article_record.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <stdexcept>

namespace news {

ArticleRecord ArticleRecord::from_article(const Article& article, unsigned passage_count) {
    ArticleRecord record;
    record.path = article.path;
    record.title = article.title;
    record.title_line = article.title_line;
    record.author = article.author;
    record.date = article.date;
    record.url = article.url;
    record.place = article.place;
    record.source = article.source;
    record.section = article.section;
    record.encoding = article.encoding;
    record.passages = passage_count;
    return record;
}

std::string ArticleRecord::serialise() const {
    nlohmann::json json{{"path", path}, {"title", title}, {"title_line", title_line}};
    auto put = [&json](const char* key, const std::string& value) {
        if (!value.empty()) json[key] = value;
    };
    put("author", author);
    put("date", date);
    put("url", url);
    put("place", place);
    put("source", source);
    put("section", section);
    put("encoding", encoding);
    put("duplicate_of", duplicate_of);
    json["passages"] = passages;
    // Paths may hold bytes that are not UTF-8: keep the JSON valid.
    return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {
constexpr char kRecordEnd = '\0';
}  // namespace

ArticleRecord ArticleRecord::parse(std::string_view data) {
    data = data.substr(0, data.find(kRecordEnd));
    const nlohmann::json json = nlohmann::json::parse(data, nullptr, false);
    if (!json.is_object()) throw std::runtime_error("article record is not a JSON object");
    ArticleRecord record;
    auto get = [&json](const char* key, std::string& out) {
        if (auto it = json.find(key); it != json.end() && it->is_string()) out = it->get<std::string>();
    };
    get("path", record.path);
    get("title", record.title);
    get("author", record.author);
    get("date", record.date);
    get("url", record.url);
    get("place", record.place);
    get("source", record.source);
    get("section", record.section);
    get("encoding", record.encoding);
    get("duplicate_of", record.duplicate_of);
    record.title_line = json.value("title_line", 0U);
    record.passages = json.value("passages", 0U);
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

}  // namespace news
