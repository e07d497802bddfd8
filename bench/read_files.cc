// news-read-files: how long reading alone takes, without indexing: every
// file the walk finds under the inputs, read whole and handed to the reader
// choose_reader picks, its articles counted and dropped.  Compares a corpus
// read from its archive with the same corpus extracted (docs/formats.md,
// "Archives, compressed files and WARC").
//
//   news-read-files INPUT...
//
// Prints articles, problems, members passed over, wall and CPU seconds and
// the peak resident size.
#include "formats/article_reader.h"
#include "formats/file_walker.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

struct Counts final : news::ReadSink {
    size_t articles = 0;
    size_t paragraphs = 0;
    size_t problems = 0;
    size_t passed = 0;
    void article(news::Article article) override {
        ++articles;
        paragraphs += article.paragraphs.size();
    }
    void problem(news::ReadProblem problem) override {
        if (++problems <= 5) std::fprintf(stderr, "problem: %s: %s\n", problem.where.c_str(), problem.reason.c_str());
    }
    void passed_over(news::PassedOver /*what*/) override { ++passed; }
};

double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: news-read-files INPUT...\n");
        return 2;
    }
    const auto start = std::chrono::steady_clock::now();
    const std::vector<std::string> inputs(argv + 1, argv + argc);
    const news::WalkResult walk = news::walk_inputs(inputs, {});
    Counts counts;
    size_t files = 0;
    size_t ignored = 0;
    size_t refused = 0;
    std::string bytes;
    for (const news::FoundFile& file : walk.files) {
        if (!news::has_reader_for(file.path)) {
            ++ignored;
            continue;
        }
        std::ifstream in(file.path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
        ++files;
        const news::ReaderChoice choice = news::choose_reader(file.path, bytes);
        if (choice.reader == nullptr) {
            ++refused;
            continue;
        }
        choice.reader->read(file.path, bytes, {}, counts);
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("files %zu (ignored %zu, refused %zu)  articles %zu  paragraphs %zu  problems %zu  passed over %zu\n",
                files, ignored, refused, counts.articles, counts.paragraphs, counts.problems, counts.passed);
    std::printf("wall %.2f s  cpu %.2f s  peak RSS %.0f MiB\n", wall, cpu_seconds(),
                static_cast<double>(usage.ru_maxrss) / 1024.0);
    return 0;
}
