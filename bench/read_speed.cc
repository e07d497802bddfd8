// How fast the readers turn bytes into articles, parsing only: every file
// under the paths is loaded into memory first, then read by the reader
// choose_reader picks for it, and the time of the reading alone is
// reported (docs/benchmarks.md, "Reading JSON and CSV dumps"; a corpus from
// its archive against the same corpus extracted: docs/formats.md,
// "Archives, compressed files and WARC").
//
//   news-read-speed /tmp/dumps-bench/extracted /tmp/dumps-bench/reuters-106k.jsonl
#include "formats/article_reader.h"
#include "formats/file_walker.h"
#include "text/story_sketch.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Counting final : news::ReadSink {
    size_t articles = 0;
    size_t problems = 0;
    size_t paragraphs = 0;
    void article(news::Article article) override {
        ++articles;
        paragraphs += article.paragraphs.size();
        std::string body;
        for (const news::Paragraph& paragraph : article.paragraphs) {
            if (!body.empty()) body += '\n';
            body += paragraph.text;
        }
        bodies.push_back(std::move(body));
    }
    // What news-index sketches for folding versions of a story (issue 19),
    // timed on its own after the reading.
    std::vector<std::string> bodies;
    void problem(news::ReadProblem /*problem*/) override { ++problems; }
    void passed_over(news::PassedOver /*what*/) override { ++passed_over_; }
    size_t passed_over_ = 0;
};

// This process's CPU time: steadier than the wall clock on a busy machine.
double cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: news-read-speed PATH...  (each file or folder timed on its own)\n");
        return 2;
    }
    for (int i = 1; i < argc; ++i) {
        const news::WalkResult walk = news::walk_inputs({argv[i]}, {});
        std::vector<std::pair<std::string, std::string>> files;
        size_t bytes = 0;
        for (const news::FoundFile& file : walk.files) {
            if (!news::has_reader_for(file.path)) continue;
            std::ifstream in(file.path, std::ios::binary);
            std::stringstream content;
            content << in.rdbuf();
            files.emplace_back(file.path, content.str());
            bytes += files.back().second.size();
        }
        Counting sink;
        std::map<std::string, size_t> readers;
        const auto start = std::chrono::steady_clock::now();
        const double cpu_start = cpu_seconds();
        for (const auto& [path, content] : files) {
            const news::ReaderChoice choice = news::choose_reader(path, content);
            if (choice.reader == nullptr) continue;
            readers[std::string(choice.reader->name())]++;
            choice.reader->read(path, content, {}, sink);
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double cpu = cpu_seconds() - cpu_start;
        std::string reader_names;
        for (const auto& [name, count] : readers) reader_names += (reader_names.empty() ? "" : ",") + name;
        const double megabytes = static_cast<double>(bytes) / 1e6;
        const double sketch_start = cpu_seconds();
        size_t sketched = 0;
        for (const std::string& body : sink.bodies) sketched += news::sketch_story(body).has_value() ? 1U : 0U;
        const double sketch_cpu = cpu_seconds() - sketch_start;
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        std::printf("%s: %zu files (%s), %.1f MB, %zu articles, %zu paragraphs, %zu problems, %zu passed over: "
                    "%.2f s wall, %.2f s CPU, %.1f MB/s and %.0f articles/s of CPU, peak RSS so far %.0f MiB\n",
                    argv[i], files.size(), reader_names.c_str(), megabytes, sink.articles, sink.paragraphs,
                    sink.problems, sink.passed_over_, seconds, cpu, megabytes / cpu,
                    static_cast<double>(sink.articles) / cpu, static_cast<double>(usage.ru_maxrss) / 1024.0);
        std::printf("%s: story sketches of %zu bodies: %.2f s CPU, %.1f us an article\n", argv[i], sketched, sketch_cpu,
                    sink.bodies.empty() ? 0.0 : sketch_cpu * 1e6 / static_cast<double>(sink.bodies.size()));
    }
    return 0;
}
