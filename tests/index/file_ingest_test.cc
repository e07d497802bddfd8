// Reading a file the walk found, when the path no longer holds that file by
// the time it is read: each test finds a regular file as the walk does, then
// swaps what is at its path, then reads.
#include "index/file_ingest.h"

#include "test_support.h"
#include "text/content_hash.h"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace news {
namespace {

namespace fs = std::filesystem;

constexpr const char* kArticle = "Title\n\nThe body of the article.\n";
constexpr const char* kSecret = "Secret\n\nroot only secretmarker text\n";

class ReadStampedFileTest : public ::testing::Test {
protected:
    ReadStampedFileTest() {
        article_ = scratch_.write("news/a.txt", kArticle);
        secret_ = scratch_.write("private/secret.txt", kSecret);
    }

    // The walk's view of `path` (a link is followed only when asked).
    FoundFile found(const fs::path& path, bool follow_symlinks = false) const {
        const FileLookup lookup = stat_file(path.string(), {follow_symlinks});
        EXPECT_TRUE(lookup.file.has_value()) << path << ": " << lookup.reason;
        return lookup.file.value_or(FoundFile{});
    }

    // Puts a symbolic link to `target` where `path` was.
    static void replace_by_link(const fs::path& path, const fs::path& target) {
        fs::remove(path);
        fs::create_symlink(target, path);
    }

    test::ScratchDir scratch_;
    fs::path article_;
    fs::path secret_;
};

TEST_F(ReadStampedFileTest, ReadsTheFileWithTheStampOfWhatWasRead) {
    const FoundFile file = found(article_);
    const ReadFile read = read_stamped_file(file);
    ASSERT_EQ(read.refusal, "");
    EXPECT_EQ(read.bytes, kArticle);
    EXPECT_EQ(read.stamp.path, file.path);
    EXPECT_EQ(read.stamp.size, read.bytes.size());
    EXPECT_EQ(read.stamp.mtime_ns, file.mtime_ns);
    EXPECT_EQ(read.stamp.content_hash, content_hash(kArticle));
}

// Regression: the read followed the link, past the no-symlinks rule, and
// indexed the text of a file the user never asked for.
TEST_F(ReadStampedFileTest, RefusesALinkPutInPlaceOfTheFile) {
    const FoundFile file = found(article_);
    replace_by_link(article_, secret_);
    const ReadFile read = read_stamped_file(file);
    EXPECT_EQ(read.refusal, "changed between the walk and the read: now a symbolic link");
    EXPECT_EQ(read.bytes, "");
}

// Regression: opening a FIFO waited for ever for a writer, holding the
// database's write lock.
TEST_F(ReadStampedFileTest, RefusesAFifoPutInPlaceOfTheFileWithoutWaiting) {
    const FoundFile file = found(article_);
    fs::remove(article_);
    ASSERT_EQ(::mkfifo(article_.c_str(), 0644), 0);
    const ReadFile read = read_stamped_file(file);
    EXPECT_EQ(read.refusal, "not a regular file (FIFO)");
}

// Regression: a link to /dev/zero was read until memory ran out.
TEST_F(ReadStampedFileTest, RefusesALinkToADevicePutInPlaceOfTheFile) {
    const FoundFile file = found(article_);
    replace_by_link(article_, "/dev/zero");
    EXPECT_EQ(read_stamped_file(file).refusal, "changed between the walk and the read: now a symbolic link");
}

TEST_F(ReadStampedFileTest, RefusesAFolderSwappedForALinkOnThePath) {
    const fs::path inner = scratch_.write("news/sub/inner.txt", kArticle);
    scratch_.write("private/inner.txt", kSecret);
    const FoundFile file = found(inner);
    fs::rename(scratch_.path() / "news/sub", scratch_.path() / "news/old-sub");
    fs::create_directory_symlink(scratch_.path() / "private", scratch_.path() / "news/sub");
    const ReadFile read = read_stamped_file(file);
    EXPECT_EQ(read.refusal, "changed between the walk and the read: now another file");
    EXPECT_EQ(read.bytes, "");
}

TEST_F(ReadStampedFileTest, RefusesAnotherFileRenamedOverThePath) {
    const FoundFile file = found(article_);
    fs::rename(secret_, article_);
    EXPECT_EQ(read_stamped_file(file).refusal, "changed between the walk and the read: now another file");
}

// Regression: a file that grew past the limit after the walk was read whole.
TEST_F(ReadStampedFileTest, RefusesAFileGrownPastTheLimitAfterTheWalk) {
    const FoundFile file = found(article_);
    {
        std::ofstream grow(article_, std::ios::app);
        grow << std::string(200, 'x');
    }
    const ReadFile read = read_stamped_file(file, 100);
    EXPECT_TRUE(read.refusal.starts_with("too large")) << read.refusal;
    EXPECT_EQ(read.bytes, "");
    EXPECT_EQ(read_stamped_file(file, 1000).refusal, "");
}

TEST_F(ReadStampedFileTest, ReportsAFileGoneSinceTheWalk) {
    const FoundFile file = found(article_);
    fs::remove(article_);
    EXPECT_EQ(read_stamped_file(file).refusal, "cannot open: No such file or directory");
}

// --follow-symlinks: a link the walk followed is read through, as long as
// it still leads to the file the walk saw.
TEST_F(ReadStampedFileTest, ReadsThroughALinkTheWalkFollowed) {
    const fs::path link = scratch_.path() / "news/link.txt";
    fs::create_symlink(article_, link);
    const FoundFile file = found(link, true);
    EXPECT_TRUE(file.followed_link);
    const ReadFile read = read_stamped_file(file);
    EXPECT_EQ(read.refusal, "");
    EXPECT_EQ(read.bytes, kArticle);
    EXPECT_EQ(read.stamp.path, link.string());
}

TEST_F(ReadStampedFileTest, RefusesAFollowedLinkThatNowLeadsElsewhere) {
    const fs::path link = scratch_.path() / "news/link.txt";
    fs::create_symlink(article_, link);
    const FoundFile file = found(link, true);
    replace_by_link(link, secret_);
    EXPECT_EQ(read_stamped_file(file).refusal, "changed between the walk and the read: the link now leads to another file");
    replace_by_link(link, "/dev/zero");
    EXPECT_EQ(read_stamped_file(file).refusal, "not a regular file (character device)");
}

TEST(StatFile, LooksAtALinkAsTheWalkDoes) {
    test::ScratchDir scratch;
    const fs::path target = scratch.write("a.txt", kArticle);
    const fs::path link = scratch.path() / "link.txt";
    fs::create_symlink(target, link);
    EXPECT_EQ(stat_file(link.string(), {false}).reason, "a symbolic link: not followed without --follow-symlinks");
    const FileLookup followed = stat_file(link.string(), {true});
    ASSERT_TRUE(followed.file.has_value());
    struct stat st {};
    ASSERT_EQ(::stat(target.c_str(), &st), 0);
    EXPECT_EQ(followed.file->inode, st.st_ino);
    EXPECT_TRUE(followed.file->followed_link);
    EXPECT_FALSE(stat_file(target.string(), {false}).file->followed_link);
    EXPECT_EQ(stat_file(scratch.path().string(), {false}).reason, "not a regular file (folder)");
}

TEST(WalkInputs, RecordsWhichFileItSawAndWhetherItFollowedALink) {
    test::ScratchDir scratch;
    const fs::path target = scratch.write("news/a.txt", kArticle);
    fs::create_symlink(target, scratch.path() / "news/b.txt");
    const WalkResult walk = walk_inputs({(scratch.path() / "news").string()}, {true});
    ASSERT_EQ(walk.files.size(), 2U);
    EXPECT_FALSE(walk.files[0].followed_link);
    EXPECT_TRUE(walk.files[1].followed_link);
    EXPECT_EQ(walk.files[0].inode, walk.files[1].inode);
    EXPECT_NE(walk.files[0].inode, 0U);
}

}  // namespace
}  // namespace news

namespace news {
namespace {

// A dump or an archive may be far larger than one article.
TEST(MostBytesRead, IsLargerForFilesOfManyArticles) {
    EXPECT_EQ(most_bytes_read("/n/a.txt"), kMaxFileBytes);
    EXPECT_EQ(most_bytes_read("/n/20061020/article"), kMaxFileBytes);
    EXPECT_EQ(most_bytes_read("/n/page.html"), kMaxFileBytes);
    for (const char* path : {"/n/dump.jsonl", "/n/dump.csv", "/n/news.tar.xz", "/n/crawl.warc.gz", "/n/dump.json.gz"}) {
        EXPECT_EQ(most_bytes_read(path), kMaxManyArticlesFileBytes) << path;
    }
}

}  // namespace
}  // namespace news
