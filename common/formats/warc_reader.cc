#include "formats/warc_reader.h"

#include "formats/libarchive_input.h"
#include "text/news_date.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>
#include <vector>

namespace news {
namespace {

constexpr size_t kMaxHeaderBytes = 64 << 10;
constexpr std::string_view kPageName = "page.html";

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

// "Name: value" lines (WARC and HTTP headers alike), names in lower case;
// a line starting with white space continues the one before.
using Headers = std::vector<std::pair<std::string, std::string>>;

Headers parse_headers(std::string_view block) {
    Headers headers;
    size_t start = 0;
    while (start < block.size()) {
        const size_t end = std::min(block.find('\n', start), block.size());
        const std::string_view line = block.substr(start, end - start);
        start = end + 1;
        if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
            if (!headers.empty()) {
                headers.back().second += ' ';
                headers.back().second += trim(line);
            }
            continue;
        }
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        headers.emplace_back(lower(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
    }
    return headers;
}

std::string header(const Headers& headers, std::string_view name) {
    for (const auto& [key, value] : headers) {
        if (key == name) return value;
    }
    return {};
}

// Where a header block ends: the offset of its blank line and the offset
// just past it.  CRLF is the standard; a bare LF is read too.
std::optional<std::pair<size_t, size_t>> find_blank_line(std::string_view text, size_t from = 0) {
    const size_t crlf = text.find("\r\n\r\n", from);
    const size_t lf = text.find("\n\n", from);
    if (crlf == std::string_view::npos && lf == std::string_view::npos) return std::nullopt;
    if (crlf != std::string_view::npos && (lf == std::string_view::npos || crlf < lf)) {
        return std::pair{crlf, crlf + 4};
    }
    return std::pair{lf, lf + 2};
}

std::optional<uint64_t> whole_number(std::string_view text, int base = 10) {
    if (text.empty()) return std::nullopt;
    uint64_t value = 0;
    for (const char c : text) {
        int digit = 0;
        if (c >= '0' && c <= '9') {
            digit = c - '0';
        } else if (base == 16 && std::isxdigit(static_cast<unsigned char>(c)) != 0) {
            digit = std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
        } else {
            return std::nullopt;
        }
        if (value > (UINT64_MAX - static_cast<uint64_t>(digit)) / static_cast<uint64_t>(base)) return std::nullopt;
        value = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(digit);
    }
    return value;
}

// An HTTP body sent in chunks, joined; nothing when the chunks are broken.
std::optional<std::string> dechunk(std::string_view body) {
    std::string joined;
    size_t at = 0;
    while (true) {
        const size_t line_end = body.find('\n', at);
        if (line_end == std::string_view::npos) return std::nullopt;
        std::string_view size_text = trim(body.substr(at, line_end - at));
        size_text = size_text.substr(0, std::min(size_text.find(';'), size_text.size()));
        const std::optional<uint64_t> size = whole_number(trim(size_text), 16);
        if (!size) return std::nullopt;
        at = line_end + 1;
        if (*size == 0) return joined;
        if (*size > body.size() - at) return std::nullopt;
        joined.append(body.substr(at, *size));
        at += *size;
        if (body.substr(at, 2) == "\r\n") {
            at += 2;
        } else if (body.substr(at, 1) == "\n") {
            at += 1;
        }
    }
}

// One WARC record's header, as far as we use it.
struct WarcRecord {
    unsigned number = 0;  // 1-based, in file order
    std::string type;
    std::string target_uri;
    std::string record_id;
    std::string date;
    std::string content_type;
    uint64_t length = 0;
};

// The WARC records of a decompressed stream, fed block by block: a record
// the reader keeps is held whole (at most kMaxMemberBytes), the others are
// counted and their bytes dropped as they pass.
class WarcParser {
public:
    WarcParser(const ArticleReader* html, const std::string& path, const ReaderOptions& options, ReadSink& sink,
               ExpansionBudget& budget)
        : html_(html), path_(path), options_(options), sink_(sink), budget_(budget) {}

    // False when reading must stop (the budget is spent).
    bool feed(std::string_view block) {
        buffer_.append(block);
        process();
        if (at_ > (1U << 20) || at_ * 2 > buffer_.size()) {
            buffer_.erase(0, at_);
            at_ = 0;
        }
        return !stopped_;
    }

    void finish() {
        if (state_ == State::keep || state_ == State::skip) {
            sink_.problem({record_where(), "cut off: the file ends inside the record"});
        } else if (buffer_.find_first_not_of("\r\n", at_) != std::string::npos) {
            sink_.problem({path_ + " record " + std::to_string(record_.number + 1),
                           "cut off: the file ends inside the record's header"});
        }
    }

private:
    enum class State { header, keep, skip };

    std::string record_where() const {
        if (!record_.target_uri.empty()) return inner_name(path_, record_.target_uri);
        return path_ + " record " + std::to_string(record_.number);
    }

    void process() {
        while (!stopped_) {
            const std::string_view pending = std::string_view(buffer_).substr(at_);
            if (state_ == State::skip) {
                const size_t n = static_cast<size_t>(std::min<uint64_t>(skip_left_, pending.size()));
                at_ += n;
                skip_left_ -= n;
                if (skip_left_ > 0) return;
                state_ = State::header;
                continue;
            }
            if (state_ == State::keep) {
                if (pending.size() < record_.length) return;
                read_block(pending.substr(0, record_.length));
                at_ += record_.length;
                state_ = State::header;
                continue;
            }
            // Records are parted by blank lines.
            const size_t start = pending.find_first_not_of("\r\n");
            if (start == std::string_view::npos) {
                at_ += pending.size();
                return;
            }
            at_ += start;
            const std::string_view rest = pending.substr(start);
            if (!rest.starts_with("WARC/")) {
                if (rest.size() < 5 && std::string_view("WARC/").starts_with(rest)) return;
                if (!lost_) {
                    sink_.problem({path_ + " record " + std::to_string(record_.number + 1),
                                   "not a WARC record (no \"WARC/\" header): skipped to the next record"});
                    lost_ = true;
                }
                const size_t next = rest.find("\nWARC/");
                at_ += next == std::string_view::npos ? rest.size() - std::min<size_t>(rest.size(), 5) : next + 1;
                if (next == std::string_view::npos) return;
                continue;
            }
            const auto blank = find_blank_line(rest);
            if (!blank) {
                if (rest.size() <= kMaxHeaderBytes) return;
                sink_.problem({path_ + " record " + std::to_string(record_.number + 1),
                               "a record header longer than 64 KiB: skipped to the next record"});
                at_ += 5;
                lost_ = true;
                continue;
            }
            lost_ = false;
            const Headers headers = parse_headers(rest.substr(0, blank->first));
            at_ += blank->second;
            record_ = WarcRecord{};
            record_.number = ++records_;
            record_.type = lower(header(headers, "warc-type"));
            record_.target_uri = header(headers, "warc-target-uri");
            // WARC/1.0's own examples wrote the URI in angle brackets.
            if (record_.target_uri.size() >= 2 && record_.target_uri.front() == '<' &&
                record_.target_uri.back() == '>') {
                record_.target_uri = record_.target_uri.substr(1, record_.target_uri.size() - 2);
            }
            record_.record_id = header(headers, "warc-record-id");
            record_.date = header(headers, "warc-date");
            record_.content_type = lower(header(headers, "content-type"));
            const std::optional<uint64_t> length = whole_number(header(headers, "content-length"));
            if (!length) {
                sink_.problem({record_where(), "no valid Content-Length: skipped to the next record"});
                lost_ = true;
                continue;
            }
            record_.length = *length;
            const bool page_record = (record_.type == "response" && record_.content_type.starts_with("application/http")) ||
                                     (record_.type == "resource" && record_.content_type.find("html") != std::string::npos);
            if (!page_record) {
                pass_over("WARC " + (record_.type.empty() ? std::string("untyped") : record_.type) + " record");
                skip(record_.length);
            } else if (record_.length > kMaxMemberBytes) {
                sink_.problem({record_where(), "larger than " + std::to_string(kMaxMemberBytes >> 20) +
                                                   " MiB, the most read of one file: not read"});
                skip(record_.length);
            } else {
                state_ = State::keep;
            }
        }
    }

    void skip(uint64_t length) {
        state_ = State::skip;
        skip_left_ = length;
    }

    void pass_over(std::string what) { sink_.passed_over({record_where(), std::move(what)}); }

    void read_block(std::string_view block) {
        std::string_view body = block;
        std::string decoded;
        if (record_.type == "response") {
            const auto blank = find_blank_line(block);
            if (!blank) {
                sink_.problem({record_where(), "an HTTP response without the end of its headers"});
                return;
            }
            const std::string_view head = block.substr(0, blank->first);
            body = block.substr(blank->second);
            const std::string_view status_line = head.substr(0, std::min(head.find('\n'), head.size()));
            const size_t space = status_line.find(' ');
            const std::string status =
                space == std::string_view::npos ? std::string() : std::string(trim(status_line.substr(space + 1, 3)));
            if (!status_line.starts_with("HTTP/") || status.size() != 3) {
                sink_.problem({record_where(), "not an HTTP response (no status line)"});
                return;
            }
            if (status[0] != '2') {
                pass_over("HTTP " + status + " response");
                return;
            }
            const Headers http = parse_headers(head.substr(std::min(head.find('\n'), head.size())));
            const std::string type = lower(header(http, "content-type"));
            if (!type.empty() && type.find("html") == std::string::npos) {
                pass_over("response of type " + type.substr(0, type.find(';')));
                return;
            }
            if (type.empty() && !trim(body.substr(0, 64)).starts_with("<")) {
                pass_over("response that is not HTML");
                return;
            }
            if (lower(header(http, "transfer-encoding")).find("chunked") != std::string::npos) {
                std::optional<std::string> joined = dechunk(body);
                if (!joined) {
                    sink_.problem({record_where(), "broken chunked transfer encoding"});
                    return;
                }
                decoded = std::move(*joined);
                body = decoded;
            }
            const std::string encoding = lower(header(http, "content-encoding"));
            if (!encoding.empty() && encoding != "identity") {
                if (encoding != "gzip" && encoding != "x-gzip") {
                    sink_.problem({record_where(), "the page is compressed with " + encoding + ", which is not read"});
                    return;
                }
                std::optional<std::string> unzipped = gunzip(body);
                if (!unzipped) return;
                decoded = std::move(*unzipped);
                body = decoded;
            }
        }
        read_page(body);
    }

    std::optional<std::string> gunzip(std::string_view body) {
        LibarchiveInput input(body, LibarchiveInput::Formats::raw);
        archive_entry* entry = nullptr;
        if (!input.opened() || archive_read_next_header(input.get(), &entry) != ARCHIVE_OK || !input.decompressed()) {
            sink_.problem({record_where(), "the page says gzip but is not (" + input.error() + ")"});
            return std::nullopt;
        }
        std::string out;
        const DataEnd end = read_entry_into(input, budget_, out);
        if (end == DataEnd::complete) return out;
        if (end == DataEnd::over_budget) {
            sink_.problem({record_where(), budget_.exceeded_reason()});
            stopped_ = true;
        } else {
            sink_.problem({record_where(), end == DataEnd::stopped ? "the page expands past " + std::to_string(kMaxMemberBytes >> 20) + " MiB: not read"
                                                                   : "the page's gzip is damaged (" + input.error() + ")"});
        }
        return std::nullopt;
    }

    void read_page(std::string_view body) {
        const ArticleReader* html = html_;
        if (html == nullptr && !has_reader_for(std::string(kPageName))) {
            pass_over("HTML page (this build has no HTML reader)");
            return;
        }
        // The URL the page was fetched from; the date it was fetched on
        // when the page does not say when it was published.
        struct PageSink final : ForwardingSink {
            const WarcRecord& record;
            std::string date;
            PageSink(ReadSink& out, const WarcRecord& r)
                : ForwardingSink(out), record(r), date(parse_news_date(r.date).value_or("")) {}
            void article(Article article) override {
                if (!record.target_uri.empty()) article.url = record.target_uri;
                if (article.date.empty()) article.date = date;
                out_.article(std::move(article));
            }
        } page_sink(sink_, record_);
        std::string key = !record_.target_uri.empty() ? record_.target_uri
                          : !record_.record_id.empty() ? record_.record_id
                                                       : "record " + std::to_string(record_.number);
        read_inner({path_, key, kPageName, body}, options_, page_sink, budget_, html);
    }

    const ArticleReader* html_;
    const std::string& path_;
    const ReaderOptions& options_;
    ReadSink& sink_;
    ExpansionBudget& budget_;
    std::string buffer_;
    size_t at_ = 0;
    State state_ = State::header;
    uint64_t skip_left_ = 0;
    WarcRecord record_;
    unsigned records_ = 0;
    bool lost_ = false;     // between records after a bad one: said once
    bool stopped_ = false;  // the budget is spent
};

}  // namespace

void WarcReader::read_container(const std::string& path, std::string_view bytes, const ReaderOptions& options,
                                ReadSink& sink, ExpansionBudget& budget) const {
    if (too_deep(path, options, sink)) return;
    LibarchiveInput input(bytes, LibarchiveInput::Formats::raw);
    archive_entry* entry = nullptr;
    if (!input.opened() || archive_read_next_header(input.get(), &entry) != ARCHIVE_OK) {
        sink.problem({path, "not readable as a WARC (" + input.error() + ")"});
        return;
    }
    WarcParser parser(html_, path, options, sink, budget);
    const DataEnd end = read_entry_data(input, budget, [&](std::string_view block) { return parser.feed(block); });
    if (end == DataEnd::over_budget) {
        sink.problem({path, budget.exceeded_reason()});
    } else if (end == DataEnd::failed || end == DataEnd::fatal) {
        sink.problem({path, "truncated or damaged (" + input.error() + "): what follows is not read"});
    } else if (end == DataEnd::complete) {
        parser.finish();
    }
}

}  // namespace news
