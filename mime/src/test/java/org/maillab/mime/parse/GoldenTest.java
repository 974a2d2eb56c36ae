package org.maillab.mime.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests in the style of mail-parser's {@code .eml} + {@code .json} pairs: each message copied
 * from the corpus into {@code src/test/resources/golden/} (origins in {@code ORIGIN.md} there) sits
 * next to a hand-reviewed {@code .expected} description of its tree ({@link TreeDump}). They run
 * without ../shared. To regenerate after a deliberate change, run with {@code -Dgolden.update=true}
 * and review the diff.
 */
class GoldenTest {

    static Path goldenDirectory() {
        try {
            return Path.of(GoldenTest.class.getResource("/golden/ORIGIN.md").toURI()).getParent();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("golden resources missing", e);
        }
    }

    static List<Path> goldenMessages() throws IOException {
        try (Stream<Path> list = Files.list(goldenDirectory())) {
            return list.filter(p -> p.getFileName().toString().endsWith(".eml")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> eachGoldenMessageParsesToItsExpectedTree() throws IOException {
        List<Path> messages = goldenMessages();
        assertTrue(messages.size() >= 20, "golden set too small: " + messages.size());
        return messages.stream().map(eml -> DynamicTest.dynamicTest(eml.getFileName().toString(), () -> {
            byte[] bytes = Files.readAllBytes(eml);
            String actual = TreeDump.dump(MimeParser.parse(bytes), ByteSource.of(bytes));
            String name = eml.getFileName().toString().replaceAll("\\.eml$", ".expected");
            Path expectedFile = eml.resolveSibling(name);
            if (Boolean.getBoolean("golden.update")) {
                Path source = Path.of("src/test/resources/golden").resolve(name);
                Files.writeString(source, actual, StandardCharsets.UTF_8);
                return;
            }
            assertTrue(Files.exists(expectedFile), "no " + name);
            assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual);
        }));
    }
}
