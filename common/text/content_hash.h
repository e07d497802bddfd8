#pragma once

#include <string>
#include <string_view>

namespace news {

// XXH3-128 of the bytes as 32 lower-case hex digits: how re-runs tell a
// changed file from a touched one, and how exact duplicates are found.
std::string content_hash(std::string_view bytes);

}  // namespace news
