package org.maillab.imap.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.maillab.transport.spool.SpoolDirectory;

/**
 * Where the framer puts a literal too large to keep in memory while it arrives: a file that {@link
 * Literal#release()} (or {@link Spool#abort()}) deletes. Ownership is explicit: the framer owns a spool
 * until it is finished, then the command's {@link Frame} owns the literal and frees it once the command
 * has been handled, whatever the answer. A server spools into its own {@link SpoolDirectory}, which
 * its stop empties.
 */
@FunctionalInterface
public interface LiteralSpooler {

    /** Starts a spool for a literal of {@code size} octets. */
    Spool start(long size);

    /** A literal being received. */
    interface Spool {
        /** Appends received octets. */
        void write(byte[] bytes, int offset, int length);

        /** All octets arrived: the literal. */
        Literal finish();

        /** The command was abandoned (connection lost, limit hit): free everything. */
        void abort();
    }

    /** Spools to files in a server's own directory (see {@link SpoolDirectory}). */
    static LiteralSpooler inDirectory(SpoolDirectory directory) {
        return size -> {
            try {
                return new FileSpool(directory.newFile(FILE_PREFIX));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /**
     * Spools to files in the JVM's temporary directory: for a framer used on its own (tests, tools), whose
     * user releases every literal.
     */
    static LiteralSpooler tempFiles() {
        return size -> {
            try {
                return new FileSpool(Files.createTempFile(FILE_PREFIX, ".tmp"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** How spool files are named: {@code maillab-literal*.tmp}. */
    String FILE_PREFIX = "maillab-literal";

    /** Keeps even large literals in memory: for tests and clients of tiny messages only. */
    static LiteralSpooler inMemory() {
        return size -> new Spool() {
            private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

            @Override
            public void write(byte[] bytes, int offset, int length) {
                out.write(bytes, offset, length);
            }

            @Override
            public Literal finish() {
                return Literal.of(out.toByteArray());
            }

            @Override
            public void abort() {
                out.reset();
            }
        };
    }

    /** A spool in a temporary file. */
    final class FileSpool implements Spool {
        private final Path file;
        private final OutputStream out;
        private long written;

        FileSpool(Path file) {
            this.file = file;
            try {
                out = Files.newOutputStream(file);
            } catch (IOException e) {
                deleteQuietly(file);
                throw new UncheckedIOException(e);
            }
        }

        private static void deleteQuietly(Path file) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // The server's stop empties its spool directory.
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            try {
                out.write(bytes, offset, length);
                written += length;
            } catch (IOException e) {
                abort(); // disk full: nothing of this literal stays
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Literal finish() {
            try {
                out.close();
            } catch (IOException e) {
                abort();
                throw new UncheckedIOException(e);
            }
            long size = written;
            return new Literal() {
                @Override
                public long size() {
                    return size;
                }

                @Override
                public java.io.InputStream open() {
                    try {
                        return Files.newInputStream(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void release() {
                    deleteQuietly(file);
                }

                @Override
                public String toString() {
                    return "Literal{" + size + " octets spooled}";
                }
            };
        }

        @Override
        public void abort() {
            try {
                out.close();
            } catch (IOException e) {
                // Deleted below all the same.
            }
            deleteQuietly(file);
        }
    }
}
