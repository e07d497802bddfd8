#include "search/search_options.h"

#include "store/errors.h"

#include <algorithm>
#include <iterator>
#include <string>

namespace news {

namespace {
template <typename Value>
struct Named {
    std::string_view name;
    Value value;
};

constexpr Named<SortOrder> kSortOrders[] = {
    {"newest", SortOrder::kNewest}, {"oldest", SortOrder::kOldest}, {"relevance", SortOrder::kRelevance}};
constexpr Named<FacetField> kFacetFields[] = {
    {"author", FacetField::kAuthor}, {"day", FacetField::kDay},         {"lang", FacetField::kLanguage},
    {"month", FacetField::kMonth},   {"section", FacetField::kSection}, {"source", FacetField::kSource},
    {"year", FacetField::kYear}};
constexpr Named<TimelinePeriod> kTimelinePeriods[] = {
    {"auto", TimelinePeriod::kAuto},   {"day", TimelinePeriod::kDay},   {"month", TimelinePeriod::kMonth},
    {"week", TimelinePeriod::kWeek},   {"year", TimelinePeriod::kYear}};

// One table per option gives both the value and, for a wrong one, the list.
template <typename Value, size_t N>
Value named(const Named<Value> (&table)[N], std::string_view name, std::string_view option) {
    std::string names;
    for (const Named<Value>& entry : table) {
        if (entry.name == name) return entry.value;
        names += (names.empty() ? "" : ", ") + std::string(entry.name);
    }
    throw UserError(std::string(option) + " takes " + names + ", not '" + std::string(name) + "'");
}
}  // namespace

SortOrder parse_sort_order(std::string_view name) { return named(kSortOrders, name, "--sort"); }

TimelinePeriod parse_timeline_period(std::string_view name) { return named(kTimelinePeriods, name, "--timeline"); }

bool is_timeline_period(std::string_view name) {
    return std::any_of(std::begin(kTimelinePeriods), std::end(kTimelinePeriods),
                       [name](const auto& entry) { return entry.name == name; });
}

std::vector<FacetField> parse_facet_fields(std::string_view comma_separated) {
    std::vector<FacetField> fields;
    size_t start = 0;
    while (start <= comma_separated.size()) {
        const size_t comma = std::min(comma_separated.find(',', start), comma_separated.size());
        const std::string_view name = comma_separated.substr(start, comma - start);
        const FacetField field = named(kFacetFields, name, "--facets");
        if (std::find(fields.begin(), fields.end(), field) == fields.end()) fields.push_back(field);
        start = comma + 1;
    }
    return fields;
}

std::string_view facet_name(FacetField field) {
    for (const Named<FacetField>& entry : kFacetFields) {
        if (entry.value == field) return entry.name;
    }
    return "";
}

}  // namespace news
