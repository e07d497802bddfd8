// Lucene 8 peer for bench/speed and bench/relevance: indexes every regular,
// non-hidden file under the given folders, one document per file, with
// EnglishAnalyzer (standard tokenizer, lower case, English stop words,
// possessive filter, Porter stemmer) over the whole text.
//
//   java -cp CLASSES:JARS IndexFiles INDEX_DIR FOLDER...
//
// Fields: "path" (absolute path, stored, not analysed) and "contents" (the
// file read as UTF-8, malformed bytes replaced; indexed, not stored).
// Single-threaded, IndexWriter's defaults (16 MB RAM buffer, tiered merge
// policy, no forceMerge), a new index each run (OpenMode.CREATE), one commit.
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.store.FSDirectory;

public final class IndexFiles {
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: IndexFiles INDEX_DIR FOLDER...");
            System.exit(2);
        }
        long start = System.nanoTime();
        IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer());
        config.setOpenMode(OpenMode.CREATE);
        long[] count = {0};
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(Paths.get(args[0])), config)) {
            for (int i = 1; i < args.length; i++) {
                Files.walkFileTree(Paths.get(args[i]).toAbsolutePath(), new SimpleFileVisitor<Path>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                        return name.startsWith(".") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(".")) {
                            Document doc = new Document();
                            doc.add(new StringField("path", file.toString(), Field.Store.YES));
                            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                            doc.add(new TextField("contents", text, Field.Store.NO));
                            writer.addDocument(doc);
                            count[0]++;
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            }
            writer.commit();
        }
        System.err.printf("IndexFiles: %d files in %.2f s%n", count[0], (System.nanoTime() - start) / 1e9);
    }
}
