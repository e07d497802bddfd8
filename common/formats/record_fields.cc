#include "formats/record_fields.h"

#include "formats/plain_text_reader.h"
#include "text/news_date.h"

#include <algorithm>

namespace news {
namespace {

// A dateline opens the story, perhaps after a lead or a photo caption.
constexpr size_t kDatelineParagraphs = 4;

struct Convention {
    std::string_view name;  // lower case
    RecordField field;
};

// The names news dumps give their fields (Kaggle's HuffPost and ISOT sets,
// NewsAPI, news-please, schema.org's NewsArticle).
constexpr std::array kConventions{
    Convention{"title", RecordField::kTitle},
    Convention{"headline", RecordField::kTitle},
    Convention{"text", RecordField::kText},
    Convention{"body", RecordField::kText},
    Convention{"content", RecordField::kText},
    Convention{"article", RecordField::kText},
    Convention{"articlebody", RecordField::kText},
    Convention{"maintext", RecordField::kText},
    Convention{"description", RecordField::kDescription},
    Convention{"short_description", RecordField::kDescription},
    Convention{"summary", RecordField::kDescription},
    Convention{"abstract", RecordField::kDescription},
    Convention{"date", RecordField::kDate},
    Convention{"published", RecordField::kDate},
    Convention{"publish_date", RecordField::kDate},
    Convention{"pubdate", RecordField::kDate},
    Convention{"datepublished", RecordField::kDate},
    Convention{"published_at", RecordField::kDate},
    Convention{"publishedat", RecordField::kDate},
    Convention{"date_publish", RecordField::kDate},
    Convention{"author", RecordField::kAuthor},
    Convention{"authors", RecordField::kAuthor},
    Convention{"byline", RecordField::kAuthor},
    Convention{"creator", RecordField::kAuthor},
    Convention{"source", RecordField::kSource},
    Convention{"publication", RecordField::kSource},
    Convention{"site", RecordField::kSource},
    Convention{"domain", RecordField::kSource},
    Convention{"publisher", RecordField::kSource},
    Convention{"source_domain", RecordField::kSource},
    Convention{"url", RecordField::kUrl},
    Convention{"link", RecordField::kUrl},
    Convention{"section", RecordField::kSection},
    Convention{"category", RecordField::kSection},
    Convention{"subject", RecordField::kSection},
    Convention{"articlesection", RecordField::kSection},
    Convention{"language", RecordField::kLanguage},
    Convention{"lang", RecordField::kLanguage},
    Convention{"inlanguage", RecordField::kLanguage},
    Convention{"id", RecordField::kId},
};

std::string_view trim_ascii(std::string_view text) {
    constexpr std::string_view kSpace = " \t\n\r\f\v";
    const size_t start = text.find_first_not_of(kSpace);
    if (start == std::string_view::npos) return {};
    return text.substr(start, text.find_last_not_of(kSpace) - start + 1);
}

std::optional<RecordField> our_field(std::string_view name) {
    const std::string lower = ascii_lower(trim_ascii(name));
    for (size_t i = 0; i < kRecordFieldNames.size(); ++i) {
        if (kRecordFieldNames[i] == lower) return static_cast<RecordField>(i);
    }
    return std::nullopt;
}

bool is_blank(std::string_view line) { return trim_ascii(line).empty(); }

// A value's text as paragraphs: blank lines separate them when the text has
// any (the lines between are a hard-wrapped paragraph); otherwise each line
// is a paragraph.
std::vector<Paragraph> value_paragraphs(const RecordValue& value) {
    const std::vector<std::string_view> lines = split_lines(value.text);
    const bool has_blank_line = std::any_of(lines.begin(), lines.end(), is_blank);
    const LineNumbering numbering{value.line, value.follows_file_lines ? 1U : 0U};
    return read_paragraphs(lines, 0, numbering, !has_blank_line);
}

// A value on one line: white space collapsed, line breaks as spaces.
std::string one_line(const RecordValue& value) {
    std::string line;
    for (const Paragraph& paragraph : read_paragraphs(split_lines(value.text), 0)) {
        if (!line.empty()) line.push_back(' ');
        line += paragraph.text;
    }
    return line;
}

std::string without_by(std::string author) {
    if (author.size() > 3 && (author.starts_with("By ") || author.starts_with("by ") || author.starts_with("BY "))) {
        author.erase(0, 3);
    }
    return author;
}

}  // namespace

std::string ascii_lower(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
}

std::string record_field_list() {
    std::string list;
    for (const std::string_view name : kRecordFieldNames) {
        if (!list.empty()) list += ", ";
        list += name;
    }
    return list;
}

std::string record_too_large(size_t bytes) {
    auto mebibytes = [](size_t n) { return std::to_string((n + (1U << 20) - 1) >> 20) + " MiB"; };
    return "record too large (" + mebibytes(bytes) + "; the limit is " + mebibytes(kMaxRecordBytes) + ")";
}

std::string record_where(const std::string& path, unsigned line) { return path + ":" + std::to_string(line); }

FieldNamesParse parse_field_names(std::string_view text) {
    FieldNamesParse parsed;
    while (true) {
        const size_t comma = text.find(',');
        const std::string_view pair = trim_ascii(text.substr(0, comma));
        if (!pair.empty()) {
            const size_t equals = pair.find('=');
            if (equals == std::string_view::npos) {
                parsed.error = "'" + std::string(pair) + "' is not FIELD=NAME (for example title=headline)";
                return parsed;
            }
            const std::string_view ours = trim_ascii(pair.substr(0, equals));
            const std::string_view theirs = trim_ascii(pair.substr(equals + 1));
            if (!our_field(ours)) {
                parsed.error = "unknown field '" + std::string(ours) + "' in '" + std::string(pair) +
                               "' (the fields are " + record_field_list() + ")";
                return parsed;
            }
            if (theirs.empty()) {
                parsed.error = "'" + std::string(pair) + "' names no field of the records";
                return parsed;
            }
            parsed.field_names.emplace_back(ascii_lower(ours), std::string(theirs));
        }
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    if (parsed.field_names.empty()) parsed.error = "no FIELD=NAME given (for example title=headline)";
    return parsed;
}

FieldMapping::FieldMapping(const std::vector<std::pair<std::string, std::string>>& field_names) {
    for (const auto& [ours, theirs] : field_names) {
        // parse_field_names lets no unknown field through; a caller that
        // fills the options itself has any other ignored.
        const std::optional<RecordField> field = our_field(ours);
        if (!field) continue;
        user_names_.emplace_back(ascii_lower(trim_ascii(theirs)), *field);
        user_named_[static_cast<size_t>(*field)] = true;
    }
}

std::optional<RecordField> FieldMapping::field_for(std::string_view record_name) const {
    const std::string lower = ascii_lower(trim_ascii(record_name));
    for (const auto& [name, field] : user_names_) {
        if (name == lower) return field;
    }
    for (const Convention& convention : kConventions) {
        if (convention.name == lower) {
            if (user_named_[static_cast<size_t>(convention.field)]) return std::nullopt;
            return convention.field;
        }
    }
    return std::nullopt;
}

std::optional<Article> record_article(const std::string& path, size_t position, const std::vector<RecordValue>& values) {
    Article article;
    article.path = path;
    const RecordValue* body = nullptr;
    for (const RecordValue& value : values) {
        if (is_blank(value.text)) continue;
        switch (value.field) {
            case RecordField::kTitle:
                if (article.title.empty()) {
                    article.title = one_line(value);
                    article.title_line = value.line;
                }
                break;
            case RecordField::kText:
            case RecordField::kDescription:
                // The longest text is the body; on a tie, a text field
                // rather than a description.
                if (body == nullptr || value.text.size() > body->text.size() ||
                    (value.text.size() == body->text.size() && body->field == RecordField::kDescription &&
                     value.field == RecordField::kText)) {
                    body = &value;
                }
                break;
            case RecordField::kDate:
                if (article.date.empty()) article.date = parse_news_date(trim_ascii(value.text)).value_or("");
                break;
            case RecordField::kAuthor:
                if (!article.author.empty()) article.author += ", ";
                article.author += without_by(one_line(value));
                break;
            case RecordField::kSource:
                if (article.source.empty()) article.source = one_line(value);
                break;
            case RecordField::kUrl:
                if (article.url.empty()) article.url = one_line(value);
                break;
            case RecordField::kSection:
                if (article.section.empty()) article.section = one_line(value);
                break;
            case RecordField::kLanguage:
                if (article.language.empty()) article.language = one_line(value);
                break;
            case RecordField::kId:
                if (article.record.empty()) article.record = one_line(value);
                break;
        }
    }
    if (article.record.empty()) article.record = std::to_string(position);

    if (body != nullptr) {
        std::vector<Paragraph> body_paragraphs = value_paragraphs(*body);
        // A description the body does not already hold is its lead.
        std::string body_text;
        for (const RecordValue& value : values) {
            if (value.field != RecordField::kDescription || &value == body || is_blank(value.text)) continue;
            if (body_text.empty()) {
                for (const Paragraph& paragraph : body_paragraphs) (body_text += paragraph.text) += ' ';
            }
            if (body_text.find(one_line(value)) != std::string::npos) continue;
            article.paragraphs = value_paragraphs(value);
            break;
        }
        if (article.paragraphs.empty()) {
            article.paragraphs = std::move(body_paragraphs);
        } else {
            std::move(body_paragraphs.begin(), body_paragraphs.end(), std::back_inserter(article.paragraphs));
        }
    }
    for (size_t i = 0; i < article.paragraphs.size() && i < kDatelineParagraphs; ++i) {
        Dateline dateline = find_dateline(article.paragraphs[i].text);
        if (dateline.agency.empty()) continue;
        article.place = std::move(dateline.place);
        if (article.source.empty()) article.source = std::move(dateline.agency);
        break;
    }
    if (article.source.empty()) article.source = source_from_url(article.url);
    if (article.title.empty() && article.paragraphs.empty()) return std::nullopt;
    return article;
}

std::optional<ReadProblem> dropped_date(const std::string& path, const std::vector<RecordValue>& values,
                                        const Article& article) {
    if (!article.date.empty()) return std::nullopt;
    for (const RecordValue& value : values) {
        if (value.field != RecordField::kDate) continue;
        const std::string_view text = trim_ascii(value.text);
        if (text.empty()) continue;
        return date_left_out(path + ":" + std::to_string(value.line), text);
    }
    return std::nullopt;
}

}  // namespace news
