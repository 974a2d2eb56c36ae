package org.maillab.mailstore.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the repository (and of {@code ../shared}) from a test, whatever module it runs in. */
public final class RepositoryFiles {

    private RepositoryFiles() {
    }

    /** The repository root: the nearest directory upwards that holds {@code .ci/run}. */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(".ci/run"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the MailLab repository: " + Path.of("").toAbsolutePath());
    }

    /** A file by its path from the repository root. */
    public static Path find(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException("missing repository file " + path);
        }
        return path;
    }

    /** {@code ../shared} beside the repository (the RFCs, the corpus), present in CI. */
    public static Path shared() {
        return root().resolveSibling("shared");
    }
}
