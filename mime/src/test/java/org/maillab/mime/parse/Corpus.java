package org.maillab.mime.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the shared test corpus: {@code <repository root>/../shared/corpus}, where the repository
 * root is the nearest directory above the working directory whose pom.xml has artifactId
 * {@code maillab}.
 */
final class Corpus {

    /** Files in the corpus folders that are notes, not messages. */
    private static final Set<String> NOT_MESSAGES = Set.of("README.md", "INDEX.tsv", "ARTISTIC-LICENSE.txt",
            "README.txt", ".gitattributes", "COPYING");

    private Corpus() {
    }

    static Optional<Path> root() {
        return repositoryRoot().map(dir -> dir.resolve("../shared/corpus").normalize()).filter(Files::isDirectory);
    }

    /** The directory holding the root pom.xml (artifactId maillab). */
    static Optional<Path> repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && isRootPom(pom)) {
                return Optional.of(dir);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    private static boolean isRootPom(Path pom) {
        try {
            String text = Files.readString(pom);
            return text.contains("<artifactId>maillab</artifactId>") && text.contains("<modules>");
        } catch (IOException e) {
            return false;
        }
    }

    /** Every single-message file under {@code mime/}, sorted. */
    static List<Path> messages() throws IOException {
        Optional<Path> root = root();
        if (root.isEmpty()) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root.get().resolve("mime"))) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !NOT_MESSAGES.contains(p.getFileName().toString()))
                    .sorted().toList();
        }
    }

    /** A path relative to the corpus root, with forward slashes. */
    static String name(Path file) {
        return root().map(r -> r.relativize(file).toString().replace('\\', '/')).orElse(file.toString());
    }
}
