#include "document_builder.h"

#include "article_record.h"
#include "news_date.h"
#include "schema.h"

namespace news {
namespace {

void add_catalogue_values(Xapian::Document& document, const FileStamp& stamp) {
    document.add_value(schema::kSlotPath, stamp.path);
    document.add_value(schema::kSlotMtime, std::to_string(stamp.mtime_ns));
    document.add_value(schema::kSlotSize, std::to_string(stamp.size));
    document.add_value(schema::kSlotContentHash, stamp.content_hash);
}

}  // namespace

DocumentBuilder::DocumentBuilder(const Analyzer& analyzer) : analyzer_(analyzer) {
    analyzer_.configure(generator_);
}

ArticleDocuments DocumentBuilder::build(const Article& article, const FileStamp& stamp) {
    ArticleDocuments out;
    const std::vector<Passage> passages = split_passages(article);
    const std::string folded_title = analyzer_.fold(article.title);
    const std::string folded_author = analyzer_.fold(article.author);
    const std::string folded_source = analyzer_.fold(article.source);
    const std::string date = compact_date(article.date);

    // The fields every document of the article shares, analysed once and
    // copied, positions included, into each passage.
    Xapian::Document fields;
    generator_.set_document(fields);
    generator_.index_text(folded_title, schema::kTitleWdfBoost, std::string(schema::kTitlePrefix));
    generator_.increase_termpos(schema::kFieldPositionGap);
    // Positions, so author:"Yereth Rosen" works as a phrase.
    generator_.index_text(folded_author, 1, std::string(schema::kAuthorPrefix));
    generator_.increase_termpos(schema::kFieldPositionGap);
    generator_.index_text(folded_source, 1, std::string(schema::kSourcePrefix));
    const Xapian::termpos body_start = generator_.get_termpos() + schema::kFieldPositionGap;

    Xapian::Document& catalogue = out.article;
    auto add_shared_filters = [&](Xapian::Document& document) {
        if (!article.section.empty()) document.add_boolean_term(schema::section_term(article.section));
        if (!date.empty()) document.add_value(schema::kSlotDate, date);
    };
    add_shared_filters(catalogue);
    // The article document is ranked as a whole (BM25 over every word of the
    // article, title boosted) but has no positions: phrases are matched by
    // passages.
    const std::string article_word_prefix(schema::kArticleWordPrefix);
    for (auto term = fields.termlist_begin(); term != fields.termlist_end(); ++term) {
        catalogue.add_term(*term, term.get_wdf());
        if (const std::string& field_term = *term; field_term.starts_with(schema::kTitlePrefix)) {
            catalogue.add_term(article_word_prefix + field_term.substr(schema::kTitlePrefix.size()), term.get_wdf());
        }
    }
    catalogue.add_boolean_term(schema::kind_term(schema::kKindArticle));
    catalogue.add_boolean_term(schema::unique_id_term(stamp.path));
    catalogue.add_boolean_term(schema::content_hash_term(stamp.content_hash));
    add_catalogue_values(catalogue, stamp);
    catalogue.set_data(ArticleRecord::from_article(article, static_cast<unsigned>(passages.size())).serialise());

    out.passages.reserve(passages.size());
    for (const Passage& passage : passages) {
        Xapian::Document document;
        generator_.set_document(document);
        generator_.set_termpos(body_start);
        generator_.index_text(analyzer_.fold(passage.text));
        for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
            catalogue.add_term(article_word_prefix + *term, term.get_wdf());
        }
        for (auto term = fields.termlist_begin(); term != fields.termlist_end(); ++term) {
            for (auto position = term.positionlist_begin(); position != term.positionlist_end(); ++position) {
                document.add_posting(*term, *position, 0);
            }
            document.add_term(*term, term.get_wdf());
        }
        add_shared_filters(document);
        document.add_boolean_term(schema::kind_term(schema::kKindPassage));
        document.add_value(schema::kSlotLine, Xapian::sortable_serialise(passage.line));
        document.set_data(passage.text);
        out.passages.push_back(std::move(document));
    }
    return out;
}

Xapian::Document DocumentBuilder::build_duplicate(const FileStamp& stamp, const std::string& original_path) {
    Xapian::Document document;
    document.add_boolean_term(schema::kind_term(schema::kKindDuplicate));
    document.add_boolean_term(schema::unique_id_term(stamp.path));
    document.add_boolean_term(schema::content_hash_term(stamp.content_hash));
    add_catalogue_values(document, stamp);
    ArticleRecord record;
    record.path = stamp.path;
    record.duplicate_of = original_path;
    document.set_data(record.serialise());
    return document;
}

namespace {

// The key terms and values that tie an article's documents together.
void link_documents(ArticleDocuments& documents, schema::ArticleKey key) {
    const std::string link = schema::article_link_term(key);
    const std::string id = std::to_string(key);
    documents.article.add_boolean_term(schema::article_key_term(key));
    documents.article.add_value(schema::kSlotArticleId, id);
    for (Xapian::Document& passage : documents.passages) {
        passage.add_boolean_term(link);
        passage.add_value(schema::kSlotArticleId, id);
    }
}

}  // namespace

StoredArticle store_article(Xapian::WritableDatabase& db, ArticleDocuments& documents, schema::ArticleKey key,
                            Xapian::docid replace) {
    link_documents(documents, key);
    StoredArticle stored{replace, documents.passages.size()};
    if (replace != 0) {
        db.delete_document(schema::article_link_term(key));
        db.replace_document(replace, documents.article);
    } else {
        stored.article_docid = db.add_document(documents.article);
    }
    for (const Xapian::Document& passage : documents.passages) db.add_document(passage);
    return stored;
}

void store_new_article(Xapian::WritableDatabase& articles, Xapian::WritableDatabase& passages,
                       ArticleDocuments& documents, schema::ArticleKey key) {
    link_documents(documents, key);
    articles.add_document(documents.article);
    for (const Xapian::Document& passage : documents.passages) passages.add_document(passage);
}

void DocumentBuilder::apply_stamp(Xapian::Document& document, const FileStamp& stamp) {
    add_catalogue_values(document, stamp);
}

}  // namespace news
