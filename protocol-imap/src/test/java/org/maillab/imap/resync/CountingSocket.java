package org.maillab.imap.resync;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A plain socket that counts the octets that cross it each way, as the application reads and writes
 * them (IMAP's bytes; TCP/IP headers are not counted). Hand it to {@code ImapClient.over}.
 */
public final class CountingSocket extends Socket {

    private long received;
    private long sent;
    private InputStream countingIn;
    private OutputStream countingOut;

    /** Connects to {@code 127.0.0.1:port}. */
    static CountingSocket loopback(int port) throws IOException {
        CountingSocket s = new CountingSocket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        s.setSoTimeout(120_000); // a server that stops answering fails the run instead of hanging it
        return s;
    }

    public long received() {
        return received;
    }

    public long sent() {
        return sent;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (countingIn == null) {
            countingIn = new FilterInputStream(super.getInputStream()) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        received++;
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        received += n;
                    }
                    return n;
                }
            };
        }
        return countingIn;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (countingOut == null) {
            countingOut = new FilterOutputStream(super.getOutputStream()) {
                @Override
                public void write(int b) throws IOException {
                    out.write(b); // the wrapped stream
                    sent++;
                }

                @Override
                public void write(byte[] buffer, int offset, int length) throws IOException {
                    out.write(buffer, offset, length); // FilterOutputStream's own would go byte by byte
                    sent += length;
                }
            };
        }
        return countingOut;
    }
}
