#include "store/news_database.h"

#include "test_support.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <cerrno>
#include <stdexcept>

namespace news {
namespace {

TEST(FailedWrites, TheSystemErrorOfAFailedWriteIsTheReason) {
    const Xapian::DatabaseError error("Error writing block 490", ENOSPC);
    EXPECT_EQ(failed_system_call(error), "No space left on device");
    EXPECT_EQ(write_failure_message("news.db", error),
              "cannot write database 'news.db': No space left on device (Error writing block 490)");
}

TEST(FailedWrites, AFullDiskInsideACommitIsAWriteFailureNotDamage) {
    // What Xapian 1.4 throws when the disk fills during a commit: the system
    // error only survives inside the message.
    const Xapian::DatabaseError error(
        "Modifications failed (DatabaseError: Error writing block 90 (No space left on device)), and couldn't open "
        "at the old revision: Error writing to file");
    EXPECT_EQ(failed_system_call(error), "No space left on device");
    EXPECT_EQ(write_failure_message("db", error), "cannot write database 'db': No space left on device");
}

TEST(FailedWrites, AFileCutShortIsNotAFailedSystemCall) {
    EXPECT_FALSE(failed_system_call(Xapian::DatabaseError("EOF reading block 4")));
    EXPECT_FALSE(failed_system_call(Xapian::DatabaseCorruptError("Expected block 12 to be level 0, not 1")));
}

Xapian::Document document_with(const std::string& term) {
    Xapian::Document document;
    document.add_term(term);
    return document;
}

// A database at `path` holding one committed document, "committed".
Xapian::WritableDatabase database_with_a_commit(const std::string& path) {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
    db.add_document(document_with("committed"));
    db.commit();
    return db;
}

TEST(DiscardOnUnwind, AnExceptionDropsTheBatchInProgress) {
    const test::ScratchDir scratch;
    const std::string path = (scratch.path() / "db").string();
    database_with_a_commit(path).close();
    EXPECT_THROW(
        {
            Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
            const DiscardOnUnwind discard(db);
            db.add_document(document_with("halfway"));
            throw std::runtime_error("the batch is cut off");
        },
        std::runtime_error);
    const Xapian::Database after(path);
    EXPECT_EQ(after.get_doccount(), 1U);
    EXPECT_EQ(after.get_termfreq("halfway"), 0U);
}

TEST(DiscardUncommitted, TheDatabaseClosesWithoutWritingThePendingChanges) {
    const test::ScratchDir scratch;
    const std::string path = (scratch.path() / "db").string();
    {
        Xapian::WritableDatabase db = database_with_a_commit(path);
        db.add_document(document_with("pending"));
        discard_uncommitted(db);
    }
    const Xapian::Database after(path);
    EXPECT_EQ(after.get_doccount(), 1U);
    EXPECT_EQ(after.get_termfreq("pending"), 0U);
}

TEST(DiscardOnUnwind, WithoutAnExceptionTheDatabaseClosesAsUsual) {
    const test::ScratchDir scratch;
    const std::string path = (scratch.path() / "db").string();
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
        const DiscardOnUnwind discard(db);
        db.add_document(document_with("kept"));
    }
    EXPECT_EQ(Xapian::Database(path).get_termfreq("kept"), 1U);
}

}  // namespace
}  // namespace news
