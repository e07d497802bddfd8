// Turning an article into Xapian documents following the schema.
#pragma once

#include "formats/article.h"
#include "formats/passage_splitter.h"
#include "store/schema.h"
#include "text/analysis.h"

#include <xapian.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace news {

// What a re-run compares to decide whether a file changed.
struct FileStamp {
    std::string path;  // absolute
    int64_t mtime_ns = 0;
    uint64_t size = 0;
    std::string content_hash;
    int64_t ctime_ns = 0;  // 0: not known (a database written before it was recorded)
};

// An article ready to be written: one document, with the passages it was
// cut into stored in its data.
struct ArticleDocument {
    Xapian::Document document;
    size_t passages = 0;
    std::string text_digest;  // article_text_digest
    // Its words for did-you-mean (Analyzer::add_spelling_words), repeats
    // and all; empty when the builder is not asked for them.
    std::vector<std::string> spelling_words;
};

class DocumentBuilder {
public:
    // `with_spelling`: each article also lists its words for the database's
    // spelling data (schema::kMetaSpelling).
    explicit DocumentBuilder(const Analyzer& analyzer, bool with_spelling = false);

    // Builds without touching a database, so it can run on any thread.
    ArticleDocument build(const Article& article, const FileStamp& stamp);

    // A record for a file whose bytes equal those of `original_path`.
    static Xapian::Document build_duplicate(const FileStamp& stamp, const std::string& original_path);

    // Copies the stamp into an existing catalogue document (a touched file).
    static void apply_stamp(Xapian::Document& document, const FileStamp& stamp);

private:
    const Analyzer& analyzer_;
    bool with_spelling_ = false;
    Xapian::TermGenerator generator_;
};

// A digest of everything read of an article (fields, paragraphs, their
// lines): a record of a changed file with the same digest is left as it is.
std::string article_fingerprint(const Article& article);

// A digest of an article's words as a reader would read them (its body,
// and its headline too when the body is short), whatever file, record or
// layout they came in: articles with the same digest are copies of one
// text, shown as one result.  Empty for an article with no words.
std::string article_text_digest(const Article& article);

// Gives the article its key (schema.h): the XA term and value slot 0.
void assign_article_key(Xapian::Document& article, schema::ArticleKey key);

// Articles' words for the spelling data, summed over many articles and
// added at once.  Xapian rewrites a word's entry, and the lists of its
// letter groups, at each commit that changed it, and a segment of a
// parallel build commits every 125 articles: adding each article's words as
// it was stored took 73% more CPU on Reuters 106k (docs/benchmarks.md).
// Memory: a word and its count per distinct word (Reuters 106k: 120,066).
class SpellingTally {
public:
    // One article's words: each counts once, however often it is there.
    void add(const std::vector<std::string>& words);
    // Adds what was counted to `db`'s spelling data, and starts again.
    // With `words_per_commit`, commits after each that many words (not
    // inside a transaction): Xapian holds the changes to the lists of the
    // words' letter groups in memory until a commit (Reuters 106k's words
    // on two threads at once: 100 MiB).
    void write_to(Xapian::WritableDatabase& db, size_t words_per_commit = 0);

private:
    struct Count {
        Xapian::termcount articles = 0;
        size_t last_article = 0;  // which add() counted it last
    };
    std::unordered_map<std::string, Count> counts_;
    size_t articles_added_ = 0;
};

// Xapian's spelling table counts words, not documents: an article's words
// are counted once each (SpellingTally), and an article that is replaced
// or deleted takes its count back with this, from the words of its stored
// title and passages, analysed as when it was written.  Does nothing for a
// document that is not an article (a duplicate's record).
void remove_article_spelling(Xapian::WritableDatabase& db, Xapian::docid docid, const Analyzer& analyzer);

// Writes an article under `key`: in place of the document `replace` (the
// file's catalogue document, article or duplicate) when given, else as a new
// document.  Returns its docid.
Xapian::docid store_article(Xapian::WritableDatabase& db, ArticleDocument& article, schema::ArticleKey key,
                            Xapian::docid replace = 0);

}  // namespace news
