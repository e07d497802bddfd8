#include "article_reader.h"

#include "plain_text_reader.h"
#include "text_decoding.h"

namespace news {

ReaderChoice choose_reader(const std::string& /*path*/, std::string_view bytes) {
    static const PlainTextReader plain_text;
    if (bytes.empty()) return {nullptr, "empty file"};
    if (auto reason = binary_reason(bytes)) return {nullptr, *reason};
    // New formats (HTML, JSON Lines, CSV, Reuters SGML, gzip) are chosen here,
    // by extension and by sniffing the first bytes.
    return {&plain_text, {}};
}

}  // namespace news
