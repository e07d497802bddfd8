#include "search/query_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

namespace news {
namespace {

// The query is read as Xapian's QueryParser reads it, as far as its shape
// goes: brackets, quotes, operators, and words with a sign ('+', '-') or a
// field ("title:").  Everything is kept as offsets into the query, so what
// is not changed is written back exactly as it was typed.
enum class Kind { kWord, kPhrase, kGroup, kOperator };

struct Element {
    Kind kind = Kind::kWord;
    size_t begin = 0;  // the sign, if any
    size_t body = 0;   // after the sign
    size_t end = 0;    // past the word, the closing quote or the bracket
    // kPhrase: the words between the quotes; kGroup: the text after "(".
    size_t inner_begin = 0;
    size_t inner_end = 0;
    size_t group = 0;  // kGroup: its index in QueryShape::groups
    size_t words = 0;  // words counted for the cut (a group's: all inside)
    char sign = 0;
    bool excluded_alone = false;  // its part of the group excludes only: written "NOT x"
    bool dropped = false;         // a repeated wildcard, or the operator before one
};

struct Group {
    std::vector<Element> elements;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Letters, digits and anything not ASCII (accented letters, other scripts).
bool is_word_char(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x80 || std::isalnum(byte) != 0 || c == '_';
}

// Xapian takes U+201C and U+201D as quotes too.
size_t quote_length(std::string_view text, size_t at) {
    if (at >= text.size()) return 0;
    if (text[at] == '"') return 1;
    const std::string_view rest = text.substr(at, 3);
    return rest == "\xE2\x80\x9C" || rest == "\xE2\x80\x9D" ? 3 : 0;
}

size_t count_words(std::string_view text) {
    size_t words = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (is_word_char(text[i]) && (i == 0 || !is_word_char(text[i - 1]))) ++words;
    }
    return words;
}

// "title:paris" is one word, not two.
size_t count_words_after_field(std::string_view word) {
    size_t name = 0;
    while (name < word.size() && (std::isalpha(static_cast<unsigned char>(word[name])) != 0 || word[name] == '_')) {
        ++name;
    }
    if (name > 0 && name + 1 < word.size() && word[name] == ':') return count_words(word.substr(name + 1));
    return count_words(word);
}

bool is_operator(std::string_view word) {
    static constexpr std::array<std::string_view, 6> kOperators{"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    if (std::find(kOperators.begin(), kOperators.end(), word) != kOperators.end()) return true;
    // NEAR/3, ADJ/5
    for (const std::string_view windowed : {std::string_view("NEAR/"), std::string_view("ADJ/")}) {
        if (word.size() > windowed.size() && word.starts_with(windowed) &&
            std::all_of(word.begin() + static_cast<std::ptrdiff_t>(windowed.size()), word.end(),
                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
            return true;
        }
    }
    return false;
}

// NEAR and ADJ join the words beside them into one part of the group; the
// other operators separate the parts.
bool joins_words(std::string_view op) { return op.starts_with("NEAR") || op.starts_with("ADJ"); }

class QueryShape {
public:
    explicit QueryShape(std::string_view query) : query_(query) { read(); }

    // Marks the parts of every group that only exclude, to be written with NOT.
    bool mark_exclusions() {
        bool marked = false;
        for (Group& group : groups_) {
            for_each_part(group, [&](size_t first, size_t last) {
                bool any = false;
                bool only_excluded = true;
                for (size_t i = first; i <= last; ++i) {
                    const Element& element = group.elements[i];
                    if (element.kind == Kind::kOperator) {
                        only_excluded = false;  // NEAR/ADJ: their words are wanted
                    } else if (element.words > 0) {
                        any = true;
                        only_excluded = only_excluded && element.sign == '-';
                    }
                }
                if (!any || !only_excluded) return;
                for (size_t i = first; i <= last; ++i) {
                    Element& element = group.elements[i];
                    if (element.words > 0) element.excluded_alone = true;
                }
                marked = true;
            });
        }
        return marked;
    }

    // Drops a wildcard repeated within a part of a group ("s* s*"), and a
    // part holding a wildcard repeated among parts all joined by one
    // operator ("s* OR s*"): AND and OR give the same matches without it.
    // Returns the text of each dropped item, once per repetition.
    std::vector<std::string_view> drop_repeated_wildcards() {
        std::vector<std::string_view> dropped;
        for (Group& group : groups_) {
            std::vector<std::pair<size_t, size_t>> parts;
            for_each_part(group, [&](size_t first, size_t last) { parts.emplace_back(first, last); });
            std::unordered_set<std::string_view> seen;
            for (const auto& [first, last] : parts) {
                if (part_joins_words(group, first, last)) continue;
                seen.clear();
                for (size_t i = first; i <= last; ++i) {
                    Element& element = group.elements[i];
                    if (!holds_wildcard(element.begin, element.end)) continue;
                    if (!seen.insert(text(element)).second) {
                        element.dropped = true;
                        dropped.push_back(text(element));
                    }
                }
            }
            if (parts.size() < 2 || !one_operator_between_parts(group, parts)) continue;
            seen.clear();
            for (size_t p = 0; p < parts.size(); ++p) {
                const std::string_view part = part_text(group, parts[p]);
                if (!holds_wildcard(group.elements[parts[p].first].begin, group.elements[parts[p].second].end)) {
                    continue;
                }
                if (seen.insert(part).second) continue;
                for (size_t i = parts[p - 1].second + 1; i <= parts[p].second; ++i) group.elements[i].dropped = true;
                dropped.push_back(part);
            }
        }
        return dropped;
    }

    [[nodiscard]] size_t words() const { return groups_.empty() ? 0 : group_words(0); }

    // Wildcards left after drop_repeated_wildcards().
    [[nodiscard]] size_t wildcards() const {
        size_t count = 0;
        for (const Group& group : groups_) {
            for (const Element& element : group.elements) {
                if (!element.dropped && is_wildcard(element)) ++count;
            }
        }
        return count;
    }

    // The query written back, stopping before the word that would pass
    // `max_words`: no operator is left without its right side, every
    // quote and bracket is closed, and a group left empty is left out.
    // Past `max_wildcards`, a wildcard is written as the word it starts with;
    // `wildcards_written` counts both kinds.
    [[nodiscard]] std::string write(size_t max_words, size_t max_wildcards, size_t& wildcards_written) const {
        struct Frame {
            size_t group = 0;
            size_t next = 0;
            size_t rollback = 0;  // where the output stood before the group's "("
            bool emitted = false;
            std::string pending;  // operators waiting for the word they apply to
        };
        std::string out;
        size_t budget = max_words;
        wildcards_written = 0;
        bool cut = false;
        std::vector<Frame> stack(1);
        // The operators before an element, with NOT for an excluded one.
        auto lead = [&](const Frame& frame, const Element& element) {
            std::string operators = frame.pending;
            if (element.excluded_alone) operators += operators.empty() ? "NOT" : " NOT";
            if (!out.empty() && out.back() != '(') out += ' ';
            if (!operators.empty()) out += operators + ' ';
        };
        auto start_of = [](const Element& element) { return element.excluded_alone ? element.body : element.begin; };
        while (!stack.empty()) {
            Frame& frame = stack.back();
            const Group& group = groups_[frame.group];
            if (cut || frame.next == group.elements.size()) {
                const Frame done = std::move(stack.back());
                stack.pop_back();
                if (stack.empty()) break;
                if (done.emitted) {
                    out += ')';
                    stack.back().pending.clear();
                    stack.back().emitted = true;
                } else {
                    out.resize(done.rollback);
                }
                continue;
            }
            const Element& element = group.elements[frame.next++];
            if (element.dropped) continue;
            switch (element.kind) {
                case Kind::kOperator:
                    if (!frame.pending.empty()) frame.pending += ' ';
                    frame.pending += text(element);
                    break;
                case Kind::kWord:
                    if (element.words > budget) {
                        cut = true;
                        break;
                    }
                    budget -= element.words;
                    lead(frame, element);
                    {
                        std::string_view word = query_.substr(start_of(element), element.end - start_of(element));
                        if (is_wildcard(element) && ++wildcards_written > max_wildcards) {
                            while (word.ends_with('*')) word.remove_suffix(1);
                        }
                        out += word;
                    }
                    frame.pending.clear();
                    frame.emitted = true;
                    break;
                case Kind::kPhrase: {
                    // As many of the phrase's words as fit, the quote closed.
                    std::string words;
                    size_t at = element.inner_begin;
                    while (at < element.inner_end) {
                        while (at < element.inner_end && is_space(query_[at])) ++at;
                        size_t token_end = at;
                        while (token_end < element.inner_end && !is_space(query_[token_end])) ++token_end;
                        if (at == token_end) break;
                        const std::string_view token = query_.substr(at, token_end - at);
                        const size_t count = count_words(token);
                        if (count > budget) {
                            cut = true;
                            break;
                        }
                        budget -= count;
                        if (!words.empty()) words += ' ';
                        words += token;
                        at = token_end;
                    }
                    if (count_words(words) == 0 && element.words > 0) break;
                    lead(frame, element);
                    out += query_.substr(start_of(element), element.inner_begin - start_of(element));
                    out += words;
                    out += '"';
                    frame.pending.clear();
                    frame.emitted = true;
                    break;
                }
                case Kind::kGroup: {
                    Frame child;
                    child.group = element.group;
                    child.rollback = out.size();
                    lead(frame, element);
                    out += query_.substr(start_of(element), element.inner_begin - start_of(element));
                    stack.push_back(std::move(child));  // `frame` is not used past here
                    break;
                }
            }
        }
        return out;
    }

private:
    void read() {
        for (size_t at = query_.find('*'); at != std::string_view::npos; at = query_.find('*', at + 1)) {
            stars_.push_back(at);
        }
        groups_.emplace_back();
        std::vector<size_t> open{0};
        const size_t n = query_.size();
        size_t i = 0;
        while (i < n) {
            if (is_space(query_[i])) {
                ++i;
                continue;
            }
            if (query_[i] == ')') {
                // A stray ")" closes nothing; Xapian skips it too.
                if (open.size() > 1) {
                    open.pop_back();
                    groups_[open.back()].elements.back().end = i + 1;
                }
                ++i;
                continue;
            }
            Element element;
            element.begin = i;
            size_t at = i;
            if ((query_[i] == '+' || query_[i] == '-') && i + 1 < n && !is_space(query_[i + 1]) &&
                query_[i + 1] != ')') {
                element.sign = query_[i];
                ++at;
            }
            element.body = at;
            // title:"a phrase", title:(a group)
            size_t field_end = at;
            while (field_end < n && (std::isalpha(static_cast<unsigned char>(query_[field_end])) != 0 ||
                                     query_[field_end] == '_')) {
                ++field_end;
            }
            if (field_end > at && field_end + 1 < n && query_[field_end] == ':' &&
                (quote_length(query_, field_end + 1) > 0 || query_[field_end + 1] == '(')) {
                at = field_end + 1;
            }
            if (const size_t quote = quote_length(query_, at); quote > 0) {
                element.kind = Kind::kPhrase;
                element.inner_begin = at + quote;
                size_t close = element.inner_begin;
                while (close < n && quote_length(query_, close) == 0) ++close;
                element.inner_end = close;
                element.end = close < n ? close + quote_length(query_, close) : n;
                element.words =
                    count_words(query_.substr(element.inner_begin, element.inner_end - element.inner_begin));
            } else if (query_[at] == '(') {
                element.kind = Kind::kGroup;
                element.inner_begin = at + 1;
                element.end = n;  // until its ")" is found
                element.group = groups_.size();
                groups_[open.back()].elements.push_back(element);
                groups_.emplace_back();
                open.push_back(element.group);
                i = at + 1;
                continue;
            } else {
                size_t end = at;
                while (end < n && !is_space(query_[end]) && query_[end] != '(' && query_[end] != ')' &&
                       quote_length(query_, end) == 0) {
                    ++end;
                }
                element.end = end;
                const std::string_view word = text(element);
                element.kind = element.sign == 0 && is_operator(word) ? Kind::kOperator : Kind::kWord;
                element.words = element.kind == Kind::kWord ? count_words_after_field(word) : 0;
            }
            i = element.end;
            groups_[open.back()].elements.push_back(element);
        }
        // Children come after their parents: count bottom up.
        for (size_t g = groups_.size(); g-- > 0;) {
            for (Element& element : groups_[g].elements) {
                if (element.kind == Kind::kGroup) element.words = group_words(element.group);
            }
        }
    }

    [[nodiscard]] size_t group_words(size_t group) const {
        size_t words = 0;
        for (const Element& element : groups_[group].elements) words += element.words;
        return words;
    }

    [[nodiscard]] std::string_view text(const Element& element) const {
        return query_.substr(element.begin, element.end - element.begin);
    }

    // A word ending in '*' after a letter or digit: what Xapian expands.
    [[nodiscard]] bool is_wildcard(const Element& element) const {
        if (element.kind != Kind::kWord) return false;
        std::string_view word = text(element);
        if (!word.ends_with('*')) return false;
        while (word.ends_with('*')) word.remove_suffix(1);
        return !word.empty() && is_word_char(word.back());
    }

    // From the positions of the '*'s: nested brackets make a scan of each
    // group's text quadratic.
    [[nodiscard]] bool holds_wildcard(size_t begin, size_t end) const {
        const auto star = std::lower_bound(stars_.begin(), stars_.end(), begin);
        return star != stars_.end() && *star < end;
    }

    // Calls `visit(first, last)` for each part of the group: its elements
    // between AND, OR, NOT and XOR.
    template <typename Visit>
    void for_each_part(const Group& group, const Visit& visit) const {
        size_t first = 0;
        bool in_part = false;
        for (size_t i = 0; i < group.elements.size(); ++i) {
            const Element& element = group.elements[i];
            const bool separates = element.kind == Kind::kOperator && !joins_words(text(element));
            if (separates) {
                if (in_part) visit(first, i - 1);
                in_part = false;
            } else if (!in_part) {
                first = i;
                in_part = true;
            }
        }
        if (in_part) visit(first, group.elements.size() - 1);
    }

    [[nodiscard]] bool part_joins_words(const Group& group, size_t first, size_t last) const {
        for (size_t i = first; i <= last; ++i) {
            if (group.elements[i].kind == Kind::kOperator) return true;
        }
        return false;
    }

    [[nodiscard]] std::string_view part_text(const Group& group, std::pair<size_t, size_t> part) const {
        const size_t begin = group.elements[part.first].begin;
        return query_.substr(begin, group.elements[part.second].end - begin);
    }

    // Whether the same operator (OR, AND, or only spaces) joins every part,
    // so that the order and the repetition of parts do not matter.
    [[nodiscard]] bool one_operator_between_parts(const Group& group,
                                                  const std::vector<std::pair<size_t, size_t>>& parts) const {
        if (parts.front().first != 0) return false;  // "NOT x ...": the first part is excluded
        std::string_view joining;
        for (size_t p = 1; p < parts.size(); ++p) {
            const size_t begin = group.elements[parts[p - 1].second + 1].begin;
            const std::string_view between = query_.substr(begin, group.elements[parts[p].first - 1].end - begin);
            if (between != "OR" && between != "AND") return false;
            if (!joining.empty() && between != joining) return false;
            joining = between;
        }
        return true;
    }

    std::string_view query_;
    std::vector<Group> groups_;
    std::vector<size_t> stars_;  // where the query has a '*', in order
};

// An item of the query as a note quotes it: short, on one line.
std::string quoted_item(std::string_view item) {
    constexpr size_t kShownBytes = 40;
    return query_excerpt(item, kShownBytes);
}

std::string repetition_note(const std::vector<std::string_view>& dropped) {
    std::unordered_map<std::string_view, size_t> repeats;
    std::vector<std::string_view> order;
    for (const std::string_view item : dropped) {
        if (repeats[item]++ == 0) order.push_back(item);
    }
    if (order.size() == 1) {
        const size_t times = repeats[order[0]] + 1;
        return quoted_item(order[0]) + " appears " + std::to_string(times) + " times; it is searched once";
    }
    return quoted_item(order[0]) + " and " + std::to_string(order.size() - 1) +
           " other wildcards appear more than once; each is searched once";
}

}  // namespace

std::string query_excerpt(std::string_view query, size_t max_bytes) {
    std::string shown;
    size_t end = std::min(query.size(), max_bytes);
    // Not inside a UTF-8 character.
    while (end > 0 && end < query.size() && (static_cast<unsigned char>(query[end]) & 0xC0) == 0x80) --end;
    for (const char c : query.substr(0, end)) {
        const auto byte = static_cast<unsigned char>(c);
        shown.push_back(byte < 0x20 || byte == 0x7f ? ' ' : c);
    }
    if (end < query.size()) shown += "... (" + std::to_string(query.size()) + " bytes)";
    return "'" + shown + "'";
}

PreparedQuery prepare_query(std::string_view query, const QueryBounds& bounds) {
    QueryShape shape(query);
    PreparedQuery prepared;
    const bool excluded = shape.mark_exclusions();
    const std::vector<std::string_view> repeated = shape.drop_repeated_wildcards();
    const bool long_query = shape.words() > bounds.max_words;
    const size_t wildcards = shape.wildcards();
    if (!excluded && repeated.empty() && !long_query && wildcards <= bounds.max_wildcards) {
        prepared.text = std::string(query);
        return prepared;
    }
    size_t wildcards_written = 0;
    prepared.text = shape.write(bounds.max_words, bounds.max_wildcards, wildcards_written);
    if (!repeated.empty()) prepared.notes.push_back(repetition_note(repeated));
    if (long_query) {
        prepared.notes.push_back("the query has more than " + std::to_string(bounds.max_words) +
                                 " words; only the first " + std::to_string(bounds.max_words) + " are used");
    }
    if (wildcards_written > bounds.max_wildcards) {
        prepared.notes.push_back("the query has " + std::to_string(wildcards_written) + " wildcards; the first " +
                                 std::to_string(bounds.max_wildcards) +
                                 " are expanded, the others searched as the words they start with");
    }
    return prepared;
}

std::string slashes_between_words_as_spaces(std::string_view query) {
    auto is_letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
    std::string out(query);
    bool in_quotes = false;
    for (size_t i = 0; i < out.size(); ++i) {
        if (out[i] == '"') in_quotes = !in_quotes;
        if (!in_quotes && out[i] == '/' && i > 0 && i + 1 < out.size() && is_letter(out[i - 1]) &&
            is_letter(out[i + 1])) {
            out[i] = ' ';
        }
    }
    return out;
}

std::string without_question_quantities(std::string_view query) {
    auto lower = [](std::string_view word) {
        std::string out(word);
        for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return out;
    };
    auto is_letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
    std::string out;
    out.reserve(query.size());
    bool in_quotes = false;
    bool after_how = false;
    for (size_t i = 0; i < query.size();) {
        if (query[i] == '"') in_quotes = !in_quotes;
        if (!is_letter(query[i])) {
            if (std::isspace(static_cast<unsigned char>(query[i])) == 0) after_how = false;
            out += query[i++];
            continue;
        }
        size_t end = i;
        while (end < query.size() && is_letter(query[end])) ++end;
        const std::string word = lower(query.substr(i, end - i));
        const bool quantity = !in_quotes && after_how && (word == "much" || word == "many");
        if (!quantity) out.append(query.substr(i, end - i));
        after_how = !in_quotes && word == "how";
        i = end;
    }
    return out;
}

namespace {

// ASCII only, as these scans always read words (is_word_char takes UTF-8
// bytes too, for counting words).
bool is_query_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// The word beginning at `i`, when a word begins there; empty elsewhere.
std::string_view word_at(std::string_view query, size_t i) {
    if (!is_query_word_char(query[i]) || (i > 0 && is_query_word_char(query[i - 1]))) return {};
    size_t end = i;
    while (end < query.size() && is_query_word_char(query[end])) ++end;
    return query.substr(i, end - i);
}

// Whether a character at `i` begins a token: the query's start, or after
// a space or an opening bracket.
bool starts_token(std::string_view query, size_t i) {
    return i == 0 || std::isspace(static_cast<unsigned char>(query[i - 1])) != 0 || query[i - 1] == '(';
}

}  // namespace

bool is_plain_keyword_query(std::string_view query) {
    // Scanned by hand: compiling a std::regex took a tenth of a query.
    // Brackets around words alone are a parenthesis as people write one
    // ("hollande (france) coalition"), not a group worth an operator: the
    // query stays plain, and is relaxed to some of its words like any other.
    for (size_t i = 0; i < query.size(); ++i) {
        const char c = query[i];
        if (c == '"') return false;
        if ((c == '+' || c == '-') && starts_token(query, i) && i + 1 < query.size() &&
            std::isspace(static_cast<unsigned char>(query[i + 1])) == 0) {
            return false;
        }
        if (is_operator(word_at(query, i))) return false;
    }
    return true;
}

bool has_deliberate_syntax(std::string_view query, bool phrases_meant) {
    bool in_quotes = false;
    bool space_in_quotes = false;
    for (size_t i = 0; i < query.size(); ++i) {
        const char c = query[i];
        if (c == '"') {
            if (in_quotes && space_in_quotes && phrases_meant) return true;
            in_quotes = !in_quotes;
            space_in_quotes = false;
            continue;
        }
        if (in_quotes && std::isspace(static_cast<unsigned char>(c)) != 0) space_in_quotes = true;
        if (c == ':' && i > 0 && is_query_word_char(query[i - 1]) && i + 1 < query.size() &&
            std::isspace(static_cast<unsigned char>(query[i + 1])) == 0) {
            return true;
        }
        const std::string_view word = word_at(query, i);
        if (is_operator(word)) return true;
        if (!word.empty()) i += word.size() - 1;
    }
    return in_quotes && space_in_quotes && phrases_meant;
}

std::string read_as_words(std::string_view query) {
    std::string out;
    out.reserve(query.size());
    for (size_t i = 0; i < query.size(); ++i) {
        const char c = query[i];
        const bool begins = starts_token(query, i) || query[i - 1] == '"';
        if (c == '"' || c == '(' || c == ')' || ((c == '+' || c == '-') && begins)) {
            out += ' ';
            continue;
        }
        // Curly quotes, which Xapian reads as straight ones.
        if (query.substr(i).starts_with("\u201C") || query.substr(i).starts_with("\u201D")) {
            out += ' ';
            i += 2;
            continue;
        }
        if (const std::string_view word = word_at(query, i); is_operator(word)) {
            for (const char letter : word) out += static_cast<char>(std::tolower(static_cast<unsigned char>(letter)));
            i += word.size() - 1;
            continue;
        }
        out += c;
    }
    // One space between words, as the user would have typed them.
    std::string words;
    for (const char c : out) {
        if (std::isspace(static_cast<unsigned char>(c)) != 0) {
            if (!words.empty() && words.back() != ' ') words += ' ';
            continue;
        }
        words += c;
    }
    if (!words.empty() && words.back() == ' ') words.pop_back();
    return words;
}

}  // namespace news
