// The CSV reader on any bytes, as CSV and as TSV: never throws, never stops
// at a bad record, and keeps the invariants of fuzz_record_checks.h.
#include "formats/csv_reader.h"
#include "fuzz_record_checks.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace news;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    ReaderOptions options;
    if (size % 2 == 1) options.field_names = {{"title", "head"}, {"id", "key"}};
    for (const std::string path : {"/dumps/news.csv", "/dumps/news.tsv"}) {
        fuzz::check_records(path, bytes, CsvReader().read_all(path, bytes, options));
    }
    return 0;
}
