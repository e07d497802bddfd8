// WARC web archives (.warc, .warc.gz; CC-NEWS, wget --warc-file): each HTML
// page a `response` (or `resource`) record holds is read by the HTML reader,
// with the record's URL and date; requests, metadata, warcinfo, redirects
// and pictures are passed over and counted.  libarchive decompresses; the
// records are parsed here, because libarchive's own WARC format drops the
// host from the URL, hides the records it does not return (so they cannot
// be counted), gives no record id or content type, and refuses WARC/1.1
// (docs/formats.md, "Archives, compressed files and WARC").
#pragma once

#include "formats/container_reader.h"

namespace news {

class WarcReader final : public ContainerReader {
public:
    // `html` reads the pages; by default, the reader choose_reader picks for
    // a file named "page.html".
    explicit WarcReader(const ArticleReader* html = nullptr) : html_(html) {}
    [[nodiscard]] std::string_view name() const override { return "warc"; }
    // A page's article has the WARC's path, the record's WARC-Target-URI as
    // its record key (its WARC-Record-ID when it has none) and as its URL,
    // and the WARC-Date as its date when the page gives none.
    void read_container(const std::string& path, std::string_view bytes, const ReaderOptions& options,
                        ReadSink& sink, ExpansionBudget& budget) const override;

private:
    const ArticleReader* html_;
};

}  // namespace news
