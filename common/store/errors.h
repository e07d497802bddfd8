#pragma once

#include <stdexcept>
#include <string>

namespace news {

// A problem the user can act on, worded for them; the tools print it as one
// line and exit 2.
class UserError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace news
