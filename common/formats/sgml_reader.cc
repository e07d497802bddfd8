#include "formats/sgml_reader.h"

#include "text/news_date.h"
#include "text/text_decoding.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

// The Lewis DTD (lewis.dtd beside the files) is flat: a REUTERS record holds
// DATE, TOPICS/PLACES/PEOPLE/ORGS/EXCHANGES/COMPANIES (lists of D), UNKNOWN,
// MKNOTE and TEXT, and TEXT holds TITLE, AUTHOR, DATELINE and BODY or bare
// text.  The files are not valid SGML throughout (character references to
// control characters, a stray Latin-1 byte, a time of 605 hours), so they
// are read here tag by tag, as every user of the corpus reads them, rather
// than through a validating SGML parser that would need the DTD and refuse
// them.

namespace news {
namespace {

constexpr std::string_view kRecordElement = "REUTERS";
constexpr std::string_view kSource = "Reuters";
// TYPE="BRIEF" records hold their story in the TITLE and this in its place.
constexpr std::string_view kBriefPlaceholder = "Blah blah blah.";
constexpr size_t kNone = std::string_view::npos;
constexpr uint32_t kReplacementCharacter = 0xFFFD;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// Whether `text` holds `name` at `at`, in any case (SGML names are not
// case-sensitive).
bool name_at(std::string_view text, size_t at, std::string_view name) {
    if (at > text.size() || text.size() - at < name.size()) return false;
    for (size_t i = 0; i < name.size(); ++i) {
        if (upper(text[at + i]) != upper(name[i])) return false;
    }
    return true;
}

bool same_name(std::string_view a, std::string_view b) { return a.size() == b.size() && name_at(a, 0, b); }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// The next start tag "<NAME" followed by white space or '>' in [from, to).
size_t find_start_tag(std::string_view text, std::string_view name, size_t from, size_t to) {
    to = std::min(to, text.size());
    text = text.substr(0, to);  // a search never runs past `to`
    for (size_t at = from; at < to; ++at) {
        at = text.find('<', at);
        if (at == kNone) return kNone;
        const size_t after = at + 1 + name.size();
        if (after < to && name_at(text, at + 1, name) && (is_space(text[after]) || text[after] == '>')) return at;
    }
    return kNone;
}

struct Span {
    size_t begin = kNone;
    size_t end = kNone;
    [[nodiscard]] bool found() const { return begin != kNone; }
};

// The next end tag "</NAME>" (white space allowed before '>') in [from, to).
Span find_end_tag(std::string_view text, std::string_view name, size_t from, size_t to) {
    to = std::min(to, text.size());
    text = text.substr(0, to);  // a search never runs past `to`
    for (size_t at = from; at < to; ++at) {
        at = text.find("</", at);
        if (at == kNone) return {};
        if (!name_at(text, at + 2, name)) continue;
        size_t after = at + 2 + name.size();
        while (after < to && is_space(text[after])) ++after;
        if (after < to && text[after] == '>') return {at, after + 1};
    }
    return {};
}

struct Element {
    size_t begin = kNone;          // the '<' of its start tag
    std::string_view attributes;   // what the start tag holds after the name
    size_t content_begin = kNone;
    size_t content_end = kNone;    // its end tag, or the end of the search
    size_t end = kNone;            // past its end tag
    [[nodiscard]] bool found() const { return begin != kNone; }
};

// The first element `name` in [from, to); one missing its end tag runs to
// `to`.
Element find_element(std::string_view text, std::string_view name, size_t from, size_t to) {
    Element element;
    const size_t start = find_start_tag(text, name, from, to);
    if (start == kNone) return element;
    const size_t bracket = text.substr(0, to).find('>', start);
    if (bracket == kNone) return element;
    element.begin = start;
    const size_t name_end = start + 1 + name.size();
    element.attributes = text.substr(name_end, bracket - name_end);
    element.content_begin = bracket + 1;
    const Span end_tag = find_end_tag(text, name, element.content_begin, to);
    element.content_end = end_tag.found() ? end_tag.begin : to;
    element.end = end_tag.found() ? end_tag.end : to;
    return element;
}

std::string_view content(std::string_view text, const Element& element) {
    return text.substr(element.content_begin, element.content_end - element.content_begin);
}

// White space collapsed to single spaces, none at either end.
std::string collapse_spaces(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (is_space(c)) {
            if (!out.empty() && out.back() != ' ') out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// A field's text on one line: entities decoded, white space collapsed.
std::string field_text(std::string_view raw) { return collapse_spaces(decode_sgml_text(raw)); }

// NAME="value", NAME='value' or NAME=value among a start tag's attributes.
std::string attribute(std::string_view attributes, std::string_view name) {
    size_t at = 0;
    const size_t size = attributes.size();
    while (at < size) {
        while (at < size && is_space(attributes[at])) ++at;
        const size_t key_begin = at;
        while (at < size && !is_space(attributes[at]) && attributes[at] != '=') ++at;
        const std::string_view key = attributes.substr(key_begin, at - key_begin);
        while (at < size && is_space(attributes[at])) ++at;
        std::string_view value;
        if (at < size && attributes[at] == '=') {
            ++at;
            while (at < size && is_space(attributes[at])) ++at;
            if (at < size && (attributes[at] == '"' || attributes[at] == '\'')) {
                const char quote = attributes[at++];
                const size_t close = std::min(attributes.find(quote, at), size);
                value = attributes.substr(at, close - at);
                at = std::min(close + 1, size);
            } else {
                const size_t value_begin = at;
                while (at < size && !is_space(attributes[at])) ++at;
                value = attributes.substr(value_begin, at - value_begin);
            }
        }
        if (same_name(key, name)) return field_text(value);
    }
    return {};
}

void append_utf8(std::string& out, uint32_t code_point) {
    if (code_point < 0x80) {
        out.push_back(static_cast<char>(code_point));
    } else if (code_point < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
        out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    } else if (code_point < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
        out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
        out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    }
}

// A character reference's code point into `out`: white space as a space,
// control characters dropped, what Unicode lacks as U+FFFD.
void append_code_point(std::string& out, uint32_t code_point) {
    if (code_point == '\t' || code_point == '\n' || code_point == '\r') {
        out.push_back(' ');
    } else if (code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F)) {
        return;
    } else if (code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
        append_utf8(out, kReplacementCharacter);
    } else {
        append_utf8(out, code_point);
    }
}

// The entity at the start of `text` ('&' there) into `out`; how many bytes
// it took, 0 when it is not one.
size_t read_entity(std::string_view text, std::string& out) {
    if (text.size() > 2 && text[1] == '#') {
        const bool hex = text[2] == 'x' || text[2] == 'X';
        size_t at = hex ? 3 : 2;
        const size_t digits_begin = at;
        uint32_t code_point = 0;
        constexpr uint32_t kCap = 0x110000;  // past Unicode: no need to count further
        while (at < text.size()) {
            const char c = text[at];
            uint32_t digit = 0;
            if (is_digit(c)) {
                digit = static_cast<uint32_t>(c - '0');
            } else if (hex && upper(c) >= 'A' && upper(c) <= 'F') {
                digit = static_cast<uint32_t>(upper(c) - 'A' + 10);
            } else {
                break;
            }
            code_point = std::min(code_point * (hex ? 16U : 10U) + digit, kCap);
            ++at;
        }
        if (at == digits_begin) return 0;
        if (at < text.size() && text[at] == ';') ++at;
        append_code_point(out, code_point);
        return at;
    }
    struct Named {
        std::string_view name;
        char character;
    };
    static constexpr Named kNamed[] = {{"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
    for (const Named& named : kNamed) {
        if (text.size() > named.name.size() + 1 && text.compare(1, named.name.size(), named.name) == 0 &&
            text[named.name.size() + 1] == ';') {
            out.push_back(named.character);
            return named.name.size() + 2;
        }
    }
    return 0;
}

// Line numbers of a record's text, the first line being `first_line` of
// the file.  Line ends as split_lines counts them: LF, CRLF, a lone CR.
class LineIndex {
public:
    LineIndex(std::string_view text, unsigned first_line) : first_line_(first_line) {
        starts_.push_back(0);
        for (size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            if (text[i] == '\n' || text[i] == '\r') starts_.push_back(i + 1);
        }
    }
    [[nodiscard]] unsigned line_at(size_t offset) const {
        const auto after = std::upper_bound(starts_.begin(), starts_.end(), offset);
        return first_line_ + static_cast<unsigned>(after - starts_.begin() - 1);
    }

private:
    unsigned first_line_;
    std::vector<size_t> starts_;
};

// Counts a file's lines up to increasing offsets, without holding them.
class LineCounter {
public:
    explicit LineCounter(std::string_view bytes) : bytes_(bytes) {}
    unsigned line_at(size_t offset) {
        for (; counted_ < offset && counted_ < bytes_.size(); ++counted_) {
            const char c = bytes_[counted_];
            if (c == '\n' || (c == '\r' && (counted_ + 1 >= bytes_.size() || bytes_[counted_ + 1] != '\n'))) ++line_;
        }
        return line_;
    }

private:
    std::string_view bytes_;
    size_t counted_ = 0;
    unsigned line_ = 1;
};

// A piece of a line of the story's text, decoded, with its file line.
struct TextLine {
    std::string text;
    unsigned line = 0;
};

// The text of [begin, end) cut into lines, entities decoded and tags
// (<BODY>, </BODY>, any other) left out.
void append_lines(std::string_view text, size_t begin, size_t end, const LineIndex& lines,
                  std::vector<TextLine>& out) {
    size_t at = begin;
    while (at < end) {
        size_t line_end = at;
        while (line_end < end && text[line_end] != '\n' && text[line_end] != '\r') ++line_end;
        std::string without_tags;
        const std::string_view piece = text.substr(at, line_end - at);
        bool closed_later = true;  // false once no '>' is left on the line
        for (size_t i = 0; i < piece.size(); ++i) {
            if (closed_later && piece[i] == '<' && i + 1 < piece.size() &&
                (is_letter(piece[i + 1]) || piece[i + 1] == '/' || piece[i + 1] == '!')) {
                const size_t close = piece.find('>', i);
                if (close != kNone) {
                    i = close;
                    continue;
                }
                closed_later = false;
            }
            without_tags.push_back(piece[i]);
        }
        out.push_back({decode_sgml_text(without_tags), lines.line_at(at)});
        at = line_end;
        if (at < end && text[at] == '\r' && at + 1 < end && text[at + 1] == '\n') ++at;
        if (at < end) ++at;
    }
}

bool has_word_character(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        return is_letter(c) || is_digit(c) || static_cast<unsigned char>(c) >= 0x80;
    });
}

// The wire's sign-off on the last line: "Reuter", "REUTER", "REUTER...",
// "REUTER^M".
bool is_sign_off(std::string_view line) {
    line = trim(line);
    if (line.ends_with("^M")) line.remove_suffix(2);
    while (!line.empty() && (line.back() == '.' || is_space(line.back()))) line.remove_suffix(1);
    return same_name(line, "reuter") || same_name(line, "reuters");
}

// Written all in capitals, as the wire wrote its headlines.
bool is_headline(std::string_view line) {
    bool letters = false;
    for (const char c : line) {
        if (c >= 'a' && c <= 'z') return false;
        letters = letters || is_letter(c);
    }
    return letters;
}

// Lines into paragraphs: a blank line ends one, an indented line starts
// one, any other line goes on with the one before.  A paragraph with no
// letter or digit ("******", a line of control codes) is not text.
std::vector<Paragraph> paragraphs_of(const std::vector<TextLine>& lines) {
    std::vector<Paragraph> paragraphs;
    Paragraph current;
    auto flush = [&] {
        if (has_word_character(current.text)) paragraphs.push_back(std::move(current));
        current = Paragraph{};
    };
    for (const TextLine& line : lines) {
        const std::string text = collapse_spaces(line.text);
        if (text.empty()) {
            flush();
            continue;
        }
        if (!line.text.empty() && is_space(line.text.front())) flush();
        if (!current.text.empty()) current.text.push_back(' ');
        current.line_starts.emplace_back(current.text.size(), line.line);
        current.text += text;
    }
    flush();
    return paragraphs;
}

// "Va. Feb 26" -> "Va.": a part of a dateline less a trailing month and day.
std::string_view without_month_day(std::string_view part) {
    const size_t day_start = part.find_last_of(' ');
    if (day_start == kNone || day_start + 1 == part.size() ||
        !std::all_of(part.begin() + static_cast<std::ptrdiff_t>(day_start) + 1, part.end(), is_digit)) {
        return part;
    }
    const std::string_view before = trim(part.substr(0, day_start));
    const size_t month_start = before.find_last_of(' ');
    std::string_view month = month_start == kNone ? before : before.substr(month_start + 1);
    if (month.ends_with('.')) month.remove_suffix(1);
    if (month_from_name(month) == 0) return part;
    return trim(before.substr(0, month_start == kNone ? 0 : month_start));
}

// "SANTA CRUZ, Calif., Feb 26 - " -> "SANTA CRUZ, Calif.": the dateline
// less its dash and what follows, and less its last comma-separated parts
// while they hold a date ("Feb 26", mistyped "Apri 13", "June 219"), a
// digit, or the agency ("WASHINGTON, Oct 20, Reuter").  Empty when nothing
// that looks like a place is left ("APRIL 7 -", "us 7.8015 -").
std::string dateline_place(std::string_view dateline) {
    std::string_view place = dateline;
    if (const size_t dash = place.find(" -"); dash != kNone) place = place.substr(0, dash);
    place = trim(place);
    while (!place.empty() && place.back() == '-') place.remove_suffix(1);
    while (!place.empty()) {
        const size_t comma = place.find_last_of(',');
        const std::string_view last = trim(without_month_day(trim(place.substr(comma == kNone ? 0 : comma + 1))));
        const bool dropped = last.empty() || std::any_of(last.begin(), last.end(), is_digit) ||
                             same_name(last, "reuter") || same_name(last, "reuters");
        if (!dropped) {
            const std::string_view before = trim(place.substr(0, comma == kNone ? 0 : comma + 1));
            const char first = before.empty() ? last.front() : before.front();
            if (!is_letter(first) && static_cast<unsigned char>(first) < 0x80) return {};  // "(totals -"
            return before.empty() ? std::string(last) : std::string(before) + " " + std::string(last);
        }
        place = trim(place.substr(0, comma == kNone ? 0 : comma));
    }
    return {};
}

// "by Janie Gabbett, Reuters" -> "Janie Gabbett".
std::string author_name(std::string author) {
    std::string_view name = author;
    if (name.size() > 3 && same_name(name.substr(0, 3), "by ")) name.remove_prefix(3);
    for (const std::string_view agency : {", reuters", ", reuter"}) {
        if (name.size() > agency.size() && same_name(name.substr(name.size() - agency.size()), agency)) {
            name.remove_suffix(agency.size());
            break;
        }
    }
    return std::string(trim(name));
}

// The D values of a list element (TOPICS, PLACES), joined by ", ".
std::string list_values(std::string_view text, const Element& list) {
    std::string joined;
    if (!list.found()) return joined;
    size_t at = list.content_begin;
    while (true) {
        const Element value = find_element(text, "D", at, list.content_end);
        if (!value.found()) break;
        const std::string item = field_text(content(text, value));
        if (!item.empty()) {
            if (!joined.empty()) joined += ", ";
            joined += item;
        }
        at = std::max(value.end, value.content_begin);
    }
    return joined;
}

// The record's key: its NEWID, else its position in the file.
std::string record_key(std::string_view start_tag_attributes, size_t position) {
    // The tag is read before its record is decoded: its bytes are decoded
    // here, so the key is UTF-8 whatever they are.
    std::string key = attribute(decode_text(start_tag_attributes).utf8, "NEWID");
    return key.empty() ? std::to_string(position) : key;
}

// The attributes of the start tag at `start` ("<REUTERS ...>"), within
// `limit` bytes; empty when the tag never closes.
std::string_view start_tag_attributes(std::string_view bytes, size_t start, size_t limit) {
    const size_t name_end = start + 1 + kRecordElement.size();
    const size_t bracket = bytes.substr(0, limit).find('>', name_end);
    if (bracket == kNone) return {};
    return bytes.substr(name_end, bracket - name_end);
}

// One complete record (from "<REUTERS" to past "</REUTERS>") to an article.
Article read_record(std::string_view raw, unsigned first_line) {
    const DecodedText decoded = decode_text(raw);
    const std::string_view text = decoded.utf8;
    const LineIndex lines(text, first_line);
    Article article;
    article.source = std::string(kSource);
    article.encoding = decoded.encoding;

    const Element record = find_element(text, kRecordElement, 0, text.size());
    const size_t from = record.found() ? record.content_begin : 0;
    const size_t to = record.found() ? record.content_end : text.size();
    if (const Element date = find_element(text, "DATE", from, to); date.found()) {
        article.date = parse_news_date(decode_sgml_text(content(text, date))).value_or("");
    }
    article.section = list_values(text, find_element(text, "TOPICS", from, to));
    const std::string places = list_values(text, find_element(text, "PLACES", from, to));

    const Element story = find_element(text, "TEXT", from, to);
    if (!story.found()) {
        article.place = places;
        return article;
    }
    const bool brief = same_name(attribute(story.attributes, "TYPE"), "BRIEF");
    const Element title = find_element(text, "TITLE", story.content_begin, story.content_end);
    const Element author = find_element(text, "AUTHOR", story.content_begin, story.content_end);
    const Element dateline = find_element(text, "DATELINE", story.content_begin, story.content_end);
    if (title.found()) {
        article.title = field_text(content(text, title));
        const std::string_view title_text = content(text, title);
        const size_t first = title_text.find_first_not_of(" \t\r\n\f\v");
        if (!article.title.empty()) {
            article.title_line = lines.line_at(title.content_begin + std::min(first, title_text.size()));
        }
    }
    if (author.found()) article.author = author_name(field_text(content(text, author)));
    if (dateline.found()) article.place = dateline_place(field_text(content(text, dateline)));
    if (article.place.empty()) article.place = places;

    // The story's lines in the order of the file: the BODY and any text
    // TEXT holds itself, less the title, byline and dateline.
    std::vector<Span> fields;
    for (const Element* field : {&title, &author, &dateline}) {
        if (field->found()) fields.push_back({field->begin, field->end});
    }
    std::sort(fields.begin(), fields.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
    std::vector<TextLine> story_lines;
    size_t at = story.content_begin;
    for (const Span& field : fields) {
        if (field.begin > at) append_lines(text, at, field.begin, lines, story_lines);
        at = std::max(at, field.end);
    }
    if (story.content_end > at) append_lines(text, at, story.content_end, lines, story_lines);

    if (brief) {
        std::erase_if(story_lines, [](const TextLine& line) { return trim(line.text) == kBriefPlaceholder; });
    }
    const auto last = std::find_if(story_lines.rbegin(), story_lines.rend(),
                                   [](const TextLine& line) { return !trim(line.text).empty(); });
    if (last != story_lines.rend() && is_sign_off(last->text)) last->text.clear();
    if (!title.found()) {
        // Unprocessed records (TYPE="UNPROC") have no TITLE: their first
        // line is the headline when it is written in capitals.
        const auto first = std::find_if(story_lines.begin(), story_lines.end(),
                                        [](const TextLine& line) { return !trim(line.text).empty(); });
        if (first != story_lines.end() && is_headline(first->text)) {
            article.title = collapse_spaces(first->text);
            article.title_line = first->line;
            first->text.clear();
        }
    }
    article.paragraphs = paragraphs_of(story_lines);
    return article;
}

}  // namespace

std::string decode_sgml_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '&') {
            if (const size_t taken = read_entity(text.substr(i), out); taken > 0) {
                i += taken - 1;
                continue;
            }
        }
        if (c == '\t') {
            out.push_back(' ');
        } else if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\r') || c == '\x7F') {
            continue;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

bool looks_like_reuters_sgml(std::string_view bytes) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    while (!bytes.empty() && is_space(bytes.front())) bytes.remove_prefix(1);
    if (name_at(bytes, 0, "<!DOCTYPE")) {
        bytes.remove_prefix(9);
        while (!bytes.empty() && is_space(bytes.front())) bytes.remove_prefix(1);
        return name_at(bytes, 0, "lewis") && (bytes.size() == 5 || !is_letter(bytes[5]));
    }
    return find_start_tag(bytes, kRecordElement, 0, bytes.size()) == 0;
}

void SgmlReader::read(const std::string& path, std::string_view bytes, const ReaderOptions& /*options*/,
                      ReadSink& sink) const {
    LineCounter lines(bytes);
    std::unordered_set<std::string> keys;
    size_t position = 0;
    size_t start = find_start_tag(bytes, kRecordElement, 0, bytes.size());
    while (start != kNone) {
        ++position;
        const size_t next = find_start_tag(bytes, kRecordElement, start + 1, bytes.size());
        const size_t limit = next == kNone ? bytes.size() : next;
        const unsigned line = lines.line_at(start);
        const std::string where = path + ":" + std::to_string(line);
        std::string key = record_key(start_tag_attributes(bytes, start, limit), position);
        // A NEWID seen before in the file would name two articles: the
        // second is told apart by its position.
        if (!keys.insert(key).second) key += "#" + std::to_string(position);
        const Span end_tag = find_end_tag(bytes, kRecordElement, start, limit);
        if (!end_tag.found()) {
            sink.problem({where, "record " + key + " cut off: no </REUTERS> before " +
                                     (next == kNone ? std::string("the end of the file") : "the next record")});
        } else {
            const std::string_view raw = bytes.substr(start, end_tag.end - start);
            Article article = read_record(raw, line);
            article.path = path;
            article.record = key;
            if (const Element date = find_element(raw, "DATE", 0, raw.size()); date.found() && article.date.empty()) {
                if (const std::string text = field_text(content(raw, date)); !text.empty()) {
                    sink.note({where, "record " + key + ": date '" + text + "' is not a date: left out"});
                }
            }
            if (article.title.empty() && article.paragraphs.empty()) {
                sink.problem({where, "record " + key + " has no text"});
            } else {
                sink.article(std::move(article));
            }
        }
        start = next;
    }
    if (position == 0) sink.problem({path, "no <REUTERS> record"});
}

}  // namespace news
