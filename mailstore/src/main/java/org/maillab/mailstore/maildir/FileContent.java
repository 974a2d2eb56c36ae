package org.maillab.mailstore.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.maillab.mailstore.MailStoreException;
import org.maillab.mailstore.MailStoreException.Reason;
import org.maillab.mailstore.MessageContent;
import org.maillab.mailstore.core.CrlfInputStream;

/**
 * A message file served in canonical form. A file already in CRLF is read directly, a byte range by
 * seeking; a file with bare LF (as Dovecot and most MDAs write) is converted while it is read, and a
 * byte range skips converted bytes. Never more than a buffer in memory.
 */
final class FileContent implements MessageContent {

    private final MaildirFolder folder;
    private final MaildirMessage message;
    private final long size;

    FileContent(MaildirFolder folder, MaildirMessage message, long size) {
        this.folder = folder;
        this.message = message;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public InputStream open() {
        return open(0, Long.MAX_VALUE);
    }

    @Override
    public InputStream open(long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative");
        }
        long start = Math.min(offset, size);
        long count = Math.min(length, size - start);
        FileChannel channel = openChannel();
        try {
            InputStream in;
            if (message.crlfOnDisk) {
                channel.position(start);
                in = Channels.newInputStream(channel);
            } else {
                in = new CrlfInputStream(Channels.newInputStream(channel));
                in.skipNBytes(start);
            }
            return new BoundedInputStream(in, count);
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // reporting the first failure
            }
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the file by its current name; a concurrent flag change renames it, so look again. */
    private FileChannel openChannel() {
        for (int attempt = 0; attempt < 5; attempt++) {
            Path path = folder.pathOf(message);
            try {
                return FileChannel.open(path, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                Thread.onSpinWait();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new MailStoreException(Reason.NONEXISTENT, "the message file is gone: " + message.base);
    }

    /** At most {@code remaining} bytes of a stream. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
