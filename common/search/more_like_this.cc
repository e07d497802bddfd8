#include "search/more_like_this.h"

#include "formats/file_walker.h"
#include "store/article_record.h"
#include "store/errors.h"
#include "store/schema.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace news {
namespace {

struct ArticleName {
    std::string path;    // absolute
    std::string inside;  // member or record, empty for the file itself
    std::optional<unsigned> line;
};

ArticleName read_name(std::string_view like) {
    ArticleName name;
    std::string_view rest = like;
    // "PATH:123": the line news-query printed.
    if (const size_t colon = rest.rfind(':'); colon != std::string_view::npos && colon + 1 < rest.size() &&
                                              std::all_of(rest.begin() + static_cast<long>(colon) + 1, rest.end(),
                                                          [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
        const std::string digits(rest.substr(colon + 1));
        if (digits.size() < 10) name.line = static_cast<unsigned>(std::stoul(digits));
        rest = rest.substr(0, colon);
    }
    if (const size_t slashes = rest.find("//"); slashes != std::string_view::npos) {
        name.inside = std::string(rest.substr(slashes + 2));
        rest = rest.substr(0, slashes);
    }
    name.path = absolute_path(std::string(rest));
    return name;
}

std::optional<Xapian::docid> document_with(const Xapian::Database& db, const std::string& term) {
    Xapian::PostingIterator posting = db.postlist_begin(term);
    if (posting == db.postlist_end(term)) return std::nullopt;
    return *posting;
}

bool is_article(const Xapian::Database& db, Xapian::docid docid) {
    const std::string kind = schema::kind_term(schema::kKindArticle);
    Xapian::TermIterator term = db.termlist_begin(docid);
    term.skip_to(kind);
    return term != db.termlist_end(docid) && *term == kind;
}

Xapian::docid find_named(const Xapian::Database& db, const ArticleName& name, std::string_view like, int hops) {
    if (const std::optional<Xapian::docid> exact = document_with(db, schema::unique_id_term(name.path, name.inside))) {
        if (is_article(db, *exact)) return *exact;
        // A duplicate file: the article is its original's.
        const ArticleRecord duplicate = ArticleRecord::parse(db.get_document(*exact).get_data());
        if (hops < 2 && !duplicate.duplicate_of.empty()) {
            return find_named(db, {duplicate.duplicate_of, "", std::nullopt}, like, hops + 1);
        }
    }
    // A file (or member) of many: the article whose text holds the line.
    const std::string prefix = schema::unique_id_term(name.path, name.inside) + "//";
    std::optional<Xapian::docid> best;
    unsigned best_line = 0;
    size_t articles = 0;
    for (Xapian::TermIterator term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
        const std::optional<Xapian::docid> docid = document_with(db, *term);
        if (!docid || !is_article(db, *docid)) continue;
        ++articles;
        if (!name.line) {
            best = docid;
            continue;
        }
        const unsigned line = text_start_line(unpack_article_data(db.get_document(*docid).get_data()));
        if (line <= *name.line && (!best || line > best_line)) {
            best = docid;
            best_line = line;
        }
    }
    if (articles == 0) {
        throw UserError("--like " + std::string(like) + ": no article of the database is there (is it indexed?)");
    }
    if (!name.line && articles > 1) {
        throw UserError("--like " + std::string(like) + ": it holds " + std::to_string(articles) +
                        " articles; name one as PATH:LINE, the place news-query shows");
    }
    if (!best) throw UserError("--like " + std::string(like) + ": no article there starts by that line");
    return *best;
}

}  // namespace

Xapian::docid find_article(const Xapian::Database& db, std::string_view like) {
    if (like.empty()) throw UserError("--like needs the path of an article, as news-query shows it");
    return find_named(db, read_name(like), like, 0);
}

bool TellingWords::operator()(const std::string& term) const {
    // A number ("634.5", "2007") names no topic.
    return schema::is_word_term(term) && !analyzer_.is_stopword(term) &&
           std::any_of(term.begin(), term.end(), [](char c) {
               return std::isalpha(static_cast<unsigned char>(c)) != 0 || static_cast<unsigned char>(c) >= 0x80;
           });
}

std::vector<std::string> telling_words(const Xapian::Database& db, const Analyzer& analyzer, Xapian::docid article,
                                       Xapian::termcount count) {
    Xapian::Enquire enquire(db);
    Xapian::RSet relevant;
    relevant.add_document(article);
    const TellingWords words(analyzer);
    const Xapian::ESet eset = enquire.get_eset(count, relevant, &words);
    std::vector<std::string> terms;
    for (auto term = eset.begin(); term != eset.end(); ++term) terms.push_back(*term);
    return terms;
}

}  // namespace news
