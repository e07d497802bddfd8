#include "formats/file_walker.h"
#include "output/count_charts.h"
#include "output/explanation_text.h"
#include "output/result_printer.h"
#include "output/terminal_text.h"

#include <string_view>

namespace news {
namespace {

// Ends a title or passage shown in part (result_printer.h, kMaxShownTextBytes).
constexpr std::string_view kEllipsis = " \u2026";

class TextPrinter final : public ResultPrinter {
public:
    TextPrinter(std::ostream& out, TextStyle style) : out_(out), style_(std::move(style)) {}

    void start(const SearchResults& results) override {
        // A blank line after it, whatever comes next (the count line of
        // --count-only is not the printer's).
        if (results.explanation) out_ << query_explanation_lines(*results.explanation, style_) << '\n';
    }

    void print_spelling(const SpellingSuggestion& spelling) override {
        if (style_.messages == nullptr) return;
        std::ostream& out = *style_.messages;
        out << "news-query: did you mean: " << terminal_safe(spelling.suggestion) << '\n';
        if (spelling.searched) {
            out << "news-query: nothing matched the query as typed; showing the results of the suggestion\n";
        }
    }

    void print_hit(const SearchHit& hit) override {
        if (printed_any_) out_ << '\n';
        printed_any_ = true;
        const ArticleRecord& article = hit.article;
        const ShownText title = shown_text(article.title);
        out_ << hit.rank << ". "
             << paint(kAnsiBold, terminal_safe(article.title.empty() ? "(no title)" : title.text) +
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
        if (!meta.empty()) out_ << "   " << paint(kAnsiDim, terminal_safe(meta)) << '\n';
        if (hit.explanation) out_ << hit_score_lines(*hit.explanation, hit.score, style_);
        for (size_t i = 0; i < hit.passages.size(); ++i) {
            const PassageHit& passage = hit.passages[i];
            out_ << "   " << paint(kAnsiGreen, terminal_safe(display_path(article))) << ':' << passage.line << '\n';
            out_ << "   " << marked(passage) << '\n';
            if (hit.explanation && i < hit.explanation->passages.size()) {
                out_ << passage_choice_line(hit.explanation->passages[i], style_);
            }
        }
        if (!hit.copies.empty()) {
            const std::string places = listed(hit.copies, hit.copies_total, [this](const TextCopy& copy) {
                return display_path(copy.article) + ":" + std::to_string(copy.line);
            });
            out_ << "   " << paint(kAnsiDim, "same text also at: " + terminal_safe(places)) << '\n';
        }
        if (!hit.similar.empty()) {
            // "2 similar: Reuters 2007-06-18 /data/a:5, ..." - who printed
            // the story and when is what tells its versions apart.
            const std::string versions = listed(hit.similar, hit.similar_total, [this](const SimilarArticle& version) {
                std::string who = version.article.source;
                if (!version.article.date.empty()) who += (who.empty() ? "" : " ") + version.article.date.substr(0, 10);
                return (who.empty() ? "" : who + " ") + display_path(version.article) + ":" +
                       std::to_string(version.line);
            });
            out_ << "   " << paint(kAnsiDim, std::to_string(hit.similar_total) + " similar: " + terminal_safe(versions))
                 << '\n';
        }
    }

    // "a, b and 3 more": the articles listed under a hit, of `total`.
    template <typename Item, typename Describe>
    static std::string listed(const std::vector<Item>& items, size_t total, Describe&& describe) {
        std::string out;
        for (const Item& item : items) out += (out.empty() ? "" : ", ") + describe(item);
        if (total > items.size()) out += " and " + std::to_string(total - items.size()) + " more";
        return out;
    }

    // The counts asked for, after the hits, each after a blank line.
    void finish(const SearchResults& results) override {
        for (const FacetCounts& facet : results.facets) section(facet_table(facet, style_));
        if (results.timeline) section(timeline_chart(*results.timeline, style_));
        if (!results.top_words.empty() || results.top_words_from > 0) {
            section(top_words_list(results.top_words, results.top_words_from, style_));
        }
    }

private:
    void section(const std::string& lines) {
        if (printed_any_) out_ << '\n';
        printed_any_ = true;
        out_ << lines;
    }

    std::string paint(std::string_view colour, const std::string& text) const {
        return painted(style_, colour, text);
    }

    // The matches are byte ranges of the original text: each piece between
    // them is escaped on its own, so the ranges still cut the text where
    // the highlighter meant.
    std::string marked(const PassageHit& passage) const {
        const ShownText shown = shown_text(passage.text);
        const std::string_view text = shown.text;
        std::string out;
        out.reserve(text.size() + passage.matches.size() * (kAnsiMatch.size() + kAnsiReset.size()));
        size_t at = 0;
        for (const auto& [begin, end] : passage.matches) {
            if (end > text.size()) break;
            append_terminal_safe(out, text.substr(at, begin - at));
            if (style_.colour) out += kAnsiMatch;
            append_terminal_safe(out, text.substr(begin, end - begin));
            if (style_.colour) out += kAnsiReset;
            at = end;
        }
        append_terminal_safe(out, text.substr(at));
        if (shown.truncated) {
            out += std::string(kEllipsis) + " " +
                   paint(kAnsiDim, "[truncated: " + std::to_string(passage.text.size()) + " bytes in all]");
        }
        return out;
    }

    // An archive member's lines count in the member: "news.tar.xz//2006/10/20/article".
    std::string display_path(const ArticleRecord& article) const {
        const std::string& path = article.path;
        const std::string& base = style_.relative_to;
        std::string shown = path;
        if (!base.empty() && base != "/" && path_is_under(path, base) && path.size() > base.size()) {
            shown = path.substr(base.size() + 1);
        }
        if (!article.member.empty()) shown += "//" + article.member;
        return shown;
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
