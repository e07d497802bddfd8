#include "search/match_counts.h"

#include "search/date_counts.h"
#include "search/story_folding.h"
#include "store/schema.h"

#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string_view>

namespace news {

bool FirstOfEachText::counts(const Xapian::Document& document) {
    // By its key: over shards, Document::get_docid() is the shard's own
    // number, which the next match, from another shard, may have too.
    std::string article = document.get_value(schema::kSlotArticleId);
    if (article == last_article_) return last_answer_;
    last_article_ = std::move(article);
    std::string digest = document.get_value(schema::kSlotTextHash);
    last_answer_ = digest.empty() || seen_.insert(std::move(digest)).second;
    return last_answer_;
}

void ListCountSpy::operator()(const Xapian::Document& document, double /*weight*/) {
    if (texts_ != nullptr && !texts_->counts(document)) return;
    const std::string value = document.get_value(slot_);
    if (value.empty()) return;
    ++documents_;
    if (value.find(schema::kListSeparator) == std::string::npos) {
        ++counts_[value];
        return;
    }
    for (const std::string_view item : schema::list_items(value)) ++counts_[std::string(item)];
}

namespace {

// The counts of one slot's values: from our spy, or, over remote shards,
// from Xapian's built-in one with each list split here.
class SlotCounter {
public:
    SlotCounter(Xapian::valueno slot, FirstOfEachText* texts, bool built_in) {
        if (built_in) {
            built_in_ = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
        } else {
            ours_ = std::make_unique<ListCountSpy>(slot, texts);
        }
    }

    Xapian::MatchSpy& spy() { return built_in_ ? static_cast<Xapian::MatchSpy&>(*built_in_) : *ours_; }

    // Called once, after the match.
    void collect() {
        if (!built_in_) return;
        for (auto value = built_in_->values_begin(); value != built_in_->values_end(); ++value) {
            const auto count = static_cast<ArticleCount>(value.get_termfreq());
            documents_ += count;
            const std::string joined = *value;  // the items are views into it
            for (const std::string_view item : schema::list_items(joined)) counts_[std::string(item)] += count;
        }
    }

    [[nodiscard]] const std::unordered_map<std::string, ArticleCount>& counts() const {
        return built_in_ ? counts_ : ours_->counts();
    }
    [[nodiscard]] ArticleCount documents() const { return built_in_ ? documents_ : ours_->documents(); }

private:
    std::unique_ptr<ListCountSpy> ours_;
    std::unique_ptr<Xapian::ValueCountMatchSpy> built_in_;
    std::unordered_map<std::string, ArticleCount> counts_;
    ArticleCount documents_ = 0;
};

Xapian::valueno slot_of(FacetField field) {
    switch (field) {
        case FacetField::kSource: return schema::kSlotSource;
        case FacetField::kSection: return schema::kSlotSections;
        case FacetField::kAuthor: return schema::kSlotAuthors;
        case FacetField::kLanguage: return schema::kSlotLanguage;
        case FacetField::kYear:
        case FacetField::kMonth:
        case FacetField::kDay: return schema::kSlotDate;
    }
    return schema::kSlotDate;
}

void most_frequent(const std::unordered_map<std::string, ArticleCount>& counts, FacetCounts& facet) {
    std::vector<ValueCount> values;
    values.reserve(counts.size());
    for (const auto& [value, count] : counts) values.push_back({value, count});
    const size_t shown = std::min(values.size(), kFacetValuesShown);
    std::partial_sort(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(shown), values.end(),
                      [](const ValueCount& a, const ValueCount& b) {
                          return a.count != b.count ? a.count > b.count : a.value < b.value;
                      });
    facet.values_left_out = values.size() - shown;
    values.resize(shown);
    facet.values = std::move(values);
}

// The chart covers the date filter's range where it gives one, else
// the days that have matches.
TimelineCounts timeline(const DayCounts& days, bool exact, TimelinePeriod asked,
                        const std::vector<DateRange>& date_filters) {
    TimelineCounts out;
    out.exact = exact;
    std::optional<long long> first;
    std::optional<long long> last;
    for (const DateRange& range : date_filters) {
        if (range.first_day && (!first || *range.first_day < *first)) first = range.first_day;
        if (range.last_day && (!last || *range.last_day > *last)) last = range.last_day;
    }
    if (!days.empty()) {
        if (!first) first = days.begin()->first;
        if (!last) last = days.rbegin()->first;
    }
    Period period = Period::kMonth;
    switch (asked) {
        case TimelinePeriod::kDay: period = Period::kDay; break;
        case TimelinePeriod::kWeek: period = Period::kWeek; break;
        case TimelinePeriod::kMonth: period = Period::kMonth; break;
        case TimelinePeriod::kYear: period = Period::kYear; break;
        default: period = first && last ? auto_period(*first, *last) : Period::kMonth;
    }
    out.period = std::string(period_name(period));
    if (first && last) out.buckets = timeline_buckets(days, period, *first, *last);
    return out;
}

// Matches are counted exactly up to here; beyond, Xapian estimates.
constexpr Xapian::doccount kCountAtLeast = 1000;
// Matches are checked to count them only when Xapian, before checking any,
// estimates at most this many: a query estimated above it almost always
// matches more than kCountAtLeast, and its count is shown as an estimate
// whether or not kCountAtLeast were checked.
constexpr Xapian::doccount kCountWhenEstimatedUpTo = 2 * kCountAtLeast;
// Every match is checked, and the count exact, when that reads at most
// this many postings: about half a millisecond on a million articles.
constexpr Xapian::doccount kCountEveryMatchUpToPostings = 5000;

// How many postings the matcher may read to check every match of `query`,
// from the whole database's term frequencies (`stats`): what one term
// alone matches bounds a conjunction, a disjunction reads all its terms.
// Unbounded (nullopt) where values rather than terms decide.
std::optional<Xapian::doccount> postings_to_check(const Xapian::Query& query, const Xapian::MSet& stats) {
    const size_t parts = query.get_num_subqueries();
    auto part = [&](size_t i) { return postings_to_check(query.get_subquery(i), stats); };
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM: return stats.get_termfreq(*query.get_terms_begin());
        case Xapian::Query::LEAF_MATCH_NOTHING: return 0;
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_PHRASE:
        case Xapian::Query::OP_NEAR: {
            std::optional<Xapian::doccount> fewest;
            for (size_t i = 0; i < parts; ++i) {
                if (const auto postings = part(i); postings && (!fewest || *postings < *fewest)) fewest = postings;
            }
            return fewest;
        }
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_SCALE_WEIGHT:
            if (parts == 0) return std::nullopt;
            return part(0);
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_XOR:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX:
        case Xapian::Query::OP_ELITE_SET: {
            Xapian::doccount sum = 0;
            for (size_t i = 0; i < parts; ++i) {
                const auto postings = part(i);
                if (!postings) return std::nullopt;
                sum += *postings;
            }
            return sum;
        }
        default: return std::nullopt;
    }
}

}  // namespace

EveryMatchCount count_every_match(const Xapian::Database& db, const Xapian::Query& query,
                                  const SearchOptions& options, const std::vector<DateRange>& date_filters,
                                  const DatabaseShards& shards) {
    const bool remote_shards = shards.remote;
    EveryMatchCount out;
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::DONT_CARE);
    std::map<Xapian::valueno, std::unique_ptr<SlotCounter>> spies;
    FirstOfEachText texts;
    // Copies of one text are one publication, counted once as they are
    // listed once; --no-fold lists and counts each.  Versions of a story
    // (another outlet's reprint, an UPDATE) are each counted: facets and
    // the timeline answer who covered it and when.
    // One database records whether it holds copies; a stub's metadata is
    // its first shard's alone.
    const bool fold_copies =
        options.fold && (shards.count > 1 || db.get_metadata(std::string(schema::kMetaTextCopies)) != "0");
    FirstOfEachText* folding = fold_copies && !remote_shards ? &texts : nullptr;
    auto spy_on = [&](Xapian::valueno slot) {
        auto& spy = spies[slot];
        if (!spy) {
            spy = std::make_unique<SlotCounter>(slot, folding, remote_shards);
            enquire.add_matchspy(&spy->spy());
        }
    };
    for (const FacetField field : options.facets) spy_on(slot_of(field));
    const bool count_stories = options.fold && !remote_shards;
    StoryCountSpy stories;
    if (count_stories) enquire.add_matchspy(&stories);
    if (options.timeline != TimelinePeriod::kNone) spy_on(schema::kSlotDate);
    if (remote_shards && options.fold) {
        out.notes.emplace_back("over remote shards stories are not counted (xapian-tcpsrv runs no match spy of ours)");
        if (fold_copies && !spies.empty()) {
            out.notes.emplace_back("over remote shards copies of one text are counted each in the counts by field");
        }
    }
    const Xapian::MSet mset = enquire.get_mset(0, 0, db.get_doccount());
    for (auto& [slot, spy] : spies) spy->collect();
    const bool exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    out.matching = exact ? mset.get_matches_lower_bound() : mset.get_matches_estimated();
    out.exact = exact;
    if (count_stories) {
        out.stories = stories.stories();
        out.stories_exact = exact && stories.exact();
    }

    DayCounts days;
    if (auto found = spies.find(schema::kSlotDate); found != spies.end()) {
        for (const auto& [key, count] : found->second->counts()) {
            if (const std::optional<long long> day = day_from_key(key)) days[*day] += count;
        }
    }
    for (const FacetField field : options.facets) {
        const SlotCounter& spy = *spies.at(slot_of(field));
        FacetCounts facet;
        facet.field = std::string(facet_name(field));
        facet.exact = exact;
        facet.articles = spy.documents();
        switch (field) {
            case FacetField::kYear: facet.values = counts_by_period(days, Period::kYear); break;
            case FacetField::kMonth: facet.values = counts_by_period(days, Period::kMonth); break;
            case FacetField::kDay: facet.values = counts_by_period(days, Period::kDay); break;
            default: most_frequent(spy.counts(), facet); break;
        }
        out.facets.push_back(std::move(facet));
    }
    if (options.timeline != TimelinePeriod::kNone) {
        out.timeline = timeline(days, exact, options.timeline, date_filters);
    }
    return out;
}

Xapian::MSet matches_counted(const Xapian::Enquire& enquire, Xapian::doccount size, bool remote) {
    const Xapian::Query query = enquire.get_query();
    if (query.get_type() == Xapian::Query::LEAF_TERM || size >= kCountAtLeast) {
        return enquire.get_mset(0, size, size);
    }
    auto cheap_to_check = [&query](const Xapian::MSet& frequencies) {
        const std::optional<Xapian::doccount> postings = postings_to_check(query, frequencies);
        return postings && *postings <= kCountEveryMatchUpToPostings;
    };
    constexpr Xapian::doccount kEveryMatch = std::numeric_limits<Xapian::doccount>::max();
    if (remote) {
        Xapian::MSet page = enquire.get_mset(0, size, size);
        if (page.get_matches_lower_bound() == page.get_matches_upper_bound()) return page;
        if (cheap_to_check(page)) return enquire.get_mset(0, size, kEveryMatch);
        if (page.get_matches_estimated() > kCountWhenEstimatedUpTo) return page;
        return enquire.get_mset(0, size, kCountAtLeast);
    }
    const Xapian::MSet estimate = enquire.get_mset(0, 0, Xapian::doccount{0});
    if (cheap_to_check(estimate)) return enquire.get_mset(0, size, kEveryMatch);
    const bool many = estimate.get_matches_estimated() > kCountWhenEstimatedUpTo;
    return enquire.get_mset(0, size, many ? size : kCountAtLeast);
}


}  // namespace news
