// JSON news dumps, one article per object: JSON Lines (.jsonl, .ndjson),
// and .json files holding one object, an array of objects, objects one per
// line or objects one after another.  Fields are mapped by name
// (formats/record_fields.h); a line or element that is not JSON is
// reported as "path:LINE: not JSON (...)" and the rest is read.  Records
// are parsed one at a time, never the whole file as one value.
#pragma once

#include "formats/article_reader.h"

namespace news {

class JsonReader final : public ArticleReader {
public:
    [[nodiscard]] std::string_view name() const override { return "json"; }
    void read(const std::string& path, std::string_view bytes, const ReaderOptions& options,
              ReadSink& sink) const override;
};

// Whether bytes without a telling extension are JSON: their first line is
// a JSON object.
bool looks_like_json_lines(std::string_view bytes);

}  // namespace news
