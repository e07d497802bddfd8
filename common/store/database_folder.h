// The folder a news-search database lives in, and what news-index may do
// there.  It writes only into a new or empty folder or a database it made;
// it keeps its scratch space inside that folder, where no file of the
// user's can be; it swaps a rebuilt database in under the readers; and it
// keeps a fingerprint of the files it wrote, so that damage done to them
// afterwards is noticed before anything is added to them.
#pragma once

#include <optional>
#include <string>

namespace news::database_folder {

// "news.db/" and "news.db//" name the folder "news.db" (tab completion adds
// the slash); "/" stays "/".
std::string without_trailing_slashes(std::string path);

// Makes sure news-index may write a database at `path`: creates the folder
// when it is missing; otherwise the folder must be empty or hold only a
// Xapian database and news-index's own files, and the user must be allowed
// to write there.  Throws UserError, touching nothing, when it is not so.
void claim_for_writing(const std::string& path);

// Where news-index builds a new database for `db_path` (a fresh build on
// every core, or a rebuild) before it replaces the database's files: a
// folder inside the database's own, so the build never meets the user's
// files and its files can be renamed into place.
std::string scratch_path(const std::string& db_path);

// Whether a writer (news-index) holds the database's lock now.  Xapian
// takes it as an fcntl lock on the lock file; asking who holds it takes
// nothing.
bool writer_active(const std::string& db_path);

// Whether a news-index is building a new database for `db_path` now: its
// scratch folder is there and it holds the write lock (a killed build
// leaves the folder, not the lock).
bool build_in_progress(const std::string& db_path);

// Whether a build left its scratch folder behind: it was stopped before it
// finished, unless build_in_progress.
bool build_left_behind(const std::string& db_path);

// Replaces the Xapian database at `db_path` by the one at `built` (a folder
// on the same file system), moving its files.  The caller holds the write
// lock (flintlock stays).  Readers that opened the old database keep
// reading it; one that opens in the milliseconds of the swap fails to find a
// database and retries while build_in_progress() (open_readable_index).
void replace_database_files(const std::string& built, const std::string& db_path);

// Records a digest of every file of the database at `db_path` as it is
// now; news-index calls it after its last commit, holding the write lock.
// A failure to record is not an error: the next run then checks the whole
// database once (changed_since_recorded says so).
void record_fingerprint(const std::string& db_path);

// What changed in the database's files since record_fingerprint: the name
// of the first file that differs, "no fingerprint" when none was recorded,
// or nothing when every file is as news-index left it.  Hashing the files
// costs about a millisecond per 10 MB (a full check, 40 times as much).
std::optional<std::string> changed_since_recorded(const std::string& db_path);

// The first table every news-search database has (postings, term lists,
// positions, document data) that is missing from the database at
// `db_path`, or nothing.  Xapian reads a missing table as one the database
// was built without, and fails only when a query needs it.
std::optional<std::string> missing_table(const std::string& db_path);

// Xapian's own check of every table (what xapian-check does): the first
// problem found, or nothing when the database is sound.
std::optional<std::string> find_damage(const std::string& db_path);

}  // namespace news::database_folder
