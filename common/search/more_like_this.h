// news-query --like: the articles most like one article of the database,
// from its most telling words (Xapian's relevance set and expand set).
#pragma once

#include "text/analysis.h"

#include <xapian.h>

#include <string>
#include <string_view>

namespace news {

// The article `like` names, as a user copies it from news-query's output:
// a path (relative to the working folder or absolute), `PATH:LINE` (the
// article of a file of many whose text holds that line), an archive's
// member `ARCHIVE//MEMBER`, or a record `PATH//RECORD` (the `record` of
// --json).  A duplicate file names the article it duplicates.  Throws
// UserError when the database holds no such article, or when a file of
// many is named without the line or record that picks one.
Xapian::docid find_article(const Xapian::Database& db, std::string_view like);

// Words of the index that tell documents apart: no field terms, numbers or
// stopwords (a term with no letter is a number).  What --like and --top-words take from an expand set.
class TellingWords final : public Xapian::ExpandDecider {
public:
    explicit TellingWords(const Analyzer& analyzer) : analyzer_(analyzer) {}
    bool operator()(const std::string& term) const override;

private:
    const Analyzer& analyzer_;
};

// The words that set `article` apart from the rest of the database, best
// first, at most `count`; empty for an article without such words.
std::vector<std::string> telling_words(const Xapian::Database& db, const Analyzer& analyzer, Xapian::docid article,
                                       Xapian::termcount count);

}  // namespace news
