package org.maillab.mime.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test over every message of ../shared/corpus against Apache mime4j (test scope):
 * the same part tree (shape, content types, charset and boundary), the same file names and the
 * same decoded bytes of every leaf. Each disagreement is listed in
 * {@code differential/known-differences.tsv} with a reason key that docs/mime-differences.md
 * explains (whose reading of the RFC is right). A message that disagrees in another way, or that
 * stops disagreeing, fails the test, so the list stays true.
 */
class Mime4jDifferentialTest {

    record Known(TreeSet<String> kinds, String reason) {
    }

    static Map<String, Known> known() throws IOException {
        Map<String, Known> out = new HashMap<>();
        try (InputStream in = Mime4jDifferentialTest.class.getResourceAsStream("/differential/known-differences.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                out.put(cols[0], new Known(new TreeSet<>(List.of(cols[1].split(","))), cols[2]));
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusMessageAgreesWithMime4jOrIsAKnownDifference() throws IOException {
        List<Path> messages = Corpus.messages();
        assumeTrue(!messages.isEmpty(), "../shared/corpus not found: the differential test needs it (CI has it)");
        assertTrue(messages.size() > 400, "corpus looks incomplete: " + messages.size());
        Map<String, Known> known = known();
        return messages.stream().map(file -> DynamicTest.dynamicTest(Corpus.name(file), () -> {
            List<Mime4jComparison.Difference> differences = Mime4jComparison.compare(file);
            Known expected = known.get(Corpus.name(file));
            TreeSet<String> expectedKinds = expected == null ? new TreeSet<>() : expected.kinds();
            assertEquals(expectedKinds, Mime4jComparison.kinds(differences), () -> differences.toString());
        }));
    }

    @Test
    void everyReasonIsExplainedInTheDocs() throws IOException {
        Path docs = Corpus.repositoryRoot().map(r -> r.resolve("docs/mime-differences.md")).orElse(null);
        assumeTrue(docs != null && Files.exists(docs), "docs/mime-differences.md not found");
        String text = Files.readString(docs);
        for (Known k : known().values()) {
            assertTrue(text.contains("`" + k.reason() + "`"), "reason not explained in docs: " + k.reason());
        }
        assertFalse(known().isEmpty());
    }
}
