// What a web page says about itself: <meta> tags, JSON-LD, <title>, the
// canonical link and <html lang>, gathered while the HTML reader builds its
// tree (PageHead), and the article's metadata read from them (docs/formats.md,
// "HTML": title, date, author, site, section, URL).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace news {

struct MetaTag {
    std::string key;  // name, property or itemprop, lower case
    std::string value;
    unsigned line = 0;
};

// What the page says about itself, gathered while the tree is built.
struct PageHead {
    std::vector<MetaTag> metas;
    std::vector<std::pair<std::string, unsigned>> json_ld;  // (text, line)
    std::string title;
    unsigned title_line = 0;
    std::string canonical;
    std::string language;
};

struct PageMetadata {
    std::string title;
    unsigned title_line = 0;
    std::string author;
    std::string date;
    std::string source;
    std::string section;
    std::string url;
    // The first date field whose text is no date, and its line: told in a
    // note when no other gives the date.
    std::string unreadable_date;
    unsigned unreadable_date_line = 0;

    // Takes `text` as the date when it is one and none was taken before.
    void offer_date(std::string_view text, unsigned line);
};

// The metadata the page's head gives, in Readability's order of preference.
PageMetadata read_page_metadata(const PageHead& head);

// "By Jane Doe" -> "Jane Doe"
std::string clean_byline(std::string byline);

// "Breaking news - BBC News" -> "Breaking news": the site's name cut from a
// <title> when what is left still reads as a headline (3 words or more).
std::string title_without_site_suffix(std::string_view title);

}  // namespace news
