// What the index keeps of an article for display: the document data of an
// article document.  The record is a JSON object, so fields can be added
// without breaking older databases; the article's passages follow it.
#pragma once

#include "formats/article.h"

#include <string>
#include <string_view>

namespace news {

struct ArticleRecord {
    std::string path;
    std::string record;  // Article::record: the key inside a file of many articles
    std::string member;  // Article::member: the archive member its lines count in
    std::string title;
    unsigned title_line = 0;
    std::string author;
    std::string date;
    std::string url;
    std::string place;
    std::string source;
    std::string section;
    std::string encoding;
    std::string language;  // as the source declares it, or empty
    unsigned passages = 0;
    std::string duplicate_of;  // set on duplicate documents only

    static ArticleRecord from_article(const Article& article, unsigned passage_count);
    [[nodiscard]] std::string serialise() const;
    // Missing fields stay empty; throws std::runtime_error on data that is not
    // a JSON object.
    static ArticleRecord parse(std::string_view data);
};

// A passage as the article document keeps it: its text and line, and where
// its words are among the document's term positions, so the query's
// positions in the article tell which passage holds them.
struct StoredPassage {
    std::string text;
    unsigned line = 0;
    unsigned first_position = 0;  // the term position of its first word
    unsigned words = 0;           // positions it takes from there
};

// An article document's data: the record's JSON, a NUL byte (JSON never
// holds one raw), then each passage as "<line> <first_position> <words>
// <bytes>:<text>".  Lengths rather than separators: a passage's text may
// hold any byte.
std::string article_data(const ArticleRecord& record, const std::vector<StoredPassage>& passages);
// The passages stored by article_data, in article order; throws
// std::runtime_error on data cut short or malformed.
std::vector<StoredPassage> stored_passages(std::string_view data);
// The line an article's text starts on, where a result listing it points:
// its first passage's, else its title's.
unsigned text_start_line(std::string_view data);

// An article document's data as the index holds it: article_data's form
// compressed with zstd.  Xapian deflates what it is given, and inflating
// the data of a page of results cost more than reading the passages from
// it (docs/benchmarks.md); zstd's output Xapian leaves as it is.
std::string pack_article_data(std::string_view data);
// article_data's form again; throws std::runtime_error on data that is not
// a whole zstd frame.
std::string unpack_article_data(std::string_view packed);

}  // namespace news
