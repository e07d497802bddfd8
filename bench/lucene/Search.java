// Lucene 8 peer for bench/speed and bench/relevance: BM25 (k1 1.2, b 0.75,
// Lucene's default similarity) over the "contents" field written by
// IndexFiles, the query analysed by the same EnglishAnalyzer and its words
// joined by OR (classic QueryParser, default operator OR, the text escaped so
// nothing in it is syntax).
//
//   java ... Search INDEX_DIR [-n N] QUERY...       one query: "rank<TAB>score<TAB>path" lines
//   java ... Search INDEX_DIR [-n N] --batch FILE    FILE holds "qid<TAB>query" lines; prints
//                                                    "qid<TAB>rank<TAB>score<TAB>path" lines
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

public final class Search {
    public static void main(String[] args) throws IOException, ParseException {
        if (args.length < 2) {
            System.err.println("usage: Search INDEX_DIR [-n N] (QUERY... | --batch FILE)");
            System.exit(2);
        }
        int n = 10;
        String batch = null;
        List<String> words = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("-n") && i + 1 < args.length) {
                n = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--batch") && i + 1 < args.length) {
                batch = args[++i];
            } else {
                words.add(args[i]);
            }
        }
        BooleanQuery.setMaxClauseCount(8192);
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(Paths.get(args[0])))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            QueryParser parser = new QueryParser("contents", new EnglishAnalyzer());
            parser.setDefaultOperator(QueryParser.Operator.OR);
            PrintStream out = new PrintStream(System.out, false, "UTF-8");
            if (batch == null) {
                int hits = run(searcher, parser, String.join(" ", words), n, "", out);
                out.flush();
                System.exit(hits > 0 ? 0 : 1);
            }
            try (BufferedReader in = Files.newBufferedReader(Paths.get(batch), StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    int tab = line.indexOf('\t');
                    if (tab < 0) continue;
                    run(searcher, parser, line.substring(tab + 1), n, line.substring(0, tab) + "\t", out);
                }
            }
            out.flush();
        }
    }

    private static int run(IndexSearcher searcher, QueryParser parser, String text, int n, String prefix,
                           PrintStream out) throws IOException, ParseException {
        String escaped = QueryParser.escape(text).trim();
        if (escaped.isEmpty()) return 0;
        Query query = parser.parse(escaped);
        TopDocs top = searcher.search(query, n);
        int rank = 0;
        for (ScoreDoc hit : top.scoreDocs) {
            out.printf("%s%d\t%.6f\t%s%n", prefix, ++rank, hit.score, searcher.doc(hit.doc).get("path"));
        }
        return rank;
    }
}
