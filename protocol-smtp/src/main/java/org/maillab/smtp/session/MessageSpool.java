package org.maillab.smtp.session;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Holds one incoming message between DATA (or the first BDAT) and its delivery: the first
 * {@code memoryLimit} octets in memory, the rest in a temporary file, so a large message never sits
 * whole in memory. {@link #close()} removes the file; the session calls it on every path (delivered,
 * refused, reset, connection lost).
 */
public final class MessageSpool extends OutputStream {

    private final Path directory;
    private final int memoryLimit;
    private byte[] memory;
    private int memoryLength;
    private Path file;
    private OutputStream fileOut;
    private long size;
    private boolean closed;
    private boolean failed;

    /**
     * @param directory   where the temporary file goes, or {@code null} for the system's temporary directory
     * @param memoryLimit octets kept in memory before spilling to the file
     */
    public MessageSpool(Path directory, int memoryLimit) {
        this.directory = directory;
        this.memory = new byte[Math.max(16, Math.min(memoryLimit, 4096))];
        this.memoryLimit = memoryLimit;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /**
     * Appends bytes. A failure of the temporary file (a full disk) does not throw: the spool remembers it
     * ({@link #failed()}), drops what follows, and the session answers 451 once the data has ended, so the
     * client may try again and the session goes on.
     */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("spool closed");
        }
        if (failed) {
            return;
        }
        if (fileOut == null && memoryLength + (long) len <= memoryLimit) {
            if (memoryLength + len > memory.length) {
                memory = Arrays.copyOf(memory, Math.min(memoryLimit, Math.max(memory.length * 2, memoryLength + len)));
            }
            System.arraycopy(b, off, memory, memoryLength, len);
            memoryLength += len;
        } else {
            try {
                if (fileOut == null) {
                    file = directory == null ? Files.createTempFile("maillab-smtp-", ".eml")
                            : Files.createTempFile(directory, "maillab-smtp-", ".eml");
                    fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
                }
                fileOut.write(b, off, len);
            } catch (IOException e) {
                failed = true;
                return;
            }
        }
        size += len;
    }

    /** Whether writing the temporary file failed; the message is then incomplete and must not be delivered. */
    public boolean failed() {
        return failed;
    }

    /** Octets written so far. */
    public long size() {
        return size;
    }

    /** Whether the message spilled to a temporary file (for tests). */
    public Path file() {
        return file;
    }

    /** The message from its first octet; may be opened once per recipient. */
    public InputStream open() throws IOException {
        if (fileOut != null) {
            fileOut.flush();
            return new java.io.SequenceInputStream(new ByteArrayInputStream(memory, 0, memoryLength),
                    Files.newInputStream(file));
        }
        return new ByteArrayInputStream(memory, 0, memoryLength);
    }

    /** Drops the message and removes the temporary file, if any. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        memory = new byte[0];
        try {
            if (fileOut != null) {
                fileOut.close();
            }
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
