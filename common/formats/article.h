// The document model: what news-index knows about one article.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace news {

// A paragraph of body text.  Lines of a hard-wrapped paragraph are joined
// with a space; `line_starts` remembers at which byte of `text` each file line
// begins, so any piece of the paragraph can be traced back to `path:line`.
struct Paragraph {
    std::string text;
    std::vector<std::pair<size_t, unsigned>> line_starts;  // (byte in text, 1-based line)

    [[nodiscard]] unsigned first_line() const {
        return line_starts.empty() ? 0 : line_starts.front().second;
    }
    // The file line holding byte `offset` of `text`.
    [[nodiscard]] unsigned line_at(size_t offset) const;
};

struct Article {
    std::string path;         // absolute path of the file it was read from
    // The record's key inside that file: empty for a file that is one
    // article; the JSON or CSV record's id, else its 1-based position; the
    // SGML record's NEWID; an archive member's name (a member of a member:
    // "outer//inner").  path + record names the article for good.
    std::string record;
    // The archive member it was read from ("2006/10/20/article"; inside a
    // member of a member "inner.tar//a.txt"), empty outside archives: its
    // paragraphs' lines count in the member, not in the archive.
    std::string member;
    std::string title;
    unsigned title_line = 0;  // 1-based, 0 when the article has no title line
    std::string author;       // byline, without "By"
    std::string date;         // ISO 8601 from parse_news_date ("2006-10-20",
                              // "2006-10-20T18:15:00-04:00"), or empty
    std::string url;
    std::string place;        // dateline place: "ANCHORAGE, Alaska"
    std::string source;       // agency or publisher: "Reuters", "AFP"
    std::string section;      // the parent folder's name: "sport"; the SGML TOPICS: "grain, corn"
    std::string encoding;     // how the bytes were decoded: "utf-8", "windows-1252"
    std::string language;     // as the source declares it ("en", "fr-FR"), or empty
    std::vector<Paragraph> paragraphs;
};

}  // namespace news
