package org.maillab.mailstore.maildir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Maildir's convention for {@code tmp/}: a file there is a delivery in progress, and one older than 36
 * hours is a delivery that will never finish (a killed APPEND, a crashed delivery agent), so it is
 * removed. Done when the store opens, for INBOX's {@code tmp/} and each folder's.
 */
final class StaleTmpFiles {

    /** Files in {@code tmp/} older than this are removed (the Maildir convention). */
    static final Duration STALE = Duration.ofHours(36);

    private StaleTmpFiles() {
    }

    /** Removes the stale files in {@code maildir/tmp} and in each Maildir++ folder's {@code tmp}. */
    static void remove(Path maildir, Instant now) {
        Instant cutoff = now.minus(STALE);
        removeIn(maildir.resolve("tmp"), cutoff);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(maildir, ".*")) {
            for (Path folder : entries) {
                if (Files.isDirectory(folder.resolve("tmp"))) {
                    removeIn(folder.resolve("tmp"), cutoff);
                }
            }
        } catch (IOException e) {
            // an unreadable Maildir is reported when it is used
        }
    }

    private static void removeIn(Path tmp, Instant cutoff) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp)) {
            for (Path p : entries) {
                if (Files.isRegularFile(p) && Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // a missing tmp/ is recreated on first append; a file that vanished is gone already
        }
    }
}
