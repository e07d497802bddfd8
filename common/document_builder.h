// Turning an article into Xapian documents following the schema.
#pragma once

#include "analysis.h"
#include "article.h"
#include "passage_splitter.h"

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
// passage.  Passages are linked to the article once its docid is known
// (link_passages), since a new article gets its docid when it is added.
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

    static void link_passages(ArticleDocuments& documents, Xapian::docid article_docid);

    // Copies the stamp into an existing catalogue document (a touched file).
    static void apply_stamp(Xapian::Document& document, const FileStamp& stamp);

private:
    const Analyzer& analyzer_;
    Xapian::TermGenerator generator_;
};

// Writes an article's documents under `article_docid` (a new docid adds the
// article, a known one replaces it after its old passages are deleted).
// Returns the number of passages written.
size_t store_article(Xapian::WritableDatabase& db, ArticleDocuments& documents, Xapian::docid article_docid,
                     bool replacing);

}  // namespace news
