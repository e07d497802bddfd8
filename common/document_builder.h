// Turning an article into Xapian documents following the schema.
#pragma once

#include "analysis.h"
#include "article.h"
#include "passage_splitter.h"
#include "schema.h"

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

namespace news {

// What a re-run compares to decide whether a file changed.
struct FileStamp {
    std::string path;  // absolute
    int64_t mtime_ns = 0;
    uint64_t size = 0;
    std::string content_hash;
};

// An article ready to be written: the catalogue document and one document per
// passage, linked by the article's key when it is stored.
struct ArticleDocuments {
    Xapian::Document article;
    std::vector<Xapian::Document> passages;
};

class DocumentBuilder {
public:
    explicit DocumentBuilder(const Analyzer& analyzer);

    // Builds without touching a database, so it can run on any thread.
    ArticleDocuments build(const Article& article, const FileStamp& stamp);

    // A record for a file whose bytes equal those of `original_path`.
    static Xapian::Document build_duplicate(const FileStamp& stamp, const std::string& original_path);


    // Copies the stamp into an existing catalogue document (a touched file).
    static void apply_stamp(Xapian::Document& document, const FileStamp& stamp);

private:
    const Analyzer& analyzer_;
    Xapian::TermGenerator generator_;
};

// Writes an article's documents under `key`.  With `replace` (the docid of
// the file's catalogue document) the old passages of `key` are deleted and the
// catalogue document replaced; without, the article is added.  Returns the
// number of passages written.
struct StoredArticle {
    Xapian::docid article_docid = 0;
    size_t passages = 0;
};
StoredArticle store_article(Xapian::WritableDatabase& db, ArticleDocuments& documents, schema::ArticleKey key,
                     Xapian::docid replace = 0);

// Adds a new article to a shard of a fresh build: its article document to
// `articles`, its passages to `passages`.  The merge puts every article
// shard before every passage shard, so the article documents get the first
// docids side by side: ranking articles reads the document length of every
// match, and Xapian decodes its length list up to each docid.
void store_new_article(Xapian::WritableDatabase& articles, Xapian::WritableDatabase& passages,
                       ArticleDocuments& documents, schema::ArticleKey key);

}  // namespace news
