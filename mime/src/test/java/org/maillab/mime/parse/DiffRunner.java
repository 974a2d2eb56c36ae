package org.maillab.mime.parse;

import java.nio.file.Path;

/** Prints every disagreement with mime4j over the corpus (for writing known-differences.tsv). */
final class DiffRunner {
    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            for (String a : args) {
                Mime4jComparison.compare(Path.of(a)).forEach(System.out::println);
            }
            return;
        }
        for (Path file : Corpus.messages()) {
            var diffs = Mime4jComparison.compare(file);
            if (!diffs.isEmpty()) {
                System.out.println(Corpus.name(file) + "\t" + String.join(",", Mime4jComparison.kinds(diffs)) + "\t" + diffs.subList(0, Math.min(3, diffs.size())));
            }
        }
    }
}
