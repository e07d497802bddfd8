// The fields of a JSON or CSV news record, mapped onto an article by their
// names: "headline" is the title, "authors" the byline, "short_description"
// a lead or the body...  (docs/formats.md, "JSON and CSV dumps").  Shared by
// both readers, so a field means the same in either.
#pragma once

#include "formats/article.h"
#include "formats/article_reader.h"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace news {

// A record larger than this is skipped with a named problem: a 1 GB line
// is never parsed, so it costs no memory beyond the file's own bytes.
inline constexpr size_t kMaxRecordBytes = 16 * 1024 * 1024;

// What a record's field can be to an article.
enum class RecordField { kTitle, kText, kDescription, kDate, kAuthor, kSource, kUrl, kSection, kLanguage, kId };
inline constexpr size_t kRecordFieldCount = 10;

// Our name of each field, as --field writes it ("title=headline"), in the
// order of RecordField.
inline constexpr std::array<std::string_view, kRecordFieldCount> kRecordFieldNames{
    "title", "text", "description", "date", "author", "source", "url", "section", "language", "id"};

// "title, text, description, ...": our fields, for messages and --help.
std::string record_field_list();

// The user's --field text ("title=headline,text=content") as
// ReaderOptions::field_names, or why it cannot be: an unknown field of ours,
// a pair without '=' or with an empty side.
struct FieldNamesParse {
    std::vector<std::pair<std::string, std::string>> field_names;
    std::string error;  // empty when the text was understood
};
FieldNamesParse parse_field_names(std::string_view text);

// Which of our fields a record's field (by name, any case) fills: the
// user's names first (a field of ours the user names takes only the names
// given), then the conventional ones.
class FieldMapping {
public:
    explicit FieldMapping(const std::vector<std::pair<std::string, std::string>>& field_names);
    [[nodiscard]] std::optional<RecordField> field_for(std::string_view record_name) const;

private:
    std::vector<std::pair<std::string, RecordField>> user_names_;  // lower-case record name -> field
    std::array<bool, kRecordFieldCount> user_named_{};             // a field the user named
};

// One value of a record, as text: a list already joined, an object by its
// name.
struct RecordValue {
    RecordField field = RecordField::kText;
    std::string text;
    unsigned line = 0;  // 1-based line of the file where the value starts
    // Whether each line break in `text` is one of the file (a CSV field), or
    // all of its lines lie on `line` (a JSON string's "\n").
    bool follows_file_lines = false;
};

// The article a record makes, keyed (Article::record) by its id field when
// it has one, else by `position` (1-based).  Nothing when the record has
// neither a title nor any text.
std::optional<Article> record_article(const std::string& path, size_t position, const std::vector<RecordValue>& values);

// The note for a record whose date field holds text that is no date
// ("date 'Feb 30, 2017' is not a date: left out"): the article keeps no
// date rather than a guessed one.  Nothing when the date was read or absent.
std::optional<ReadProblem> dropped_date(const std::string& path, const std::vector<RecordValue>& values,
                                        const Article& article);

// The problem of a record of `bytes` over kMaxRecordBytes:
// "record too large (17 MiB; the limit is 16 MiB)".
std::string record_too_large(size_t bytes);

// "path:LINE", where a record's problem is reported.
std::string record_where(const std::string& path, unsigned line);

// Lower-cases ASCII letters: field names are matched in any case.
std::string ascii_lower(std::string_view text);

}  // namespace news
