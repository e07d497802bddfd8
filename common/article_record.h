// What the index keeps of an article for display: the document data of an
// article document.  Stored as a JSON object so fields can be added without
// breaking older databases.
#pragma once

#include "article.h"

#include <string>
#include <string_view>

namespace news {

struct ArticleRecord {
    std::string path;
    std::string title;
    unsigned title_line = 0;
    std::string author;
    std::string date;
    std::string url;
    std::string place;
    std::string source;
    std::string section;
    std::string encoding;
    unsigned passages = 0;
    std::string duplicate_of;  // set on duplicate documents only

    static ArticleRecord from_article(const Article& article, unsigned passage_count);
    [[nodiscard]] std::string serialise() const;
    // Missing fields stay empty; throws std::runtime_error on data that is not
    // a JSON object.
    static ArticleRecord parse(std::string_view data);
};

}  // namespace news
