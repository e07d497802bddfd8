#include "index_progress.h"

#include "output/terminal_text.h"

#include <cmath>
#include <cstdio>

namespace news {
namespace {

std::string format_seconds(double seconds) {
    char buffer[32];
    if (seconds < 60) {
        std::snprintf(buffer, sizeof buffer, "%.2f s", seconds);
    } else {
        const long whole = std::lround(seconds);
        std::snprintf(buffer, sizeof buffer, "%ldm%02lds", whole / 60, whole % 60);
    }
    return buffer;
}

std::string plural(size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

IndexReporter::IndexReporter(std::ostream& err, bool quiet, bool verbose, bool terminal)
    : err_(err), quiet_(quiet), verbose_(verbose), terminal_(terminal) {}

void IndexReporter::clear_progress_line() {
    if (progress_shown_) {
        err_ << "\r\x1b[K";
        progress_shown_ = false;
    }
}

// Names come from the files (and reasons and notes may hold names): each
// is escaped, so one message is one line and a name cannot drive the terminal.
void IndexReporter::skipped(const std::string& where, const std::string& reason) {
    clear_progress_line();
    err_ << "news-index: skipped " << terminal_safe(where) << ": " << terminal_safe(reason) << '\n';
}

void IndexReporter::indexed(const std::string& path, const std::string& what) {
    if (!verbose_) return;
    clear_progress_line();
    err_ << "news-index: " << terminal_safe(path) << ": " << terminal_safe(what) << '\n';
}

void IndexReporter::note(const std::string& message) {
    if (!verbose_) return;
    clear_progress_line();
    err_ << "news-index: " << terminal_safe(message) << '\n';
}

void IndexReporter::progress(const IndexProgress& progress) {
    if (quiet_ || !terminal_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_progress_ < std::chrono::milliseconds(200) && progress.files_done < progress.files_total) {
        return;
    }
    last_progress_ = now;
    const double seconds = std::max(progress.seconds, 1e-6);
    const double articles_per_second = static_cast<double>(progress.articles_written) / seconds;
    const double megabytes_per_second = static_cast<double>(progress.bytes_done) / 1e6 / seconds;
    const double remaining = progress.bytes_done == 0
                                 ? 0
                                 : seconds * static_cast<double>(progress.bytes_total - progress.bytes_done) /
                                       static_cast<double>(progress.bytes_done);
    char line[160];
    std::snprintf(line, sizeof line, "%zu/%zu files, %.0f articles/s, %.1f MB/s, ETA %s", progress.files_done,
                  progress.files_total, articles_per_second, megabytes_per_second, format_seconds(remaining).c_str());
    err_ << "\r\x1b[K" << line << std::flush;
    progress_shown_ = true;
}

std::string summary_line(const IndexSummary& summary) {
    const IndexCounts& c = summary.counts;
    std::string line = std::to_string(c.added) + " new, " + std::to_string(c.changed) + " changed, " +
                       std::to_string(c.unchanged) + " unchanged, " + std::to_string(c.removed) + " removed, " +
                       plural(c.duplicates, "duplicate", "duplicates") + ", " + std::to_string(c.skipped) +
                       " skipped";
    if (!summary.skips_by_kind.empty()) {
        std::string reasons;
        for (const auto& [kind, count] : summary.skips_by_kind) {
            if (!reasons.empty()) reasons += ", ";
            reasons += std::to_string(count) + " " + kind;
        }
        line += " (" + reasons + ")";
    }
    if (c.ignored > 0) line += ", " + std::to_string(c.ignored) + " ignored (not article files)";
    return line + " in " + format_seconds(summary.seconds);
}

void IndexReporter::print_summary(const IndexSummary& summary, const std::string& db_path) {
    clear_progress_line();
    if (quiet_) return;
    err_ << "news-index: " << summary_line(summary) << "; " << terminal_safe(db_path) << " holds "
         << plural(summary.articles_in_database, "article", "articles")
         << (summary.shards > 0 ? " in " + plural(summary.shards, "shard", "shards") : "") << " (" << summary.counts.passages
         << " passages written, " << summary.analysis.language << ")\n";
}

}  // namespace news
