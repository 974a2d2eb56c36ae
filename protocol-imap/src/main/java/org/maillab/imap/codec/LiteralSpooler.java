package org.maillab.imap.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the framer puts a literal too large to keep in memory while it arrives. The default spools to
 * a temporary file that {@link Literal#release()} deletes; a server may spool straight into the store.
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

    /** Spools to temporary files. */
    static LiteralSpooler tempFiles() {
        return size -> new FileSpool();
    }

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

        FileSpool() {
            try {
                file = Files.createTempFile("maillab-literal", ".tmp");
                out = Files.newOutputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            try {
                out.write(bytes, offset, length);
                written += length;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Literal finish() {
            try {
                out.close();
            } catch (IOException e) {
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
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        // A temp file left behind is harmless; the OS cleans its temp directory.
                    }
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
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Best effort: nothing else can be done with a spool that fails to close.
            }
        }
    }
}
