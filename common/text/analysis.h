// Text analysis shared by indexing and querying: accent folding, the stemmer,
// stopwords and how words are cut.  Both tools must build their
// TermGenerator and QueryParser here, or queries silently stop matching the
// index; the settings travel in the database metadata (schema::kMetaAnalysis).
#pragma once

#include <xapian.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace news {

// A stop list kept as a sorted array and searched by bisection: nothing to
// build when a query starts (filling a SimpleStopper's set was a hundred
// thousand instructions of each query).
class SortedStopList final : public Xapian::Stopper {
public:
    SortedStopList() = default;
    // `words` must be sorted and outlive the list.
    explicit SortedStopList(std::span<const std::string_view> words) : words_(words) {}
    bool operator()(const std::string& word) const override;
    [[nodiscard]] bool empty() const { return words_.empty(); }

private:
    std::span<const std::string_view> words_;
};

struct AnalysisSettings {
    std::string language = "english";  // any name Xapian::Stem accepts
    bool fold_accents = true;

    // "language=english;fold_accents=1": stored in the database metadata.
    [[nodiscard]] std::string serialise() const;
    // Throws std::invalid_argument on text it does not understand.
    static AnalysisSettings parse(std::string_view text);
    bool operator==(const AnalysisSettings&) const = default;
};

// Throws std::invalid_argument listing the valid names when Xapian has no
// stemmer for `language`; returns Xapian's canonical name ("en" -> "english").
std::string canonical_language(const std::string& language);

// A word of a text and where it is, in bytes.
struct WordSpan {
    size_t begin = 0;
    size_t end = 0;
};

// A word written in parts joined by hyphens ("Spider-Man",
// "counter-terrorism", "e-mail"): two to four parts of letters.
struct Compound {
    size_t begin = 0;  // bytes of the text, hyphens included
    size_t end = 0;
    std::string joined;  // the parts without the hyphens: "Spiderman"
};

class Analyzer {
public:
    explicit Analyzer(AnalysisSettings settings);

    [[nodiscard]] const AnalysisSettings& settings() const { return settings_; }

    // Strips accents and folds Latin letters with no decomposition (ø, ł, æ,
    // ß) to ASCII, so "François", "françois" and "Francois" index alike; and
    // writes initials typed in lower case ("u.s.", "u.n.") in capitals, so
    // Xapian reads them as the abbreviation "U.S." is read ("us"), in the
    // text and in the query alike.  Other text is unchanged, byte for byte.
    [[nodiscard]] std::string fold(std::string_view text) const;

    // The term a single word becomes in the index (folded, lower-cased,
    // stemmed), as TermGenerator makes it: stem(normalise(word)).
    [[nodiscard]] std::string term_for_word(std::string_view word) const;
    // A word folded and lower-cased: what the stemmer is given.
    [[nodiscard]] std::string normalise(std::string_view word) const;
    [[nodiscard]] std::string stem(const std::string& normalised_word) const { return stemmer_(normalised_word); }
    // Whether a stem begins with its word's first letter: true of the
    // stemmers that only rewrite a word's ending (English, Porter), so a
    // word that does not begin as a term need not be stemmed to rule it
    // out.  Prefix-stripping stemmers (Indonesian, Irish, Arabic, ...) say
    // false.
    [[nodiscard]] bool stems_keep_first_letter() const { return stems_keep_first_letter_; }

    void configure(Xapian::TermGenerator& generator) const;
    void configure(Xapian::QueryParser& parser) const;

    // Did-you-mean's words (Xapian's spelling data): appends the words of
    // `folded_text` (fold()'s output) that may be suggested, normalised.
    // The caller removes repeats.
    void add_spelling_words(std::string_view folded_text, std::vector<std::string>& words) const;
    // Whether a normalised word is one that did-you-mean suggests or
    // corrects: 3 to 40 bytes of letters.  Numbers, codes ("q3", "1.5bn")
    // and single letters are not misspellings of anything, and numbers
    // alone would be most of a news collection's distinct words.
    static bool is_spelling_word(std::string_view normalised_word);

    [[nodiscard]] const Xapian::Stem& stemmer() const { return stemmer_; }
    [[nodiscard]] bool is_stopword(const std::string& folded_lower_word) const;

    // Cuts text into words the way TermGenerator does closely enough to
    // find, in the original text, the words that produced a term.
    static std::vector<WordSpan> words(std::string_view text);

    // The compounds of a text, in order.
    static std::vector<Compound> compounds(std::string_view text);

    // Indexes folded text as TermGenerator::index_text does, and each
    // compound also as its joined word at its first part's position, so
    // the query "spiderman" finds "Spider-Man" and "counterterrorism"
    // finds "counter-terrorism" (a phrase of the parts still matches).
    // `document` is the generator's.
    void index_text(Xapian::TermGenerator& generator, Xapian::Document& document, std::string_view folded,
                    Xapian::termcount wdf_inc = 1, const std::string& prefix = {}) const;

    // The query with each compound outside quotes looked for either way:
    // "counter-terrorism adviser" -> "(counterterrorism OR counter-terrorism)
    // adviser": the joined word (indexed for both spellings) or the parts
    // as a phrase ("counter terrorism" written apart).  Adds to
    // `parts_added` how many words of parts came in beside the joined ones.
    // An excluding "-" before a compound stays.
    static std::string compounds_either_way(std::string_view query, size_t* parts_added = nullptr);

private:
    static std::string fold_accents(std::string_view text);

    AnalysisSettings settings_;
    Xapian::Stem stemmer_;
    SortedStopList stopper_;
    bool stems_keep_first_letter_ = false;
};

}  // namespace news
