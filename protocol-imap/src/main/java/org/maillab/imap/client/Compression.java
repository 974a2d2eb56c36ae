package org.maillab.imap.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The client's DEFLATE layer for COMPRESS=DEFLATE (RFC 4978): raw DEFLATE (RFC 1951, {@code nowrap})
 * around the connection's streams, with counters of what went in and out of it.
 */
public final class Compression {

    /** zlib's default level; RFC 4978 §3 leaves the trade-off to each sender. */
    private static final int LEVEL = Deflater.DEFAULT_COMPRESSION;
    private static final int BUFFER = 16 * 1024;

    private final Deflater deflater = new Deflater(LEVEL, true);
    private final Inflater inflater = new Inflater(true);
    private final InputStream input;
    private final OutputStream output;

    /**
     * Octets since COMPRESS: {@code sent} and {@code received} are what the protocol wrote and read;
     * {@code sentOnWire} and {@code receivedOnWire} what crossed the connection.
     */
    public record Counts(long sent, long sentOnWire, long received, long receivedOnWire) {
    }

    Compression(InputStream in, OutputStream out) {
        this.input = new InflaterInputStream(in, inflater, BUFFER) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (EOFException e) {
                    return -1; // the server closed without a final block, as servers do (RFC 4978 has none)
                }
            }
        };
        // syncFlush: flush() is a SYNC_FLUSH, so each command leaves whole (RFC 4978 §4).
        this.output = new DeflaterOutputStream(out, deflater, BUFFER, true);
    }

    InputStream input() {
        return input;
    }

    OutputStream output() {
        return output;
    }

    Counts counts() {
        return new Counts(deflater.getBytesRead(), deflater.getBytesWritten(), inflater.getBytesWritten(),
                inflater.getBytesRead());
    }

    void end() {
        deflater.end();
        inflater.end();
    }
}
