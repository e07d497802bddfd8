#include "formats/html_reader.h"

#include "formats/html_metadata.h"
#include "formats/html_text.h"
#include "text/text_decoding.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace news {
namespace {

using html::append_visible;
using html::ascii_space;
using html::code_points;
using html::contains_ci;
using html::count_commas;
using html::equals_ci;
using html::lower_ascii;
using html::visible_text;

// ---------------------------------------------------------------------------
// Our own tree over gumbo's: nodes can be dropped, scored and wrapped
// without touching gumbo's output.

struct Node {
    GumboTag tag = GUMBO_TAG_UNKNOWN;
    bool is_text = false;
    bool removed = false;
    bool synthetic = false;  // a <p> made around loose text in a <div>
    std::string_view text;   // a text node's decoded text
    unsigned line = 0;       // 1-based source line where the node starts
    unsigned last_line = 0;  // a text node's source line where it ends
    int parent = -1;
    std::vector<int> children;
    const GumboElement* element = nullptr;
    std::string_view class_name;
    std::string_view id;
    std::string hints;  // "class id" lower-cased, empty when neither is there
    // Scoring
    bool candidate = false;
    double score = 0;
    // Measures over the node's visible text, filled by measure()
    size_t text_length = 0;  // code points, white space runs counted once
    size_t link_length = 0;  // of which inside links (weighted)
    size_t commas = 0;
};

// Line ends in a stretch of the page as gumbo counts them: "\r\n" is one.
unsigned source_line_ends(const GumboStringPiece& original) {
    unsigned ends = 0;
    for (size_t i = 0; i < original.length; ++i) {
        const char c = original.data[i];
        if (c == '\n' || (c == '\r' && (i + 1 == original.length || original.data[i + 1] != '\n'))) ++ends;
    }
    return ends;
}

std::string_view attribute(const Node& node, const char* name) {
    if (node.element == nullptr) return {};
    const GumboAttribute* a = gumbo_get_attribute(&node.element->attributes, name);
    return a == nullptr ? std::string_view() : std::string_view(a->value);
}

bool is_heading(GumboTag tag) {
    return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4 ||
           tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

// Elements whose content is never article text.
bool is_skipped_element(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
        case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
        case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT: case GUMBO_TAG_LINK: case GUMBO_TAG_META:
        case GUMBO_TAG_TITLE: case GUMBO_TAG_HEAD: case GUMBO_TAG_BASE: case GUMBO_TAG_AUDIO:
        case GUMBO_TAG_VIDEO: case GUMBO_TAG_OPTION: case GUMBO_TAG_DATALIST:
            return true;
        default:
            return false;
    }
}

// Content that flows inside a paragraph (HTML's phrasing content).
bool is_phrasing(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_ABBR: case GUMBO_TAG_B: case GUMBO_TAG_BDO: case GUMBO_TAG_BDI: case GUMBO_TAG_BR:
        case GUMBO_TAG_CITE: case GUMBO_TAG_CODE: case GUMBO_TAG_DATA: case GUMBO_TAG_DFN: case GUMBO_TAG_EM:
        case GUMBO_TAG_I: case GUMBO_TAG_IMG: case GUMBO_TAG_KBD: case GUMBO_TAG_LABEL: case GUMBO_TAG_MARK:
        case GUMBO_TAG_Q: case GUMBO_TAG_RUBY: case GUMBO_TAG_RT: case GUMBO_TAG_RP: case GUMBO_TAG_S:
        case GUMBO_TAG_SAMP: case GUMBO_TAG_SMALL: case GUMBO_TAG_SPAN: case GUMBO_TAG_STRONG: case GUMBO_TAG_SUB:
        case GUMBO_TAG_SUP: case GUMBO_TAG_TIME: case GUMBO_TAG_U: case GUMBO_TAG_VAR: case GUMBO_TAG_WBR:
        case GUMBO_TAG_A: case GUMBO_TAG_DEL: case GUMBO_TAG_INS: case GUMBO_TAG_FONT: case GUMBO_TAG_TT:
        case GUMBO_TAG_BIG: case GUMBO_TAG_STRIKE: case GUMBO_TAG_SOURCE:
        case GUMBO_TAG_NOBR: case GUMBO_TAG_ACRONYM: case GUMBO_TAG_METER: case GUMBO_TAG_OUTPUT:
        case GUMBO_TAG_PROGRESS:
            return true;
        default:
            return false;
    }
}

// Elements that end the paragraph before them and start a new one.
bool breaks_paragraph(GumboTag tag) { return !is_phrasing(tag) || tag == GUMBO_TAG_BR; }

// Hidden by the page itself: Readability drops these too.
bool is_hidden(const Node& node) {
    if (node.element == nullptr) return false;
    if (gumbo_get_attribute(&node.element->attributes, "hidden") != nullptr) return true;
    if (attribute(node, "aria-hidden") == "true" && !contains_ci(node.class_name, "fallback-image")) return true;
    const std::string_view style = attribute(node, "style");
    if (!style.empty()) {
        std::string compact;
        for (const char c : lower_ascii(style)) {
            if (!ascii_space(static_cast<unsigned char>(c))) compact.push_back(c);
        }
        if (compact.find("display:none") != std::string::npos || compact.find("visibility:hidden") != std::string::npos) {
            return true;
        }
    }
    return false;
}

// Nodes by index (an int: -1 is "none"), as a tree links them.
class NodeList {
public:
    Node& operator[](int i) { return nodes_[static_cast<size_t>(i)]; }
    const Node& operator[](int i) const { return nodes_[static_cast<size_t>(i)]; }
    [[nodiscard]] int size() const { return static_cast<int>(nodes_.size()); }
    [[nodiscard]] bool empty() const { return nodes_.empty(); }
    int push_back(Node node) {
        nodes_.push_back(std::move(node));
        return size() - 1;
    }
    void reserve(size_t n) { nodes_.reserve(n); }
    [[nodiscard]] auto begin() const { return nodes_.begin(); }
    [[nodiscard]] auto end() const { return nodes_.end(); }

private:
    std::vector<Node> nodes_;
};

class Tree {
public:
    NodeList nodes;

    // Built without recursion, and never deeper than kMaxDepth: the
    // elements of a page nested deeper (a hostile one nests 100,000 <div>s)
    // give their content to their ancestor at that depth, so every walk of
    // the tree below stays within the stack.
    Tree(const GumboNode* root, PageHead* head) {
        nodes.reserve(4096);
        struct Pending {
            const GumboNode* node;
            int parent;
            unsigned depth;
        };
        std::vector<Pending> pending{{root, -1, 0}};
        while (!pending.empty()) {
            const Pending p = pending.back();
            pending.pop_back();
            const int index = add(p.node, p.parent, p.depth, head);
            if (index < 0) continue;
            const bool flattened = index == p.parent;
            const GumboVector& children = p.node->type == GUMBO_NODE_DOCUMENT ? p.node->v.document.children
                                                                               : p.node->v.element.children;
            for (unsigned i = children.length; i-- > 0;) {
                pending.push_back({static_cast<const GumboNode*>(children.data[i]), index, flattened ? p.depth : p.depth + 1});
            }
        }
    }

    void visit(int index, const std::function<void(int)>& f) const {
        if (nodes[index].removed) return;
        f(index);
        for (const int child : nodes[index].children) visit(child, f);
    }

    // Text length, link text and commas of every live node, bottom up.
    void measure(int index, bool inside_link = false) {
        Node& node = nodes[index];
        node.text_length = node.link_length = node.commas = 0;
        if (node.removed) return;
        if (node.is_text) {
            const std::string text = visible_text(node.text);
            node.text_length = code_points(text) + (!text.empty() && ascii_space(static_cast<unsigned char>(node.text.front())) ? 1 : 0);
            node.commas = count_commas(text);
            if (inside_link) node.link_length = node.text_length;
            return;
        }
        for (const int child : node.children) measure(child, inside_link || node.tag == GUMBO_TAG_A);
        sum_children(index);
    }

    // The node's measures from its children's, after some were removed.
    void sum_children(int index) {
        Node& node = nodes[index];
        node.text_length = node.link_length = node.commas = 0;
        if (node.removed || node.is_text) return;
        for (const int child : node.children) {
            const Node& c = nodes[child];
            if (c.removed) continue;
            node.text_length += c.text_length;
            node.link_length += c.link_length;
            node.commas += c.commas;
        }
        // A link within the page ("#comments") counts less than one away.
        if (node.tag == GUMBO_TAG_A && attribute(node, "href").starts_with("#")) node.link_length = node.link_length * 3 / 10;
    }

    [[nodiscard]] double link_density(int index) const {
        const Node& node = nodes[index];
        return node.text_length == 0 ? 0.0 : static_cast<double>(node.link_length) / static_cast<double>(node.text_length);
    }

    void inner_text(int index, std::string& out, bool& pending) const {
        const Node& node = nodes[index];
        if (node.removed) return;
        if (node.is_text) {
            append_visible(out, node.text, pending);
            return;
        }
        if (node.tag == GUMBO_TAG_BR || breaks_paragraph(node.tag)) pending = true;
        for (const int child : node.children) inner_text(child, out, pending);
        if (breaks_paragraph(node.tag)) pending = true;
    }

    [[nodiscard]] std::string inner_text(int index) const {
        std::string out;
        bool pending = false;
        inner_text(index, out, pending);
        return out;
    }

    [[nodiscard]] bool has_ancestor(int index, GumboTag tag, int max_depth = 1000) const {
        int depth = 0;
        for (int i = nodes[index].parent; i >= 0 && depth < max_depth; i = nodes[i].parent, ++depth) {
            if (nodes[i].tag == tag && !nodes[i].is_text) return true;
        }
        return false;
    }

    int count_tags(int index, GumboTag tag) const {
        int n = 0;
        visit(index, [&](int i) { n += !nodes[i].is_text && nodes[i].tag == tag && i != index; });
        return n;
    }

    int wrap(int parent, const std::vector<int>& run) {
        Node p;
        p.tag = GUMBO_TAG_P;
        p.synthetic = true;
        p.parent = parent;
        p.line = nodes[run.front()].line;
        p.children = run;
        const int index = nodes.push_back(std::move(p));
        for (const int child : run) nodes[child].parent = index;
        return index;
    }

private:
    static constexpr unsigned kMaxDepth = 200;

    // Adds `g` under `parent`: the index whose children g's children
    // become (`parent` itself past kMaxDepth), or -1 when its content is
    // not to be read.
    int add(const GumboNode* g, int parent, unsigned depth, PageHead* head) {
        if (g->type == GUMBO_NODE_COMMENT) return -1;
        Node node;
        node.parent = parent;
        if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE || g->type == GUMBO_NODE_CDATA) {
            node.is_text = true;
            node.text = g->v.text.text;
            node.line = g->v.text.start_pos.line;
            node.last_line = node.line + source_line_ends(g->v.text.original_text);
            link(parent, nodes.push_back(std::move(node)));
            return -1;
        }
        if (g->type == GUMBO_NODE_DOCUMENT) {
            node.tag = GUMBO_TAG_UNKNOWN;
            return nodes.push_back(std::move(node));
        }
        const GumboElement& e = g->v.element;  // GUMBO_NODE_ELEMENT or _TEMPLATE
        node.tag = e.tag;
        node.element = &e;
        node.line = e.start_pos.line;
        node.class_name = attribute(node, "class");
        node.id = attribute(node, "id");
        if (!node.class_name.empty() || !node.id.empty()) {
            node.hints = lower_ascii(node.class_name);
            node.hints.push_back(' ');
            node.hints.append(lower_ascii(node.id));
        }
        note_head(node, e, head);
        if (e.tag == GUMBO_TAG_HEAD && head != nullptr) note_subtree(g, head);  // not text, but the page's metadata
        if (is_skipped_element(e.tag) || is_hidden(node)) return -1;
        if (depth >= kMaxDepth && parent >= 0) return parent;
        const int index = nodes.push_back(std::move(node));
        link(parent, index);
        return index;
    }

    void link(int parent, int child) {
        if (parent >= 0) nodes[parent].children.push_back(child);
    }

    // The metadata in the elements under `root` (the <head>).
    void note_subtree(const GumboNode* root, PageHead* head) const {
        std::vector<const GumboNode*> pending{root};
        while (!pending.empty()) {
            const GumboNode* g = pending.back();
            pending.pop_back();
            if (g->type != GUMBO_NODE_ELEMENT) continue;
            if (g != root) {
                Node node;
                node.element = &g->v.element;
                note_head(node, g->v.element, head);
            }
            for (unsigned i = g->v.element.children.length; i-- > 0;) {
                pending.push_back(static_cast<const GumboNode*>(g->v.element.children.data[i]));
            }
        }
    }

    void note_head(const Node& node, const GumboElement& e, PageHead* head) const {
        if (head == nullptr) return;
        switch (e.tag) {
            case GUMBO_TAG_HTML:
                if (head->language.empty()) head->language = visible_text(attribute(node, "lang"));
                break;
            case GUMBO_TAG_META: {
                std::string_view key = attribute(node, "property");
                if (key.empty()) key = attribute(node, "name");
                if (key.empty()) key = attribute(node, "itemprop");
                const std::string_view value = attribute(node, "content");
                if (key.empty() || value.empty()) break;
                // "dc.title og:title" names the value twice.
                // Readability's normalising: "DC.Title" is "dc:title".
                std::string keys = lower_ascii(key);
                std::replace(keys.begin(), keys.end(), '.', ':');
                size_t start = 0;
                while (start < keys.size()) {
                    size_t end = keys.find(' ', start);
                    if (end == std::string::npos) end = keys.size();
                    if (end > start) head->metas.push_back({keys.substr(start, end - start), visible_text(value), e.start_pos.line});
                    start = end + 1;
                }
                break;
            }
            case GUMBO_TAG_LINK:
                if (head->canonical.empty() && lower_ascii(attribute(node, "rel")) == "canonical") {
                    head->canonical = visible_text(attribute(node, "href"));
                }
                break;
            case GUMBO_TAG_TITLE:
                if (head->title_line == 0 && e.children.length > 0) {
                    std::string text;
                    bool pending = false;
                    for (unsigned i = 0; i < e.children.length; ++i) {
                        const auto* c = static_cast<const GumboNode*>(e.children.data[i]);
                        if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE) append_visible(text, c->v.text.text, pending);
                    }
                    head->title = text;
                    head->title_line = e.start_pos.line;
                }
                break;
            case GUMBO_TAG_SCRIPT:
                if (lower_ascii(attribute(node, "type")) == "application/ld+json") {
                    for (unsigned i = 0; i < e.children.length; ++i) {
                        const auto* c = static_cast<const GumboNode*>(e.children.data[i]);
                        if (c->type == GUMBO_NODE_TEXT) head->json_ld.emplace_back(c->v.text.text, e.start_pos.line);
                    }
                }
                break;
            default:
                break;
        }
    }
};

// ---------------------------------------------------------------------------
// Class and id hints (Readability's lists)

// Each list is searched for as parts of the lower-cased "class id" text.
constexpr std::array<std::string_view, 36> kUnlikelyHints{
    "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap", "disqus", "extra",
    "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss", "shoutbox", "sidebar",
    "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
    "yom-remote", "cookie", "consent", "newsletter", "subscribe", "paywall"};
constexpr std::array<std::string_view, 8> kMaybeHints{"and", "article", "body", "column", "content", "main", "mathjax", "shadow"};
constexpr std::array<std::string_view, 13> kPositiveHints{"article", "body", "content", "entry", "hentry", "h-entry", "main",
                                                          "page", "pagination", "post", "text", "blog", "story"};
constexpr std::array<std::string_view, 26> kNegativeHints{
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead", "media", "meta",
    "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping",
    "tags", "widget", "cookie", "newsletter"};
constexpr std::array<std::string_view, 5> kBylineHints{"byline", "author", "dateline", "writtenby", "p-author"};

template <size_t N>
bool has_hint(std::string_view hints, const std::array<std::string_view, N>& list) {
    return std::any_of(list.begin(), list.end(), [&](std::string_view word) { return hints.find(word) != std::string_view::npos; });
}

// `word` standing alone: neither a letter nor a digit on either side.
bool has_bounded_word(std::string_view hints, std::string_view word) {
    for (size_t at = hints.find(word); at != std::string_view::npos; at = hints.find(word, at + 1)) {
        const bool open = at == 0 || !std::isalnum(static_cast<unsigned char>(hints[at - 1]));
        const size_t after = at + word.size();
        const bool close = after >= hints.size() || !std::isalnum(static_cast<unsigned char>(hints[after]));
        if (open && close) return true;
    }
    return false;
}

int class_weight(const Node& node) {
    int weight = 0;
    for (const std::string_view hint : {node.class_name, node.id}) {
        if (hint.empty()) continue;
        const std::string lower = lower_ascii(hint);
        if (has_hint(lower, kNegativeHints) || has_bounded_word(lower, "hid")) weight -= 25;
        if (has_hint(lower, kPositiveHints)) weight += 25;
    }
    return weight;
}

// ---------------------------------------------------------------------------
// Extraction

struct Flags {
    bool strip_unlikely = true;
    bool weight_classes = true;
    bool clean_conditionally = true;
};

constexpr size_t kMinimumArticleChars = 500;
constexpr size_t kMaxNesting = 1000;
constexpr int kTopCandidates = 5;

class Extractor {
public:
    // Works on its own copy of the page's tree: it drops and wraps nodes.
    Extractor(const Tree& page, Flags flags, std::string_view title) : tree_(page), flags_(flags), title_(title) {}

    std::string byline;

    // The nodes that make the article, in page order.
    std::vector<int> run() {
        if (tree_.nodes.empty()) return {};
        body_ = find_body();
        prepare(body_);
        tree_.measure(0);
        std::vector<int> paragraphs;
        tree_.visit(body_, [&](int i) {
            const Node& n = tree_.nodes[i];
            if (n.is_text) return;
            if (n.tag == GUMBO_TAG_P || n.tag == GUMBO_TAG_TD || n.tag == GUMBO_TAG_PRE || n.tag == GUMBO_TAG_SECTION ||
                (is_heading(n.tag) && n.tag != GUMBO_TAG_H1)) {
                paragraphs.push_back(i);
            }
        });
        std::vector<int> candidates;
        for (const int p : paragraphs) score_paragraph(p, candidates);
        for (const int c : candidates) tree_.nodes[c].score *= 1.0 - tree_.link_density(c);

        const int top = choose_top(candidates);
        std::vector<int> article = with_siblings(top);
        for (const int node : article) clean(node);
        tree_.measure(0);
        return article;
    }

    [[nodiscard]] const Tree& tree() const { return tree_; }
    size_t text_length(const std::vector<int>& article) const {
        size_t n = 0;
        for (const int i : article) n += tree_.nodes[i].text_length;
        return n;
    }

private:
    Tree tree_;
    Flags flags_;
    std::string_view title_;
    int body_ = 0;

    int find_body() const {
        for (int i = 0; i < tree_.nodes.size(); ++i) {
            if (!tree_.nodes[i].is_text && tree_.nodes[i].tag == GUMBO_TAG_BODY) return i;
        }
        return 0;
    }

    bool is_unlikely(int index) const {
        const Node& n = tree_.nodes[index];
        if (n.tag == GUMBO_TAG_BODY || n.tag == GUMBO_TAG_A) return false;
        // An <aside> or a <footer> can hold the byline: they go when the
        // article is cleaned.
        if (n.tag == GUMBO_TAG_NAV) return true;
        const std::string_view role = attribute(n, "role");
        if (role == "menu" || role == "menubar" || role == "complementary" || role == "navigation" || role == "alert" ||
            role == "alertdialog" || role == "dialog") {
            return true;
        }
        if (n.hints.empty()) return false;
        if (!has_hint(n.hints, kUnlikelyHints) || has_hint(n.hints, kMaybeHints)) return false;
        return !tree_.has_ancestor(index, GUMBO_TAG_TABLE) && !tree_.has_ancestor(index, GUMBO_TAG_CODE);
    }

    bool is_byline(int index) {
        const Node& n = tree_.nodes[index];
        const std::string_view rel = attribute(n, "rel");
        const std::string_view itemprop = attribute(n, "itemprop");
        const bool hinted = rel == "author" || itemprop.find("author") != std::string_view::npos || has_hint(n.hints, kBylineHints);
        if (!hinted) return false;
        const std::string text = tree_.inner_text(index);
        const size_t length = code_points(text);
        if (length == 0 || length >= 100) return false;
        byline = text;
        return true;
    }

    bool only_phrasing(int index) const {
        for (const int child : tree_.nodes[index].children) {
            const Node& c = tree_.nodes[child];
            if (c.removed || c.is_text) continue;
            if (!is_phrasing(c.tag) || !only_phrasing(child)) return false;
        }
        return true;
    }

    // Drops what is unlikely to be the article, takes the byline out, and
    // wraps loose text of a <div> that also holds blocks into paragraphs.
    void prepare(int index) {
        Node& n = tree_.nodes[index];
        if (n.is_text || n.removed) return;
        if (index != body_) {
            // The byline first: it often sits in a header or an aside.
            if (byline.empty() && n.tag != GUMBO_TAG_HTML && is_byline(index)) {
                tree_.nodes[index].removed = true;
                return;
            }
            if (flags_.strip_unlikely && is_unlikely(index)) {
                n.removed = true;
                return;
            }
            if ((n.tag == GUMBO_TAG_H1 || n.tag == GUMBO_TAG_H2) && !title_.empty() && same_text(tree_.inner_text(index), title_)) {
                n.removed = true;
                return;
            }
        }
        const std::vector<int> children = n.children;
        for (const int child : children) prepare(child);
        if (tree_.nodes[index].tag == GUMBO_TAG_DIV) {
            // A <div> of text only is a paragraph written another way.
            if (only_phrasing(index)) {
                tree_.nodes[index].tag = GUMBO_TAG_P;
            } else {
                wrap_loose_text(index);
            }
        }
    }

    static bool same_text(const std::string& a, std::string_view b) {
        const std::string x = lower_ascii(a);
        const std::string y = lower_ascii(visible_text(b));
        return !x.empty() && (x == y || (x.size() > 15 && y.find(x) != std::string::npos && x.size() * 4 >= y.size() * 3));
    }

    void wrap_loose_text(int div) {
        std::vector<int> kept;
        std::vector<int> run;
        auto flush = [&] {
            bool has_text = false;
            for (const int i : run) {
                if (tree_.inner_text(i).find_first_not_of(' ') != std::string::npos) has_text = true;
            }
            if (has_text) {
                kept.push_back(tree_.wrap(div, run));
            } else {
                kept.insert(kept.end(), run.begin(), run.end());
            }
            run.clear();
        };
        const std::vector<int> children = tree_.nodes[div].children;  // wrap() may move the nodes
        for (const int child : children) {
            const bool loose = tree_.nodes[child].is_text ||
                               (is_phrasing(tree_.nodes[child].tag) && tree_.nodes[child].tag != GUMBO_TAG_BR && only_phrasing(child));
            if (loose) {
                run.push_back(child);
            } else {
                flush();
                kept.push_back(child);
            }
        }
        flush();
        tree_.nodes[div].children = kept;
    }

    void initialise(int index, std::vector<int>& candidates) {
        Node& n = tree_.nodes[index];
        if (n.candidate) return;
        n.candidate = true;
        candidates.push_back(index);
        switch (n.tag) {
            case GUMBO_TAG_DIV: n.score = 5; break;
            case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE: n.score = 3; break;
            case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL: case GUMBO_TAG_DD:
            case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM: n.score = -3; break;
            case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
            case GUMBO_TAG_H6: case GUMBO_TAG_TH: n.score = -5; break;
            default: n.score = 0; break;
        }
        if (flags_.weight_classes) n.score += class_weight(n);
    }

    void score_paragraph(int index, std::vector<int>& candidates) {
        const Node& p = tree_.nodes[index];
        if (p.text_length < 25 || p.parent < 0) return;
        const double score = 1.0 + static_cast<double>(p.commas) + std::min(std::floor(static_cast<double>(p.text_length) / 100.0), 3.0);
        int level = 0;
        for (int a = p.parent; a >= 0 && level < 5; a = tree_.nodes[a].parent, ++level) {
            if (tree_.nodes[a].parent < 0) break;  // the document itself
            initialise(a, candidates);
            const double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
            tree_.nodes[a].score += score / divider;
        }
    }

    std::vector<int> ancestors(int index) const {
        std::vector<int> out;
        for (int a = tree_.nodes[index].parent; a >= 0; a = tree_.nodes[a].parent) out.push_back(a);
        return out;
    }

    int choose_top(const std::vector<int>& candidates) const {
        std::vector<int> best(candidates);
        std::sort(best.begin(), best.end(), [&](int a, int b) { return tree_.nodes[a].score > tree_.nodes[b].score; });
        if (best.size() > static_cast<size_t>(kTopCandidates)) best.resize(kTopCandidates);
        if (best.empty() || best.front() == body_) return body_;
        int top = best.front();
        const double top_score = tree_.nodes[top].score;

        // Several good candidates under one ancestor: the article is that ancestor.
        std::vector<std::vector<int>> alternatives;
        for (size_t i = 1; i < best.size(); ++i) {
            if (tree_.nodes[best[i]].score / top_score >= 0.75) alternatives.push_back(ancestors(best[i]));
        }
        if (alternatives.size() >= 3) {
            for (int parent = tree_.nodes[top].parent; parent >= 0 && parent != body_; parent = tree_.nodes[parent].parent) {
                int holding = 0;
                for (const auto& list : alternatives) holding += std::find(list.begin(), list.end(), parent) != list.end();
                if (holding >= 3) {
                    top = parent;
                    break;
                }
            }
        }
        // A parent that scores better than its best child holds more of the article.
        double last = tree_.nodes[top].score;
        const double threshold = last / 3.0;
        for (int parent = tree_.nodes[top].parent; parent >= 0 && parent != body_; parent = tree_.nodes[parent].parent) {
            const Node& p = tree_.nodes[parent];
            if (!p.candidate) continue;
            if (p.score < threshold) break;
            if (p.score > last) {
                top = parent;
                break;
            }
            last = p.score;
        }
        // A lone child says no more than its parent.
        while (tree_.nodes[top].parent >= 0 && tree_.nodes[top].parent != body_) {
            const int parent = tree_.nodes[top].parent;
            int elements = 0;
            for (const int c : tree_.nodes[parent].children) elements += !tree_.nodes[c].is_text && !tree_.nodes[c].removed;
            if (elements != 1) break;
            top = parent;
        }
        return top;
    }

    static bool ends_sentence(const std::string& text) {
        const size_t dot = text.find(". ");
        return dot != std::string::npos || (!text.empty() && text.back() == '.');
    }

    std::vector<int> with_siblings(int top) const {
        if (top == body_ || tree_.nodes[top].parent < 0) return {top};
        const Node& t = tree_.nodes[top];
        const double threshold = std::max(10.0, t.score * 0.2);
        std::vector<int> article;
        for (const int s : tree_.nodes[t.parent].children) {
            const Node& n = tree_.nodes[s];
            if (n.removed) continue;
            if (s == top) {
                article.push_back(s);
                continue;
            }
            if (n.is_text) continue;
            double bonus = 0;
            if (!t.class_name.empty() && n.class_name == t.class_name) bonus = t.score * 0.2;
            if (n.candidate && n.score + bonus >= threshold) {
                article.push_back(s);
            } else if (n.tag == GUMBO_TAG_P || (n.tag == GUMBO_TAG_DIV && only_phrasing(s))) {
                const double density = tree_.link_density(s);
                const std::string text = tree_.inner_text(s);
                const size_t length = code_points(text);
                if ((length > 80 && density < 0.25) || (length > 0 && length <= 80 && density == 0 && ends_sentence(text))) {
                    article.push_back(s);
                }
            }
        }
        return article;
    }

    bool is_data_table(int table) const {
        const Node& t = tree_.nodes[table];
        if (attribute(t, "role") == "presentation") return false;
        if (attribute(t, "datatable") == "0") return false;
        if (!attribute(t, "summary").empty()) return true;
        bool nested = false;
        bool header = false;
        int rows = 0;
        int columns = 0;
        tree_.visit(table, [&](int i) {
            const Node& n = tree_.nodes[i];
            if (n.is_text || i == table) return;
            if (n.tag == GUMBO_TAG_TABLE) nested = true;
            if (n.tag == GUMBO_TAG_CAPTION || n.tag == GUMBO_TAG_COL || n.tag == GUMBO_TAG_COLGROUP || n.tag == GUMBO_TAG_TFOOT ||
                n.tag == GUMBO_TAG_THEAD || n.tag == GUMBO_TAG_TH) {
                header = true;
            }
            if (n.tag == GUMBO_TAG_TR) {
                ++rows;
                int cells = 0;
                for (const int c : n.children) cells += !tree_.nodes[c].is_text;
                columns = std::max(columns, cells);
            }
        });
        if (header) return true;
        if (nested) return false;
        return rows >= 10 || columns > 4 || rows * columns > 10;
    }

    bool inside_data_table(int index) const {
        for (int a = tree_.nodes[index].parent; a >= 0; a = tree_.nodes[a].parent) {
            if (!tree_.nodes[a].is_text && tree_.nodes[a].tag == GUMBO_TAG_TABLE && is_data_table(a)) return true;
        }
        return false;
    }

    // Readability's _cleanConditionally: a list, table, form or block of the
    // article that looks like page furniture (mostly links, images without
    // text, next to no text) goes.
    bool looks_like_furniture(int index) const {
        const Node& n = tree_.nodes[index];
        if (n.tag == GUMBO_TAG_TABLE && is_data_table(index)) return false;
        if (inside_data_table(index) || tree_.has_ancestor(index, GUMBO_TAG_CODE)) return false;
        const int weight = flags_.weight_classes ? class_weight(n) : 0;
        if (weight < 0) return true;
        if (n.commas >= 10) return false;
        bool is_list = n.tag == GUMBO_TAG_UL || n.tag == GUMBO_TAG_OL;
        const size_t length = n.text_length;
        if (!is_list && length > 0) {
            size_t list_length = 0;
            tree_.visit(index, [&](int i) {
                if (!tree_.nodes[i].is_text && tree_.nodes[i].tag == GUMBO_TAG_LI) list_length += tree_.nodes[i].text_length;
            });
            is_list = static_cast<double>(list_length) / static_cast<double>(length) > 0.9;
        }
        const int paragraphs = tree_.count_tags(index, GUMBO_TAG_P);
        const int images = tree_.count_tags(index, GUMBO_TAG_IMG);
        const int items = tree_.count_tags(index, GUMBO_TAG_LI) - 100;
        size_t heading_length = 0;
        tree_.visit(index, [&](int i) {
            if (!tree_.nodes[i].is_text && is_heading(tree_.nodes[i].tag) && i != index) heading_length += tree_.nodes[i].text_length;
        });
        const double heading_density = length == 0 ? 0.0 : static_cast<double>(heading_length) / static_cast<double>(length);
        const double density = tree_.link_density(index);
        const bool in_figure = tree_.has_ancestor(index, GUMBO_TAG_FIGURE);
        const bool remove = (images > 1 && static_cast<double>(paragraphs) / images < 0.5 && !in_figure) ||
                            (!is_list && items > paragraphs) ||
                            (!is_list && heading_density < 0.9 && length < 25 && (images == 0 || images > 2) && !in_figure) ||
                            (!is_list && weight < 25 && density > 0.2) || (weight >= 25 && density > 0.5);
        return remove;
    }

    void clean(int index) {
        Node& n = tree_.nodes[index];
        if (n.is_text || n.removed) return;
        for (const int child : n.children) clean(child);
        if (tree_.nodes[index].removed) return;
        // Children first (Readability walks backwards), so re-measure this one.
        tree_.sum_children(index);
        const GumboTag tag = n.tag;
        if ((has_bounded_word(n.hints, "share") || has_bounded_word(n.hints, "sharedaddy")) && n.text_length < 500) {
            n.removed = true;
            return;
        }
        if ((tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2) && flags_.weight_classes && class_weight(n) < 0) {
            n.removed = true;
            return;
        }
        if (tag == GUMBO_TAG_FOOTER || tag == GUMBO_TAG_ASIDE || tag == GUMBO_TAG_FORM || tag == GUMBO_TAG_FIELDSET) {
            if (tag == GUMBO_TAG_FOOTER || tag == GUMBO_TAG_ASIDE || looks_like_furniture(index)) n.removed = true;
            return;
        }
        if (flags_.clean_conditionally && !n.synthetic &&
            (tag == GUMBO_TAG_TABLE || tag == GUMBO_TAG_UL || tag == GUMBO_TAG_DIV) && looks_like_furniture(index)) {
            n.removed = true;
        }
    }
};

// ---------------------------------------------------------------------------
// Paragraphs out of the article's nodes

class ParagraphWriter {
public:
    explicit ParagraphWriter(const Tree& tree) : tree_(tree) {}

    void write(int index) {
        const Node& n = tree_.nodes[index];
        if (n.removed) return;
        if (n.is_text) {
            add_text(n.text, n.line, n.last_line);
            return;
        }
        if (n.tag == GUMBO_TAG_BR) {
            // One <br> is a line break inside the paragraph; two end it.
            ++breaks_;
            if (breaks_ >= 2) finish();
            pending_space_ = true;
            return;
        }
        if (n.tag == GUMBO_TAG_IMG || n.tag == GUMBO_TAG_HR) {
            finish();
            return;
        }
        const bool block = breaks_paragraph(n.tag);
        if (block) finish();
        for (const int child : n.children) write(child);
        if (block) finish();
    }

    std::vector<Paragraph> take() {
        finish();
        return std::move(paragraphs_);
    }

private:
    const Tree& tree_;
    Paragraph current_;
    bool pending_space_ = false;
    int breaks_ = 0;
    unsigned last_line_ = 0;
    std::vector<Paragraph> paragraphs_;

    // A line end in the decoded text counts as a source line only as far as
    // the source has lines: `&#10;` decodes to a line end the page never had.
    void add_text(std::string_view text, unsigned line, unsigned last_line) {
        for (size_t i = 0; i < text.size();) {
            size_t end = text.find('\n', i);
            if (end == std::string_view::npos) end = text.size();
            const std::string_view piece = text.substr(i, end - i);
            if (piece.find_first_not_of(" \t\r\f\v") != std::string_view::npos) breaks_ = 0;
            const size_t before = current_.text.size();
            bool pending = pending_space_ && !current_.text.empty();
            append_visible(current_.text, piece, pending);
            if (current_.text.size() > before) {
                const size_t start = current_.text[before] == ' ' ? before + 1 : before;
                if (current_.line_starts.empty() || line != last_line_) {
                    current_.line_starts.emplace_back(start, line);
                    last_line_ = line;
                }
                pending_space_ = pending;
            } else if (pending) {
                pending_space_ = true;
            }
            if (end < text.size()) {
                pending_space_ = true;
                if (line < last_line) ++line;
            }
            i = end + 1;
        }
    }

    void finish() {
        breaks_ = 0;
        pending_space_ = false;
        if (!current_.text.empty()) paragraphs_.push_back(std::move(current_));
        current_ = Paragraph{};
    }
};

// The next '<' from `at` on, comments stepped over; npos at the end of the
// page or inside a comment never closed.
size_t next_markup(std::string_view html, size_t at) {
    while ((at = html.find('<', at)) != std::string_view::npos) {
        if (html.compare(at, 4, "<!--") != 0) return at;
        const size_t end = html.find("-->", at + 4);
        if (end == std::string_view::npos) return std::string_view::npos;
        at = end + 3;
    }
    return std::string_view::npos;
}

// Where a raw-text element opened at `open` ("<script") ends: the start of
// its "</script", or npos.
size_t find_close_tag(std::string_view html, size_t from, std::string_view name) {
    for (size_t at = html.find("</", from); at != std::string_view::npos; at = html.find("</", at + 2)) {
        if (at + 2 + name.size() > html.size()) return std::string_view::npos;
        if (!equals_ci(html.substr(at + 2, name.size()), name)) continue;
        const size_t after = at + 2 + name.size();
        if (after == html.size() || html[after] == '>' || html[after] == '/' || ascii_space(static_cast<unsigned char>(html[after]))) {
            return at;
        }
    }
    return std::string_view::npos;
}

// The end of the start tag that begins at `open` (after its '>'), quotes
// respected, or npos.
size_t end_of_start_tag(std::string_view html, size_t open) {
    char quote = 0;
    char last = 0;  // the last character outside quotes and white space
    for (size_t i = open + 1; i < html.size(); ++i) {
        const char c = html[i];
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if ((c == '"' || c == '\'') && last == '=') {  // a quote elsewhere is part of a name
            quote = c;
        } else if (c == '>') {
            return i + 1;
        }
        if (quote == 0 && !ascii_space(static_cast<unsigned char>(c))) last = c;
    }
    return std::string_view::npos;
}

}  // namespace

std::string without_script_bodies(std::string_view html) {
    std::string out;
    out.reserve(html.size());
    size_t copied = 0;
    size_t at = 0;
    while ((at = next_markup(html, at)) != std::string_view::npos) {
        std::string_view name;
        for (const std::string_view raw : {"script", "style", "title", "textarea"}) {
            if (at + 1 + raw.size() < html.size() && equals_ci(html.substr(at + 1, raw.size()), raw)) {
                const auto next = static_cast<unsigned char>(html[at + 1 + raw.size()]);
                if (next == '>' || next == '/' || ascii_space(next)) name = raw;
            }
        }
        if (name.empty()) {
            ++at;
            continue;
        }
        const size_t body = end_of_start_tag(html, at);
        if (body == std::string_view::npos) break;
        const size_t close = find_close_tag(html, body, name);
        if (close == std::string_view::npos) break;
        const std::string_view content = html.substr(body, close - body);
        const std::string tag = lower_ascii(html.substr(at, body - at));
        // Kept: the text of <title> and <textarea>, JSON-LD, and a script
        // holding "<!--", where HTML's escaping rules could move its end.
        const bool keep = name == "title" || name == "textarea" || tag.find("ld+json") != std::string::npos ||
                          content.find("<!--") != std::string_view::npos;
        if (!keep) {
            out.append(html.substr(copied, body - copied));
            out.append(static_cast<size_t>(std::count(content.begin(), content.end(), '\n')), '\n');
            copied = close;
        }
        at = close + 2;
    }
    out.append(html.substr(copied));
    return out;
}

namespace {

// Elements whose start tag does not deepen the tree for long: void ones,
// and those a sibling of the same name closes (<p>, <li>, <td>...).
bool nests(std::string_view lower_name) {
    static const std::unordered_set<std::string_view> kFlat{
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup",
        "caption", "rb", "rt", "rp", "html", "head", "body", "frame", "keygen", "basefont", "bgsound", "image"};
    return kFlat.count(lower_name) == 0;
}

}  // namespace

std::optional<std::string> with_bounded_nesting(std::string_view html, size_t max_depth) {
    std::string out;
    size_t copied = 0;
    size_t depth = 0;
    size_t at = 0;
    while ((at = next_markup(html, at)) != std::string_view::npos) {
        const bool closing = at + 1 < html.size() && html[at + 1] == '/';
        size_t name_start = at + (closing ? 2 : 1);
        size_t name_end = name_start;
        while (name_end < html.size() && (std::isalnum(static_cast<unsigned char>(html[name_end])) || html[name_end] == '-')) ++name_end;
        if (name_end == name_start || !std::isalpha(static_cast<unsigned char>(html[name_start]))) {
            ++at;
            continue;
        }
        const std::string name = lower_ascii(html.substr(name_start, name_end - name_start));
        const size_t end = end_of_start_tag(html, at);
        if (end == std::string_view::npos) break;
        if (closing) {
            if (nests(name) && depth > 0) --depth;
            at = end;
            continue;
        }
        if (name == "script" || name == "style" || name == "textarea" || name == "title" || name == "xmp") {
            const size_t close = find_close_tag(html, end, name);
            if (close == std::string_view::npos) break;
            at = close;
            continue;
        }
        const bool self_closing = end >= 2 && html[end - 2] == '/';
        if (nests(name) && !self_closing) {
            if (depth >= max_depth) {
                // Too deep: the tag goes (its line ends stay), its content
                // stays in the element around it.
                out.append(html.substr(copied, at - copied));
                for (size_t i = at; i < end; ++i) out.push_back(html[i] == '\n' ? '\n' : ' ');
                copied = end;
            } else {
                ++depth;
            }
        }
        at = end;
    }
    if (copied == 0) return std::nullopt;
    out.append(html.substr(copied));
    return out;
}


bool looks_like_html(std::string_view bytes) {
    std::string_view s = bytes.substr(0, 4096);
    if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
    while (true) {
        while (!s.empty() && ascii_space(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
        if (s.starts_with("<!--")) {
            const size_t end = s.find("-->");
            if (end == std::string_view::npos) return false;
            s.remove_prefix(end + 3);
            continue;
        }
        if (s.starts_with("<?xml")) {
            const size_t end = s.find("?>");
            if (end == std::string_view::npos) return false;
            s.remove_prefix(end + 2);
            continue;
        }
        break;
    }
    const std::string head = lower_ascii(s.substr(0, 15));
    return head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<head") ;
}

namespace {

// The charset the page declares in its first 1,024 bytes, where browsers
// look (<meta charset="koi8-r">, or http-equiv's "text/html;
// charset=shift_jis"); empty when it declares none.
std::string declared_charset(std::string_view bytes) {
    const std::string head = lower_ascii(bytes.substr(0, 1024));
    const size_t at = head.find("charset=");
    if (at == std::string::npos) return {};
    size_t begin = at + 8;
    while (begin < head.size() && (head[begin] == '"' || head[begin] == '\'' || head[begin] == ' ')) ++begin;
    size_t end = begin;
    while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) != 0 || head[end] == '-' ||
                                 head[end] == '_' || head[end] == '.' || head[end] == ':')) {
        ++end;
    }
    return head.substr(begin, end - begin);
}

}  // namespace

void HtmlReader::read(const std::string& path, std::string_view bytes, const ReaderOptions& /*options*/,
                      ReadSink& sink) const {
    DecodedText decoded = decode_text_declared(bytes, declared_charset(bytes));
    // Control characters (an ANSI escape's ESC) are no text; the parser
    // would make each a U+FFFD.  Line ends, tabs and form feeds stay.
    std::erase_if(decoded.utf8, [](char c) {
        const auto b = static_cast<unsigned char>(c);
        return (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') || b == 0x7F;
    });
    // Scripts and styles are two fifths of a news page's bytes; the parser
    // need not read them character by character to drop them.
    std::string html = without_script_bodies(decoded.utf8);
    // Building a tree of N nested elements takes gumbo time in N squared
    // (50,000 <div>s: 50 s); no page nests 1,000 deep.
    if (std::optional<std::string> bounded = with_bounded_nesting(html, kMaxNesting)) html = std::move(*bounded);
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;  // errors recover as a browser does; their list is not kept
    const std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
        gumbo_parse_with_options(&options, html.data(), html.size()),
        [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
    if (!output) {
        sink.problem({path, "the HTML parser gave up on this page"});
        return;
    }

    PageHead head;
    const Tree page(output->document, &head);
    PageMetadata meta = read_page_metadata(head);

    // Readability's retries: a first pass too strict to find 500 characters
    // is run again with fewer of its rules, and the longest result is kept.
    std::vector<Paragraph> best_paragraphs;
    size_t best_length = 0;
    std::string byline;
    for (const Flags flags : {Flags{true, true, true}, Flags{false, true, true}, Flags{false, false, true},
                              Flags{false, false, false}}) {
        Extractor extractor(page, flags, meta.title);
        const std::vector<int> article = extractor.run();
        ParagraphWriter writer(extractor.tree());
        for (const int node : article) writer.write(node);
        std::vector<Paragraph> paragraphs = writer.take();
        size_t length = 0;
        for (const Paragraph& p : paragraphs) length += code_points(p.text);
        if (length > best_length || best_paragraphs.empty()) {
            best_length = length;
            best_paragraphs = std::move(paragraphs);
            byline = extractor.byline;
        }
        if (best_length >= kMinimumArticleChars) break;
    }

    // Headings that only repeat the headline add nothing.
    Article article;
    article.path = path;
    article.encoding = decoded.encoding;
    article.language = head.language;
    if (meta.title.empty()) {
        // The first top-level heading of the page.
        for (const Node& n : page.nodes) {
            if (!n.is_text && n.tag == GUMBO_TAG_H1) {
                std::string text;
                bool pending = false;
                for (const int child : n.children) page.inner_text(child, text, pending);
                if (!text.empty()) {
                    meta.title = text;
                    meta.title_line = n.line;
                    break;
                }
            }
        }
    }
    article.title = meta.title;
    article.title_line = meta.title.empty() ? 0 : meta.title_line;
    article.author = clean_byline(meta.author.empty() ? byline : meta.author);
    for (int i = 0; i < page.nodes.size() && meta.date.empty(); ++i) {
        const Node& n = page.nodes[i];
        if (!n.is_text && n.tag == GUMBO_TAG_TIME) {
            std::string when(attribute(n, "datetime"));
            if (when.empty()) when = page.inner_text(i);
            meta.offer_date(when, n.line);
        }
    }
    article.date = meta.date;
    if (article.date.empty() && !meta.unreadable_date.empty()) {
        sink.note(date_left_out(path + ":" + std::to_string(meta.unreadable_date_line), meta.unreadable_date));
    }
    article.source = meta.source;
    article.section = meta.section;
    article.url = meta.url;
    for (Paragraph& p : best_paragraphs) {
        if (!article.title.empty() && lower_ascii(p.text) == lower_ascii(article.title)) continue;
        article.paragraphs.push_back(std::move(p));
    }
    if (article.title.empty() && article.paragraphs.empty()) {
        sink.problem({path, "no text in this page (no title, no paragraphs)"});
        return;
    }
    sink.article(std::move(article));
}

}  // namespace news
