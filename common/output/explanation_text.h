// --explain for people: the block before the hits (how the query was
// read) and the lines under each hit (what each word added to its score,
// why its passage was chosen).  Each returns whole lines, indented as the
// text printer shows them; names and words are escaped for a terminal.
#pragma once

#include "output/result_printer.h"
#include "search/search_results.h"

#include <string>

namespace news {

std::string query_explanation_lines(const QueryExplanation& explanation, const TextStyle& style);

// "score 4.213 (all words) = attacks 1.902 + paris 2.311", and a line of
// what feedback added when it did.
std::string hit_score_lines(const HitExplanation& explanation, double score, const TextStyle& style);

// "why this passage: holds all the words; 1st of 3 that do (7 passages) ..."
std::string passage_choice_line(const PassageChoice& choice, const TextStyle& style);

}  // namespace news
