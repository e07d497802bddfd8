#include "store/article_words.h"

#include "store/schema.h"

namespace news {

std::vector<PassageSpan> index_article_words(const Analyzer& analyzer, Xapian::TermGenerator& generator,
                                             Xapian::Document& document, const ArticleWords& words,
                                             const std::function<void(const std::string&)>& folded_text) {
    generator.set_document(document);
    // Title words are searched as title:word and as words of the article;
    // positions in both, so a phrase matches in the title.
    const std::string folded_title = analyzer.fold(words.title);
    analyzer.index_text(generator, document, folded_title, schema::kTitleWdfBoost, std::string(schema::kTitlePrefix));
    analyzer.index_text(generator, document, folded_title, schema::kTitleWdfBoost);
    if (folded_text) folded_text(folded_title);
    generator.increase_termpos(schema::kFieldPositionGap);
    // Positions, so author:"Yereth Rosen" works as a phrase.
    generator.index_text(analyzer.fold(words.author), 1, std::string(schema::kAuthorPrefix));
    generator.increase_termpos(schema::kFieldPositionGap);
    generator.index_text(analyzer.fold(words.source), 1, std::string(schema::kSourcePrefix));
    std::vector<PassageSpan> spans;
    spans.reserve(words.passages.size());
    for (const std::string_view passage : words.passages) {
        generator.increase_termpos(schema::kFieldPositionGap);
        const Xapian::termpos before = generator.get_termpos();
        const std::string folded = analyzer.fold(passage);
        analyzer.index_text(generator, document, folded);
        if (folded_text) folded_text(folded);
        spans.push_back({before + 1, generator.get_termpos() - before});
    }
    return spans;
}

}  // namespace news
