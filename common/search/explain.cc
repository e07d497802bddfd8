#include "search/explain.h"

#include "search/passage_matcher.h"
#include "store/schema.h"

#include <algorithm>

namespace news {
namespace {

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const std::string& part : parts) {
        if (!out.empty()) out += separator;
        out += part;
    }
    return out;
}

// The field a term's prefix names ("title" for "Spari"), or null for a
// word of the text or a prefix the user cannot type.
const schema::QueryField* field_of(const std::string& term) {
    const size_t prefix_length = term.size() - schema::without_prefix(term).size();
    if (prefix_length == 0) return nullptr;
    const std::string_view prefix(term.data(), prefix_length);
    for (const schema::QueryField& field : schema::kQueryFields) {
        if (field.prefix == prefix) return &field;
    }
    return nullptr;
}

// A year, month or day term as the period it names ("2015", "2015-03",
// "2015-03-01"), which sort as the periods start.
std::string date_label(const std::string& term) {
    const std::string digits = schema::without_prefix(term);
    if (digits.size() == 6) return digits.substr(0, 4) + "-" + digits.substr(4);
    if (digits.size() == 8) return digits.substr(0, 4) + "-" + digits.substr(4, 2) + "-" + digits.substr(6);
    return digits;
}

// The days a query of date terms (a date filter) covers: "dated 2015 to
// 2016-01", or "" when it holds anything else.
std::string date_filter_description(const Xapian::Query& query) {
    std::vector<std::string> labels;
    for (auto term = query.get_terms_begin(); term != query.get_terms_end(); ++term) {
        if (!schema::is_date_term(*term)) return "";
        labels.push_back(date_label(*term));
    }
    if (labels.empty()) return "";
    const std::string first = *std::min_element(labels.begin(), labels.end());
    // A year ends after its months: "2015" + "~" sorts after "2015-12".
    const std::string last = *std::max_element(labels.begin(), labels.end(), [](const auto& a, const auto& b) {
        return a + "~" < b + "~";
    });
    return first == last ? "dated " + first : "dated " + first + " to " + last;
}

// Xapian 1.4 has no accessor for OP_SCALE_WEIGHT's factor; a filter the
// parser wraps so that it scores nothing describes itself as "0 * ...".
bool scores_nothing(const Xapian::Query& scaled) {
    return scaled.get_description().starts_with("Query(0 * ");
}

bool sums_its_parts(Xapian::Query::op op) {
    switch (op) {
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_XOR:
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_PHRASE:
        case Xapian::Query::OP_NEAR:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_AND_NOT: return true;
        default: return false;
    }
}

// The children whose weights count: a filter's and an exclusion's first.
size_t weighted_children(const Xapian::Query& query) {
    const auto op = query.get_type();
    if (op == Xapian::Query::OP_FILTER || op == Xapian::Query::OP_AND_NOT) return std::min<size_t>(1, query.get_num_subqueries());
    return query.get_num_subqueries();
}

// Whether the children of a matching `op` all match the article too.
bool children_match_with_it(Xapian::Query::op op) {
    return op == Xapian::Query::OP_AND || op == Xapian::Query::OP_PHRASE || op == Xapian::Query::OP_NEAR ||
           op == Xapian::Query::OP_FILTER || op == Xapian::Query::OP_AND_NOT;
}

void collect_filters(const Xapian::Query& query, const std::unordered_map<std::string, std::string>& typed,
                     std::vector<std::string>& out) {
    const auto op = query.get_type();
    const size_t children = query.get_num_subqueries();
    if (op == Xapian::Query::OP_FILTER) {
        for (size_t i = 1; i < children; ++i) out.push_back(describe_query(query.get_subquery(i), typed));
    } else if (op == Xapian::Query::OP_SCALE_WEIGHT && children == 1 && scores_nothing(query)) {
        out.push_back(describe_query(query.get_subquery(0), typed));
        return;
    }
    const size_t searched = op == Xapian::Query::OP_FILTER ? std::min<size_t>(1, children) : children;
    for (size_t i = 0; i < searched; ++i) collect_filters(query.get_subquery(i), typed, out);
}

std::string term_description(const std::string& term, const std::unordered_map<std::string, std::string>& typed) {
    if (schema::is_date_term(term)) return "dated " + date_label(term);
    const schema::QueryField* field = field_of(term);
    if (field != nullptr && field->boolean_term != nullptr) {
        return std::string(field->name) + " " + schema::without_prefix(term);
    }
    const auto found = typed.find(term);
    const std::string word = found != typed.end() ? found->second : schema::without_prefix(term);
    return field != nullptr ? std::string(field->name) + ":" + word : word;
}

std::string wildcard_description(const Xapian::Query& wildcard) {
    const std::string pattern = wildcard_pattern(wildcard);
    const schema::QueryField* field = field_of(pattern);
    return (field != nullptr ? std::string(field->name) + ":" : "") + schema::without_prefix(pattern) + "*";
}

}  // namespace

std::string describe_query(const Xapian::Query& query, const std::unordered_map<std::string, std::string>& typed) {
    std::vector<std::string> parts;
    for (size_t i = 0; i < query.get_num_subqueries(); ++i) parts.push_back(describe_query(query.get_subquery(i), typed));
    auto group = [&](std::string_view name) { return std::string(name) + " (" + joined(parts, ", ") + ")"; };
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM: return term_description(*query.get_terms_begin(), typed);
        case Xapian::Query::LEAF_MATCH_ALL: return "every article";
        case Xapian::Query::LEAF_MATCH_NOTHING: return "nothing";
        case Xapian::Query::OP_WILDCARD: return "words starting with " + wildcard_description(query);
        case Xapian::Query::OP_AND: return group("all of");
        case Xapian::Query::OP_OR: {
            const std::string dates = date_filter_description(query);
            return dates.empty() ? group("any of") : dates;
        }
        case Xapian::Query::OP_XOR: return group("exactly one of");
        case Xapian::Query::OP_SYNONYM: return group("any form of");
        case Xapian::Query::OP_MAX:
        case Xapian::Query::OP_ELITE_SET: return group("the best of");
        case Xapian::Query::OP_NEAR: return group("near each other");
        case Xapian::Query::OP_PHRASE: {
            std::vector<std::string> words;
            for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
                const Xapian::Query word = query.get_subquery(i);
                words.push_back(word.get_type() == Xapian::Query::LEAF_TERM ? term_description(*word.get_terms_begin(), typed)
                                                                              : describe_query(word, typed));
            }
            return "the phrase \"" + joined(words, " ") + "\"";
        }
        case Xapian::Query::OP_AND_NOT: {
            if (parts.empty()) break;
            const std::string kept = parts.front();
            parts.erase(parts.begin());
            return kept + " but not " + joined(parts, " or ");
        }
        case Xapian::Query::OP_FILTER: {
            if (parts.empty()) break;
            const std::string kept = parts.front();
            parts.erase(parts.begin());
            return kept + ", only " + joined(parts, ", ");
        }
        case Xapian::Query::OP_AND_MAYBE: {
            if (parts.empty()) break;
            const std::string kept = parts.front();
            parts.erase(parts.begin());
            return kept + ", ranked higher with " + joined(parts, ", ");
        }
        case Xapian::Query::OP_SCALE_WEIGHT:
            if (parts.size() == 1) return scores_nothing(query) ? parts.front() + " (a filter: scores nothing)" : parts.front();
            break;
        default: break;
    }
    return query.get_description();
}

ExplainCollector::ExplainCollector(const Xapian::Database& db, const Xapian::Weight& weighting,
                                   const ArticleStatistics& statistics, std::string query)
    : db_(db),
      weighting_(weighting),
      weighting_description_(describe_article_weighting(statistics)),
      query_(std::move(query)) {}

void ExplainCollector::read_parser(const Xapian::QueryParser& parser, const Xapian::Query& parsed) {
    typed_.clear();
    term_order_.clear();
    for (auto term = parsed.get_terms_begin(); term != parsed.get_terms_end(); ++term) {
        if (typed_.contains(*term)) continue;
        const auto word = parser.unstem_begin(*term);
        typed_[*term] = word != parser.unstem_end(*term) ? *word : schema::without_prefix(*term);
        term_order_.push_back(*term);
    }
    // Listed once each, as the query first had them.
    stopwords_.clear();
    for (auto word = parser.stoplist_begin(); word != parser.stoplist_end(); ++word) {
        if (std::find(stopwords_.begin(), stopwords_.end(), *word) == stopwords_.end()) stopwords_.push_back(*word);
    }
}

void ExplainCollector::set_plan(const RankingPlan& plan, const Xapian::Query& all, const Xapian::Query& some) {
    plan_ = plan;
    all_ = describe_query(all, typed_);
    some_ = describe_query(some, typed_);
    filters_.clear();
    collect_filters(all, typed_, filters_);
}

void ExplainCollector::tier_ran(std::string_view tier) {
    if (std::find(tiers_ran_.begin(), tiers_ran_.end(), tier) == tiers_ran_.end()) tiers_ran_.emplace_back(tier);
}

std::unordered_map<Xapian::docid, double> ExplainCollector::weights_in(const Xapian::Query& query,
                                                                        const std::vector<Xapian::docid>& docids) const {
    std::vector<Xapian::Query> articles;
    articles.reserve(docids.size());
    for (const Xapian::docid docid : docids) articles.emplace_back(key_terms_.at(docid));
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                    Xapian::Query(Xapian::Query::OP_OR, articles.begin(), articles.end())));
    enquire.set_weighting_scheme(weighting_);
    const auto wanted = static_cast<Xapian::doccount>(docids.size());
    const Xapian::MSet found = enquire.get_mset(0, wanted, wanted);
    std::unordered_map<Xapian::docid, double> weights;
    for (auto item = found.begin(); item != found.end(); ++item) weights[*item] = item.get_weight();
    return weights;
}

std::string ExplainCollector::shown_term(const std::string& term) const { return term_description(term, typed_); }

// A part of the query an article does not match adds nothing to it; one
// that sums its parts (AND, OR, a phrase, the kept side of a filter or an
// exclusion) is taken apart; any other (a word, a wildcard's expansions, a
// feedback word at its weight) is one part, weighed alone on the articles.
void ExplainCollector::add_parts(const Xapian::Query& query, const std::vector<Xapian::docid>& docids,
                                 bool known_to_match, bool feedback, PartsByArticle& parts) const {
    if (docids.empty()) return;
    const auto op = query.get_type();
    if (sums_its_parts(op)) {
        std::vector<Xapian::docid> matching;
        if (known_to_match) {
            matching = docids;
        } else {
            for (const auto& [docid, weight] : weights_in(query, docids)) matching.push_back(docid);
        }
        const bool children_match = children_match_with_it(op);
        for (size_t i = 0; i < weighted_children(query); ++i) {
            add_parts(query.get_subquery(i), matching, children_match, feedback, parts);
        }
        return;
    }
    ScorePart part;
    part.feedback = feedback;
    Xapian::Query named = query;
    if (op == Xapian::Query::OP_SCALE_WEIGHT && query.get_num_subqueries() == 1) named = query.get_subquery(0);
    if (named.get_type() == Xapian::Query::LEAF_TERM) {
        part.term = *named.get_terms_begin();
        part.what = shown_term(part.term);
    } else if (named.get_type() == Xapian::Query::OP_WILDCARD) {
        part.what = wildcard_description(named);
    } else {
        part.what = describe_query(named, typed_);
    }
    for (const auto& [docid, weight] : weights_in(query, docids)) {
        if (weight == 0) continue;  // a filter
        std::vector<ScorePart>& article = parts[docid];
        // A word the query names twice is one part.
        const auto known = std::find_if(article.begin(), article.end(), [&part](const ScorePart& other) {
            return other.feedback == part.feedback && other.what == part.what && other.term == part.term;
        });
        if (known != article.end()) {
            known->weight += weight;
        } else {
            article.push_back(part);
            article.back().weight = weight;
        }
    }
}

HitExplanation ExplainCollector::explain_article(const Xapian::Query& query, Xapian::docid docid,
                                                 std::uint32_t article_key, std::string_view tier) {
    std::string description = query.get_description();
    if (ranked_.empty() || ranked_.back().description != description) {
        ranked_.push_back({query, std::move(description), {}});
    }
    ranked_.back().docids.push_back(docid);
    key_terms_[docid] = schema::article_key_term(article_key);
    docid_of_[article_key] = docid;
    HitExplanation out;
    out.tier = std::string(tier);
    return out;
}

std::vector<ScorePart> ExplainCollector::passage_parts(const RankedPassage& passage) const {
    std::vector<ScorePart> parts;
    for (const auto& [term, weight] : passage.parts) parts.push_back({shown_term(term), term, weight, false});
    // In the query's order: the passage lists its terms in no order.
    auto place = [this](const std::string& term) {
        return std::find(term_order_.begin(), term_order_.end(), term) - term_order_.begin();
    };
    std::sort(parts.begin(), parts.end(), [&](const ScorePart& a, const ScorePart& b) {
        return place(a.term) != place(b.term) ? place(a.term) < place(b.term) : a.term < b.term;
    });
    return parts;
}

HitExplanation ExplainCollector::explain_passage(const RankedPassage& passage, std::string_view tier, size_t rank,
                                                 size_t ranked, std::optional<double> next_score) const {
    HitExplanation out;
    out.tier = std::string(tier);
    out.parts = passage_parts(passage);
    double sum = 0;
    for (const ScorePart& part : out.parts) sum += part.weight;
    out.unexplained = passage.score - sum;
    PassageChoice choice;
    const bool whole = tier == kTierAllWords;
    choice.rule = whole ? "holds all the words; ranked alone against the passages of the best articles that do"
                        : "holds some of the words; ranked alone against the passages of the best articles that do";
    choice.rank = rank;
    choice.candidates = choice.passages = ranked;
    choice.holding_all = whole ? ranked : 0;
    choice.holding_some = ranked;
    choice.score = passage.score;
    choice.next_score = next_score;
    choice.parts = out.parts;
    out.passages.push_back(std::move(choice));
    return out;
}

std::vector<PassageChoice> ExplainCollector::passage_choices(const std::vector<RankedPassage>& ranked, size_t shown,
                                                             size_t passages, size_t holding_all,
                                                             size_t holding_some) const {
    std::string rule = holding_all > 0    ? "holds all the words"
                       : holding_some > 0 ? "holds some of the words (none holds them all)"
                                          : "the article's opening (no passage holds a word of the query)";
    std::vector<PassageChoice> out;
    for (size_t i = 0; i < shown && i < ranked.size(); ++i) {
        PassageChoice choice;
        choice.rule = rule;
        choice.rank = i + 1;
        choice.candidates = ranked.size();
        choice.passages = passages;
        choice.holding_all = holding_all;
        choice.holding_some = holding_some;
        choice.score = ranked[i].score;
        if (shown < ranked.size()) choice.next_score = ranked[shown].score;
        choice.parts = passage_parts(ranked[i]);
        out.push_back(std::move(choice));
    }
    return out;
}

void ExplainCollector::finish(SearchResults& results) const {
    PartsByArticle parts;
    for (const RankedArticles& ranked : ranked_) {
        // Feedback joins its words to the query by AND_MAYBE, at the root.
        const Xapian::Query& query = ranked.query;
        if (feedback_.applied && query.get_type() == Xapian::Query::OP_AND_MAYBE) {
            add_parts(query.get_subquery(0), ranked.docids, true, false, parts);
            add_parts(query.get_subquery(1), ranked.docids, false, true, parts);
        } else {
            add_parts(query, ranked.docids, true, false, parts);
        }
    }
    for (SearchHit& hit : results.hits) {
        const auto docid = docid_of_.find(hit.article_id);
        // Passages ranked alone were explained when they were listed.
        if (!hit.explanation || docid == docid_of_.end()) continue;
        std::vector<ScorePart>& hit_parts = hit.explanation->parts;
        hit_parts = std::move(parts[docid->second]);
        // The query's words in its order, then feedback's strongest first.
        std::stable_sort(hit_parts.begin(), hit_parts.end(), [](const ScorePart& a, const ScorePart& b) {
            if (a.feedback != b.feedback) return !a.feedback;
            return a.feedback && a.weight > b.weight;
        });
        double sum = 0;
        for (const ScorePart& part : hit_parts) sum += part.weight;
        hit.explanation->unexplained = hit.score - sum;
    }
    results.explanation = explanation(results);
}

QueryExplanation ExplainCollector::explanation(const SearchResults& results) const {
    QueryExplanation out;
    out.query = query_;
    out.read_as = plan_.by_any_word ? some_ : all_;
    for (const std::string& term : term_order_) {
        if (schema::is_date_term(term)) continue;
        const schema::QueryField* field = field_of(term);
        if (field != nullptr && field->boolean_term != nullptr) continue;
        if (!schema::is_word_term(term) && field == nullptr) continue;
        out.stems.push_back({typed_.at(term), schema::without_prefix(term), term,
                             field != nullptr ? std::string(field->name) : ""});
    }
    out.stopwords = stopwords_;
    out.filters = filters_;
    out.weighting = plan_.all_passages ? "passages: BM25 against the article's average passage, idf over the articles; "
                                         "articles read for them: " + weighting_description_
                                       : weighting_description_;
    auto ran = [this](std::string_view tier) {
        return std::find(tiers_ran_.begin(), tiers_ran_.end(), tier) != tiers_ran_.end();
    };
    auto shown = [&results](std::string_view tier) {
        return static_cast<size_t>(std::count_if(results.hits.begin(), results.hits.end(), [tier](const SearchHit& hit) {
            return hit.explanation && hit.explanation->tier == tier;
        }));
    };
    const std::string counted_only = "--count-only: every match counted, none ranked";
    TierRun all;
    all.name = kTierAllWords;
    TierRun some;
    some.name = kTierSomeWords;
    TierRun feedback;
    feedback.name = kTierFeedback;
    const std::string long_query = "a plain query of more than " + std::to_string(plan_.max_all_words) +
                                   " words is ranked by any of its words";
    if (plan_.by_any_word) {
        all.why = plan_.words > plan_.max_all_words && plan_.plain ? long_query : "--any: ranked by any of the words";
        some.ran = ran(kTierSomeWords) || plan_.count_only;
        some.query = some_;
        some.matching = results.matching;
        some.why = plan_.count_only ? counted_only : "ranked by any of the words, the rarer weighing more";
    } else {
        all.ran = ran(kTierAllWords) || plan_.count_only;
        all.query = all_;
        all.matching = results.matching;
        all.why = plan_.count_only ? counted_only
                  : plan_.like    ? "--like: any of the article's most telling words, the rarer weighing more"
                  : plan_.plain   ? "the words joined by AND"
                                  : "the query as written (it has quotes, operators, signs or fields)";
        if (plan_.count_only) {
            some.why = counted_only;
        } else if (plan_.like) {
            some.why = "--like ranks by any of its words already";
        } else if (!plan_.relax) {
            some.why = "the query is not plain keywords: only what matches it as written";
        } else if (ran(kTierSomeWords)) {
            some.ran = true;
            some.query = some_;
            some.matching = results.matching_some;
            some.why = plan_.all_passages ? "passages holding some of the words, after those holding all"
                                          : "the first tier left the page short";
        } else {
            some.why = "the first tier filled the page";
        }
    }
    if (plan_.all_passages) {
        feedback.why = "not used with --all-passages";
    } else if (!plan_.by_any_word) {
        feedback.why = "only for --any and plain queries of more than " + std::to_string(plan_.max_all_words) + " words";
    } else if (plan_.count_only) {
        feedback.why = counted_only;
    } else if (feedback_.applied) {
        feedback.ran = true;
        feedback.why = "the " + std::to_string(feedback_.words.size()) +
                       " words that make up most of the best articles' text reorder what the words match (AND_MAYBE)";
    } else {
        feedback.why = "only " + std::to_string(feedback_.matching_at_least) + " articles match; feedback needs " +
                       std::to_string(feedback_.matching_needed);
    }
    all.shown = shown(all.name);
    some.shown = shown(some.name);
    // Feedback finds nothing of its own: the hits it weighed.
    feedback.shown = static_cast<size_t>(std::count_if(results.hits.begin(), results.hits.end(), [](const SearchHit& hit) {
        return hit.explanation && std::any_of(hit.explanation->parts.begin(), hit.explanation->parts.end(),
                                              [](const ScorePart& part) { return part.feedback; });
    }));
    for (TierRun* tier : {&all, &some, &feedback}) {
        tier->exact = results.counts_exact;
        out.tiers.push_back(std::move(*tier));
    }
    if (feedback_.applied) {
        for (const auto& [term, weight] : feedback_.words) {
            const auto found = typed_.find(term);
            out.feedback_words.push_back({found != typed_.end() ? found->second : term, term, weight});
        }
    }
    return out;
}

}  // namespace news
