#include "index/document_builder.h"

#include "store/article_record.h"
#include "store/article_words.h"
#include "store/schema.h"
#include "text/content_hash.h"
#include "text/news_date.h"
#include "text/story_sketch.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>

namespace news {
namespace {

// Whitespace as the readers leave it between words; multi-byte spaces are
// kept as they are (a copy that changed them is not an exact copy).
bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Below this many words of body, an article's headline is part of its text
// digest.
constexpr size_t kWordsForTextAlone = 40;

void add_catalogue_values(Xapian::Document& document, const FileStamp& stamp) {
    document.add_value(schema::kSlotPath, stamp.path);
    document.add_value(schema::kSlotMtime, std::to_string(stamp.mtime_ns));
    document.add_value(schema::kSlotSize, std::to_string(stamp.size));
    document.add_value(schema::kSlotContentHash, stamp.content_hash);
    if (stamp.ctime_ns != 0) document.add_value(schema::kSlotCtime, std::to_string(stamp.ctime_ns));
}

void add_date_values(Xapian::Document& document, const std::string& iso_date) {
    if (const std::string day = compact_date(iso_date); !day.empty()) document.add_value(schema::kSlotDate, day);
    if (const std::optional<long long> seconds = utc_seconds(iso_date)) {
        document.add_value(schema::kSlotTime, Xapian::sortable_serialise(static_cast<double>(*seconds)));
    }
}

std::string list_value(const std::vector<std::string_view>& items) {
    std::string value;
    for (const std::string_view item : items) {
        if (!value.empty()) value += schema::kListSeparator;
        value += item;
    }
    return value;
}

void add_facet_values(Xapian::Document& document, const Article& article) {
    auto add = [&document](schema::ValueSlot slot, const std::string& value) {
        if (!value.empty()) document.add_value(slot, value);
    };
    add(schema::kSlotSource, article.source);
    add(schema::kSlotSections, list_value(schema::section_parts(article.section)));
    add(schema::kSlotAuthors, list_value(schema::author_names(article.author)));
    std::string language = article.language;
    for (char& c : language) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    add(schema::kSlotLanguage, language);
}

// Each word once, as SpellingTally counted it.
std::vector<std::string> distinct(std::vector<std::string> words) {
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    return words;
}

}  // namespace

DocumentBuilder::DocumentBuilder(const Analyzer& analyzer, bool with_spelling)
    : analyzer_(analyzer), with_spelling_(with_spelling) {
    analyzer_.configure(generator_);
}

ArticleDocument DocumentBuilder::build(const Article& article, const FileStamp& stamp) {
    ArticleDocument out;
    std::vector<Passage> passages = split_passages(article);
    out.passages = passages.size();
    Xapian::Document& document = out.document;
    std::vector<std::string_view> texts;
    texts.reserve(passages.size());
    for (const Passage& passage : passages) texts.emplace_back(passage.text);
    std::vector<std::string> spelling_words;
    const std::vector<PassageSpan> spans = index_article_words(
        analyzer_, generator_, document, {article.title, article.author, article.source, std::move(texts)},
        with_spelling_ ? [&](const std::string& folded) { analyzer_.add_spelling_words(folded, spelling_words); }
                       : std::function<void(const std::string&)>{});
    std::vector<StoredPassage> stored;
    stored.reserve(passages.size());
    std::string body;
    for (size_t i = 0; i < passages.size(); ++i) {
        if (!body.empty()) body += '\n';
        body += passages[i].text;
        stored.push_back({std::move(passages[i].text), passages[i].line, spans[i].first_position, spans[i].words});
    }
    for (const std::string& term :
         schema::boolean_field_terms(article.section, article.language, compact_date(article.date))) {
        document.add_boolean_term(term);
    }
    add_date_values(document, article.date);
    add_facet_values(document, article);
    document.add_boolean_term(schema::kind_term(schema::kKindArticle));
    document.add_boolean_term(schema::unique_id_term(stamp.path, article.record));
    document.add_boolean_term(schema::content_hash_term(stamp.content_hash));
    add_catalogue_values(document, stamp);
    if (const std::optional<StorySketch> sketch = sketch_story(body)) {
        document.add_value(schema::kSlotStorySketch, serialise(*sketch));
    }
    out.spelling_words = std::move(spelling_words);
    out.text_digest = article_text_digest(article);
    if (!out.text_digest.empty()) {
        document.add_boolean_term(schema::text_hash_term(out.text_digest));
        document.add_value(schema::kSlotTextHash, out.text_digest);
    }
    if (!article.record.empty()) {
        document.add_value(schema::kSlotRecord, article.record);
        document.add_value(schema::kSlotRecordHash, article_fingerprint(article));
    }
    document.set_data(pack_article_data(
        article_data(ArticleRecord::from_article(article, static_cast<unsigned>(stored.size())), stored)));
    return out;
}

Xapian::Document DocumentBuilder::build_duplicate(const FileStamp& stamp, const std::string& original_path) {
    Xapian::Document document;
    document.add_boolean_term(schema::kind_term(schema::kKindDuplicate));
    document.add_boolean_term(schema::unique_id_term(stamp.path));
    document.add_boolean_term(schema::content_hash_term(stamp.content_hash));
    add_catalogue_values(document, stamp);
    ArticleRecord record;
    record.path = stamp.path;
    record.duplicate_of = original_path;
    document.set_data(record.serialise());
    return document;
}

std::string article_fingerprint(const Article& article) {
    // Each part with its length first, so no two articles run together
    // into the same bytes.
    std::string all;
    auto put = [&all](std::string_view part) {
        all += std::to_string(part.size());
        all += ':';
        all += part;
    };
    for (const std::string* field : {&article.record, &article.member, &article.title, &article.author, &article.date,
                                     &article.url, &article.place, &article.source, &article.section,
                                     &article.encoding, &article.language}) {
        put(*field);
    }
    put(std::to_string(article.title_line));
    for (const Paragraph& paragraph : article.paragraphs) {
        put(paragraph.text);
        for (const auto& [offset, line] : paragraph.line_starts) put(std::to_string(offset) + "@" + std::to_string(line));
    }
    return content_hash(all);
}

std::string article_text_digest(const Article& article) {
    std::string body;
    size_t words = 0;
    auto put_words = [&](std::string_view text) {
        size_t at = 0;
        while (at < text.size()) {
            while (at < text.size() && is_space(text[at])) ++at;
            const size_t start = at;
            while (at < text.size() && !is_space(text[at])) ++at;
            if (at == start) break;
            if (!body.empty()) body += ' ';
            body.append(text.substr(start, at - start));
            ++words;
        }
    };
    for (const Paragraph& paragraph : article.paragraphs) put_words(paragraph.text);
    // A short text is the same for different stories too often (an
    // earnings table, "No comment"): then the headline must match as well.
    if (words < kWordsForTextAlone) {
        const size_t body_words = words;
        std::string text = std::move(body);
        body.clear();
        put_words(article.title);
        if (words == body_words && text.empty()) return {};
        body += '\n';
        body += text;
    }
    return content_hash(body);
}

void assign_article_key(Xapian::Document& article, schema::ArticleKey key) {
    article.add_boolean_term(schema::article_key_term(key));
    article.add_value(schema::kSlotArticleId, std::to_string(key));
}

void SpellingTally::add(const std::vector<std::string>& words) {
    // Told apart by a number rather than by sorting the words: sorting each
    // article's words was a fifth of what spelling data cost.
    const size_t article = ++articles_added_;
    for (const std::string& word : words) {
        Count& count = counts_[word];
        if (std::exchange(count.last_article, article) != article) ++count.articles;
    }
}

void SpellingTally::write_to(Xapian::WritableDatabase& db, size_t words_per_commit) {
    size_t words = 0;
    for (const auto& [word, count] : counts_) {
        db.add_spelling(word, count.articles);
        if (++words == words_per_commit) {
            db.commit();
            words = 0;
        }
    }
    counts_.clear();
}

void remove_article_spelling(Xapian::WritableDatabase& db, Xapian::docid docid, const Analyzer& analyzer) {
    const Xapian::Document document = db.get_document(docid);
    if (document.get_value(schema::kSlotArticleId).empty()) return;
    const std::string data = unpack_article_data(document.get_data());
    std::vector<std::string> words;
    analyzer.add_spelling_words(analyzer.fold(ArticleRecord::parse(data).title), words);
    for (const StoredPassage& passage : stored_passages(data)) {
        analyzer.add_spelling_words(analyzer.fold(passage.text), words);
    }
    for (const std::string& word : distinct(std::move(words))) db.remove_spelling(word);
}

Xapian::docid store_article(Xapian::WritableDatabase& db, ArticleDocument& article, schema::ArticleKey key,
                            Xapian::docid replace) {
    assign_article_key(article.document, key);
    if (replace == 0) return db.add_document(article.document);
    db.replace_document(replace, article.document);
    return replace;
}

void DocumentBuilder::apply_stamp(Xapian::Document& document, const FileStamp& stamp) {
    add_catalogue_values(document, stamp);
}

}  // namespace news
