#include "formats/csv_reader.h"

#include "formats/record_fields.h"
#include "text/text_decoding.h"

#include <csv.h>

#include <filesystem>
#include <optional>

namespace news {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
// A header of more fields than this is not a news dump's.
constexpr size_t kMaxHeaderFields = 4096;

struct Field {
    std::string text;
    unsigned line = 0;  // where the field starts
};

struct Row {
    std::vector<Field> fields;  // the first `keep_fields` of them
    size_t field_count = 0;     // all of them
};

// What libcsv's callbacks hand over while one line of the file is fed.
struct Collector {
    unsigned line = 0;                     // the line being fed
    size_t keep_fields = kMaxHeaderFields;  // more are only counted
    Row current;
    std::optional<Row> done;  // a line ends at most one row
};

// Line breaks in a field: each of them one line of the file back.
unsigned count_line_breaks(std::string_view text) {
    unsigned breaks = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) ++breaks;
    }
    return breaks;
}

void on_field(void* data, size_t size, void* collector_data) {
    auto& collector = *static_cast<Collector*>(collector_data);
    ++collector.current.field_count;
    if (collector.current.fields.size() >= collector.keep_fields) return;
    const std::string_view text(static_cast<const char*>(data), size);
    const unsigned breaks = count_line_breaks(text);
    collector.current.fields.push_back({std::string(text), breaks < collector.line ? collector.line - breaks : 1});
}

void on_row(int /*terminator*/, void* collector_data) {
    auto& collector = *static_cast<Collector*>(collector_data);
    collector.done = std::move(collector.current);
    collector.current = Row{};
}

int is_space_not_tab(unsigned char c) { return c == ' ' ? 1 : 0; }

// libcsv's parser in strict mode: a quote inside an unquoted field, text
// after a closing quote and a quoted field the file ends in are errors.
class CsvParser {
public:
    explicit CsvParser(unsigned char delimiter) : delimiter_(delimiter) { init(); }
    CsvParser(const CsvParser&) = delete;
    CsvParser& operator=(const CsvParser&) = delete;
    ~CsvParser() { csv_free(&parser_); }

    // Fresh, after an error: the record in progress is dropped.
    void reset() {
        csv_free(&parser_);
        init();
    }
    bool parse(std::string_view text, Collector& collector) {
        return csv_parse(&parser_, text.data(), text.size(), on_field, on_row, &collector) == text.size();
    }
    bool finish(Collector& collector) { return csv_fini(&parser_, on_field, on_row, &collector) == 0; }

private:
    void init() {
        csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI);
        csv_set_delim(&parser_, delimiter_);
        // Spaces around an unquoted field are dropped; in a TSV a tab is
        // the delimiter, not a space.
        if (delimiter_ == '\t') csv_set_space_func(&parser_, is_space_not_tab);
    }

    unsigned char delimiter_;
    csv_parser parser_{};
};

// Just past the end of the line starting at `start`: its LF, CRLF or CR.
size_t line_end(std::string_view bytes, size_t start) {
    const size_t at = bytes.find_first_of("\r\n", start);
    if (at == std::string_view::npos) return bytes.size();
    return bytes[at] == '\r' && at + 1 < bytes.size() && bytes[at + 1] == '\n' ? at + 2 : at + 1;
}

bool is_blank_line(std::string_view line) { return line.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// The records of one file, header first.
class CsvRecords {
public:
    CsvRecords(const std::string& path, const ReaderOptions& options, ReadSink& sink)
        : path_(path), mapping_(options.field_names), sink_(sink) {}

    // Returns false when the file cannot be read on (a header too wide).
    bool row(Row row, unsigned line, Collector& collector) {
        if (!have_header_) {
            if (row.field_count > kMaxHeaderFields) {
                problem(line, "a header of " + std::to_string(row.field_count) + " fields (at most " +
                                  std::to_string(kMaxHeaderFields) + ")");
                return false;
            }
            for (const Field& field : row.fields) columns_.push_back(mapping_.field_for(field.text));
            have_header_ = true;
            collector.keep_fields = columns_.size();
            return true;
        }
        ++position_;
        if (row.field_count != columns_.size()) {
            problem(line, std::to_string(row.field_count) + (row.field_count == 1 ? " field" : " fields") +
                              " where the header has " + std::to_string(columns_.size()));
            return true;
        }
        std::vector<RecordValue> values;
        std::string encoding = "utf-8";
        for (size_t i = 0; i < columns_.size(); ++i) {
            if (!columns_[i]) continue;
            DecodedText decoded = decode_text(row.fields[i].text);
            if (decoded.encoding != "utf-8") encoding = decoded.encoding;
            values.push_back({*columns_[i], std::move(decoded.utf8), row.fields[i].line, true});
        }
        std::optional<Article> article = record_article(path_, position_, values);
        if (!article) {
            problem(line, "no text");
            return true;
        }
        article->encoding = encoding;
        if (auto note = dropped_date(path_, values, *article)) sink_.note(std::move(*note));
        sink_.article(std::move(*article));
        return true;
    }

    // A record skipped before its fields were known (broken quoting).
    void bad_record(unsigned line, std::string reason) {
        if (have_header_) ++position_;
        problem(line, std::move(reason));
    }

    void problem(unsigned line, std::string reason) { sink_.problem({record_where(path_, line), std::move(reason)}); }

    [[nodiscard]] bool have_header() const { return have_header_; }
    [[nodiscard]] size_t records() const { return position_; }

private:
    const std::string& path_;
    FieldMapping mapping_;
    ReadSink& sink_;
    bool have_header_ = false;
    std::vector<std::optional<RecordField>> columns_;
    size_t position_ = 0;  // records met so far, the bad ones too
};

}  // namespace

void CsvReader::read(const std::string& path, std::string_view bytes, const ReaderOptions& options,
                     ReadSink& sink) const {
    if (bytes.starts_with(kByteOrderMark)) bytes.remove_prefix(kByteOrderMark.size());
    const std::string extension = ascii_lower(std::filesystem::path(path).extension().string());
    CsvParser parser(extension == ".tsv" ? '\t' : ',');
    CsvRecords records(path, options, sink);
    Collector collector;

    size_t at = 0;        // the next line to feed
    unsigned line = 1;    // its number
    bool in_row = false;  // whether a record is open across lines
    unsigned row_line = 0;
    size_t row_start = 0;
    size_t row_bytes = 0;
    // The record that starts at row_line is skipped; reading goes on at
    // the line after its first, which may begin a good record.  False when
    // the file cannot be read on (its header is broken).
    auto skip_row = [&](std::string reason) {
        if (!records.have_header()) {
            // Without its field names the file cannot be read.
            records.problem(row_line, "the header is broken: " + reason);
            return false;
        }
        records.bad_record(row_line, std::move(reason));
        parser.reset();
        collector.current = Row{};
        collector.done.reset();
        at = line_end(bytes, row_start);
        line = row_line + 1;
        in_row = false;
        return true;
    };
    auto take_row = [&] {
        if (!collector.done) return true;
        Row row = std::move(*collector.done);
        collector.done.reset();
        in_row = false;
        return records.row(std::move(row), row_line, collector);
    };

    while (true) {
        if (at >= bytes.size()) {
            if (!in_row) break;
            collector.line = line - 1;
            if (!parser.finish(collector)) {
                if (!skip_row("unbalanced quote (a quoted field runs to the end of the file)")) return;
                continue;
            }
            take_row();
            break;
        }
        const size_t end = line_end(bytes, at);
        const std::string_view text = bytes.substr(at, end - at);
        if (!in_row) {
            if (is_blank_line(text)) {
                at = end;
                ++line;
                continue;
            }
            in_row = true;
            row_line = line;
            row_start = at;
            row_bytes = 0;
        }
        // Checked before libcsv copies the line: a 1 GB line costs nothing.
        if (row_bytes + text.size() > kMaxRecordBytes) {
            if (!skip_row(record_too_large(row_bytes + text.size()))) return;
            continue;
        }
        collector.line = line;
        if (!parser.parse(text, collector)) {
            if (!skip_row(line == row_line ? "unbalanced quote"
                                           : "unbalanced quote (the quoting breaks at line " + std::to_string(line) +
                                                 ")")) {
                return;
            }
            continue;
        }
        at = end;
        ++line;
        row_bytes += text.size();
        if (!take_row()) return;
    }
    if (!records.have_header()) {
        records.problem(1, "no text (only white space)");
    } else if (records.records() == 0) {
        records.problem(1, "no records after the header");
    }
}

}  // namespace news
