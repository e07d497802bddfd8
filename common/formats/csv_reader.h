// CSV and TSV news dumps (.csv, .tsv): a header row naming the fields, then
// one article per record, read by libcsv under RFC 4180's rules (quoted
// fields, embedded line breaks, doubled quotes, CRLF), a byte order mark
// dropped.  Fields are mapped by name (formats/record_fields.h).  A record
// whose quoting is broken, or whose field count is not the header's, is
// reported as "path:LINE: ..." and skipped, and reading goes on at the next
// line.
#pragma once

#include "formats/article_reader.h"

namespace news {

class CsvReader final : public ArticleReader {
public:
    [[nodiscard]] std::string_view name() const override { return "csv"; }
    void read(const std::string& path, std::string_view bytes, const ReaderOptions& options,
              ReadSink& sink) const override;
};

}  // namespace news
