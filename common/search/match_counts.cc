#include "search/match_counts.h"

#include "store/schema.h"

#include <string_view>

namespace news {

bool FirstOfEachText::counts(const Xapian::Document& document) {
    const Xapian::docid docid = document.get_docid();
    if (docid == last_docid_) return last_answer_;
    last_docid_ = docid;
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

}  // namespace news
