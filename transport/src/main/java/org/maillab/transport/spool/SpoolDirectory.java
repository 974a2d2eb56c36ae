package org.maillab.transport.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.maillab.transport.wire.WireNumber;

/**
 * A server's own directory for the temporary files it writes while input arrives (an IMAP literal too
 * large for memory). Every file of a server is in it, so stopping the server removes whatever a path
 * forgot, and starting one removes what a crashed process left: its directory is named after its
 * process id, and a directory whose process is gone is deleted on the next start.
 *
 * <p>Layout: {@code <base>/<pid>-<random>/<prefix><random>.tmp}. Thread-safe.
 */
public final class SpoolDirectory implements AutoCloseable {

    private final Path directory;
    private volatile boolean closed;

    private SpoolDirectory(Path directory) {
        this.directory = directory;
    }

    /**
     * A fresh directory under {@code <java.io.tmpdir>/maillab-spool-<user>}, after removing the
     * directories of processes that no longer run.
     */
    public static SpoolDirectory create() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return create(Path.of(System.getProperty("java.io.tmpdir"), "maillab-spool-" + user));
    }

    /** A fresh directory under {@code base} (created if missing), after removing dead processes' ones. */
    public static SpoolDirectory create(Path base) {
        try {
            Files.createDirectories(base);
            removeLeftovers(base);
            return new SpoolDirectory(Files.createTempDirectory(base, ProcessHandle.current().pid() + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spool directory in " + base, e);
        }
    }

    /** The directory itself (for tests and for the documentation's "where are my files"). */
    public Path path() {
        return directory;
    }

    /** A new empty file {@code <prefix>*.tmp}; the caller deletes it when done (and {@link #close()} does). */
    public Path newFile(String prefix) throws IOException {
        if (closed) {
            throw new IOException("the spool directory " + directory + " is closed: the server is stopping");
        }
        return Files.createTempFile(directory, prefix, ".tmp");
    }

    /** The files currently in the directory: empty when every command freed what it spooled. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            entries.forEach(files::add);
        } catch (IOException e) {
            // A directory that cannot be listed (already removed) holds nothing of ours.
        }
        return files;
    }

    /** Deletes every file and the directory: the server stops. Idempotent. */
    @Override
    public void close() {
        closed = true;
        deleteTree(directory);
    }

    /** Deletes the directories of processes that are gone (a crash or kill -9 left them). */
    private static void removeLeftovers(Path base) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                int dash = name.indexOf('-');
                long pid = dash < 0 ? WireNumber.INVALID : WireNumber.parse(name.substring(0, dash), Long.MAX_VALUE);
                if (pid != WireNumber.INVALID && ProcessHandle.of(pid).isEmpty()) {
                    deleteTree(entry);
                }
            }
        }
    }

    /** A spool directory holds files only; what cannot be deleted (another user's) is left. */
    private static void deleteTree(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path file : entries) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // Not ours or already gone.
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // Not empty (a file created meanwhile) or not ours.
        }
    }

    @Override
    public String toString() {
        return "SpoolDirectory[" + directory + "]";
    }
}
