// Reuters-21578 SGML (.sgm): files of <REUTERS> records, one article each
// (docs/formats.md, "Reuters-21578 SGML").
#pragma once

#include "formats/article_reader.h"

#include <string_view>

namespace news {

class SgmlReader final : public ArticleReader {
public:
    [[nodiscard]] std::string_view name() const override { return "reuters-sgml"; }
    // Each <REUTERS NEWID="n"> ... </REUTERS> is an article keyed by its
    // NEWID: TITLE, AUTHOR, DATE, DATELINE (the place), TOPICS (the
    // section), PLACES (the place when there is no dateline), and the text
    // of BODY or, without one, of TEXT itself.  A record without its
    // </REUTERS> is reported as cut off; one with no text at all is
    // reported too; the others are read.
    void read(const std::string& path, std::string_view bytes, const ReaderOptions& options,
              ReadSink& sink) const override;
};

// Whether the bytes start (after a byte order mark and white space) like a
// Reuters-21578 file: "<!DOCTYPE lewis" or "<REUTERS".
bool looks_like_reuters_sgml(std::string_view bytes);

// "&lt;" -> "<", "&#233;" -> "é"; control characters (&#3;, &#127;) are
// dropped and &#9;, &#10;, &#13; become spaces; an unknown entity is kept as
// written.  Raw control characters are dropped too, and tabs become spaces.
std::string decode_sgml_text(std::string_view text);

}  // namespace news
