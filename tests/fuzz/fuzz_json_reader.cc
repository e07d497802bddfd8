// The JSON reader on any bytes, as JSON Lines and as a .json file (array,
// one object, objects one after another): never throws, never stops at a
// bad record, and keeps the invariants of fuzz_record_checks.h.
#include "formats/json_reader.h"
#include "fuzz_record_checks.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace news;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    ReaderOptions options;
    // An odd size reads with the user's names for two of the fields.
    if (size % 2 == 1) options.field_names = {{"title", "head"}, {"text", "copy"}};
    for (const std::string path : {"/dumps/news.jsonl", "/dumps/news.json"}) {
        fuzz::check_records(path, bytes, JsonReader().read_all(path, bytes, options));
    }
    return 0;
}
