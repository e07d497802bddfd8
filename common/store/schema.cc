#include "store/schema.h"

#include "text/content_hash.h"

#include <algorithm>
#include <cctype>

namespace news::schema {
namespace {
// Xapian refuses terms longer than 245 bytes.
constexpr size_t kMaxTermBytes = 240;

bool is_prefix_char(char c) { return c >= 'A' && c <= 'Z'; }
}  // namespace

bool is_word_term(std::string_view term) { return !term.empty() && !is_prefix_char(term.front()); }

std::string without_prefix(std::string_view term) {
    size_t i = 0;
    while (i < term.size() && is_prefix_char(term[i])) ++i;
    return std::string(term.substr(i));
}

std::string kind_term(std::string_view kind) { return std::string(kKindPrefix) + std::string(kind); }

std::string article_key_term(ArticleKey key) { return std::string(kArticleKeyPrefix) + std::to_string(key); }

std::string unique_id_term(std::string_view absolute_path, std::string_view record) {
    std::string id(absolute_path);
    // A lexically normal path never holds "//": the record's key cannot be
    // read as part of it.
    if (!record.empty()) id += "//" + std::string(record);
    std::string term = std::string(kUniqueIdPrefix) + id;
    if (term.size() <= kMaxTermBytes) return term;
    // A long id keeps its head for readability and a digest for uniqueness.
    const std::string digest = content_hash(id);
    term.resize(kMaxTermBytes - digest.size() - 1);
    return term + "#" + digest;
}

std::string section_term(std::string_view section) {
    std::string term(kSectionPrefix);
    for (const char c : section) {
        term.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return term.substr(0, kMaxTermBytes);
}

std::string language_term(std::string_view language) {
    std::string term(kLanguagePrefix);
    for (const char c : language) {
        term.push_back(c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return term.substr(0, kMaxTermBytes);
}

namespace {
std::string_view trimmed(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) text.remove_suffix(1);
    return text;
}

// `text` cut at each of `separators`, pieces trimmed, empty ones dropped.
std::vector<std::string_view> split_at(std::string_view text, std::initializer_list<std::string_view> separators) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t cut = text.size();
        size_t length = 0;
        for (const std::string_view separator : separators) {
            const size_t at = text.find(separator, start);
            if (at < cut) {
                cut = at;
                length = separator.size();
            }
        }
        if (const std::string_view piece = trimmed(text.substr(start, cut - start)); !piece.empty()) {
            out.push_back(piece);
        }
        if (cut == text.size()) break;
        start = cut + length;
    }
    return out;
}
}  // namespace

std::vector<std::string_view> list_items(std::string_view value) {
    return split_at(value, {std::string_view(&kListSeparator, 1)});
}

std::vector<std::string_view> section_parts(std::string_view section) { return split_at(section, {", "}); }

std::vector<std::string_view> author_names(std::string_view byline) {
    return split_at(byline, {", ", " and ", " & ", ";"});
}

std::vector<std::string> date_terms(std::string_view day_key) {
    if (day_key.size() != 8 ||
        !std::all_of(day_key.begin(), day_key.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return {};
    }
    return {std::string(kYearPrefix) + std::string(day_key.substr(0, 4)),
            std::string(kMonthPrefix) + std::string(day_key.substr(0, 6)),
            std::string(kDayPrefix) + std::string(day_key)};
}

bool is_date_term(std::string_view term) {
    for (const std::string_view prefix : {kYearPrefix, kMonthPrefix, kDayPrefix}) {
        if (term.size() > prefix.size() && term.starts_with(prefix) && term[prefix.size()] >= '0' &&
            term[prefix.size()] <= '9') {
            return true;
        }
    }
    return false;
}

std::vector<std::string> boolean_field_terms(std::string_view section, std::string_view language,
                                             std::string_view day_key) {
    std::vector<std::string> terms = date_terms(day_key);
    if (!trimmed(section).empty()) {
        terms.push_back(section_term(section));
        const std::vector<std::string_view> parts = section_parts(section);
        if (parts.size() > 1) {
            for (const std::string_view part : parts) terms.push_back(section_term(part));
        }
    }
    if (const std::string_view tag = trimmed(language); !tag.empty()) {
        terms.push_back(language_term(tag));
        // "en-US" is English too.
        if (const size_t dash = tag.find_first_of("-_"); dash != std::string_view::npos && dash > 0) {
            terms.push_back(language_term(tag.substr(0, dash)));
        }
    }
    return terms;
}

std::string content_hash_term(std::string_view hex_digest) {
    return std::string(kContentHashPrefix) + std::string(hex_digest);
}

std::string unfinished_file_key(std::string_view absolute_path) {
    return std::string(kMetaUnfinishedFilePrefix) + content_hash(absolute_path);
}

std::string text_hash_term(std::string_view hex_digest) {
    return std::string(kTextHashPrefix) + std::string(hex_digest);
}

}  // namespace news::schema
