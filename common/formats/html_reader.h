// Web pages (.html, .htm, .xhtml): the article a page carries, without the
// page around it.  The page is parsed by gumbo, an HTML5 parser (the tree a
// browser builds, and the one Mozilla Readability reads); the article is the
// container whose paragraphs score best by text, commas and links, with its
// siblings that look like more of it (docs/formats.md, "HTML").  Its
// metadata comes from <meta> tags, JSON-LD, <title>, <time> and the byline.
#pragma once

#include "formats/article_reader.h"

#include <optional>
#include <string>
#include <string_view>

namespace news {

class HtmlReader final : public ArticleReader {
public:
    [[nodiscard]] std::string_view name() const override { return "html"; }
    // One article per page; a page with no text at all is reported, not
    // read.  Never throws on bad HTML: the parser recovers as a browser does.
    void read(const std::string& path, std::string_view bytes, const ReaderOptions& options,
              ReadSink& sink) const override;
};

// Whether bytes without a telling extension look like HTML: a doctype or an
// <html> tag first, after white space, a byte order mark and comments.
bool looks_like_html(std::string_view bytes);

// The page with the text of every <script> and <style> taken out, all but
// its line ends, so the parser skips it quickly and every line keeps its
// number.  JSON-LD is kept (it holds the metadata), and so is a script that
// holds "<!--", where HTML's rules could end it elsewhere; comments, <title>
// and <textarea> are passed over as they are.
std::string without_script_bodies(std::string_view html);

// The page with the start tags that would nest elements deeper than
// `max_depth` blanked out (their line ends kept; their content then belongs
// to the element around them), or nothing when none does.  The depth is
// estimated from the tags alone: void elements and those a sibling closes
// (<p>, <li>, <td>) do not count.
std::optional<std::string> with_bounded_nesting(std::string_view html, size_t max_depth);

}  // namespace news
