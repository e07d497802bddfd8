#include "formats/json_reader.h"

#include "formats/record_fields.h"
#include "text/text_decoding.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>

namespace news {
namespace {

using nlohmann::json;

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::string_view kJsonSpace = " \t\r\n";
// Lists of lists of names are followed this deep, no deeper.
constexpr unsigned kMaxValueDepth = 8;
// A parser's message is cut to this many bytes.
constexpr size_t kMaxMessageBytes = 100;

// nlohmann's "[json.exception.parse_error.101] parse error at line 1,
// column 6: syntax error while parsing value - invalid literal; last read:
// '...'" -> "column 6: syntax error while parsing value - invalid literal".
std::string short_parser_message(const std::string& what) {
    std::string message = what;
    if (const size_t at = message.find("parse error at "); at != std::string::npos) message.erase(0, at + 15);
    if (message.starts_with("line 1, ")) message.erase(0, 8);
    if (const size_t last_read = message.find("; last read"); last_read != std::string::npos) {
        message.resize(last_read);
    }
    if (message.size() > kMaxMessageBytes) {
        message.resize(kMaxMessageBytes);
        while (!message.empty() && (static_cast<unsigned char>(message.back()) & 0xC0) == 0x80) message.pop_back();
        if (!message.empty() && static_cast<unsigned char>(message.back()) >= 0xC0) message.pop_back();
        message += "...";
    }
    return message;
}

// A value as text for one of our fields: a string as it is, a number as
// written, a list joined (names with ", ", texts as paragraphs), an object
// by its "name" (an author, a publisher).
void append_value_text(json& value, RecordField field, unsigned depth, std::string& out) {
    const bool is_text = field == RecordField::kText || field == RecordField::kDescription;
    switch (value.type()) {
        case json::value_t::string:
            // The record is read once: its strings are moved, not copied.
            if (out.empty()) {
                out = std::move(value.get_ref<std::string&>());
            } else {
                out += value.get_ref<const std::string&>();
            }
            break;
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float:
            out += value.dump();
            break;
        case json::value_t::array:
            if (depth >= kMaxValueDepth) break;
            for (json& element : value) {
                std::string text;
                append_value_text(element, field, depth + 1, text);
                if (text.empty()) continue;
                if (!out.empty()) out += is_text ? "\n\n" : ", ";
                out += text;
            }
            break;
        case json::value_t::object:
            if (depth >= kMaxValueDepth) break;
            if (const auto name = value.find("name"); name != value.end()) {
                append_value_text(*name, field, depth + 1, out);
            }
            break;
        default:  // null, true, false, binary
            break;
    }
}

enum class Layout {
    kLines,     // one value per line (JSON Lines)
    kArray,     // [ {...}, {...} ]
    kSequence,  // values one after another, each over any number of lines
};

// Where one value ends, outside strings: for an array's element, at the ','
// or ']' that closes it; for a value of a sequence, just past the bracket
// that closes it.  The end of the bytes when they end first.
size_t value_end(std::string_view bytes, size_t start, Layout layout) {
    size_t depth = 0;
    bool in_string = false;
    for (size_t i = start; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        switch (c) {
            case '"':
                in_string = true;
                break;
            case '{':
            case '[':
                ++depth;
                break;
            case '}':
            case ']':
                if (depth == 0) return i;
                if (--depth == 0 && layout == Layout::kSequence) return i + 1;
                break;
            case ',':
                if (depth == 0 && layout == Layout::kArray) return i;
                break;
            default:
                break;
        }
    }
    return bytes.size();
}

size_t count_newlines(std::string_view text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }

class JsonRecords {
public:
    JsonRecords(const std::string& path, const ReaderOptions& options, ReadSink& sink)
        : path_(path), mapping_(options.field_names), sink_(sink) {}

    // One record's text, starting on `line` of the file.
    void record(std::string_view text, unsigned line) {
        if (text.size() > kMaxRecordBytes) {
            ++position_;
            problem(line, record_too_large(text.size()));
            return;
        }
        json value;
        std::string encoding = "utf-8";
        try {
            value = json::parse(text);
        } catch (const json::exception& e) {
            // Bytes that are not UTF-8 (a Windows-1252 dump) are read as
            // the plain-text reader reads them; other errors stand.
            DecodedText decoded = decode_text(text);
            std::optional<std::string> error = short_parser_message(e.what());
            if (decoded.encoding != "utf-8") {
                try {
                    value = json::parse(decoded.utf8);
                    encoding = decoded.encoding;
                    error.reset();
                } catch (const json::exception&) {
                }
            }
            if (error) {
                ++position_;
                problem(line, "not JSON (" + *error + ")");
                return;
            }
        }
        record_value(value, line, encoding, true);
    }

    // What follows the records: the array left open, text after it.
    void problem(unsigned line, std::string reason) { sink_.problem({record_where(path_, line), std::move(reason)}); }

private:
    void record_value(json& value, unsigned line, const std::string& encoding, bool outermost) {
        if (!value.is_object()) {
            ++position_;
            problem(line, std::string("not a JSON object (") + value.type_name() + ")");
            return;
        }
        std::vector<RecordValue> values;
        for (auto& [name, member] : value.items()) {
            const std::optional<RecordField> field = mapping_.field_for(name);
            if (!field) continue;
            RecordValue record_value{*field, {}, line, false};
            append_value_text(member, *field, 0, record_value.text);
            values.push_back(std::move(record_value));
        }
        std::optional<Article> article = record_article(path_, position_ + 1, values);
        if (!article && outermost && read_inner_records(value, line, encoding)) return;
        ++position_;
        if (!article) {
            problem(line, "no text");
            return;
        }
        article->encoding = encoding;
        if (auto note = dropped_date(path_, values, *article)) sink_.note(std::move(*note));
        sink_.article(std::move(*article));
    }

    // An object that is no article but holds a list of them (a NewsAPI
    // answer: {"status": "ok", "articles": [...]}): each is a record.
    bool read_inner_records(json& value, unsigned line, const std::string& encoding) {
        bool found = false;
        for (auto& [name, member] : value.items()) {
            // A field's strings were taken for the outer record already.
            if (mapping_.field_for(name) || !member.is_array() || member.empty() || !member.front().is_object()) {
                continue;
            }
            for (json& element : member) record_value(element, line, encoding, false);
            found = true;
        }
        return found;
    }

    const std::string& path_;
    FieldMapping mapping_;
    ReadSink& sink_;
    size_t position_ = 0;  // records met so far, the bad ones too
};

Layout layout_of(const std::string& path, std::string_view bytes, size_t first) {
    if (first < bytes.size() && bytes[first] == '[') return Layout::kArray;
    std::string extension = ascii_lower(std::filesystem::path(path).extension().string());
    if (extension == ".jsonl" || extension == ".ndjson") return Layout::kLines;
    if (first >= bytes.size() || bytes[first] != '{') return Layout::kLines;
    // Objects one per line, or one object (or more) over many lines.
    const size_t end = value_end(bytes, first, Layout::kSequence);
    const size_t newline = bytes.find('\n', first);
    return newline == std::string_view::npos || end <= newline ? Layout::kLines : Layout::kSequence;
}

void read_lines(std::string_view bytes, JsonRecords& records) {
    unsigned line = 1;
    size_t start = 0;
    while (start < bytes.size()) {
        const void* found = std::memchr(bytes.data() + start, '\n', bytes.size() - start);
        const size_t end = found == nullptr ? bytes.size() : static_cast<size_t>(static_cast<const char*>(found) - bytes.data());
        const std::string_view text = bytes.substr(start, end - start);
        if (text.find_first_not_of(kJsonSpace) != std::string_view::npos) records.record(text, line);
        ++line;
        start = end + 1;
    }
}

void read_values(std::string_view bytes, size_t start, Layout layout, JsonRecords& records) {
    unsigned line = 1 + static_cast<unsigned>(count_newlines(bytes.substr(0, start)));
    size_t at = start;
    if (layout == Layout::kArray) ++at;  // past '['
    while (true) {
        const size_t next = bytes.find_first_not_of(kJsonSpace, at);
        line += static_cast<unsigned>(count_newlines(bytes.substr(at, std::min(next, bytes.size()) - at)));
        if (next == std::string_view::npos) {
            if (layout == Layout::kArray) records.problem(line, "the JSON array is cut off (no closing ']')");
            return;
        }
        at = next;
        if (layout == Layout::kArray && bytes[at] == ']') {
            if (bytes.find_first_not_of(kJsonSpace, at + 1) != std::string_view::npos) {
                records.problem(line, "text after the JSON array ignored");
            }
            return;
        }
        // Between values of a sequence a comma is let pass too (objects
        // written with commas but no brackets).
        if (bytes[at] == ',') {
            ++at;
            continue;
        }
        const size_t end = value_end(bytes, at, layout);
        // A stray closing bracket in a sequence ends nothing: step over it.
        const size_t stop = end == at ? at + 1 : end;
        const std::string_view text = bytes.substr(at, stop - at);
        records.record(text, line);
        line += static_cast<unsigned>(count_newlines(text));
        at = stop;
    }
}

}  // namespace

bool looks_like_json_lines(std::string_view bytes) {
    if (bytes.starts_with(kByteOrderMark)) bytes.remove_prefix(kByteOrderMark.size());
    const size_t first = bytes.find_first_not_of(kJsonSpace);
    if (first == std::string_view::npos || bytes[first] != '{') return false;
    const std::string_view line = bytes.substr(first, bytes.find('\n', first) - first);
    return line.size() <= kMaxRecordBytes && json::accept(line);
}

void JsonReader::read(const std::string& path, std::string_view bytes, const ReaderOptions& options,
                      ReadSink& sink) const {
    if (bytes.starts_with(kByteOrderMark)) bytes.remove_prefix(kByteOrderMark.size());
    JsonRecords records(path, options, sink);
    const size_t first = bytes.find_first_not_of(kJsonSpace);
    if (first == std::string_view::npos) {
        records.problem(1, "no text (only white space)");
        return;
    }
    const Layout layout = layout_of(path, bytes, first);
    if (layout == Layout::kLines) {
        read_lines(bytes, records);
    } else {
        read_values(bytes, first, layout, records);
    }
}

}  // namespace news
