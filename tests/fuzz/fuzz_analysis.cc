// The analysis chain on any text: folding, word cutting, terms and the
// TermGenerator news-index uses.  Never throws; word spans are in order and
// inside the text; folding keeps valid UTF-8 valid.
#include "fuzz_support.h"
#include "text/analysis.h"
#include "text/story_sketch.h"

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace news;
    if (size < 1) return 0;
    static const Analyzer english(AnalysisSettings{"english", true});
    static const Analyzer french(AnalysisSettings{"french", true});
    static const Analyzer plain(AnalysisSettings{"none", false});
    const Analyzer& analyzer = data[0] % 3 == 0 ? english : data[0] % 3 == 1 ? french : plain;
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    const bool utf8 = fuzz::valid_utf8(text);

    const std::string folded = analyzer.fold(text);
    if (utf8) fuzz::require(fuzz::valid_utf8(folded), "folding broke UTF-8");
    size_t previous_end = 0;
    for (const WordSpan& word : Analyzer::words(text)) {
        fuzz::require(word.begin < word.end && word.end <= text.size(), "a word span outside the text");
        fuzz::require(word.begin >= previous_end, "word spans overlap or go back");
        if (utf8) {
            fuzz::require(fuzz::on_boundary(text, word.begin) && fuzz::on_boundary(text, word.end),
                          "a word span cuts a UTF-8 character");
        }
        previous_end = word.end;
        (void)analyzer.term_for_word(text.substr(word.begin, word.end - word.begin));
    }
    size_t compound_end = 0;
    for (const Compound& compound : Analyzer::compounds(text)) {
        fuzz::require(compound.begin >= compound_end && compound.begin < compound.end && compound.end <= text.size(),
                      "a compound outside the text or out of order");
        fuzz::require(!compound.joined.empty() && compound.joined.size() < compound.end - compound.begin,
                      "a compound's joined word is not its parts");
        compound_end = compound.end;
    }
    (void)Analyzer::compounds_either_way(text);
    // Xapian throws on a term over 245 bytes: the compounds' joined words
    // must never make one.
    Xapian::TermGenerator generator;
    analyzer.configure(generator);
    Xapian::Document document;
    generator.set_document(document);
    analyzer.index_text(generator, document, folded);
    analyzer.index_text(generator, document, folded, 5, "S");
    if (const std::optional<StorySketch> sketch = sketch_story(text)) {
        const std::optional<StorySketch> again = parse_story_sketch(serialise(*sketch));
        fuzz::require(again && again->bins == sketch->bins && again->shingles == sketch->shingles,
                      "a story sketch does not survive its value");
        fuzz::require(containment(*sketch, *sketch) == 1.0, "a body is not all inside itself");
    }
    return 0;
}
