#include "formats/archive_reader.h"
#include "formats/archive_writing.h"
#include "formats/article_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

namespace news {
namespace {

using test::Compression;
using test::Member;

const std::string kStory = "Ferry service resumes\n\nThe island ferry sailed again on Tuesday.\n\nPassengers queued "
                           "from dawn.\n";
const std::string kOther = "Storm closes the port\n\nGale-force winds closed the harbour overnight.\n";

// What a container gives, read as news-index reads a file: through the
// reader choose_reader picks for it.
ReadResult read_file(const std::string& path, const std::string& bytes, const ReaderOptions& options = {}) {
    const ReaderChoice choice = choose_reader(path, bytes);
    EXPECT_NE(choice.reader, nullptr) << choice.refusal;
    if (choice.reader == nullptr) return {};
    return choice.reader->read_all(path, bytes, options);
}

std::vector<std::string> records(const ReadResult& result) {
    std::vector<std::string> keys;
    for (const Article& article : result.articles) keys.push_back(article.record);
    return keys;
}

std::string problems_text(const ReadResult& result) {
    std::string text;
    for (const ReadProblem& problem : result.problems) text += problem.where + ": " + problem.reason + "\n";
    return text;
}

TEST(ArchiveReader, ReadsEachMemberOfACompressedTarAsAnArticleOfTheArchive) {
    for (const auto& [compression, path] : std::vector<std::pair<Compression, std::string>>{
             {Compression::none, "/data/news.tar"},
             {Compression::gzip, "/data/news.tar.gz"},
             {Compression::xz, "/data/news.tar.xz"},
             {Compression::zstd, "/data/news.tar.zst"},
             {Compression::bzip2, "/data/news.tar.bz2"},
             // The name says tar; libarchive finds the gzip by itself.
             {Compression::gzip, "/data/news.tar"}}) {
        const std::string tar = test::write_tar(
            {{"news/20061020/ferry", kStory}, {"news/sport/storm.txt", kOther}, {"news/README.md", "# about\n"}},
            compression);
        const ReadResult result = read_file(path, tar);
        EXPECT_EQ(problems_text(result), "");
        ASSERT_EQ(records(result), (std::vector<std::string>{"news/20061020/ferry", "news/sport/storm.txt"}));
        const Article& ferry = result.articles[0];
        EXPECT_EQ(ferry.path, path);
        EXPECT_EQ(ferry.title, "Ferry service resumes");
        // The member's folders mean what a plain file's do: a per-day
        // folder is its date, another its section.
        EXPECT_EQ(ferry.date, "2006-10-20");
        EXPECT_EQ(result.articles[1].section, "sport");
        // Lines are the member's lines.
        ASSERT_EQ(ferry.paragraphs.size(), 2U);
        EXPECT_EQ(ferry.paragraphs[1].first_line(), 5U);
        // The README is no article file: passed over, not a problem.
        ASSERT_EQ(result.passed_over.size(), 1U);
        EXPECT_EQ(result.passed_over[0].where, path + "//news/README.md");
        EXPECT_EQ(result.passed_over[0].what, "not an article file");
    }
}

TEST(ArchiveReader, ChoosesByTheExtensionsOfTheContainerAndOfWhatItHolds) {
    for (const char* name : {"readme-of-the-budget.txt", "a.tar", "a.tar.gz", "a.tgz", "a.tar.xz", "a.txz", "a.tar.zst", "a.tar.bz2", "a.zip",
                             "A.TAR.GZ", "story.txt.gz", "story.gz", "story.txt.xz", "story.txt.zst", "story.txt.bz2",
                             "crawl.warc", "crawl.warc.gz"}) {
        EXPECT_TRUE(has_reader_for(std::string("/d/") + name)) << name;
    }
    // A compressed file of something no reader takes is no article file,
    // nor is what a collection says about itself (BBC's README.TXT).
    for (const char* name : {"photo.jpg.gz", "notes.md.xz", "a.gz.jpg", "README.TXT", "readme", "LICENSE",
                             "COPYING.txt", "data.tar.gz/README"}) {
        EXPECT_FALSE(has_reader_for(std::string("/d/") + name)) << name;
    }
    EXPECT_EQ(choose_reader("/d/a.tar.xz", "x").reader->name(), "archive");
    EXPECT_EQ(choose_reader("/d/a.zip", "x").reader->name(), "archive");
    EXPECT_EQ(choose_reader("/d/story.txt.gz", "x").reader->name(), "compressed");
    EXPECT_EQ(choose_reader("/d/crawl.warc.gz", "x").reader->name(), "warc");
}

TEST(ArchiveReader, ChoosesByTheFirstBytesWhenTheNameHasNoExtension) {
    EXPECT_EQ(choose_reader("/d/dump", test::compress(kStory, Compression::gzip)).reader->name(), "compressed");
    EXPECT_EQ(choose_reader("/d/dump", test::compress(kStory, Compression::xz)).reader->name(), "compressed");
    EXPECT_EQ(choose_reader("/d/dump", test::compress(kStory, Compression::zstd)).reader->name(), "compressed");
    EXPECT_EQ(choose_reader("/d/dump", test::compress(kStory, Compression::bzip2)).reader->name(), "compressed");
    EXPECT_EQ(choose_reader("/d/dump", test::write_tar({{"a", kStory}})).reader->name(), "archive");
    EXPECT_EQ(choose_reader("/d/dump", test::write_zip({{"a", kStory}})).reader->name(), "archive");
    EXPECT_EQ(choose_reader("/d/dump", "WARC/1.0\r\n").reader->name(), "warc");
    // A text that starts like bzip2's "BZh" is still text.
    EXPECT_EQ(choose_reader("/d/story", "BZh9 is a headline\n\nText.\n").reader->name(), "text");
    // With an extension, the bytes do not choose: a .txt is text or binary.
    EXPECT_EQ(choose_reader("/d/story.txt", test::compress(kStory, Compression::gzip)).reader, nullptr);
    // A gzip without extension is read through to the text it holds.
    const ReadResult result = read_file("/d/20061020/story", test::compress(kStory, Compression::gzip));
    ASSERT_EQ(result.articles.size(), 1U);
    EXPECT_EQ(result.articles[0].title, "Ferry service resumes");
}

TEST(ArchiveReader, ReadsACompressedFileAsTheFileItHolds) {
    for (const Compression compression : {Compression::gzip, Compression::xz, Compression::zstd, Compression::bzip2}) {
        const ReadResult result = read_file("/data/sport/story.txt.gz", test::compress(kStory, compression));
        EXPECT_EQ(problems_text(result), "");
        ASSERT_EQ(result.articles.size(), 1U);
        const Article& article = result.articles[0];
        EXPECT_EQ(article.path, "/data/sport/story.txt.gz");
        EXPECT_EQ(article.record, "");  // the inner reader's record: a file of one article
        EXPECT_EQ(article.title, "Ferry service resumes");
        EXPECT_EQ(article.section, "sport");
        EXPECT_EQ(article.paragraphs[0].first_line(), 3U);
    }
    // Compressed twice: libarchive undoes both.
    const ReadResult twice = read_file("/d/story.txt.gz.xz", test::compress(test::compress(kStory, Compression::gzip),
                                                                           Compression::xz));
    EXPECT_EQ(problems_text(twice), "");
    EXPECT_EQ(twice.articles.size(), 1U);
}

TEST(ArchiveReader, ReadsATarGzInsideAZip) {
    const std::string inner = test::write_tar({{"2006/10/20/ferry", kStory}, {"2006/10/21/storm", kOther}},
                                              Compression::gzip);
    const std::string zip = test::write_zip({{"first.txt", kOther}, {"packs/week.tar.gz", inner}});
    const ReadResult result = read_file("/data/news.zip", zip);
    EXPECT_EQ(problems_text(result), "");
    EXPECT_EQ(records(result), (std::vector<std::string>{"first.txt", "packs/week.tar.gz//2006/10/20/ferry",
                                                         "packs/week.tar.gz//2006/10/21/storm"}));
    for (const Article& article : result.articles) {
        EXPECT_EQ(article.path, "/data/news.zip");
        // Plain-text members: their lines count in the member the key names.
        EXPECT_EQ(article.member, article.record);
    }
    EXPECT_EQ(result.articles[1].title, "Ferry service resumes");
}

TEST(ArchiveReader, StopsAtATruncatedGzipKeepingTheMembersBefore) {
    // Words that do not repeat much, so the cut falls in the last member.
    std::string long_story = "Long story\n\n";
    for (unsigned i = 0; i < 20000; ++i) long_story += "word" + std::to_string(i * 7919 % 100003) + (i % 12 == 11 ? "\n" : " ");
    const std::string tar = test::write_tar({{"a.txt", kStory}, {"b.txt", kOther}, {"c.txt", long_story}, {"d.txt", kOther}},
                                            Compression::gzip);
    const ReadResult result = read_file("/data/cut.tar.gz", tar.substr(0, tar.size() * 2 / 3));
    EXPECT_EQ(records(result), (std::vector<std::string>{"a.txt", "b.txt"}));
    ASSERT_EQ(result.problems.size(), 1U) << problems_text(result);
    EXPECT_EQ(result.problems[0].where, "/data/cut.tar.gz//c.txt");
    EXPECT_NE(result.problems[0].reason.find("truncated"), std::string::npos) << result.problems[0].reason;
}

TEST(ArchiveReader, ReadsWhatATruncatedCompressedFileHoldsAndSaysItWasCut) {
    // Large enough that libarchive starts reading before it meets the cut.
    std::string text = "Headline\n\n";
    for (unsigned i = 0; i < 200000; ++i) text += "line " + std::to_string(i * 7919 % 100003) + "\n";
    const std::string gz = test::compress(text, Compression::gzip);
    const ReadResult result = read_file("/data/story.txt.gz", gz.substr(0, gz.size() / 2));
    ASSERT_EQ(result.problems.size(), 1U) << problems_text(result);
    EXPECT_EQ(result.problems[0].where, "/data/story.txt.gz");
    EXPECT_NE(result.problems[0].reason.find("truncated or damaged"), std::string::npos) << result.problems[0].reason;
    ASSERT_EQ(result.articles.size(), 1U);
    EXPECT_EQ(result.articles[0].title, "Headline");
}

TEST(ArchiveReader, StopsADecompressionBombWithOneProblemKeepingWhatCameBefore) {
    // 1 GiB of zeros in 40 KB of zstd.
    const std::string bomb = test::write_zero_bomb_tar({{"a.txt", kStory}}, "zeros.txt", uint64_t{1} << 30);
    ASSERT_LT(bomb.size(), 1U << 20);
    const ReadResult result = read_file("/data/bomb.tar.zst", bomb);
    EXPECT_EQ(records(result), (std::vector<std::string>{"a.txt"}));
    ASSERT_EQ(result.problems.size(), 1U) << problems_text(result);
    EXPECT_EQ(result.problems[0].where, "/data/bomb.tar.zst//zeros.txt");
    EXPECT_NE(result.problems[0].reason.find("decompression bomb"), std::string::npos);
    EXPECT_NE(result.problems[0].reason.find("64 MiB"), std::string::npos) << result.problems[0].reason;
}

TEST(ArchiveReader, StopsAGzipBombOfConcatenatedMembers) {
    // gzip members decompress one after the other: 1,024 of 1 MiB of
    // spaces each is 1 GiB out of about 1 MB.  (Zeros would be read as an
    // empty tar, whose end is two blocks of zeros, and stop at once.)
    const std::string one = test::compress(std::string(1 << 20, ' '), Compression::gzip);
    std::string bomb;
    for (unsigned i = 0; i < 1024; ++i) bomb += one;
    const ReadResult result = read_file("/data/zeros.txt.gz", bomb);
    EXPECT_TRUE(result.articles.empty());
    ASSERT_EQ(result.problems.size(), 1U) << problems_text(result);
    EXPECT_EQ(result.problems[0].where, "/data/zeros.txt.gz");
    EXPECT_NE(result.problems[0].reason.find("decompression bomb"), std::string::npos) << result.problems[0].reason;
}

TEST(ArchiveReader, RefusesContainersNestedDeeperThanTheBound) {
    // Four containers deep is read; a fifth is refused with one problem.
    auto nest = [](unsigned levels) {
        std::string bytes = test::write_tar({{"story.txt", kStory}});
        for (unsigned level = 1; level < levels; ++level) {
            bytes = test::write_tar({{"level" + std::to_string(level) + ".tar", bytes}});
        }
        return bytes;
    };
    const ReadResult four = read_file("/d/nest.tar", nest(kMaxContainerDepth));
    EXPECT_EQ(problems_text(four), "");
    EXPECT_EQ(records(four), (std::vector<std::string>{"level3.tar//level2.tar//level1.tar//story.txt"}));

    const ReadResult five = read_file("/d/nest.tar", nest(kMaxContainerDepth + 1));
    EXPECT_TRUE(five.articles.empty());
    ASSERT_EQ(five.problems.size(), 1U);
    EXPECT_EQ(five.problems[0].where, "/d/nest.tar//level4.tar//level3.tar//level2.tar//level1.tar");
    EXPECT_EQ(five.problems[0].reason, "nested more than 4 containers deep: not read");

    // The depth the caller gives counts too.
    ReaderOptions deep;
    deep.depth = kMaxContainerDepth;
    EXPECT_EQ(read_file("/d/a.tar", test::write_tar({{"a.txt", kStory}}), deep).problems.size(), 1U);
}

TEST(ArchiveReader, KeepsDangerousMemberNamesAsKeysAndWritesNothing) {
    const std::string escape = "red\x1b[31m\nline.txt";
    const std::string tar =
        test::write_tar({{"../../evil.txt", kStory}, {"/etc/passwd.txt", kOther}, {escape, kStory}}, Compression::gzip);
    const auto before = std::distance(std::filesystem::directory_iterator("."), {});
    const ReadResult result = read_file("/data/odd.tar.gz", tar);
    EXPECT_EQ(problems_text(result), "");
    EXPECT_EQ(records(result), (std::vector<std::string>{"../../evil.txt", "/etc/passwd.txt", escape}));
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator("."), {}), before);
    EXPECT_FALSE(std::filesystem::exists("../../evil.txt"));
}

TEST(ArchiveReader, PassesOverHiddenAndForeignMembersAndReportsUnreadableOnes) {
    const std::string zip = test::write_zip({{"a.txt", kStory},
                                             {"__MACOSX/._a.txt", std::string("\0\5\26\7", 4)},
                                             {"logo.png", "\x89PNG"},
                                             {"blob", std::string("\0\1\2", 3)},
                                             {"empty.txt", ""},
                                             {"dir/", ""}});
    const ReadResult result = read_file("/d/x.zip", zip);
    EXPECT_EQ(records(result), (std::vector<std::string>{"a.txt"}));
    ASSERT_EQ(result.passed_over.size(), 2U);
    EXPECT_EQ(result.passed_over[0].what, "hidden file");
    EXPECT_EQ(result.passed_over[1].where, "/d/x.zip//logo.png");
    // What a folder's walk would report of a file, a member's reports too.
    ASSERT_EQ(result.problems.size(), 2U) << problems_text(result);
    EXPECT_EQ(result.problems[0].where, "/d/x.zip//blob");
    EXPECT_NE(result.problems[0].reason.find("binary"), std::string::npos);
    EXPECT_EQ(result.problems[1].where, "/d/x.zip//empty.txt");
    EXPECT_EQ(result.problems[1].reason, "empty file");
}

TEST(ArchiveReader, ReportsEachEncryptedMemberAndGoesOn) {
    const std::string zip = test::write_encrypted_zip({{"a.txt", kStory}, {"README.md", "x"}, {"b.txt", kOther}});
    const ReadResult result = read_file("/d/x.zip", zip);
    EXPECT_TRUE(result.articles.empty());
    ASSERT_EQ(result.problems.size(), 2U) << problems_text(result);
    EXPECT_EQ(result.problems[0].where, "/d/x.zip//a.txt");
    EXPECT_TRUE(result.problems[0].reason.starts_with("unreadable (")) << result.problems[0].reason;
    EXPECT_EQ(result.problems[1].where, "/d/x.zip//b.txt");
    // A member passed over is not read, so its encryption is no problem.
    ASSERT_EQ(result.passed_over.size(), 1U);
}

TEST(ArchiveReader, SaysWhatIsNeitherAnArchiveNorCompressed) {
    const ReadResult not_zip = read_file("/d/x.zip", "just text\n");
    ASSERT_EQ(not_zip.problems.size(), 1U);
    EXPECT_EQ(not_zip.problems[0].where, "/d/x.zip");
    const ReadResult not_gz = read_file("/d/x.txt.gz", "just text\n");
    ASSERT_EQ(not_gz.problems.size(), 1U);
    EXPECT_EQ(not_gz.problems[0].reason, "neither an archive (tar, zip) nor compressed (gzip, xz, zstd, bzip2)");
    EXPECT_TRUE(not_gz.articles.empty());
}

TEST(ArchiveReader, NamesTheContentOfACompressedFile) {
    EXPECT_EQ(without_compression_extension("dump.jsonl.gz"), "dump.jsonl");
    EXPECT_EQ(without_compression_extension("news.TGZ"), "news.tar");
    EXPECT_EQ(without_compression_extension("a.txt.zst"), "a.txt");
    EXPECT_EQ(without_compression_extension("a.txt"), "a.txt");
    EXPECT_EQ(without_compression_extension(".gz"), ".gz");
    EXPECT_EQ(compression_extension("x.tar.bz2"), ".bz2");
}

}  // namespace
}  // namespace news
