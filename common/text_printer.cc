#include "file_walker.h"
#include "result_printer.h"

#include <string_view>

namespace news {
namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kGreen = "\x1b[32m";
constexpr std::string_view kMatch = "\x1b[1;31m";
constexpr std::string_view kReset = "\x1b[0m";
// Ends a title or passage shown in part (result_printer.h, kMaxShownTextBytes).
constexpr std::string_view kEllipsis = " \u2026";

// Control characters in file text must not reach a terminal as commands.
std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) {
            out.push_back(c == '\t' ? '\t' : ' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

class TextPrinter final : public ResultPrinter {
public:
    TextPrinter(std::ostream& out, TextStyle style) : out_(out), style_(std::move(style)) {}

    void print_hit(const SearchHit& hit) override {
        if (printed_any_) out_ << '\n';
        printed_any_ = true;
        const ArticleRecord& article = hit.article;
        const ShownText title = shown_text(article.title);
        out_ << hit.rank << ". "
             << paint(kBold, printable(article.title.empty() ? "(no title)" : title.text) +
                                 (title.truncated ? std::string(kEllipsis) : ""))
             << '\n';
        std::string meta;
        auto add = [&meta](const std::string& part) {
            if (part.empty()) return;
            if (!meta.empty()) meta += " | ";
            meta += part;
        };
        add(article.source);
        add(article.date);
        add(article.section);
        add(article.author.empty() ? "" : "by " + article.author);
        if (!meta.empty()) out_ << "   " << paint(kDim, printable(meta)) << '\n';
        for (const PassageHit& passage : hit.passages) {
            out_ << "   " << paint(kGreen, printable(display_path(article.path))) << ':' << passage.line << '\n';
            out_ << "   " << marked(passage) << '\n';
        }
    }

private:
    std::string paint(std::string_view colour, const std::string& text) const {
        if (!style_.colour) return text;
        return std::string(colour) + text + std::string(kReset);
    }

    std::string marked(const PassageHit& passage) const {
        const ShownText shown = shown_text(passage.text);
        std::string out;
        size_t at = 0;
        for (const auto& [begin, end] : passage.matches) {
            if (end > shown.text.size()) break;
            out += printable(shown.text.substr(at, begin - at));
            out += paint(kMatch, printable(shown.text.substr(begin, end - begin)));
            at = end;
        }
        out += printable(shown.text.substr(at));
        if (shown.truncated) {
            out += std::string(kEllipsis) + " " +
                   paint(kDim, "[truncated: " + std::to_string(passage.text.size()) + " bytes in all]");
        }
        return out;
    }

    std::string display_path(const std::string& path) const {
        const std::string& base = style_.relative_to;
        if (!base.empty() && base != "/" && path_is_under(path, base) && path.size() > base.size()) {
            return path.substr(base.size() + 1);
        }
        return path;
    }

    std::ostream& out_;
    TextStyle style_;
    bool printed_any_ = false;
};

}  // namespace

std::unique_ptr<ResultPrinter> make_text_printer(std::ostream& out, TextStyle style) {
    return std::make_unique<TextPrinter>(out, std::move(style));
}

}  // namespace news
