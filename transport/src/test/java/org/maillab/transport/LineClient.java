package org.maillab.transport;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A blocking line client over loopback for the tests (reads time out so a broken test fails, not hangs). */
final class LineClient implements Closeable {

    final Socket socket;
    private InputStream in;
    private OutputStream out;

    LineClient(InetSocketAddress address) throws IOException {
        this(new Socket(address.getAddress(), address.getPort()));
    }

    LineClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(20_000);
        this.in = new java.io.BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Replaces the streams, e.g. after a STARTTLS upgrade. */
    void use(Socket upgraded) throws IOException {
        upgraded.setSoTimeout(20_000);
        this.in = new java.io.BufferedInputStream(upgraded.getInputStream());
        this.out = upgraded.getOutputStream();
    }

    /** Compressed bytes received since {@link #compress()} (the wire, before inflating). */
    final java.util.concurrent.atomic.AtomicLong compressedIn = new java.util.concurrent.atomic.AtomicLong();

    /**
     * After the server's OK to a compression command: raw DEFLATE (RFC 1951) both ways from now on, as
     * RFC 4978 §3 has it; each {@link #send} ends with a SYNC_FLUSH. End of stream reads as end of stream.
     */
    void compress() {
        InputStream wire = new java.io.FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    compressedIn.addAndGet(n);
                }
                return n;
            }
        };
        InputStream inflating = new java.util.zip.InflaterInputStream(wire, new java.util.zip.Inflater(true), 8192) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (java.io.EOFException e) {
                    return -1; // the server closed: no final block, as RFC 4978 servers do
                }
            }
        };
        this.in = new java.io.BufferedInputStream(inflating);
        this.out = new java.util.zip.DeflaterOutputStream(out, new java.util.zip.Deflater(
                java.util.zip.Deflater.DEFAULT_COMPRESSION, true), 8192, true);
    }

    /** The output stream in use (compressing after {@link #compress()}); tests may write raw bytes to it. */
    OutputStream output() {
        return out;
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** One line without CRLF, or {@code null} at end of stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                byte[] a = line.toByteArray();
                int n = a.length > 0 && a[a.length - 1] == '\r' ? a.length - 1 : a.length;
                return new String(a, 0, n, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    /** Reads until end of stream; returns how many bytes came. */
    long drain() throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            total += n;
        }
        return total;
    }

    InputStream input() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
