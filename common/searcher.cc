#include "searcher.h"

#include "errors.h"
#include "highlighter.h"
#include "ranking.h"
#include "schema.h"

#include <algorithm>
#include <chrono>
#include <array>
#include <cctype>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace news {
namespace {

// Plain queries up to this many words must match all of them; longer,
// sentence-like queries are ranked by their most telling words (BM25 over
// any of them) instead.
constexpr size_t kMaxAllWordsTerms = 4;
// Feedback, measured with bench/relevance (docs/benchmarks.md): the 7 best
// articles, 30 words, the query's own among them, at up to 0.6 of the
// query's weight.  Passage scores blended in did not help on any collection.
constexpr Xapian::doccount kFeedbackArticles = 7;
constexpr Xapian::termcount kFeedbackTerms = 30;
constexpr double kFeedbackWeight = 0.6;
constexpr Xapian::doccount kFeedbackMinMatchesRatio = 4;
// Matches are counted exactly up to here; beyond, Xapian estimates.
constexpr Xapian::doccount kCountAtLeast = 1000;
// Wildcards expand to at most this many terms, the most frequent first.
constexpr Xapian::termcount kMaxWildcardExpansion = 1000;
constexpr int kReopenAttempts = 5;

Xapian::Query filter(const Xapian::Query& query, std::string_view kind) {
    return Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(schema::kind_term(kind)));
}

// Index terms without their field prefix: what the words of a passage become.
std::string strip_prefix(const std::string& term) {
    size_t i = 0;
    while (i < term.size() && term[i] >= 'A' && term[i] <= 'Z') ++i;
    return term.substr(i);
}

// Feedback words: the article's words, not field or filter terms.
// Stopwords are left to the expand weights: filtering them out cost TIME
// 0.04 MAP.
class ArticleWordsOnly final : public Xapian::ExpandDecider {
public:
    bool operator()(const std::string& term) const override {
        return term.size() > schema::kArticleWordPrefix.size() && term.starts_with(schema::kArticleWordPrefix);
    }
};

// The words a passage may be highlighted for: every term of the query
// outside the excluded side of a NOT.  Taken from the query once rather than
// from each passage's term list (Xapian reads it from disk per passage); the
// highlighter only marks the ones a passage holds.
void collect_wanted_words(const Xapian::Query& query, std::unordered_set<std::string>& out) {
    const auto op = query.get_type();
    if (op == Xapian::Query::LEAF_TERM) {
        for (auto term = query.get_terms_begin(); term != query.get_terms_end(); ++term) {
            if (std::string word = strip_prefix(*term); !word.empty()) out.insert(std::move(word));
        }
        return;
    }
    if (op == Xapian::Query::OP_WILDCARD) return;  // expansions: by prefix, see parse()
    const size_t children = op == Xapian::Query::OP_AND_NOT ? 1 : query.get_num_subqueries();
    for (size_t i = 0; i < children; ++i) collect_wanted_words(query.get_subquery(i), out);
}

schema::ArticleKey article_key_from(const std::string& value) {
    return value.empty() ? 0 : static_cast<schema::ArticleKey>(std::stoul(value));
}

schema::ArticleKey article_key_of(const Xapian::Document& document) {
    return article_key_from(document.get_value(schema::kSlotArticleId));
}

// A match collapsed on the article id carries it: no value to read (each
// read is a B-tree descent).
schema::ArticleKey article_key_of(const Xapian::MSetIterator& collapsed_on_article) {
    return article_key_from(collapsed_on_article.get_collapse_key());
}

struct ParsedQuery {
    Xapian::Query all;   // the query as written, words joined by AND
    Xapian::Query some;  // the same words joined by OR
    // The same two for article documents, whose words have a prefix.
    Xapian::Query article_all;
    Xapian::Query article_some;
    bool plain = false;
    size_t word_count = 0;
};

// Xapian 1.4 has no accessor for a wildcard's pattern; its description is
// "Query(WILDCARD SYNONYM Sterror)".  Collects the patterns with their prefix.
void collect_wildcards(const Xapian::Query& query, std::vector<std::string>& out) {
    if (query.get_type() == Xapian::Query::OP_WILDCARD) {
        const std::string description = query.get_description();
        const size_t close = description.rfind(')');
        const size_t space = description.rfind(' ', close);
        if (close != std::string::npos && space != std::string::npos) {
            out.push_back(description.substr(space + 1, close - space - 1));
        }
        return;
    }
    for (size_t i = 0; i < query.get_num_subqueries(); ++i) collect_wildcards(query.get_subquery(i), out);
}

// section:Sport finds what the indexer filed as "XSECTIONsport".
class BooleanFieldProcessor final : public Xapian::FieldProcessor {
public:
    explicit BooleanFieldProcessor(std::string (*make_term)(std::string_view)) : make_term_(make_term) {}
    Xapian::Query operator()(const std::string& value) override { return Xapian::Query(make_term_(value)); }

private:
    std::string (*make_term_)(std::string_view);
};

// Words of the article documents' own prefix match nothing else; fields
// (title:, author:) and a pure NOT (everything but some words) match
// passages too and need the kind filter.  Filtering costs a walk along
// every article's entry.
bool only_article_words(const Xapian::Query& query) {
    const auto op = query.get_type();
    if (op == Xapian::Query::LEAF_TERM) {
        return (*query.get_terms_begin()).starts_with(schema::kArticleWordPrefix);
    }
    if (op == Xapian::Query::OP_WILDCARD) {
        std::vector<std::string> pattern;
        collect_wildcards(query, pattern);
        return !pattern.empty() && pattern.front().starts_with(schema::kArticleWordPrefix);
    }
    if (op == Xapian::Query::LEAF_MATCH_NOTHING) return true;
    if (query.get_num_subqueries() == 0) return false;  // match-all, value ranges
    for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
        if (!only_article_words(query.get_subquery(i))) return false;
    }
    return true;
}

bool is_positional(const Xapian::Query& query) {
    const auto op = query.get_type();
    if (op == Xapian::Query::OP_PHRASE || op == Xapian::Query::OP_NEAR) return true;
    for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
        if (is_positional(query.get_subquery(i))) return true;
    }
    return false;
}

class QueryRun {
public:
    QueryRun(const Xapian::Database& db, const Analyzer& analyzer, const SearchOptions& options)
        : db_(db), analyzer_(analyzer), options_(options), article_weighting_(article_weighting(db)) {}

    SearchResults run() {
        const ParsedQuery parsed = parse();
        const size_t wanted = options_.offset + options_.count;
        const bool long_query = parsed.plain && parsed.word_count > kMaxAllWordsTerms;
        const bool relax = parsed.plain && !options_.any && !long_query;
        const Xapian::Query& main = (options_.any || long_query) ? parsed.some : parsed.all;

        // Each tier runs only when the ones before it left the page short;
        // the counts are of everything that matches, whatever the page size.
        if (options_.all_passages) {
            collect_passages(main, MatchKind::kPassage, wanted);
            if (relax) collect_passages(parsed.some, MatchKind::kPartial, wanted, &main);
            results_.matching = count(filter(main, schema::kKindPassage));
            results_.matching_some = relax ? count(filter(parsed.some, schema::kKindPassage)) : results_.matching;
        } else if (is_positional(main)) {
            // Article documents have no positions: phrases are matched, and
            // counted, by passages alone.
            results_.matching = collect_articles(main, MatchKind::kPassage, wanted);
            results_.matching_some = results_.matching;
        } else {
            // A sentence-like query describes a topic rather than naming
            // words the user wants; feedback finds the topic's other words.
            const bool by_any_word = options_.any || long_query;
            results_.matching = rank_articles(by_any_word ? parsed.article_some : parsed.article_all, parsed,
                                              by_any_word ? MatchKind::kPartial : MatchKind::kArticle,
                                              by_any_word, wanted);
            results_.matching_some = results_.matching;
            // Counting those with some of the words costs a query: only
            // when some are shown.
            if (relax && hits_.size() < wanted) {
                rank_articles(parsed.article_some, parsed, MatchKind::kPartial, false, wanted);
                results_.matching_some = count(filter(parsed.article_some, schema::kKindArticle));
            }
        }
        std::vector<SearchHit> page;
        for (size_t i = options_.offset; i < hits_.size() && i < wanted; ++i) {
            hits_[i].rank = i + 1;
            page.push_back(std::move(hits_[i]));
        }
        results_.hits = std::move(page);
        return std::move(results_);
    }

private:
    // Unfielded words are looked for in `words_prefix` terms and in titles.
    Xapian::QueryParser make_parser(std::string_view words_prefix, std::string_view title_prefix) {
        Xapian::QueryParser parser;
        analyzer_.configure(parser);
        parser.set_database(db_);
        parser.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                                 Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PARTIAL);
        parser.add_prefix("", std::string(words_prefix));
        if (!title_prefix.empty()) parser.add_prefix("", std::string(title_prefix));
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

    ParsedQuery parse() {
        // Passages: body words and title words.  Articles: their words
        // (which include the title's).
        Xapian::QueryParser passages = make_parser("", schema::kTitlePrefix);
        Xapian::QueryParser articles = make_parser(schema::kArticleWordPrefix, "");
        const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                               Xapian::QueryParser::FLAG_PURE_NOT;
        const std::string text = analyzer_.fold(options_.query);
        ParsedQuery parsed;
        try {
            auto parse_both = [&](Xapian::QueryParser& parser, Xapian::Query& all, Xapian::Query& some) {
                parser.set_default_op(Xapian::Query::OP_AND);
                all = parser.parse_query(text, flags);
                parser.set_default_op(Xapian::Query::OP_OR);
                some = parser.parse_query(text, flags);
            };
            parse_both(passages, parsed.all, parsed.some);
            parse_both(articles, parsed.article_all, parsed.article_some);
        } catch (const Xapian::QueryParserError& e) {
            throw UserError("cannot parse query '" + options_.query + "': " + e.get_msg());
        } catch (const Xapian::WildcardError& e) {
            throw UserError("wildcard in '" + options_.query + "' matches too many words: " + e.get_msg());
        }
        parsed.plain = is_plain_keyword_query(options_.query);
        std::vector<std::string> wildcards;
        collect_wildcards(parsed.some, wildcards);
        // Unexpanded wildcards ("terror" for terror*): the matcher expands
        // them, so matching terms never list what they matched.
        std::vector<std::string> wildcard_prefixes;
        for (const std::string& pattern : wildcards) {
            note_wide_wildcard(pattern);
            if (std::string word = strip_prefix(pattern); !word.empty()) wildcard_prefixes.push_back(word);
        }
        note_unbalanced(options_.query);
        std::unordered_set<std::string> words;
        for (auto t = parsed.some.get_unique_terms_begin(); t != parsed.some.get_unique_terms_end(); ++t) {
            words.insert(strip_prefix(*t));
        }
        parsed.word_count = words.size();
        std::unordered_set<std::string> wanted;
        collect_wanted_words(parsed.some, wanted);
        highlighter_.emplace(analyzer_, std::vector<std::string>(wanted.begin(), wanted.end()),
                             std::move(wildcard_prefixes));
        return parsed;
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

    // Xapian quietly keeps the most frequent words of a wide wildcard; say so.
    void note_wide_wildcard(const std::string& pattern) {
        Xapian::termcount expansions = 0;
        for (auto term = db_.allterms_begin(pattern); term != db_.allterms_end(pattern); ++term) {
            if (++expansions > kMaxWildcardExpansion) {
                add_note(strip_prefix(pattern) + "* matches more than " + std::to_string(kMaxWildcardExpansion) +
                         " words; searching the " + std::to_string(kMaxWildcardExpansion) + " most frequent");
                return;
            }
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
        return tally(enquire.get_mset(0, 0, kCountAtLeast));
    }

    PassageHit passage_from(const Xapian::MSetIterator& item) {
        const Xapian::Document document = item.get_document();
        PassageHit passage;
        passage.text = document.get_data();
        passage.line = static_cast<unsigned>(Xapian::sortable_unserialise(document.get_value(schema::kSlotLine)));
        passage.score = item.get_weight();
        passage.matches = highlighter_->matches(passage.text);
        return passage;
    }

    SearchHit& new_hit(schema::ArticleKey article, MatchKind kind, double score) {
        const std::string key_term = schema::article_key_term(article);
        auto posting = db_.postlist_begin(key_term);
        if (posting == db_.postlist_end(key_term)) {
            throw Xapian::DatabaseCorruptError("passage of article " + std::to_string(article) + " has no article");
        }
        return add_hit(article, kind, score, db_.get_document(*posting));
    }

    SearchHit& add_hit(schema::ArticleKey article, MatchKind kind, double score, const Xapian::Document& document) {
        seen_articles_.insert(article);
        SearchHit hit;
        hit.article_id = article;
        hit.match = kind;
        hit.score = score;
        hit.article = ArticleRecord::parse(document.get_data());
        // The path value holds the exact bytes, even where JSON could not.
        hit.article.path = document.get_value(schema::kSlotPath);
        hits_.push_back(std::move(hit));
        return hits_.back();
    }

    // Best passages of `query`, up to per_article of each article not yet
    // listed, grouped under their article in rank order of its best one.
    Xapian::doccount collect_articles(const Xapian::Query& query, MatchKind kind, size_t wanted) {
        if (hits_.size() >= wanted) return 0;
        const Xapian::Query passages = filter(query, schema::kKindPassage);
        Xapian::Enquire enquire(db_);
        enquire.set_query(passages);
        enquire.set_weighting_scheme(passage_weighting());
        enquire.set_collapse_key(schema::kSlotArticleId, static_cast<Xapian::doccount>(options_.per_article));
        // Collapsing leaves Xapian's bounds loose even when it saw every
        // match; a spy on the article id counts the articles it saw.
        Xapian::ValueCountMatchSpy articles_seen(schema::kSlotArticleId);
        enquire.add_matchspy(&articles_seen);
        const size_t need = wanted - hits_.size();
        const auto size = static_cast<Xapian::doccount>(need * options_.per_article);
        const Xapian::doccount check_at_least = std::max(size, kCountAtLeast);
        const Xapian::MSet mset = enquire.get_mset(0, size, check_at_least);
        std::unordered_map<schema::ArticleKey, size_t> hit_of;
        for (auto item = mset.begin(); item != mset.end(); ++item) {
            const schema::ArticleKey article = article_key_of(item);
            auto found = hit_of.find(article);
            if (found == hit_of.end()) {
                if (hits_.size() >= wanted) continue;
                new_hit(article, kind, item.get_weight());
                found = hit_of.emplace(article, hits_.size() - 1).first;
            }
            hits_[found->second].passages.push_back(passage_from(item));
        }
        if (articles_seen.get_total() < check_at_least) {
            return static_cast<Xapian::doccount>(
                std::distance(articles_seen.values_begin(), articles_seen.values_end()));
        }
        return tally(mset);
    }

    // Articles ranked as wholes (BM25 over all their words, title boosted),
    // each shown with its best passages: those holding all the words when
    // there are any.  `spread` is how an article is marked when no one
    // passage holds the whole query.
    // Returns how many articles the query matches (before exclusions).
    Xapian::doccount rank_articles(const Xapian::Query& query, const ParsedQuery& parsed, MatchKind spread,
                                   bool feedback, size_t wanted) {
        if (hits_.size() >= wanted) return 0;
        std::vector<Xapian::Query> listed;
        listed.reserve(seen_articles_.size());
        for (const schema::ArticleKey key : seen_articles_) listed.emplace_back(schema::article_key_term(key));
        Xapian::Query articles = only_article_words(query) ? query : filter(query, schema::kKindArticle);
        if (!listed.empty()) {
            articles = Xapian::Query(Xapian::Query::OP_AND_NOT, articles,
                                     Xapian::Query(Xapian::Query::OP_OR, listed.begin(), listed.end()));
        }
        Xapian::Enquire enquire(db_);
        enquire.set_query(articles);
        enquire.set_weighting_scheme(*article_weighting_);
        if (feedback) add_feedback(enquire, articles);
        const auto need = static_cast<Xapian::doccount>(wanted - hits_.size());
        const Xapian::MSet mset = enquire.get_mset(0, need, std::max(need, kCountAtLeast));
        const size_t first_new = hits_.size();
        for (auto item = mset.begin(); item != mset.end(); ++item) {
            const Xapian::Document document = item.get_document();
            add_hit(article_key_of(document), spread, item.get_weight(), document);
        }
        // Shown with the passages holding the whole query; else those
        // holding some of it; else the article's opening.
        std::vector<SearchHit*> without = hits_from(first_new);
        without = attach_best_passages(parsed.all, without, MatchKind::kPassage);
        without = attach_best_passages(parsed.some, without, std::nullopt);
        attach_best_passages(Xapian::Query::MatchAll, without, std::nullopt);
        return tally(mset);
    }

    std::vector<SearchHit*> hits_from(size_t first) {
        std::vector<SearchHit*> hits;
        for (size_t i = first; i < hits_.size(); ++i) hits.push_back(&hits_[i]);
        return hits;
    }

    // Pseudo-relevance feedback: the words that mark the best few articles
    // (Xapian's expand set over them) are added to the query, weighted by how
    // telling they are.  Through AND_MAYBE they only reorder what the query
    // matches; nothing is found that the user did not ask for.
    void add_feedback(Xapian::Enquire& enquire, const Xapian::Query& articles) {
        // Feedback from most of what matches would only reorder it by itself.
        const Xapian::MSet top = enquire.get_mset(0, kFeedbackArticles, kFeedbackArticles * kFeedbackMinMatchesRatio);
        if (top.get_matches_lower_bound() < kFeedbackArticles * kFeedbackMinMatchesRatio) return;
        Xapian::RSet feedback;
        for (auto item = top.begin(); item != top.end(); ++item) feedback.add_document(*item);
        const ArticleWordsOnly article_words;
        // The query's own words are weighed again by how well they mark the
        // best articles: words the feedback finds telling count for more.
        const Xapian::ESet expansion =
            enquire.get_eset(kFeedbackTerms, feedback, Xapian::Enquire::INCLUDE_QUERY_TERMS, &article_words);
        if (expansion.empty()) return;
        const double strongest = expansion.begin().get_weight();
        if (strongest <= 0) return;
        std::vector<Xapian::Query> terms;
        for (auto term = expansion.begin(); term != expansion.end(); ++term) {
            terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*term),
                               kFeedbackWeight * term.get_weight() / strongest);
        }
        enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, articles,
                                        Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end())));
    }

    // Gives each of `hits` its passages matching `query`, best first, up to
    // per_article of them, marking it `kind` when given.  One query for all
    // the hits: each query opens its posting lists anew, and ten of them
    // read the database's blocks ten times.  Returns the hits left without.
    std::vector<SearchHit*> attach_best_passages(const Xapian::Query& query, const std::vector<SearchHit*>& hits,
                                                 std::optional<MatchKind> kind) {
        if (hits.empty()) return {};
        std::unordered_map<schema::ArticleKey, SearchHit*> hit_of;
        std::vector<Xapian::Query> links;
        for (SearchHit* hit : hits) {
            hit_of.emplace(hit->article_id, hit);
            links.emplace_back(schema::article_link_term(hit->article_id));
        }
        // Only passages carry the link terms: no kind filter needed.
        Xapian::Enquire enquire(db_);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                        Xapian::Query(Xapian::Query::OP_OR, links.begin(), links.end())));
        enquire.set_collapse_key(schema::kSlotArticleId, static_cast<Xapian::doccount>(options_.per_article));
        // With nothing to rank by, the article's first passages come first.
        enquire.set_docid_order(Xapian::Enquire::ASCENDING);
        enquire.set_weighting_scheme(passage_weighting());
        const auto size = static_cast<Xapian::doccount>(hits.size() * options_.per_article);
        const Xapian::MSet mset = enquire.get_mset(0, size);
        for (auto item = mset.begin(); item != mset.end(); ++item) {
            const auto found = hit_of.find(article_key_of(item));
            if (found == hit_of.end()) continue;
            SearchHit& hit = *found->second;
            if (hit.passages.empty() && kind) hit.match = *kind;
            hit.passages.push_back(passage_from(item));
        }
        std::vector<SearchHit*> left;
        for (SearchHit* hit : hits) {
            if (hit->passages.empty()) left.push_back(hit);
        }
        return left;
    }

    // Passages alone, best first; `already_listed` matches passages an
    // earlier tier listed.
    void collect_passages(const Xapian::Query& query, MatchKind kind, size_t wanted,
                          const Xapian::Query* already_listed = nullptr) {
        if (hits_.size() >= wanted) return;
        Xapian::Query passages = filter(query, schema::kKindPassage);
        if (already_listed != nullptr) {
            passages = Xapian::Query(Xapian::Query::OP_AND_NOT, passages, *already_listed);
        }
        Xapian::Enquire enquire(db_);
        enquire.set_query(passages);
        enquire.set_weighting_scheme(passage_weighting());
        const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(wanted - hits_.size()));
        for (auto item = mset.begin(); item != mset.end(); ++item) {
            SearchHit& hit = new_hit(article_key_of(item.get_document()), kind, item.get_weight());
            hit.passages.push_back(passage_from(item));
        }
    }

    const Xapian::Database& db_;
    const Analyzer& analyzer_;
    const SearchOptions& options_;
    // Read from the database's metadata once per query, for every tier.
    const std::unique_ptr<Xapian::Weight> article_weighting_;
    std::vector<SearchHit> hits_;
    // Set when the query is parsed, before any passage is listed.
    std::optional<Highlighter> highlighter_;
    std::unordered_set<schema::ArticleKey> seen_articles_;
    SearchResults results_;
};

}  // namespace

std::string_view to_string(MatchKind kind) {
    switch (kind) {
        case MatchKind::kPassage: return "passage";
        case MatchKind::kArticle: return "article";
        case MatchKind::kPartial: return "partial";
    }
    return "passage";
}

bool is_plain_keyword_query(const std::string& query) {
    // Scanned by hand: compiling a std::regex took a tenth of a query.
    constexpr std::array kOperators{"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    auto is_word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; };
    for (size_t i = 0; i < query.size(); ++i) {
        const char c = query[i];
        if (c == '"' || c == '(' || c == ')') return false;
        const bool starts_token = i == 0 || std::isspace(static_cast<unsigned char>(query[i - 1])) != 0;
        if ((c == '+' || c == '-') && starts_token && i + 1 < query.size() &&
            std::isspace(static_cast<unsigned char>(query[i + 1])) == 0) {
            return false;
        }
        if (is_word_char(c) && (i == 0 || !is_word_char(query[i - 1]))) {
            size_t end = i;
            while (end < query.size() && is_word_char(query[end])) ++end;
            const std::string_view word(query.data() + i, end - i);
            if (std::find(kOperators.begin(), kOperators.end(), word) != kOperators.end()) return false;
        }
    }
    return true;
}

Searcher::Searcher(ReadableIndex index) : db_(std::move(index.db)), analyzer_(std::move(index.analysis)) {}

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
    SearchResults results = QueryRun(db_, analyzer_, options).run();
    results.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return results;
}

}  // namespace news
