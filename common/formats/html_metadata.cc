#include "formats/html_metadata.h"

#include "formats/html_text.h"
#include "text/news_date.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <regex>
#include <string>
#include <unordered_set>
#include <vector>

namespace news {
namespace {

using html::ascii_space;
using html::lower_ascii;
using html::visible_text;

std::string_view trim_space(std::string_view text) {
    while (!text.empty() && ascii_space(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && ascii_space(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}


std::string json_text(const nlohmann::json& value) {
    if (value.is_string()) return visible_text(value.get<std::string>());
    if (value.is_object()) {
        if (value.contains("name")) return json_text(value["name"]);
        if (value.contains("@value")) return json_text(value["@value"]);
    }
    if (value.is_array()) {
        std::string out;
        for (const auto& item : value) {
            std::string text = json_text(item);
            if (text.empty()) continue;
            if (!out.empty()) out += ", ";
            out += text;
        }
        return out;
    }
    return {};
}

bool is_article_type(const nlohmann::json& type) {
    static const std::regex article_types(
        "^(Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|"
        "OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|"
        "MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|"
        "APIReference|WebPage|Blog)$");
    if (type.is_string()) return std::regex_match(type.get<std::string>(), article_types);
    if (type.is_array()) {
        return std::any_of(type.begin(), type.end(), [](const nlohmann::json& t) { return is_article_type(t); });
    }
    return false;
}

// The first object of an article's type in a JSON-LD block (it may sit in
// an array or an @graph).
const nlohmann::json* find_ld_article(const nlohmann::json& value, int depth = 0) {
    if (depth > 8) return nullptr;
    if (value.is_array()) {
        for (const auto& item : value) {
            if (const auto* found = find_ld_article(item, depth + 1)) return found;
        }
        return nullptr;
    }
    if (!value.is_object()) return nullptr;
    if (value.contains("@type") && is_article_type(value["@type"]) && !(value["@type"] == "WebPage" && !value.contains("headline"))) {
        return &value;
    }
    if (value.contains("@graph")) return find_ld_article(value["@graph"], depth + 1);
    return nullptr;
}

// How much of `b`'s text is made of words also in `a` (Readability's
// _textSimilarity): 1 when all of them.
double text_similarity(std::string_view a, std::string_view b) {
    auto tokens = [](std::string_view text) {
        std::vector<std::string> out;
        std::string current;
        for (const char c : lower_ascii(text)) {
            if (std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80) != 0 || c == '_') {
                current.push_back(c);
            } else if (!current.empty()) {
                out.push_back(std::move(current));
                current.clear();
            }
        }
        if (!current.empty()) out.push_back(std::move(current));
        return out;
    };
    const std::vector<std::string> ta = tokens(a);
    const std::vector<std::string> tb = tokens(b);
    if (ta.empty() || tb.empty()) return 0.0;
    const std::unordered_set<std::string> in_a(ta.begin(), ta.end());
    size_t all = 0;
    size_t unique = 0;
    for (const std::string& t : tb) {
        all += t.size() + 1;
        if (in_a.count(t) == 0) unique += t.size() + 1;
    }
    return 1.0 - static_cast<double>(unique) / static_cast<double>(all);
}

std::string meta_value(const PageHead& head, std::initializer_list<std::string_view> keys, unsigned* line = nullptr) {
    for (const std::string_view key : keys) {
        for (const MetaTag& meta : head.metas) {
            if (meta.key == key && !meta.value.empty()) {
                if (line != nullptr) *line = meta.line;
                return meta.value;
            }
        }
    }
    return {};
}

}  // namespace

void PageMetadata::offer_date(std::string_view text, unsigned line) {
    if (!date.empty()) return;
    date = parse_news_date(text).value_or("");
    if (date.empty() && unreadable_date.empty() && !trim_space(text).empty()) {
        unreadable_date = std::string(trim_space(text));
        unreadable_date_line = line;
    }
}

PageMetadata read_page_metadata(const PageHead& head) {
    PageMetadata m;
    for (const auto& [text, block_line] : head.json_ld) {
        // Some sites wrap the JSON in <![CDATA[ ... ]]>.
        std::string_view block = trim_space(text);
        if (block.starts_with("<![CDATA[")) block.remove_prefix(9);
        if (block.ends_with("]]>")) block.remove_suffix(3);
        const nlohmann::json parsed = nlohmann::json::parse(block, nullptr, false);
        if (parsed.is_discarded()) continue;
        const nlohmann::json* article = find_ld_article(parsed);
        if (article == nullptr) continue;
        const nlohmann::json& a = *article;
        if (m.title.empty()) {
            // Readability's choice between the two: the name, unless only
            // the headline matches the page's <title>.
            const std::string name = a.contains("name") ? json_text(a["name"]) : std::string();
            const std::string headline = a.contains("headline") ? json_text(a["headline"]) : std::string();
            const std::string page_title = title_without_site_suffix(head.title);
            if (!name.empty() && !headline.empty() && name != headline) {
                m.title = text_similarity(headline, page_title) > 0.75 && text_similarity(name, page_title) <= 0.75 ? headline : name;
            } else {
                m.title = name.empty() ? headline : name;
            }
            m.title_line = block_line;
        }
        if (a.contains("datePublished")) m.offer_date(json_text(a["datePublished"]), block_line);
        if (m.author.empty() && a.contains("author")) m.author = json_text(a["author"]);
        if (m.source.empty() && a.contains("publisher")) m.source = json_text(a["publisher"]);
        if (m.section.empty() && a.contains("articleSection")) m.section = json_text(a["articleSection"]);
        if (m.url.empty() && a.contains("url") && a["url"].is_string()) m.url = json_text(a["url"]);
    }
    unsigned line = 0;
    if (std::string title = meta_value(head, {"dc:title", "dcterm:title", "dcterms:title", "og:title", "weibo:article:title",
                                              "weibo:webpage:title", "title", "twitter:title", "parsely-title",
                                              "sailthru:title"}, &line);
        !title.empty() && m.title.empty()) {
        m.title = std::move(title);
        m.title_line = line;
    }
    if (m.date.empty()) {
        for (const std::string_view key : {"article:published_time", "og:article:published_time", "datepublished",
                                           "parsely-pub-date", "publish-date", "publishdate", "pubdate", "date",
                                           "dc:date:issued", "dc:date", "dcterms:date", "dcterms:created", "sailthru:date",
                                           "article:published", "og:published_time", "article:modified_time"}) {
            unsigned date_line = 0;
            const std::string text = meta_value(head, {key}, &date_line);
            m.offer_date(text, date_line);
            if (!m.date.empty()) break;
        }
    }
    if (m.author.empty()) {
        std::string author = meta_value(head, {"dc:creator", "dcterm:creator", "dcterms:creator", "author", "parsely-author",
                                               "sailthru:author", "byl", "article:author"});
        if (!author.starts_with("http://") && !author.starts_with("https://")) m.author = std::move(author);
    }
    if (m.source.empty()) m.source = meta_value(head, {"og:site_name", "dc:publisher", "publisher", "application-name"});
    if (m.section.empty()) m.section = meta_value(head, {"article:section", "parsely-section", "section", "category"});
    if (m.url.empty()) m.url = head.canonical;
    if (m.url.empty()) m.url = meta_value(head, {"og:url"});
    if (m.title.empty() && !head.title.empty()) {
        m.title = title_without_site_suffix(head.title);
        m.title_line = head.title_line;
    }
    return m;
}

std::string clean_byline(std::string byline) {
    std::string text = visible_text(byline);
    const std::string lower = lower_ascii(text);
    if (lower.starts_with("by ")) text = text.substr(3);
    else if (lower.starts_with("by:")) text = text.substr(3);
    const size_t start = text.find_first_not_of(' ');
    return start == std::string::npos ? std::string() : text.substr(start);
}

std::string title_without_site_suffix(std::string_view title) {
    const std::string text = visible_text(title);
    static constexpr std::array<std::string_view, 8> kSeparators{" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                                                 " \\ ", " / ", " > ", " \xC2\xBB "};
    size_t cut = std::string::npos;
    for (const std::string_view separator : kSeparators) {
        const size_t at = text.rfind(separator);
        if (at != std::string::npos && (cut == std::string::npos || at > cut)) cut = at;
    }
    if (cut == std::string::npos || cut == 0) return text;
    const std::string head = text.substr(0, cut);
    const auto words = std::count(head.begin(), head.end(), ' ') + 1;
    return words >= 3 ? head : text;
}

}  // namespace news
