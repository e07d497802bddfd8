// The query's fields that are not words: exact filters (section:, lang:)
// and date:, read by Xapian's parser through these processors, so dates
// are matched by the index, never by reading the hits.
#pragma once

#include "search/date_range.h"
#include "store/errors.h"
#include "store/schema.h"

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace news {

// The articles filed under a day of `range`: the fewest year, month and
// day terms that cover it (schema.h), an open end closed at the database's
// first or last day (the date slot's bounds, which Xapian keeps).  Terms
// rather than a range of the slot's values: the matcher skips along their
// posting lists, where a value range checks each candidate's value, which
// made a date-filtered query 1.4x slower than the same query unfiltered
// (docs/benchmarks.md).
Xapian::Query date_range_query(const DateRange& range, const Xapian::Database& db);

// section:Sport finds what the indexer filed as "XSECTIONsport".
class BooleanFieldProcessor final : public Xapian::FieldProcessor {
public:
    explicit BooleanFieldProcessor(std::string (*make_term)(std::string_view)) : make_term_(make_term) {}
    Xapian::Query operator()(const std::string& value) override { return Xapian::Query(make_term_(value)); }

private:
    std::string (*make_term_)(std::string_view);
};

// date:2010-03..2010-06 as the articles of those days (date_range_query),
// matched by Xapian, never by reading the hits.
class DateRangeProcessor final : public Xapian::RangeProcessor {
public:
    DateRangeProcessor(const Xapian::Database& db, long long today, std::vector<DateRange>& seen)
        : Xapian::RangeProcessor(schema::kSlotDate), db_(db), today_(today), seen_(seen) {}

    // `begin` or `end` empty: open on that side.
    Xapian::Query operator()(const std::string& begin, const std::string& end) override {
        const std::string written = "date:" + begin + ".." + end;
        return query_for(parse_date_range(begin + ".." + end, today_, written));
    }

    // date:2015, date:2015-11-13: the whole period.
    Xapian::Query whole_period(const std::string& text) {
        return query_for(parse_date_range(text, today_, "date:" + text));
    }

private:
    Xapian::Query query_for(const DateRange& range) {
        seen_.push_back(range);
        return date_range_query(range, db_);
    }

    const Xapian::Database& db_;
    long long today_;
    std::vector<DateRange>& seen_;
};

// date: is a boolean field (a filter that leaves the ranking alone) whose
// value the range processor reads; Xapian's parser hands a field's value
// over whole, "2010-03..2010-06" included.  A date that is no date is
// kept in `error`, and the query matches
// nothing, until the parser has returned: an exception thrown through
// Xapian's parser leaks what it was building.
class DateFieldProcessor final : public Xapian::FieldProcessor {
public:
    DateFieldProcessor(const Xapian::Database& db, long long today, std::vector<DateRange>& seen,
                       std::optional<std::string>& error)
        : ranges_(db, today, seen), error_(error) {}
    Xapian::Query operator()(const std::string& value) override {
        try {
            const size_t dots = value.find("..");
            if (dots == std::string::npos) return ranges_.whole_period(value);
            return ranges_(value.substr(0, dots), value.substr(dots + 2));
        } catch (const UserError& e) {
            if (!error_) error_ = e.what();
            return Xapian::Query::MatchNothing;
        }
    }

private:
    DateRangeProcessor ranges_;
    std::optional<std::string>& error_;
};

}  // namespace news
