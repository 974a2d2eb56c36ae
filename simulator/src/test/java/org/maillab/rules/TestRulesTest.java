package org.maillab.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.maillab.mailstore.testing.RepositoryFiles;

/**
 * The project's rules for tests, checked over every module's test sources: a property test has a
 * fixed seed, so a run is reproducible; a test never sleeps to synchronize (benchmarks may pace).
 * (The patterns are spelled in two pieces so that this file does not match itself.)
 */
class TestRulesTest {

    private static final Pattern PROPERTY = Pattern.compile("@" + "Property\\b(\\s*\\(([^)]*)\\))?");
    private static final String SLEEP = "Thread." + "sleep(";

    @Test
    void everyPropertyHasAFixedSeed() throws IOException {
        List<String> unseeded = new ArrayList<>();
        for (Path source : testSources()) {
            String text = Files.readString(source);
            Matcher m = PROPERTY.matcher(text);
            while (m.find()) {
                String arguments = m.group(2) == null ? "" : m.group(2);
                if (!arguments.contains("seed")) {
                    unseeded.add(source + ":" + lineOf(text, m.start()));
                }
            }
        }
        assertEquals(List.of(), unseeded, "jqwik properties without seed = \"...\"");
    }

    @Test
    void noTestSleepsToSynchronize() throws IOException {
        List<String> sleepers = new ArrayList<>();
        for (Path source : testSources()) {
            if (source.getFileName().toString().endsWith("Benchmark.java")) {
                continue;
            }
            if (Files.readString(source).contains(SLEEP)) {
                sleepers.add(source.toString());
            }
        }
        assertEquals(List.of(), sleepers, "tests that sleep to synchronize");
    }

    private static List<Path> testSources() throws IOException {
        Path root = RepositoryFiles.root();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : (Iterable<Path>) modules::iterator) {
                Path tests = module.resolve("src/test/java");
                if (Files.isDirectory(tests)) {
                    try (Stream<Path> files = Files.walk(tests)) {
                        files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
                    }
                }
            }
        }
        return sources;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
