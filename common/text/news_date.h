// Dates as news files write them, normalised to ISO 8601.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace news {

// "Fri Oct 20, 2006 6:15pm EDT", "Oct 20, 2006", "20 October 2006",
// "2006-10-20", "26-FEB-1987 15:01:01.79", "20061020" -> "2006-10-20".
// Nothing when the text holds no valid calendar date.
std::optional<std::string> parse_news_date(std::string_view text);

// "2006-10-20" -> "20061020", the sortable form stored in the index.
std::string compact_date(std::string_view iso_date);

}  // namespace news
