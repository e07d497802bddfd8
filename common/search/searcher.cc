#include "search/searcher.h"

#include "search/explain.h"
#include "search/highlighter.h"
#include "search/match_counts.h"
#include "search/more_like_this.h"
#include "search/page_furniture.h"
#include "search/passage_matcher.h"
#include "search/query_fields.h"
#include "search/query_text.h"
#include "search/ranking.h"
#include "search/some_words.h"
#include "search/story_folding.h"
#include "search/spelling.h"
#include "search/wildcard_expansion.h"
#include "store/errors.h"
#include "store/schema.h"
#include "store/text_copies.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <unordered_map>
#include <array>
#include <cctype>
#include <memory>
#include <optional>
#include <type_traits>
#include <unordered_set>

namespace news {

static_assert(std::is_same_v<ArticleCount, Xapian::doccount>,
              "search_results.h counts articles in the type Xapian counts them in");

namespace {

// A query of more words than this is pasted text: its quotes are how the
// text was written, not syntax meant for the search (its fields and
// upper-case operators still are).  Typed queries with a
// phrase run to about 10 words (bench/known_items); CISI's abstracts, two
// with a term of art in quotes, to 100-200.
constexpr size_t kMaxWordsOfMeantSyntax = 30;
// Plain queries up to this many words must match all of them; longer,
// sentence-like queries are ranked by their most telling words (BM25 over
// any of them) instead.
constexpr size_t kMaxAllWordsTerms = 4;
// Wildcards expand to at most this many terms, the most frequent first ...
constexpr Xapian::termcount kMaxWildcardExpansion = 1000;
// ... and all of a query's together to at most this many: Xapian expands
// each wildcard on its own, at each search of a query, and 500 different
// ones took over a minute.  Up to four wildcards get the full expansion.
constexpr Xapian::termcount kMaxWildcardTerms = 4 * kMaxWildcardExpansion;
constexpr int kReopenAttempts = 5;
// Ranking passages alone reads the passages of this many of the best
// articles per passage wanted (and at least kMinPassageCandidates): the
// best passages are nearly always in the best articles.
constexpr size_t kPassageCandidatesPerHit = 3;
constexpr size_t kMinPassageCandidates = 100;
// --top-words reads the words of this many of the best matches.
constexpr Xapian::doccount kTopWordsFrom = 15;
// A caption, a credit or a video widget (search/page_furniture.h) counts
// for this share of its words' score: below a paragraph holding fewer of
// the query's words, above one holding none.
constexpr double kFurnitureWeight = 0.2;
// The lead, when it holds the query about as well as a later paragraph,
// is shown: news puts the fact first.  A near tie only (bench/known_items:
// 1.03-1.06 gain one passage and lose none; 1.1 loses leads' rivals again).
constexpr double kLeadWeight = 1.05;
// --like ranks by this many of the article's words: Xapian's own
// more-like-this examples take 10 to 40.
constexpr Xapian::termcount kLikeWords = 25;
constexpr double kLikeShareOfBest = 0.3;

// --offset and --count may each be up to kMaxResults: their sum, and the
// articles read for it, can pass what a doccount holds.
Xapian::doccount as_doccount(size_t count) {
    return static_cast<Xapian::doccount>(std::min<size_t>(count, kMaxResults));
}

Xapian::Query filter(const Xapian::Query& query, std::string_view kind) {
    return Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(schema::kind_term(kind)));
}

// The words a passage may be highlighted for: every term of the query
// outside the excluded side of a NOT.  Taken from the query once rather than
// from each passage's term list (Xapian reads it from disk per passage); the
// highlighter only marks the ones a passage holds.
// Index terms, prefixes kept.
void collect_wanted_terms(const Xapian::Query& query, std::unordered_set<std::string>& out) {
    const auto op = query.get_type();
    if (op == Xapian::Query::LEAF_TERM) {
        out.insert(*query.get_terms_begin());
        return;
    }
    if (op == Xapian::Query::OP_WILDCARD) return;  // expansions: by prefix, see parse()
    const size_t children = op == Xapian::Query::OP_AND_NOT ? 1 : query.get_num_subqueries();
    for (size_t i = 0; i < children; ++i) collect_wanted_terms(query.get_subquery(i), out);
}

schema::ArticleKey article_key_from(const std::string& value) {
    return value.empty() ? 0 : static_cast<schema::ArticleKey>(std::stoul(value));
}

schema::ArticleKey article_key_of(const Xapian::Document& document) {
    return article_key_from(document.get_value(schema::kSlotArticleId));
}

struct ParsedQuery {
    Xapian::Query all;   // the query as written, words joined by AND
    Xapian::Query some;  // the same words joined by OR
    bool plain = false;
    size_t word_count = 0;
};

// Collects the wildcards' patterns with their prefix.
void collect_wildcards(const Xapian::Query& query, std::vector<std::string>& out) {
    if (query.get_type() == Xapian::Query::OP_WILDCARD) {
        if (std::string pattern = wildcard_pattern(query); !pattern.empty()) out.push_back(std::move(pattern));
        return;
    }
    for (size_t i = 0; i < query.get_num_subqueries(); ++i) collect_wildcards(query.get_subquery(i), out);
}

// Duplicate documents hold no words, no fields and no date: a query
// matches them only through "everything" (a pure NOT) or a value range.
// Only such a query needs the kind filter, which costs a walk along every
// article's entry.
bool may_match_duplicates(const Xapian::Query& query) {
    const size_t parts = query.get_num_subqueries();
    auto part = [&](size_t i) { return may_match_duplicates(query.get_subquery(i)); };
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM:
        case Xapian::Query::LEAF_MATCH_NOTHING:
        case Xapian::Query::OP_WILDCARD: return false;
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_PHRASE:
        case Xapian::Query::OP_NEAR:
            for (size_t i = 0; i < parts; ++i) {
                if (!part(i)) return false;
            }
            return true;
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_SCALE_WEIGHT: return parts == 0 || part(0);
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_XOR:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX:
        case Xapian::Query::OP_ELITE_SET:
            for (size_t i = 0; i < parts; ++i) {
                if (part(i)) return true;
            }
            return false;
        default: return true;
    }
}

Xapian::Query articles_only(const Xapian::Query& query) {
    return may_match_duplicates(query) ? filter(query, schema::kKindArticle) : query;
}

class QueryRun {
public:
    QueryRun(const Xapian::Database& db, const DatabaseShards& shards, const Analyzer& analyzer,
             const SearchOptions& options)
        : db_(db),
          shards_(shards),
          analyzer_(analyzer),
          options_(options),
          statistics_(ArticleStatistics::read(db, shards)),
          article_weighting_(article_weighting(statistics_)) {
        // An article without a date has no value: a key past every date.
        oldest_first_.add_value(schema::kSlotTime, false, std::string(16, '\xff'));
        if (options_.explain) explain_.emplace(db_, *article_weighting_, statistics_, options_.query);
    }

    SearchResults run() {
        const ParsedQuery parsed = parse();
        const size_t wanted = options_.offset + options_.count;
        const bool long_query = parsed.plain && parsed.word_count > kMaxAllWordsTerms;
        const bool relax = parsed.plain && !options_.any && !long_query;
        // A sentence-like query describes a topic rather than naming words
        // the user wants; feedback finds the topic's other words.
        const bool by_any_word = options_.any || long_query;
        const Xapian::Query& main = by_any_word ? parsed.some : parsed.all;
        const bool counted = options_.count_only || !options_.facets.empty() ||
                             options_.timeline != TimelinePeriod::kNone;
        if (explain_) {
            explain_->set_plan({parsed.plain, parsed.word_count, kMaxAllWordsTerms, by_any_word, relax,
                                options_.all_passages, options_.count_only, !options_.like.empty()},
                               parsed.all, parsed.some);
        }
        if (counted) count_every_match(main);
        if (options_.top_words > 0) find_top_words(main);
        if (options_.count_only) {
            results_.matching_some = results_.matching;
            if (explain_) explain_->finish(results_);
            return std::move(results_);
        }

        // Each tier runs only when the ones before it left the page short;
        // the counts are of everything that matches, whatever the page size.
        if (options_.all_passages) {
            results_.matching = collect_passages(!by_any_word, parsed, MatchKind::kPassage, wanted);
            results_.matching_some = results_.matching;
            if (relax) results_.matching_some += collect_passages(false, parsed, MatchKind::kPartial, wanted, &main);
        } else {
            results_.matching = rank_articles(main, parsed, by_any_word ? MatchKind::kPartial : MatchKind::kArticle,
                                              by_any_word, wanted);
            results_.matching_some = results_.matching;
            // Counting those with some of the words costs a query: only
            // when some are shown.
            if (relax && hits_.size() < wanted) {
                const Xapian::Query some_words = with_phrase_parts_as_words(parsed.some);
                rank_articles(some_words, parsed, MatchKind::kPartial, false, wanted);
                const bool exact_before = results_.counts_exact;
                results_.counts_exact = true;
                results_.matching_some = count(articles_only(some_words));
                some_estimated_ = !results_.counts_exact;
                results_.counts_exact = results_.counts_exact && exact_before;
            }
        }
        // With all_passages the ranking counts passages, the count articles.
        if (counted && !options_.all_passages) {
            // The ranking may have estimated what the count just counted.
            if (results_.matching_some == results_.matching) results_.matching_some = counted_;
            results_.matching = counted_;
            results_.counts_exact = !some_estimated_;
        }
        std::vector<SearchHit> page;
        for (size_t i = options_.offset; i < hits_.size() && i < wanted; ++i) {
            hits_[i].rank = i + 1;
            page.push_back(std::move(hits_[i]));
        }
        results_.hits = std::move(page);
        if (explain_) explain_->finish(results_);
        return std::move(results_);
    }

private:
    Xapian::QueryParser make_parser(Xapian::termcount max_expansion) {
        Xapian::QueryParser parser;
        analyzer_.configure(parser);
        parser.set_database(db_);
        parser.set_max_expansion(max_expansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                                 Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PARTIAL);
        // The field processor owns the range processor: registered with the
        // parser, a range processor would claim every "A..B" of a query.
        parser.add_boolean_prefix("date",
                                  (new DateFieldProcessor(db_, today_, date_filters_, date_error_))->release());
        for (const schema::QueryField& field : schema::kQueryFields) {
            if (field.boolean_term != nullptr) {
                parser.add_boolean_prefix(std::string(field.name),
                                          (new BooleanFieldProcessor(field.boolean_term))->release());
            } else {
                parser.add_prefix(std::string(field.name), std::string(field.prefix));
            }
        }
        return parser;
    }

    // The query read with words joined by AND and by OR, each wildcard
    // expanded to at most `max_expansion` terms.
    void parse_text(const std::string& text, Xapian::termcount max_expansion, ParsedQuery& parsed) {
        Xapian::QueryParser parser = make_parser(max_expansion);
        const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                               Xapian::QueryParser::FLAG_PURE_NOT;
        try {
            parser.set_default_op(Xapian::Query::OP_AND);
            parsed.all = parser.parse_query(text, flags);
            parser.set_default_op(Xapian::Query::OP_OR);
            parsed.some = parser.parse_query(text, flags);
            if (date_error_) throw UserError(*date_error_);
            if (explain_) explain_->read_parser(parser, parsed.some);
        } catch (const Xapian::QueryParserError& e) {
            throw UserError("cannot parse query " + query_excerpt(options_.query) + ": " + e.get_msg());
        } catch (const Xapian::WildcardError& e) {
            throw UserError("a wildcard in " + query_excerpt(options_.query) + " matches too many words: " +
                            e.get_msg());
        }
    }

    ParsedQuery parse() {
        size_t compound_parts = 0;
        const PreparedQuery prepared = prepare_query(
            Analyzer::compounds_either_way(
                without_question_quantities(slashes_between_words_as_spaces(analyzer_.fold(options_.query))),
                &compound_parts),
            QueryBounds{});
        for (const std::string& note : prepared.notes) add_note(note);
        ParsedQuery parsed;
        parse_text(prepared.text, kMaxWildcardExpansion, parsed);
        // Unexpanded wildcards ("terror" for terror*): the matcher expands
        // them, so matching terms never list what they matched.
        std::vector<std::string> wildcards;
        collect_wildcards(parsed.some, wildcards);
        Xapian::termcount expansion = kMaxWildcardExpansion;
        if (wildcards.size() * kMaxWildcardExpansion > kMaxWildcardTerms) {
            expansion = std::max<Xapian::termcount>(
                1, kMaxWildcardTerms / static_cast<Xapian::termcount>(wildcards.size()));
            parse_text(prepared.text, expansion, parsed);
        }
        if (!options_.like.empty()) like(parsed);
        if (options_.dates.bounded()) {
            const Xapian::Query dates = date_range_query(options_.dates, db_);
            // No words: every article of those days.
            if (parsed.all.empty()) parsed.all = parsed.some = Xapian::Query::MatchAll;
            parsed.all = Xapian::Query(Xapian::Query::OP_FILTER, parsed.all, dates);
            parsed.some = Xapian::Query(Xapian::Query::OP_FILTER, parsed.some, dates);
            date_filters_.push_back(options_.dates);
        }
        if (!date_filters_.empty()) note_undated();
        // --like's words are no query typed: no tier of some words, no feedback.
        parsed.plain = options_.like.empty() && is_plain_keyword_query(options_.query);
        if (parsed.plain && options_.query.find_first_of("()") != std::string::npos) {
            add_note("the brackets hold no operator: read as words, like the rest of the query");
        }
        std::sort(wildcards.begin(), wildcards.end());
        wildcards.erase(std::unique(wildcards.begin(), wildcards.end()), wildcards.end());
        note_wide_wildcards(wildcards, expansion);
        note_unbalanced(options_.query);

        std::unordered_set<std::string> every_term;
        for (auto t = parsed.some.get_unique_terms_begin(); t != parsed.some.get_unique_terms_end(); ++t) {
            every_term.insert(*t);
        }
        // A date filter's terms are no words of the query.
        std::unordered_set<std::string> words;
        for (const std::string& term : every_term) {
            if (!schema::is_date_term(term)) words.insert(schema::without_prefix(term));
        }
        // A compound's parts are the same word again: not more of them.
        parsed.word_count = words.size() - std::min(words.size(), compound_parts);

        std::unordered_set<std::string> wanted;
        collect_wanted_terms(parsed.some, wanted);
        std::vector<std::string> wanted_words;
        std::unordered_set<std::string> scored_words;
        for (const std::string& term : wanted) {
            if (schema::is_date_term(term)) continue;
            if (std::string word = schema::without_prefix(term); !word.empty()) wanted_words.push_back(std::move(word));
            if (schema::is_word_term(term)) scored_words.insert(term);
        }
        std::vector<std::string> wildcard_words;
        std::vector<std::string> unprefixed_wildcards;
        for (const std::string& pattern : wildcards) {
            if (std::string word = schema::without_prefix(pattern); !word.empty()) wildcard_words.push_back(std::move(word));
            if (schema::is_word_term(pattern)) unprefixed_wildcards.push_back(pattern);
        }
        highlighter_.emplace(analyzer_, wanted_words, wildcard_words);
        matcher_.emplace(db_, std::move(every_term), wildcards, shards_.remote ? &analyzer_ : nullptr);
        scorer_.emplace(db_, statistics_, std::move(scored_words), std::move(unprefixed_wildcards));
        // Expanded here, a wildcard weighs the same on one database, its
        // local shards and its remote ones (search/wildcard_expansion.h).
        parsed.all = with_wildcards_expanded(db_, parsed.all, expansion);
        parsed.some = with_wildcards_expanded(db_, parsed.some, expansion);
        scorer_->weigh_phrases(parsed.all);
        return parsed;
    }

    // --like: the article's most telling words, any of them, ranking what
    // the typed words (if any) match; the article itself, its copies and
    // its versions left out.
    void like(ParsedQuery& parsed) {
        const Xapian::docid article = find_article(db_, options_.like);
        const std::vector<std::string> words = telling_words(db_, analyzer_, article, kLikeWords);
        const Xapian::Document document = db_.get_document(article);
        seen_articles_.insert(article_key_of(document));
        if (const std::string digest = document.get_value(schema::kSlotTextHash); !digest.empty()) {
            for (const Xapian::docid copy : articles_with_text(db_, digest)) {
                seen_articles_.insert(article_key_of(db_.get_document(copy)));
            }
        }
        stories_.shown(StoryFolder::kLeftOut, document);
        // The words as the article writes them, not as stems.
        std::unordered_map<std::string, std::map<std::string, unsigned>> forms;
        for (const std::string& word : words) forms[word];
        for (const StoredPassage& passage : stored_passages(unpack_article_data(document.get_data()))) {
            count_word_forms(passage.text, forms);
        }
        std::string listed;
        for (const std::string& word : words) listed += (listed.empty() ? "" : " ") + commonest_form(word, forms[word]);
        add_note(words.empty() ? "--like " + options_.like + ": no word of it sets it apart; nothing to compare"
                               : "like " + options_.like + ": by its words " + listed);
        const Xapian::Query like_words = words.empty() ? Xapian::Query::MatchNothing
                                                       : Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end());
        if (parsed.all.empty()) {
            parsed.all = parsed.some = like_words;
            return;
        }
        parsed.all = Xapian::Query(Xapian::Query::OP_AND_MAYBE, parsed.all, like_words);
        parsed.some = Xapian::Query(Xapian::Query::OP_AND_MAYBE, parsed.some, like_words);
    }

    // --sort newest|oldest: by the article's moment, ties by relevance;
    // articles without a date last both ways (an empty value sorts first,
    // so oldest-first gives them a key past every date).
    void sort_by_date(Xapian::Enquire& enquire) {
        if (options_.sort == SortOrder::kNewest) {
            enquire.set_sort_by_value_then_relevance(schema::kSlotTime, true);
        } else if (options_.sort == SortOrder::kOldest && shards_.remote) {
            // xapian-tcpsrv runs no key maker: the moments themselves,
            // oldest first, and the articles without one before them.
            enquire.set_sort_by_value_then_relevance(schema::kSlotTime, false);
            add_note("over remote shards, --sort oldest lists the articles without a date first");
        } else if (options_.sort == SortOrder::kOldest) {
            enquire.set_sort_by_key_then_relevance(&oldest_first_, false);
        }
    }

    // For passages of different articles, by the same rule as sort_by_date.
    bool comes_first_by_date(const std::string& a_time, const std::string& b_time) const {
        if (a_time.empty() || b_time.empty()) return b_time.empty() && !a_time.empty();
        return options_.sort == SortOrder::kNewest ? a_time > b_time : a_time < b_time;
    }

    void note_undated() {
        const Xapian::doccount articles = db_.get_termfreq(schema::kind_term(schema::kKindArticle));
        const Xapian::doccount dated = db_.get_value_freq(schema::kSlotDate);
        if (articles <= dated) return;
        const Xapian::doccount undated = articles - dated;
        add_note("a date filter leaves out the " + std::to_string(undated) + " article" + (undated == 1 ? "" : "s") +
                 " of the database without a date");
    }

    // Every article `query` matches, counted once, with the fields
    // --facets and --timeline ask for (search/match_counts.h).
    void count_every_match(const Xapian::Query& query) {
        EveryMatchCount counted =
            news::count_every_match(db_, articles_only(query), options_, date_filters_, shards_);
        for (const std::string& note : counted.notes) add_note(note);
        counted_ = counted.matching;
        results_.matching = counted_;
        if (!counted.exact) results_.counts_exact = false;
        results_.stories = counted.stories;
        results_.stories_exact = counted.stories_exact;
        results_.facets = std::move(counted.facets);
        results_.timeline = std::move(counted.timeline);
    }

    // Xapian's expand set over the best matches: the words that are
    // frequent in them and rare elsewhere.  Shown in the form the best
    // matches use most (the index holds stems: "compani").
    void find_top_words(const Xapian::Query& query) {
        Xapian::Enquire enquire(db_);
        enquire.set_query(articles_only(query));
        enquire.set_weighting_scheme(*article_weighting_);
        const Xapian::MSet best = enquire.get_mset(0, kTopWordsFrom);
        if (best.empty()) return;
        if (shards_.remote) read_page(best);
        Xapian::RSet relevant;
        for (auto item = best.begin(); item != best.end(); ++item) relevant.add_document(*item);
        const TellingWords words_only(analyzer_);
        const Xapian::ESet eset = enquire.get_eset(static_cast<Xapian::termcount>(options_.top_words), relevant,
                                                   &words_only);
        std::unordered_map<std::string, std::map<std::string, unsigned>> forms;
        for (auto term = eset.begin(); term != eset.end(); ++term) forms[*term];
        for (auto item = best.begin(); item != best.end(); ++item) {
            const std::string data = unpack_article_data(document_of(item).get_data());
            for (const StoredPassage& passage : stored_passages(data)) count_word_forms(passage.text, forms);
        }
        for (auto term = eset.begin(); term != eset.end(); ++term) {
            results_.top_words.push_back({commonest_form(*term, forms[*term]), *term, term.get_weight()});
        }
        results_.top_words_from = best.size();
    }

    // How often each word of `text` whose term is wanted appears, by its
    // lower-cased form.
    void count_word_forms(const std::string& text,
                          std::unordered_map<std::string, std::map<std::string, unsigned>>& forms) const {
        size_t at = 0;
        while (at < text.size()) {
            while (at < text.size() && !is_word_byte(text[at])) ++at;
            size_t end = at;
            while (end < text.size() && is_word_byte(text[end])) ++end;
            if (end > at) {
                const std::string_view word(text.data() + at, end - at);
                if (auto wanted = forms.find(analyzer_.term_for_word(word)); wanted != forms.end()) {
                    ++wanted->second[analyzer_.normalise(word)];
                }
            }
            at = end;
        }
        // A compound's joined term is shown as written: "sherwin-williams".
        if (text.find('-') == std::string::npos) return;
        for (const Compound& compound : Analyzer::compounds(text)) {
            if (auto wanted = forms.find(analyzer_.term_for_word(compound.joined)); wanted != forms.end()) {
                ++wanted->second[analyzer_.normalise(
                    std::string_view(text).substr(compound.begin, compound.end - compound.begin))];
            }
        }
    }

    static std::string commonest_form(const std::string& term, const std::map<std::string, unsigned>& seen) {
        std::string word = term;
        unsigned most = 0;
        for (const auto& [form, times] : seen) {
            if (times > most) {
                most = times;
                word = form;
            }
        }
        return word;
    }

    static bool is_word_byte(char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || static_cast<unsigned char>(c) >= 0x80;
    }

    // How many documents the MSet says match: exact when Xapian knows, else
    // its estimate, and the results say "about".
    Xapian::doccount tally(const Xapian::MSet& mset) {
        if (mset.get_matches_lower_bound() == mset.get_matches_upper_bound()) return mset.get_matches_lower_bound();
        results_.counts_exact = false;
        return mset.get_matches_estimated();
    }

    // A wildcard searched in text and title would be noted twice.
    void add_note(const std::string& note) {
        if (std::find(results_.notes.begin(), results_.notes.end(), note) == results_.notes.end()) {
            results_.notes.push_back(note);
        }
    }

    // Xapian quietly keeps the most frequent words of a wide wildcard; say
    // so, in one line however many there are.
    void note_wide_wildcards(const std::vector<std::string>& patterns, Xapian::termcount limit) {
        std::vector<std::string> wide;
        for (const std::string& pattern : patterns) {
            Xapian::termcount expansions = 0;
            for (auto term = db_.allterms_begin(pattern); term != db_.allterms_end(pattern); ++term) {
                if (++expansions > limit) {
                    // A wildcard searched in text and title is one for the user.
                    std::string word = schema::without_prefix(pattern) + "*";
                    if (std::find(wide.begin(), wide.end(), word) == wide.end()) wide.push_back(std::move(word));
                    break;
                }
            }
        }
        if (wide.empty()) return;
        const std::string most = std::to_string(limit);
        const std::string shared = limit < kMaxWildcardExpansion
                                       ? " (a query's wildcards share " + std::to_string(kMaxWildcardTerms) + ")"
                                       : "";
        if (wide.size() == 1) {
            add_note(wide[0] + " matches more than " + most + " words; searching the " + most + " most frequent" +
                     shared);
        } else {
            add_note(query_excerpt(wide[0], 40) + " and " + std::to_string(wide.size() - 1) +
                     " other wildcards match more than " + most + " words; searching the " + most +
                     " most frequent of each" + shared);
        }
    }

    // Xapian reads unbalanced quotes and brackets leniently; say how.
    void note_unbalanced(const std::string& query) {
        if (std::count(query.begin(), query.end(), '"') % 2 != 0) {
            add_note("unbalanced quote: the last phrase runs to the end of the query");
        }
        if (std::count(query.begin(), query.end(), '(') != std::count(query.begin(), query.end(), ')')) {
            add_note("unbalanced brackets: read as if they were closed at the end");
        }
    }

    Xapian::doccount count(const Xapian::Query& query) {
        Xapian::Enquire enquire(db_);
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        return tally(matches_counted(enquire, 0, shards_.remote));
    }

    SearchHit& add_hit(MatchKind kind, double score, const Xapian::Document& document, ArticleRecord record) {
        const schema::ArticleKey article = article_key_of(document);
        seen_articles_.insert(article);
        SearchHit hit;
        list_text_copies(document, hit);
        hit.article_id = article;
        hit.match = kind;
        hit.score = score;
        hit.article = std::move(record);
        // The path value holds the exact bytes, even where JSON could not.
        hit.article.path = document.get_value(schema::kSlotPath);
        hits_.push_back(std::move(hit));
        stories_.shown(hits_.size() - 1, document);
        return hits_.back();
    }

    // Articles with the same text are one result (store/text_copies.h):
    // the best ranked lists the others, which are not shown on their own.
    // The counts still count them: they are articles.
    void list_text_copies(const Xapian::Document& document, SearchHit& hit) {
        if (!options_.fold) return;
        const std::string digest = document.get_value(schema::kSlotTextHash);
        if (digest.empty() || text_frequency(digest) < 2) return;
        // Over shards Document::get_docid() is the shard's docid, not the
        // combined one: the article is told by its key.
        const schema::ArticleKey shown = article_key_of(document);
        for (const Xapian::docid docid : articles_with_text(db_, digest)) {
            const Xapian::Document copy = db_.get_document(docid);
            const schema::ArticleKey key = article_key_of(copy);
            if (key == shown) continue;
            seen_articles_.insert(key);
            folded_copies_.insert(key);
            if (++hit.copies_total > kMaxCopiesListed) continue;
            const std::string data = unpack_article_data(copy.get_data());
            TextCopy listed{ArticleRecord::parse(data), text_start_line(data)};
            listed.article.path = copy.get_value(schema::kSlotPath);
            hit.copies.push_back(std::move(listed));
        }
    }

    // How many articles have the text of this digest.
    Xapian::doccount text_frequency(const std::string& digest) {
        const std::string term = schema::text_hash_term(digest);
        if (const auto known = text_frequencies_.find(term); known != text_frequencies_.end()) return known->second;
        return db_.get_termfreq(term);
    }

    // The documents of a page of matches, read at once (over remote
    // shards, side by side: read_documents) for the passes over it.
    void read_page(const Xapian::MSet& page) {
        std::vector<Xapian::docid> unread;
        for (auto item = page.begin(); item != page.end(); ++item) {
            if (!documents_.contains(*item)) unread.push_back(*item);
        }
        std::vector<Xapian::Document> read = read_documents(db_, shards_, unread);
        for (size_t i = 0; i < unread.size(); ++i) documents_.emplace(unread[i], std::move(read[i]));
    }

    // Locally the MSet keeps the documents it read itself.
    Xapian::Document document_of(const Xapian::MSetIterator& item) const {
        const auto read = documents_.find(*item);
        return read != documents_.end() ? read->second : item.get_document();
    }

    // The frequencies a page of matches needs (its words' for the
    // passages' scores, its texts' for their copies), gathered in one
    // query: over remote shards each frequency asked of the database is an
    // exchange with every shard, one after another.
    void learn_page_frequencies(const Xapian::MSet& page) {
        if (shards_.remote) read_page(page);
        if (scorer_) scorer_->learn_frequencies(page);
        if (!shards_.remote || !options_.fold) return;
        std::vector<Xapian::Query> texts;
        for (auto item = page.begin(); item != page.end(); ++item) {
            const std::string digest = document_of(item).get_value(schema::kSlotTextHash);
            if (digest.empty()) continue;
            std::string term = schema::text_hash_term(digest);
            if (text_frequencies_.emplace(term, 0).second) texts.emplace_back(std::move(term));
        }
        if (texts.empty()) return;
        Xapian::Enquire enquire(db_);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, texts.begin(), texts.end()));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        const Xapian::MSet counted = enquire.get_mset(0, 0);
        for (const Xapian::Query& text : texts) {
            const std::string term = *text.get_terms_begin();
            text_frequencies_[term] = counted.get_termfreq(term);
        }
    }

    // An article's passages, each with the query's terms found in it, its
    // score, and whether it holds the whole query or some of it.
    struct ScoredPassage {
        StoredPassage passage;
        double score = 0;
        bool holds_all = false;
        bool holds_some = false;
        std::vector<std::pair<std::string, double>> parts;  // the score word by word, for --explain
    };
    // `data` is the article document's data, read and unpacked once by the
    // caller: Xapian does not keep it, and reads it again at every get_data().
    std::vector<ScoredPassage> score_passages(Xapian::docid docid, std::string_view data,
                                              const ArticleRecord& article, const ParsedQuery& parsed,
                                              const Xapian::Query* excluded = nullptr) {
        std::vector<StoredPassage> passages = stored_passages(data);
        ArticleTerms terms;
        matcher_->read(docid, article, passages, terms);
        double words = 0;
        for (const StoredPassage& passage : passages) words += passage.words;
        const double average_words = passages.empty() ? 1 : words / static_cast<double>(passages.size());
        std::vector<ScoredPassage> scored;
        scored.reserve(passages.size());
        for (size_t i = 0; i < passages.size(); ++i) {
            const TermPositions& found = terms.passages[i];
            if (excluded != nullptr && PassageMatcher::holds(*excluded, found)) continue;
            ScoredPassage passage;
            passage.passage = std::move(passages[i]);
            passage.score = scorer_->score(found, average_words);
            if (explain_) passage.parts = scorer_->score_parts(found, average_words);
            const double weight =
                (is_page_furniture(passage.passage.text) ? kFurnitureWeight : 1.0) * (i == 0 ? kLeadWeight : 1.0);
            passage.score *= weight;
            for (auto& part : passage.parts) part.second *= weight;
            passage.holds_all = PassageMatcher::holds(parsed.all, found);
            passage.holds_some = passage.holds_all || PassageMatcher::holds(parsed.some, found);
            scored.push_back(std::move(passage));
        }
        return scored;
    }

    PassageHit passage_hit(ScoredPassage&& scored) {
        PassageHit hit;
        hit.text = std::move(scored.passage.text);
        hit.line = scored.passage.line;
        hit.score = scored.score;
        hit.matches = highlighter_->matches(hit.text);
        return hit;
    }

    // Shows an article by its best passages: those holding the whole query
    // when there are any (then the article is a passage match), else those
    // holding some of it, else its opening.
    void attach_best_passages(SearchHit& hit, Xapian::docid docid, std::string_view data, const ParsedQuery& parsed) {
        std::vector<ScoredPassage> scored = score_passages(docid, data, hit.article, parsed);
        const bool any_all = std::any_of(scored.begin(), scored.end(), [](const auto& p) { return p.holds_all; });
        const bool any_some = std::any_of(scored.begin(), scored.end(), [](const auto& p) { return p.holds_some; });
        if (any_all) hit.match = MatchKind::kPassage;
        std::vector<ScoredPassage*> candidates;
        for (ScoredPassage& passage : scored) {
            if (any_all ? passage.holds_all : !any_some || passage.holds_some) candidates.push_back(&passage);
        }
        // With nothing to rank by, the article's first passages come first.
        if (any_some) {
            std::stable_sort(candidates.begin(), candidates.end(),
                             [](const ScoredPassage* a, const ScoredPassage* b) { return a->score > b->score; });
        }
        for (size_t i = 0; i < candidates.size() && i < options_.per_article; ++i) {
            hit.passages.push_back(passage_hit(std::move(*candidates[i])));
        }
        if (hit.explanation) {
            std::vector<RankedPassage> ranked;
            for (const ScoredPassage* passage : candidates) ranked.push_back({passage->score, passage->parts});
            const auto holding = [&scored](bool ScoredPassage::*holds) {
                return static_cast<size_t>(std::count_if(scored.begin(), scored.end(),
                                                         [holds](const ScoredPassage& p) { return p.*holds; }));
            };
            hit.explanation->passages =
                explain_->passage_choices(ranked, hit.passages.size(), scored.size(),
                                          holding(&ScoredPassage::holds_all), holding(&ScoredPassage::holds_some));
        }
    }

    // A match telling the story of a hit already listed goes under that
    // hit (search/story_folding.h); true when it did.
    bool folded_into_story(const Xapian::Document& document, double score) {
        const std::optional<size_t> story = stories_.story_of(document);
        if (!story) return false;
        const schema::ArticleKey key = article_key_of(document);
        seen_articles_.insert(key);
        folded_copies_.insert(key);
        if (*story != StoryFolder::kLeftOut) add_similar(hits_[*story], document, score);
        return true;
    }

    // Articles ranked as wholes (BM25 over all their words, title boosted),
    // each shown with its best passages.  `spread` is how an article is
    // marked when no one passage holds the whole query.  Past a full page,
    // as many matches again are read for the versions of its stories.
    // Returns how many articles the query matches (before exclusions).
    Xapian::doccount rank_articles(const Xapian::Query& query, const ParsedQuery& parsed, MatchKind spread,
                                   bool feedback, size_t wanted) {
        if (hits_.size() >= wanted) return 0;
        if (explain_) explain_->tier_ran(tier_of(spread));
        Xapian::Enquire enquire(db_);
        enquire.set_query(unseen_articles(query));
        enquire.set_weighting_scheme(*article_weighting_);
        if (feedback) {
            enquire.set_query(with_relevance_feedback(db_, statistics_, enquire,
                                                      explain_ ? &explain_->feedback() : nullptr));
        }
        // Any of --like's words matches most of a database: those far below
        // the best are not like it, whatever the order asked (Xapian takes
        // no percentage cutoff with a sort by value; a weight it does).
        if (!options_.like.empty()) {
            const Xapian::MSet best = enquire.get_mset(0, 1);
            if (!best.empty()) enquire.set_cutoff(0, best.begin().get_weight() * kLikeShareOfBest);
        }
        sort_by_date(enquire);
        // Copies of a text listed under a hit leave the page short: then
        // more are read, past those already looked at.
        const size_t look_past = options_.fold ? wanted : 0;
        Xapian::doccount asked = as_doccount(std::min(wanted - hits_.size() + look_past, kMaxResults));
        Xapian::doccount looked_at = 0;
        for (;;) {
            const Xapian::MSet mset = matches_counted(enquire, asked, shards_.remote);
            learn_page_frequencies(mset);
            for (auto item = mset[looked_at]; item != mset.end(); ++item, ++looked_at) {
                const Xapian::Document document = document_of(item);
                if (folded_copies_.contains(article_key_of(document))) continue;
                if (folded_into_story(document, item.get_weight())) continue;
                if (hits_.size() >= wanted) continue;  // past the page: only versions of its stories
                const std::string data = unpack_article_data(document.get_data());
                SearchHit& hit = add_hit(spread, item.get_weight(), document, ArticleRecord::parse(data));
                // Hits before --offset are not shown: not explained either.
                if (explain_ && hits_.size() > options_.offset) {
                    hit.explanation =
                        explain_->explain_article(enquire.get_query(), *item, hit.article_id, tier_of(spread));
                }
                attach_best_passages(hit, *item, data, parsed);
            }
            if (hits_.size() >= wanted || mset.size() < asked || asked >= kMaxResults) return tally(mset);
            asked = as_doccount(size_t{asked} * 2);
        }
    }

    // The articles `query` matches, less those already listed.
    Xapian::Query unseen_articles(const Xapian::Query& query) {
        Xapian::Query articles = articles_only(query);
        if (seen_articles_.empty()) return articles;
        std::vector<Xapian::Query> listed;
        listed.reserve(seen_articles_.size());
        for (const schema::ArticleKey key : seen_articles_) listed.emplace_back(schema::article_key_term(key));
        return Xapian::Query(Xapian::Query::OP_AND_NOT, articles,
                             Xapian::Query(Xapian::Query::OP_OR, listed.begin(), listed.end()));
    }

    // Passages alone, best first, from the best articles for the query
    // (all its words when `whole_query`, else some): a passage can only hold
    // the query when its article does.  Passages `already_listed` holds were
    // listed by an earlier tier.  Returns how many passages match: counted
    // in the articles read, and estimated from them when more matched.
    Xapian::doccount collect_passages(bool whole_query, const ParsedQuery& parsed, MatchKind kind, size_t wanted,
                                      const Xapian::Query* already_listed = nullptr) {
        if (explain_) explain_->tier_ran(tier_of(kind));
        Xapian::Enquire enquire(db_);
        enquire.set_query(articles_only(whole_query ? parsed.all : parsed.some));
        enquire.set_weighting_scheme(*article_weighting_);
        sort_by_date(enquire);
        const Xapian::doccount articles =
            as_doccount(std::max(wanted * kPassageCandidatesPerHit, kMinPassageCandidates));
        const Xapian::MSet mset = matches_counted(enquire, articles, shards_.remote);
        learn_page_frequencies(mset);
        struct Found {
            ScoredPassage passage;
            Xapian::Document article;
            std::shared_ptr<const ArticleRecord> record;  // shared by the article's passages
        };
        std::vector<Found> found;
        for (auto item = mset.begin(); item != mset.end(); ++item) {
            const Xapian::Document document = document_of(item);
            const std::string data = unpack_article_data(document.get_data());
            const auto record = std::make_shared<const ArticleRecord>(ArticleRecord::parse(data));
            for (ScoredPassage& passage : score_passages(*item, data, *record, parsed, already_listed)) {
                if (whole_query ? passage.holds_all : passage.holds_some) {
                    found.push_back({std::move(passage), document, record});
                }
            }
        }
        std::stable_sort(found.begin(), found.end(), [this](const Found& a, const Found& b) {
            if (options_.sort != SortOrder::kRelevance) {
                const std::string a_time = a.article.get_value(schema::kSlotTime);
                const std::string b_time = b.article.get_value(schema::kSlotTime);
                if (a_time != b_time) return comes_first_by_date(a_time, b_time);
            }
            return a.passage.score > b.passage.score;
        });
        const auto read = static_cast<Xapian::doccount>(mset.size());
        for (size_t i = 0; i < found.size(); ++i) {
            Found& hit = found[i];
            if (hits_.size() >= wanted) break;
            if (folded_copies_.contains(article_key_of(hit.article))) continue;
            if (folded_into_story(hit.article, hit.passage.score)) continue;
            SearchHit& shown = add_hit(kind, hit.passage.score, hit.article, *hit.record);
            if (explain_ && hits_.size() > options_.offset) {
                const std::optional<double> next =
                    i + 1 < found.size() ? std::optional(found[i + 1].passage.score) : std::nullopt;
                shown.explanation = explain_->explain_passage({hit.passage.score, hit.passage.parts}, tier_of(kind),
                                                              i + 1, found.size(), next);
            }
            shown.passages.push_back(passage_hit(std::move(hit.passage)));
        }
        const Xapian::doccount articles_matching = tally(mset);
        if (read == 0 || articles_matching <= read) return static_cast<Xapian::doccount>(found.size());
        results_.counts_exact = false;
        return static_cast<Xapian::doccount>(found.size() * articles_matching / read);
    }

    const Xapian::Database& db_;
    const DatabaseShards& shards_;
    const Analyzer& analyzer_;
    const SearchOptions& options_;
    std::optional<ExplainCollector> explain_;  // --explain
    // Read from the database's metadata once per query, for every tier.
    const ArticleStatistics statistics_;
    const std::unique_ptr<Xapian::Weight> article_weighting_;
    std::vector<SearchHit> hits_;
    StoryFolder stories_{options_.fold};
    // Set when the query is parsed, before any passage is listed.
    std::optional<Highlighter> highlighter_;
    std::optional<PassageMatcher> matcher_;
    std::optional<PassageScorer> scorer_;
    std::unordered_set<schema::ArticleKey> seen_articles_;
    std::unordered_set<schema::ArticleKey> folded_copies_;  // listed under a hit with their text
    std::unordered_map<std::string, Xapian::doccount> text_frequencies_;  // by XTEXT term, remote shards
    std::unordered_map<Xapian::docid, Xapian::Document> documents_;  // read by read_page, remote shards
    SearchResults results_;
    const long long today_ = options_.today.value_or(today_utc());
    // Every date range the query and --since/--until asked for.
    std::vector<DateRange> date_filters_;
    std::optional<std::string> date_error_;  // a date: the parser met that is no date
    Xapian::doccount counted_ = 0;  // by count_every_match
    bool some_estimated_ = false;   // matching_some was estimated
    Xapian::MultiValueKeyMaker oldest_first_;
};

}  // namespace

Searcher::Searcher(ReadableIndex index)
    : db_(std::move(index.db)), shards_(index.shards), analyzer_(std::move(index.analysis)) {}

SearchResults Searcher::search(const SearchOptions& options) {
    // A writer may commit while we read; reopening gives the newest
    // consistent state.
    for (int attempt = 1;; ++attempt) {
        try {
            return search_once(options);
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt == kReopenAttempts) throw;
            db_.reopen();
        }
    }
}

SearchResults Searcher::search_once(const SearchOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    const auto run = [this](const SearchOptions& asked) {
        SearchResults results = QueryRun(db_, shards_, analyzer_, asked).run();
        // A sentence pasted as a query (more words than a plain query must all
        // hold) that finds nothing because of how its punctuation was read is a
        // bug, not an answer: its quotes, brackets and signs are read as words,
        // with the tiers of a plain query, and the note says so.  A phrase, a
        // field, an operator or a short query's syntax is meant: a phrase that
        // is not there finds nothing.  In a pasted paragraph (CISI's
        // abstracts, with a term of art in quotes) quotes are punctuation.
        if (results.matching == 0 && results.matching_some == 0 && asked.like.empty()) {
            SearchOptions as_words = asked;
            as_words.query = read_as_words(asked.query);
            const size_t words =
                static_cast<size_t>(std::count(as_words.query.begin(), as_words.query.end(), ' ')) + 1;
            const bool syntax_meant = has_deliberate_syntax(asked.query, words <= kMaxWordsOfMeantSyntax);
            if (words > kMaxAllWordsTerms && as_words.query != asked.query && !syntax_meant &&
                is_plain_keyword_query(as_words.query)) {
                SearchResults again = QueryRun(db_, shards_, analyzer_, as_words).run();
                if (again.matching > 0 || again.matching_some > 0) {
                    again.notes.insert(again.notes.begin(), "nothing matched " + query_excerpt(asked.query) +
                                                                " as written; read as words: " +
                                                                query_excerpt(as_words.query));
                    results = std::move(again);
                }
            }
        }
        return results;
    };
    // Xapian's remote protocol serves no spelling data: when nothing
    // matched, the user is told why no suggestion came.
    SearchResults results = shards_.remote ? run(options) : search_with_spelling(db_, analyzer_, options, run);
    if (shards_.remote && results.matching == 0 && results.matching_some == 0) {
        results.notes.emplace_back("no spelling suggestions over remote shards (xapian-tcpsrv serves no spelling data)");
    }
    results.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return results;
}

}  // namespace news
