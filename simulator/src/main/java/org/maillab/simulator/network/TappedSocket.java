package org.maillab.simulator.network;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * A client socket whose streams count what passes through them into a {@link WireTap}. Any client
 * that accepts a {@link Socket} (or its streams) can be measured, against any server.
 */
public final class TappedSocket extends Socket {

    private final WireTap tap;
    private InputStream in;
    private OutputStream out;

    public TappedSocket(WireTap tap) {
        this.tap = tap;
    }

    /** Connects with a timeout and sets the same read timeout, so a silent server cannot hang a run. */
    public static TappedSocket open(String host, int port, int timeoutMillis, WireTap tap) throws IOException {
        TappedSocket socket = new TappedSocket(tap);
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        super.connect(endpoint, timeout);
        tap.connected();
    }

    public WireTap tap() {
        return tap;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) {
            in = new CountingInput(super.getInputStream(), tap);
        }
        return in;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (out == null) {
            out = new CountingOutput(super.getOutputStream(), tap);
        }
        return out;
    }

    private static final class CountingInput extends FilterInputStream {
        private final WireTap tap;

        CountingInput(InputStream in, WireTap tap) {
            super(in);
            this.tap = tap;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                tap.received(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            tap.received(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            tap.received(skipped);
            return skipped;
        }
    }

    private static final class CountingOutput extends FilterOutputStream {
        private final WireTap tap;

        CountingOutput(OutputStream out, WireTap tap) {
            super(out);
            this.tap = tap;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            tap.sent(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            tap.sent(b, off, len);
        }
    }
}
