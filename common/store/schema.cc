#include "store/schema.h"

#include "text/content_hash.h"

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
