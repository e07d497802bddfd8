#include "formats/plain_text_reader.h"

#include "text/news_date.h"
#include "text/text_decoding.h"

#include <filesystem>
#include <regex>

namespace news {
namespace {

constexpr std::string_view kReutersHeaderMark = "-- ";
constexpr size_t kDatelineSearchBytes = 160;
constexpr size_t kDatelineParagraphs = 4;

std::string_view trim(std::string_view s) {
    // U+00A0 (no-break space) pads lines in real files as often as spaces do.
    constexpr std::string_view kSpace = " \t\f\v";
    while (true) {
        const size_t before = s.size();
        s.remove_prefix(std::min(s.find_first_not_of(kSpace), s.size()));
        if (s.substr(0, 2) == "\xC2\xA0") s.remove_prefix(2);
        if (!s.empty() && kSpace.find(s.back()) != std::string_view::npos) {
            s.remove_suffix(1);
        } else if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") {
            s.remove_suffix(2);
        }
        if (s.size() == before) return s;
    }
}

// Appends `text` with each run of spaces as one space: whole stretches at a
// time, the JSON and CSV readers' bodies come through here.
void append_collapsed(std::string& out, std::string_view text) {
    size_t at = 0;
    while (at < text.size()) {
        const size_t run = text.find("  ", at);
        if (run == std::string_view::npos) {
            out.append(text.substr(at));
            return;
        }
        out.append(text.substr(at, run + 1 - at));
        at = text.find_first_not_of(' ', run + 1);
        if (at == std::string_view::npos) return;
    }
}

std::string collapse_spaces(std::string_view text) {
    std::string out;
    append_collapsed(out, text);
    return out;
}

bool is_blank(std::string_view line) { return trim(line).empty(); }

// A folder named like a date (the Reuters per-day folders "20061020") is not
// a section, but it does say when the article is from.
bool looks_like_date_folder(const std::string& name) {
    return name.size() == 8 && name.find_first_not_of("0123456789") == std::string::npos;
}

struct ReutersHeader {
    std::string headline;
    unsigned headline_line = 0;
    std::string author;
    std::string date;
    std::string url;
    size_t body_start = 0;  // index of the first line after the header
};

std::optional<ReutersHeader> read_reuters_header(const std::vector<std::string_view>& lines) {
    if (lines.empty() || !lines[0].starts_with(kReutersHeaderMark)) return std::nullopt;
    ReutersHeader header;
    size_t i = 0;
    for (; i < lines.size() && lines[i].starts_with("--"); ++i) {
        const std::string_view value = trim(lines[i].substr(2));
        if (i == 0) {
            header.headline = std::string(value);
            header.headline_line = 1;
        } else if (value.starts_with("By ") || value == "By") {
            header.author = collapse_spaces(trim(value.substr(2)));
        } else if (value.starts_with("http://") || value.starts_with("https://")) {
            header.url = std::string(value);
        } else if (header.date.empty()) {
            header.date = parse_news_date(value).value_or("");
        }
    }
    header.body_start = i;
    return header;
}

}  // namespace

unsigned Paragraph::line_at(size_t offset) const {
    unsigned line = first_line();
    for (const auto& [start, number] : line_starts) {
        if (start > offset) break;
        line = number;
    }
    return line;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\n' && text[i] != '\r') continue;
        lines.push_back(text.substr(start, i - start));
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        start = i + 1;
    }
    if (start < text.size()) lines.push_back(text.substr(start));
    return lines;
}

std::string source_from_url(const std::string& url) {
    static const std::regex host(R"(^https?://(?:www\.)?([^/:]+))");
    std::smatch m;
    if (std::regex_search(url, m, host)) return m[1];
    return {};
}

std::vector<Paragraph> read_paragraphs(const std::vector<std::string_view>& lines, size_t first,
                                       LineNumbering numbering, bool each_line_a_paragraph) {
    std::vector<Paragraph> paragraphs;
    Paragraph current;
    auto flush = [&] {
        if (!current.text.empty()) paragraphs.push_back(std::move(current));
        current = Paragraph{};
    };
    for (size_t i = first; i < lines.size(); ++i) {
        const std::string_view line = trim(lines[i]);
        if (line.empty() || each_line_a_paragraph) flush();
        if (line.empty()) continue;
        if (!current.text.empty()) current.text.push_back(' ');
        current.line_starts.emplace_back(current.text.size(),
                                         numbering.first + static_cast<unsigned>(i) * numbering.step);
        append_collapsed(current.text, line);
    }
    flush();
    return paragraphs;
}

Dateline find_dateline(std::string_view paragraph) {
    // PLACE[, Region] (Agency) -    where PLACE is written in capitals
    // ("SAN FRANCISCO/NEW YORK" names two).
    static const std::regex dateline(
        R"(^([A-Z][A-Z.'/\- ]*[A-Z.](?:, ?[A-Z][A-Za-z.'\- ]*?)?) *\(([A-Za-z][A-Za-z.&' \-]{0,30})\) *(?:-|--|\xE2\x80\x93|\xE2\x80\x94) )");
    const std::string head(paragraph.substr(0, kDatelineSearchBytes));
    std::smatch m;
    if (!std::regex_search(head, m, dateline)) return {};
    return {std::string(trim(m.str(1))), std::string(trim(m.str(2)))};
}

void PlainTextReader::read(const std::string& path, std::string_view bytes, const ReaderOptions& /*options*/,
                           ReadSink& sink) const {
    DecodedText decoded = decode_text(bytes);
    const std::vector<std::string_view> lines = split_lines(decoded.utf8);

    Article article;
    article.path = path;
    article.encoding = decoded.encoding;
    const std::filesystem::path fs_path(path);
    const std::string folder = fs_path.parent_path().filename().string();

    size_t body_start = 0;
    if (auto header = read_reuters_header(lines)) {
        article.title = std::move(header->headline);
        article.title_line = header->headline_line;
        article.author = std::move(header->author);
        article.date = std::move(header->date);
        article.url = std::move(header->url);
        body_start = header->body_start;
    } else {
        // A headline stands alone: a first line that runs straight on into
        // more text is the start of the body, and the article has no title.
        for (size_t i = 0; i < lines.size(); ++i) {
            if (is_blank(lines[i])) continue;
            if (i + 1 < lines.size() && !is_blank(lines[i + 1])) {
                body_start = i;
                break;
            }
            article.title = std::string(trim(lines[i]));
            article.title_line = static_cast<unsigned>(i + 1);
            body_start = i + 1;
            break;
        }
    }
    article.paragraphs = read_paragraphs(lines, body_start);

    if (looks_like_date_folder(folder)) {
        if (article.date.empty()) article.date = parse_news_date(folder).value_or("");
    } else {
        article.section = folder;
    }
    // The dateline opens the story, which may follow a photo caption or a
    // standfirst: look at the first few paragraphs.
    for (size_t i = 0; i < article.paragraphs.size() && i < kDatelineParagraphs; ++i) {
        Dateline dateline = find_dateline(article.paragraphs[i].text);
        if (dateline.agency.empty()) continue;
        article.place = std::move(dateline.place);
        article.source = std::move(dateline.agency);
        break;
    }
    if (article.source.empty()) article.source = source_from_url(article.url);

    if (article.title.empty() && article.paragraphs.empty()) {
        sink.problem({path, "no text (only white space)"});
        return;
    }
    sink.article(std::move(article));
}

}  // namespace news
