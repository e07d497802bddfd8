// Query parsing and search on a small in-memory database: any query text
// and options either give results or a UserError (a message for the user,
// one short line), never a crash or another exception; hits are whole and
// highlight ranges fall inside their passage.
#include "fuzz_support.h"
#include "search/searcher.h"
#include "store/errors.h"
#include "test_support.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace {

news::ReadableIndex make_database() {
    using news::test::make_article;
    return news::test::make_index({
        make_article("/news/world/paris.txt", "Paris attacks: France seeks global coalition against ISIS",
                     {"French President François Hollande called on the United States and Russia to join a global "
                      "coalition.",
                      "PARIS (AFP) - The attacks across Paris killed 129 people; Hollande announced measures."},
                     "world"),
        make_article("/news/sport/mutu.txt", "Chelsea sack Mutu",
                     {"Chelsea have sacked Adrian Mutu after he failed a drugs test.",
                      "The 25-year-old tested positive for a banned substance in October."},
                     "sport"),
        make_article("/news/business/oil.txt", "Oil prices rise on terror fears",
                     {"Terrorism and terrorists: oil rose 3% to $50.10 a barrel in New York, the highest since 2004.",
                      "Zürich, Ærøskøbing and Łódź traders said the market was nervous."},
                     "business"),
        make_article("/news/tech/phone.txt", "Phones get smarter",
                     {"Mobile phones with cameras sold well; software makers see a boom.", "日本語のテキストも少し。"},
                     "tech"),
    });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace news;
    if (size < 2 || size > 4096) return 0;
    static Searcher searcher(make_database());
    SearchOptions options;
    options.any = (data[0] & 1) != 0;
    options.all_passages = (data[0] & 2) != 0;
    options.count = 1 + (data[0] >> 2) % 12;
    options.offset = data[1] % 4;
    options.per_article = 1 + (data[1] >> 2) % 3;
    options.query.assign(reinterpret_cast<const char*>(data) + 2, size - 2);
    try {
        const SearchResults results = searcher.search(options);
        fuzz::require(results.hits.size() <= options.count, "more hits than asked for");
        for (const SearchHit& hit : results.hits) {
            fuzz::require(!hit.passages.empty(), "a hit without passages");
            fuzz::require(options.all_passages || hit.passages.size() <= options.per_article,
                          "more passages than --per-article");
            for (const PassageHit& passage : hit.passages) {
                size_t previous_end = 0;
                for (const auto& [begin, end] : passage.matches) {
                    fuzz::require(begin < end && end <= passage.text.size(), "a match outside its passage");
                    fuzz::require(begin >= previous_end, "matches overlap or go back");
                    fuzz::require(fuzz::on_boundary(passage.text, begin) && fuzz::on_boundary(passage.text, end),
                                  "a match cuts a UTF-8 character");
                    previous_end = end;
                }
            }
        }
    } catch (const UserError& error) {
        // An unparsable query: news-query prints the message, exit 2, on one
        // short line whatever the query.
        const std::string_view message = error.what();
        fuzz::require(message.find('\n') == std::string_view::npos && message.size() < 300,
                      "an error message longer than one short line");
    }
    return 0;
}
