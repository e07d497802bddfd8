// How news-index tells the user what it is doing: skips and (with
// --verbose) every change as they happen, a progress line on a terminal, and
// one summary line at the end.
#pragma once

#include "index/indexer.h"

#include <chrono>
#include <ostream>
#include <string>

namespace news {

class IndexReporter final : public IndexObserver {
public:
    IndexReporter(std::ostream& err, bool quiet, bool verbose, bool terminal);

    void skipped(const std::string& where, const std::string& reason) override;
    void indexed(const std::string& path, const std::string& what) override;
    void note(const std::string& message) override;
    void progress(const IndexProgress& progress) override;

    void print_summary(const IndexSummary& summary, const std::string& db_path);

private:
    void clear_progress_line();

    std::ostream& err_;
    bool quiet_;
    bool verbose_;
    bool terminal_;
    bool progress_shown_ = false;
    std::chrono::steady_clock::time_point last_progress_{};
};

// "62 new, 0 changed, 0 unchanged, 0 removed, 1 duplicate, 2 skipped (1
// binary, 1 empty) in 0.41 s"
std::string summary_line(const IndexSummary& summary);

}  // namespace news
