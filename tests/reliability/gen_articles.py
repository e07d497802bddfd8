#!/usr/bin/env python3
"""gen_articles.py DIR COUNT [SEED] [PREFIX]: COUNT plain-text articles of
made-up words (a headline, then paragraphs), for tests that need bulk without
the shared corpora.  Each article holds the word `bulkmarker` and its own
`articleNNNNN` word."""
import os
import random
import sys

WORDS = ("market bank shares profit growth election minister vote team match goal season film music "
         "award phone software network court police report energy oil price trade union budget tax "
         "company chief rise fall week year month plan deal talks").split()


def main():
    folder, count = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    prefix = sys.argv[4] if len(sys.argv) > 4 else "article"
    rng = random.Random(seed)
    os.makedirs(folder, exist_ok=True)
    for i in range(count):
        title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
        paragraphs = []
        for _ in range(rng.randint(3, 8)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(25, 60))]
            words[0] = words[0].capitalize()
            paragraphs.append(" ".join(words) + ".")
        paragraphs.append("The bulkmarker word and %s%05d close the article." % (prefix, i))
        with open(os.path.join(folder, "%s-%05d.txt" % (prefix, i)), "w") as f:
            f.write(title + "\n\n" + "\n\n".join(paragraphs) + "\n")


if __name__ == "__main__":
    main()
