#include "news_database.h"

#include "errors.h"
#include "schema.h"

#include <cstdlib>
#include <filesystem>
#include <string>

namespace news {
namespace {

AnalysisSettings stored_analysis(const Xapian::Database& db, const std::string& path) {
    const std::string version = db.get_metadata(std::string(schema::kMetaSchemaVersion));
    if (version.empty()) {
        throw UserError("'" + path + "' is a Xapian database but not one news-index wrote");
    }
    if (version != std::to_string(schema::kSchemaVersion)) {
        throw UserError("'" + path + "' has index schema " + version + ", this version reads " +
                        std::to_string(schema::kSchemaVersion) + "; rebuild it with news-index --force");
    }
    try {
        return AnalysisSettings::parse(db.get_metadata(std::string(schema::kMetaAnalysis)));
    } catch (const std::invalid_argument& e) {
        throw UserError("'" + path + "': " + e.what());
    }
}

}  // namespace

std::string default_database_path() {
    if (const char* env = std::getenv("NEWS_SEARCH_DB"); env != nullptr && *env != '\0') return env;
    return "news.db";
}

ReadableIndex open_readable_index(const std::string& path) {
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
        throw UserError("no database at '" + path + "'; build one with: news-index --db " + path +
                        " FOLDER");
    }
    if (!std::filesystem::is_directory(path, error)) {
        throw UserError("'" + path + "' is not a database (it is a file, not a folder)");
    }
    try {
        Xapian::Database db(path);
        AnalysisSettings analysis = stored_analysis(db, path);
        return {std::move(db), std::move(analysis)};
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw UserError("cannot open database '" + path + "': " + e.get_msg());
    } catch (const Xapian::DatabaseCorruptError& e) {
        throw UserError("database '" + path + "' is damaged: " + e.get_msg());
    }
}

WritableIndex open_writable_index(const std::string& path, const std::optional<std::string>& language,
                                  bool overwrite) {
    std::error_code error;
    if (std::filesystem::exists(path, error) && !std::filesystem::is_directory(path, error)) {
        throw UserError("'" + path + "' is a file, not a database folder");
    }
    std::optional<std::string> wanted;
    try {
        if (language) wanted = canonical_language(*language);
    } catch (const std::invalid_argument& e) {
        throw UserError(e.what());
    }
    try {
        const int mode = overwrite ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN;
        Xapian::WritableDatabase db(path, mode);
        const bool fresh = db.get_doccount() == 0 &&
                           db.get_metadata(std::string(schema::kMetaSchemaVersion)).empty();
        if (fresh) {
            AnalysisSettings analysis;
            if (wanted) analysis.language = *wanted;
            db.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
            db.set_metadata(std::string(schema::kMetaAnalysis), analysis.serialise());
            return {std::move(db), std::move(analysis)};
        }
        AnalysisSettings analysis = stored_analysis(db, path);
        if (wanted && *wanted != analysis.language) {
            throw UserError("database '" + path + "' was built for " + analysis.language +
                            ", not " + *wanted + "; add --force to rebuild it");
        }
        return {std::move(db), std::move(analysis)};
    } catch (const Xapian::DatabaseLockError&) {
        throw UserError("database '" + path + "' is being written by another process (news-index " +
                        "already running?); try again when it has finished");
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw UserError("cannot open database '" + path + "' for writing: " + e.get_msg());
    } catch (const Xapian::DatabaseCorruptError& e) {
        throw UserError("database '" + path + "' is damaged: " + e.get_msg());
    }
}

Xapian::doccount count_articles(const Xapian::Database& db) {
    return db.get_termfreq(schema::kind_term(schema::kKindArticle));
}

}  // namespace news
