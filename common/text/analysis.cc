#include "text/analysis.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <array>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <vector>

namespace news {
namespace {

// Snowball's English stop word list (snowballstem.org, "english/stop.txt"),
// sorted.  Used only when parsing queries: the index keeps every word so
// that phrase queries such as "bank of england" still match.
constexpr std::string_view kEnglishStopwords[] = {
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any",
    "are", "aren't", "as", "at", "be", "because", "been", "before", "being", "below",
    "between", "both", "but", "by", "can't", "cannot", "could", "couldn't", "did",
    "didn't", "do", "does", "doesn't", "doing", "don't", "down", "during", "each", "few",
    "for", "from", "further", "had", "hadn't", "has", "hasn't", "have", "haven't",
    "having", "he", "he'd", "he'll", "he's", "her", "here", "here's", "hers", "herself",
    "him", "himself", "his", "how", "how's", "i", "i'd", "i'll", "i'm", "i've", "if", "in",
    "into", "is", "isn't", "it", "it's", "its", "itself", "let's", "me", "more", "most",
    "mustn't", "my", "myself", "no", "nor", "not", "of", "off", "on", "once", "only", "or",
    "other", "ought", "our", "ours", "ourselves", "out", "over", "own", "same", "shan't",
    "she", "she'd", "she'll", "she's", "should", "shouldn't", "so", "some", "such", "than",
    "that", "that's", "the", "their", "theirs", "them", "themselves", "then", "there",
    "there's", "these", "they", "they'd", "they'll", "they're", "they've", "this", "those",
    "through", "to", "too", "under", "until", "up", "very", "was", "wasn't", "we", "we'd",
    "we'll", "we're", "we've", "were", "weren't", "what", "what's", "when", "when's",
    "where", "where's", "which", "while", "who", "who's", "whom", "why", "why's", "with",
    "won't", "would", "wouldn't", "you", "you'd", "you'll", "you're", "you've", "your",
    "yours", "yourself", "yourselves"};
static_assert(std::is_sorted(std::begin(kEnglishStopwords), std::end(kEnglishStopwords)));

constexpr unsigned kRightSingleQuote = 0x2019;

// Xapian's word characters among ASCII, looked up without decoding: most
// news text is ASCII, and words() cuts every passage shown.
const std::array<bool, 0x80> kAsciiWordChars = [] {
    std::array<bool, 0x80> word_chars{};
    for (unsigned ch = 0; ch < word_chars.size(); ++ch) word_chars[ch] = Xapian::Unicode::is_wordchar(ch);
    return word_chars;
}();

bool is_word_char(unsigned ch) { return ch < 0x80 ? kAsciiWordChars[ch] : Xapian::Unicode::is_wordchar(ch); }

void append_utf8(std::string& out, unsigned ch) {
    std::array<char, 4> buffer{};
    const unsigned length = Xapian::Unicode::nonascii_to_utf8(ch, buffer.data());
    out.append(buffer.data(), length);
}

// Folding is decided once per code point and cached: ICU is only consulted
// the first time a thread meets a character.
class CodePointFolder {
public:
    const std::string& fold(UChar32 ch) {
        auto found = cache_.find(ch);
        if (found != cache_.end()) return found->second;
        return cache_.emplace(ch, compute(ch)).first->second;
    }

private:
    static std::string compute(UChar32 ch) {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
        icu::UnicodeString decomposed;
        if (U_SUCCESS(status)) {
            decomposed = nfd->normalize(icu::UnicodeString(ch), status);
        }
        if (U_FAILURE(status)) decomposed = icu::UnicodeString(ch);

        icu::UnicodeString stripped;
        for (int32_t i = 0; i < decomposed.length();) {
            const UChar32 part = decomposed.char32At(i);
            i += U16_LENGTH(part);
            if (u_charType(part) != U_NON_SPACING_MARK) stripped.append(part);
        }
        if (stripped.length() == 1 && stripped.char32At(0) > 0x7f) {
            UErrorCode script_status = U_ZERO_ERROR;
            if (uscript_getScript(stripped.char32At(0), &script_status) == USCRIPT_LATIN) {
                latin_to_ascii().transliterate(stripped);
            }
        }
        std::string result;
        stripped.toUTF8String(result);
        return result;
    }

    static icu::Transliterator& latin_to_ascii() {
        static std::unique_ptr<icu::Transliterator> instance = [] {
            UErrorCode status = U_ZERO_ERROR;
            std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createInstance(
                "Latin-ASCII", UTRANS_FORWARD, status));
            if (U_FAILURE(status) || !made) {
                throw std::runtime_error("ICU has no Latin-ASCII transliterator");
            }
            return made;
        }();
        return *instance;
    }

    std::unordered_map<UChar32, std::string> cache_;
};

// Snowball stemming was a sixth of indexing time, and news text repeats its
// words: each TermGenerator keeps the stems of the words it met last, one
// per slot of a small table indexed by the word's hash.  Small on purpose:
// a table that fits the CPU's cache beat an unbounded map, whose lookups
// missed the cache (bench: docs/benchmarks.md).
class CachingStemmer final : public Xapian::StemImplementation {
public:
    explicit CachingStemmer(Xapian::Stem stemmer) : stemmer_(std::move(stemmer)), slots_(kSlots) {}

    std::string operator()(const std::string& word) override {
        Slot& slot = slots_[std::hash<std::string>{}(word) & (kSlots - 1)];
        if (!slot.word.empty() && slot.word == word) return slot.stem;
        slot.word = word;
        slot.stem = stemmer_(word);
        return slot.stem;
    }

    [[nodiscard]] std::string get_description() const override { return stemmer_.get_description(); }

private:
    static constexpr size_t kSlots = 4096;
    struct Slot {
        std::string word;
        std::string stem;
    };
    Xapian::Stem stemmer_;
    std::vector<Slot> slots_;
};

}  // namespace

std::string AnalysisSettings::serialise() const {
    return "language=" + language + ";fold_accents=" + (fold_accents ? "1" : "0");
}

AnalysisSettings AnalysisSettings::parse(std::string_view text) {
    AnalysisSettings settings;
    std::istringstream in{std::string(text)};
    std::string item;
    while (std::getline(in, item, ';')) {
        const auto equals = item.find('=');
        if (equals == std::string::npos) {
            throw std::invalid_argument("bad analysis setting '" + item + "'");
        }
        const std::string key = item.substr(0, equals);
        const std::string value = item.substr(equals + 1);
        if (key == "language") {
            settings.language = value;
        } else if (key == "fold_accents") {
            settings.fold_accents = value == "1";
        } else {
            throw std::invalid_argument("unknown analysis setting '" + key + "'");
        }
    }
    return settings;
}

std::string canonical_language(const std::string& language) {
    try {
        const std::string description = Xapian::Stem(language).get_description();
        // "Xapian::Stem(english)"
        const auto open = description.find('(');
        const auto close = description.rfind(')');
        if (open == std::string::npos || close == std::string::npos || close <= open) {
            return language;
        }
        return description.substr(open + 1, close - open - 1);
    } catch (const Xapian::InvalidArgumentError&) {
        throw std::invalid_argument("no stemmer for language '" + language +
                                    "'; choose one of: " +
                                    Xapian::Stem::get_available_languages());
    }
}

Analyzer::Analyzer(AnalysisSettings settings)
    : settings_(std::move(settings)),
      stemmer_(settings_.language),
      stopper_(settings_.language == "english" ? std::span<const std::string_view>(kEnglishStopwords)
                                               : std::span<const std::string_view>()),
      // Snowball's English and Porter algorithms rewrite only a word's
      // suffix.  (Porter2 also drops a leading apostrophe, but words() never
      // begins a word with one, and folding makes one only of U+2019, which
      // is not a word character.)  Others are left out until checked.
      stems_keep_first_letter_(settings_.language == "english" || settings_.language == "porter") {
}

bool SortedStopList::operator()(const std::string& word) const {
    return std::binary_search(words_.begin(), words_.end(), std::string_view(word));
}

namespace {

bool is_ascii_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }

// "u.s." and "u.n." as "U.S." and "U.N.": two or more single lower-case
// letters, each followed by a dot (the last one's may be left out: "u.n"),
// standing alone.  Xapian's parser and
// term generator read initials only in capitals ("U.S." is the word "us");
// in lower case they were the letters "u" and "s", so "u.s. troops" found
// nothing.
void capitalise_lower_case_initials(std::string& text) {
    // Runs start at a dot: memchr finds the few there are, instead of
    // every letter of the text being looked at.
    for (size_t dot = text.find('.'); dot != std::string::npos; dot = text.find('.', dot + 1)) {
        const size_t start = dot - 1;  // the run's first letter, if this dot ends one
        if (dot == 0 || !is_ascii_lower(text[start]) ||
            (start > 0 && (is_ascii_alnum(text[start - 1]) || text[start - 1] == '.'))) {
            continue;
        }
        size_t end = start;  // past the last "x." of the run
        size_t letters = 0;
        while (end + 1 < text.size() && is_ascii_lower(text[end]) && text[end + 1] == '.') {
            end += 2;
            ++letters;
        }
        // "u.n" as a query is typed: the last letter without its dot.
        const bool last_undotted = letters >= 1 && end < text.size() && is_ascii_lower(text[end]) &&
                                   (end + 1 == text.size() || (!is_ascii_alnum(text[end + 1]) && text[end + 1] != '.'));
        if (last_undotted) {
            text.insert(end + 1, 1, '.');
            end += 2;
            ++letters;
        }
        if (letters < 2 || (end < text.size() && is_ascii_alnum(text[end]))) continue;
        for (size_t i = start; i < end; i += 2) text[i] = static_cast<char>(text[i] - 'a' + 'A');
        dot = end - 1;
    }
}

}  // namespace

std::string Analyzer::fold(std::string_view text) const {
    std::string out = settings_.fold_accents ? fold_accents(text) : std::string(text);
    capitalise_lower_case_initials(out);
    return out;
}

std::string Analyzer::fold_accents(std::string_view text) {
    thread_local CodePointFolder folder;
    std::string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        // Plain ASCII runs are the common case: copy them in one go.
        size_t run = i;
        while (run < text.size() && static_cast<unsigned char>(text[run]) < 0x80) ++run;
        out.append(text.substr(i, run - i));
        if (run == text.size()) break;
        Xapian::Utf8Iterator it(text.data() + run, text.size() - run);
        const unsigned ch = *it;
        const char* next = it.raw();
        ++it;
        const size_t length = it == Xapian::Utf8Iterator() ? text.size() - run
                                                          : static_cast<size_t>(it.raw() - next);
        if (ch == kRightSingleQuote) {
            out.push_back('\'');
        } else {
            out += folder.fold(static_cast<UChar32>(ch));
        }
        i = run + (length == 0 ? 1 : length);
    }
    return out;
}

std::string Analyzer::term_for_word(std::string_view word) const { return stem(normalise(word)); }

std::string Analyzer::normalise(std::string_view word) const {
    const std::string folded = fold(word);
    std::string lower;
    lower.reserve(folded.size());
    for (Xapian::Utf8Iterator it(folded); it != Xapian::Utf8Iterator(); ++it) {
        unsigned ch = *it;
        if (ch == kRightSingleQuote) ch = '\'';
        ch = Xapian::Unicode::tolower(ch);
        if (ch < 0x80) {
            lower.push_back(static_cast<char>(ch));
        } else {
            append_utf8(lower, ch);
        }
    }
    return lower;
}

void Analyzer::configure(Xapian::TermGenerator& generator) const {
    // Xapian::Stem is not thread-safe; a TermGenerator belongs to one thread
    // and so does its cache.
    generator.set_stemmer(Xapian::Stem(new CachingStemmer(stemmer_)));
    // One stemmed term per word, no unstemmed twin: half the postings of
    // STEM_SOME, and phrase searches still work on the stems.
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
}

void Analyzer::configure(Xapian::QueryParser& parser) const {
    parser.set_stemmer(stemmer_);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
    if (!stopper_.empty()) parser.set_stopper(&stopper_);
}

bool Analyzer::is_stopword(const std::string& folded_lower_word) const {
    return stopper_(folded_lower_word);
}

namespace {

constexpr size_t kMinSpellingWordBytes = 3;
constexpr size_t kMaxSpellingWordBytes = 40;

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_letter(unsigned ch) {
    if (ch < 0x80) return is_ascii_letter(static_cast<char>(ch));
    const Xapian::Unicode::category category = Xapian::Unicode::get_category(ch);
    return category >= Xapian::Unicode::UPPERCASE_LETTER && category <= Xapian::Unicode::OTHER_LETTER;
}

}  // namespace

bool Analyzer::is_spelling_word(std::string_view normalised_word) {
    if (normalised_word.size() < kMinSpellingWordBytes || normalised_word.size() > kMaxSpellingWordBytes) return false;
    for (Xapian::Utf8Iterator it(normalised_word.data(), normalised_word.size()); it != Xapian::Utf8Iterator(); ++it) {
        if (!is_letter(*it)) return false;
    }
    return true;
}

void Analyzer::add_spelling_words(std::string_view folded_text, std::vector<std::string>& words) const {
    for (const WordSpan& span : Analyzer::words(folded_text)) {
        const std::string_view word = folded_text.substr(span.begin, span.end - span.begin);
        if (word.size() < kMinSpellingWordBytes || word.size() > kMaxSpellingWordBytes) continue;
        // The text is folded already: lower-casing is all normalise() would
        // add, and most words are ASCII letters, lower-cased byte by byte.
        if (std::all_of(word.begin(), word.end(), [](char c) { return is_ascii_letter(c); })) {
            std::string& lower = words.emplace_back(word);
            for (char& c : lower) c = static_cast<char>(c | 0x20);
            continue;
        }
        std::string lower;
        lower.reserve(word.size());
        for (Xapian::Utf8Iterator it(word.data(), word.size()); it != Xapian::Utf8Iterator(); ++it) {
            const unsigned ch = Xapian::Unicode::tolower(*it);
            if (ch < 0x80) {
                lower.push_back(static_cast<char>(ch));
            } else {
                append_utf8(lower, ch);
            }
        }
        if (is_spelling_word(lower)) words.push_back(std::move(lower));
    }
}

std::vector<WordSpan> Analyzer::words(std::string_view text) {
    std::vector<WordSpan> spans;
    const char* base = text.data();
    Xapian::Utf8Iterator it(base, text.size());
    const Xapian::Utf8Iterator end;
    auto offset = [&](const Xapian::Utf8Iterator& at) {
        return at == end ? text.size() : static_cast<size_t>(at.raw() - base);
    };
    while (it != end) {
        if (!is_word_char(*it)) {
            ++it;
            continue;
        }
        WordSpan span{offset(it), 0};
        while (it != end) {
            if (is_word_char(*it)) {
                ++it;
                continue;
            }
            // An apostrophe between word characters stays inside the word
            // ("don't", "Reuters'"), as TermGenerator keeps it.
            if (*it == '\'' || *it == kRightSingleQuote) {
                Xapian::Utf8Iterator after = it;
                ++after;
                if (after != end && is_word_char(*after)) {
                    it = after;
                    continue;
                }
            }
            break;
        }
        span.end = offset(it);
        spans.push_back(span);
    }
    return spans;
}

namespace {

constexpr size_t kMaxCompoundParts = 4;
// A longer "compound" is no word: a run of unspaced text around a dash.
constexpr size_t kMaxCompoundBytes = 40;

// Compounds are of ASCII letters: the text indexed and the query are
// folded first ("Saint-Étienne" is "Saint-Etienne" by then), and scripts
// written without spaces must not join a line's worth of text into a term.
bool is_letter_byte(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_word_byte(char c) {
    return is_letter_byte(c) || (c >= '0' && c <= '9') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

// The compound around the hyphen at `hyphen`, if there is one; `begin` is
// where the search for its first part may start.
std::optional<Compound> compound_at(std::string_view text, size_t hyphen) {
    size_t begin = hyphen;
    while (begin > 0 && is_letter_byte(text[begin - 1])) --begin;
    if (begin == hyphen) return std::nullopt;
    if (begin > 0) {
        const char before = text[begin - 1];
        // "-spider-man" after a space is an excluded compound; "x-spider-man"
        // or "2-man" is no compound of letters.
        const bool excluding = before == '-' && (begin == 1 || std::isspace(static_cast<unsigned char>(text[begin - 2])) != 0 ||
                                                 text[begin - 2] == '(');
        if (is_word_byte(before) || (before == '-' && !excluding) || before == '\'' || before == '.') return std::nullopt;
    }
    Compound compound{begin, 0, std::string(text.substr(begin, hyphen - begin))};
    size_t parts = 1;
    size_t at = hyphen;
    while (at < text.size() && text[at] == '-' && parts < kMaxCompoundParts) {
        size_t end = at + 1;
        while (end < text.size() && is_letter_byte(text[end])) ++end;
        if (end == at + 1) break;
        compound.joined.append(text.substr(at + 1, end - at - 1));
        ++parts;
        at = end;
    }
    // "anti-communist's" stays as TermGenerator reads it: the apostrophe
    // would split the last word from its ending if the text were cut there.
    if (parts < 2 || (at < text.size() && (is_word_byte(text[at]) || text[at] == '-' || text[at] == '\''))) {
        return std::nullopt;
    }
    if (at - begin > kMaxCompoundBytes) return std::nullopt;
    compound.end = at;
    return compound;
}

}  // namespace

std::vector<Compound> Analyzer::compounds(std::string_view text) {
    std::vector<Compound> found;
    for (size_t hyphen = text.find('-'); hyphen != std::string_view::npos; hyphen = text.find('-', hyphen + 1)) {
        if (!found.empty() && hyphen < found.back().end) continue;
        if (std::optional<Compound> compound = compound_at(text, hyphen)) found.push_back(std::move(*compound));
    }
    return found;
}

void Analyzer::index_text(Xapian::TermGenerator& generator, Xapian::Document& document, std::string_view folded,
                          Xapian::termcount wdf_inc, const std::string& prefix) const {
    auto index = [&](size_t begin, size_t end) {
        if (end > begin) generator.index_text(Xapian::Utf8Iterator(folded.data() + begin, end - begin), wdf_inc, prefix);
    };
    size_t done = 0;
    if (folded.find('-') != std::string_view::npos) {
        for (const Compound& compound : compounds(folded)) {
            index(done, compound.begin);
            const Xapian::termpos first_part = generator.get_termpos() + 1;
            index(compound.begin, compound.end);
            document.add_posting(prefix + term_for_word(compound.joined), first_part, wdf_inc);
            done = compound.end;
        }
    }
    index(done, folded.size());
}

std::string Analyzer::compounds_either_way(std::string_view query, size_t* parts_added) {
    std::string out;
    size_t done = 0;
    for (const Compound& compound : compounds(query)) {
        // Inside quotes the parts stay: a phrase matches them in order.
        const std::string_view before = query.substr(0, compound.begin);
        size_t quotes = static_cast<size_t>(std::count(before.begin(), before.end(), '"'));
        for (const std::string_view curly : {"\u201C", "\u201D"}) {
            for (size_t at = before.find(curly); at != std::string_view::npos; at = before.find(curly, at + 1)) ++quotes;
        }
        if (quotes % 2 == 1) continue;
        // "-spider-man", "+e-mail", "title:spider-man": an operator or a
        // field takes one term or phrase, not a bracket; the phrase stays.
        if (compound.begin > 0 && std::string_view("-+:").find(query[compound.begin - 1]) != std::string_view::npos) {
            continue;
        }
        const std::string_view written = query.substr(compound.begin, compound.end - compound.begin);
        out.append(query.substr(done, compound.begin - done));
        out += "(" + compound.joined + " OR " + std::string(written) + ")";
        if (parts_added != nullptr) *parts_added += static_cast<size_t>(std::count(written.begin(), written.end(), '-')) + 1;
        done = compound.end;
    }
    out.append(query.substr(done));
    return out;
}

}  // namespace news
