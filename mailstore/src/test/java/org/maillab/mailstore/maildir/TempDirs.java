package org.maillab.mailstore.maildir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Temporary directories for tests, removed afterwards. */
public final class TempDirs {

    private TempDirs() {
    }

    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void delete(Path root) {
        if (root != null) {
            MaildirAccount.deleteTree(root);
        }
    }
}
