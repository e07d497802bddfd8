// Passages a reader never came for: a photo's caption and credit ("...
// Barack Obama.PHOTO: AFP"), a video widget ("7 years ago Duration 2:03"),
// a caption printed twice, a share or sign-up line.  They hold the
// article's names as densely as any paragraph, so by words alone they win
// the passage shown; the searcher weighs them down instead.
#pragma once

#include <string_view>

namespace news {

// Short passages only: a real paragraph that mentions a photo stays one.
bool is_page_furniture(std::string_view passage);

}  // namespace news
