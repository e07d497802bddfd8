// Shared by the tests of the JSON and CSV readers.
#pragma once

#include "formats/article.h"

#include <filesystem>
#include <string>
#include <vector>

namespace news::test {

// tests/fixtures/dumps/, and the real dumps when this machine has them.
inline const std::string kDumpFixtures = std::string(NEWS_FIXTURES_DIR) + "/dumps/";
inline const std::filesystem::path kSharedDumps = "/work/shared/corpora/dumps";

inline std::vector<std::string> paragraph_texts(const Article& article) {
    std::vector<std::string> texts;
    for (const Paragraph& paragraph : article.paragraphs) texts.push_back(paragraph.text);
    return texts;
}

}  // namespace news::test
