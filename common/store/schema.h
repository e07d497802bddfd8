// The index schema: every term prefix, value slot and metadata key that
// news-index writes and news-query reads.  docs/schema.md documents the same
// table for people; change both together.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace news::schema {

// The database holds one document per article: its catalogue record (path,
// stat, content hash, metadata), every word with its positions, and its
// passages' text in the document data.  Passages are not documents: they
// are cut when indexing, stored with the article, and scored when a result
// is shown (PassageMatcher), so each word is posted once, on its article.
// A *duplicate* document records a file whose bytes equal an indexed
// article's, so re-runs know it and can promote it if the original goes.
inline constexpr std::string_view kKindPrefix = "XKIND";
inline constexpr std::string_view kKindArticle = "article";
inline constexpr std::string_view kKindDuplicate = "duplicate";

// Articles are numbered by a key of their own, not by docid: docids change
// when segments built in parallel are merged, keys do not.  The next free key
// is kept in the metadata (kMetaNextArticleKey).
using ArticleKey = uint32_t;

// Term prefixes (omega's conventions where one exists).
// Words of the body and the title are unprefixed terms.
inline constexpr std::string_view kUniqueIdPrefix = "Q";     // article/duplicate: file id ("path//record" for a record)
inline constexpr std::string_view kTitlePrefix = "S";        // title words
inline constexpr std::string_view kAuthorPrefix = "A";       // byline words
inline constexpr std::string_view kSourcePrefix = "XSOURCE"; // source/agency words
inline constexpr std::string_view kSectionPrefix = "XSECTION";  // boolean, exact
inline constexpr std::string_view kArticleKeyPrefix = "XA";     // article: its own key
inline constexpr std::string_view kContentHashPrefix = "XHASH";  // boolean, hex digest
inline constexpr std::string_view kTextHashPrefix = "XTEXT";     // article: boolean, digest of its text
inline constexpr std::string_view kLanguagePrefix = "XLANG";     // boolean, lower-cased tag and its language
// An article's day as three boolean terms, so a date range is a handful of
// terms (whole years, whole months, days at its ends) whose posting lists
// the matcher skips along: "XY2006", "XM200610", "XD20061020".
inline constexpr std::string_view kYearPrefix = "XY";
inline constexpr std::string_view kMonthPrefix = "XM";
inline constexpr std::string_view kDayPrefix = "XD";

// Fields a query may name ("title:obama").  The query parser is set up from
// this table, so a field is searchable exactly when it is listed here.
std::string section_term(std::string_view section);
// lang:en finds articles declared "en", "en-US" or "EN-gb".
std::string language_term(std::string_view language);

struct QueryField {
    std::string_view name;
    std::string_view prefix;
    // Set for boolean fields (filters matched exactly, not words): makes the
    // term from what the user typed, as the indexer made it.
    std::string (*boolean_term)(std::string_view value);
};
inline constexpr QueryField kQueryFields[] = {
    {"title", kTitlePrefix, nullptr},
    {"author", kAuthorPrefix, nullptr},
    {"source", kSourcePrefix, nullptr},
    {"section", kSectionPrefix, &section_term},
    {"lang", kLanguagePrefix, &language_term},
};

// Value slots.  Encodings are part of the on-disk format.
enum ValueSlot : unsigned {
    kSlotArticleId = 0,   // article: article key, decimal
    kSlotDate = 1,        // article: "YYYYMMDD", the day as written in the article's own zone (sorts
                          // as a string): date:, --since/--until, the year/month/day facets, the timeline
    kSlotTime = 2,        // article: sortable_serialise(seconds since the epoch, UTC): --sort newest|oldest
                          // (schema 4 kept the passages' lines here)
    kSlotPath = 3,        // article & duplicate: absolute path, raw bytes
    kSlotMtime = 4,       // article & duplicate: mtime in ns since epoch, decimal
    kSlotSize = 5,        // article & duplicate: file size in bytes, decimal
    kSlotContentHash = 6, // article & duplicate: XXH3-128 of the bytes, 32 hex digits
    kSlotCtime = 7,       // article & duplicate: status change time in ns since epoch, decimal (absent
                          // in databases written before 2026-12: then only mtime and size are compared)
    kSlotRecord = 8,      // article of a file of many: its record key (Article::record), raw bytes
    kSlotRecordHash = 9,  // article of a file of many: XXH3-128 of what was read of the record, 32 hex
                          // digits: a changed dump rewrites only the records whose hash changed
    kSlotTextHash = 10,   // article: article_text_digest, 32 hex digits: articles with the same text
                          // (a record copied into two dumps, a dump record and a file) are one result
    // Facets (--facets), as written; a field of several values holds them
    // joined by kListSeparator, each counted on its own.
    kSlotSource = 11,     // article: source or agency ("Reuters")
    kSlotSections = 12,   // article: the section's parts ("grain", "corn" of "grain, corn")
    kSlotAuthors = 13,    // article: the byline's names ("Steve Stecklow", "Melanie Lee")
    kSlotLanguage = 14,   // article: the declared language, lower-cased ("en-us")
    kSlotStorySketch = 15,  // article: text/story_sketch.h serialise() of its body: versions of one
                            // story (a wire copy, an UPDATE) fold into one hit
};
inline constexpr char kListSeparator = '\x1f';  // ASCII unit separator: never in a name

// The values of a facet slot, one per item of the list.
std::vector<std::string_view> list_items(std::string_view value);
// A section of several parts ("grain, corn": Reuters-21578's topics, a
// dump's categories) as its parts; one part for an ordinary section.
std::vector<std::string_view> section_parts(std::string_view section);
// A byline's names: "Steve Stecklow and Melanie Lee", "A, B & C".
std::vector<std::string_view> author_names(std::string_view byline);
// The year, month and day terms of a "YYYYMMDD" day key; none for anything else.
std::vector<std::string> date_terms(std::string_view day_key);
bool is_date_term(std::string_view term);
// The boolean terms of an article's section, language and day ("YYYYMMDD"):
// what section:, lang: and date: find it by, and what the passage matcher
// grants every passage.
std::vector<std::string> boolean_field_terms(std::string_view section, std::string_view language,
                                             std::string_view day_key = {});

// Metadata keys.
inline constexpr std::string_view kMetaSchemaVersion = "news-search.schema";
inline constexpr std::string_view kMetaAnalysis = "news-search.analysis";
inline constexpr std::string_view kMetaNextArticleKey = "news-search.next_article";
// How many articles repeat the text of another (store/text_copies.h),
// decimal: recounted when articles come or go.
inline constexpr std::string_view kMetaTextCopies = "news-search.text_copies";
// A file of many articles written in several transactions carries this
// key, + a digest of its path (the path itself may be longer than a key
// can be), holding its path until its last article is written: a run cut
// short leaves it, and the next run reads the file again (docs/reliability.md).
inline constexpr std::string_view kMetaUnfinishedFilePrefix = "news-search.unfinished.";
std::string unfinished_file_key(std::string_view absolute_path);
// "1": the spelling table (Xapian's, for did-you-mean) holds the words of
// every article, each counted once per article; "0" (news-index
// --no-spelling) or absent (a database written before spelling data
// existed): it holds none, and news-query suggests nothing.
inline constexpr std::string_view kMetaSpelling = "news-search.spelling";
// A shard of a sharded database hands out every Nth article key, so that
// keys stay unique across its shards: N, decimal (absent: 1).  Its next
// key is kMetaNextArticleKey as in any database (docs/schema.md, Shards).
inline constexpr std::string_view kMetaKeyStep = "news-search.key_step";
// "1" on a shard built without looking at the other shards (a fresh build
// on every core, a shard added with --add-shard) until the exact
// duplicates between it and the others are settled; absent otherwise.
inline constexpr std::string_view kMetaUnsettled = "news-search.unsettled";
// A shard: + the content hash of bytes whose article left the shard in a
// run that has not yet settled them across the shards ("1"); the run
// removes it once every shard is settled.
inline constexpr std::string_view kMetaHashLeftPrefix = "news-search.hash_left.";
inline constexpr int kSchemaVersion = 9;

// Title words are worth this many body words.  Measured with bench/relevance:
// 2 beat 5 (omega's choice) on CISI, Cranfield and MEDLINE and tied on TIME.
inline constexpr unsigned kTitleWdfBoost = 2;
// Gap between fields, and between passages, so a phrase (or NEAR, up to
// this window) never spans two of them: a phrase that matches an article
// matches one of its passages.
inline constexpr unsigned kFieldPositionGap = 100;

// Field prefixes are capital letters (Xapian's convention): a term without
// one is a word of an article's text.
bool is_word_term(std::string_view term);
// A term without its field prefix: the word it was made of.
std::string without_prefix(std::string_view term);

std::string kind_term(std::string_view kind);
std::string article_key_term(ArticleKey key);
// The file's id, and with `record` that of one record of a file of many.
std::string unique_id_term(std::string_view absolute_path, std::string_view record = {});
std::string content_hash_term(std::string_view hex_digest);
std::string text_hash_term(std::string_view hex_digest);

}  // namespace news::schema
