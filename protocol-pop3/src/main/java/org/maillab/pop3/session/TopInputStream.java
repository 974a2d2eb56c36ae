package org.maillab.pop3.session;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The part of a message that TOP returns (RFC 1939 §7): the header, the blank line after it, and the
 * first {@code bodyLines} lines of the body. Streams; stops reading the message once done.
 */
final class TopInputStream extends InputStream {

    private final InputStream message;
    private final int bodyLines;
    private boolean inBody;
    private int linesSent;
    private int lineLength;
    private boolean done;

    TopInputStream(InputStream message, int bodyLines) {
        this.message = new BufferedInputStream(message);
        this.bodyLines = bodyLines;
        this.done = false;
    }

    @Override
    public int read() throws IOException {
        if (done || (inBody && linesSent >= bodyLines)) {
            return -1;
        }
        int b = message.read();
        if (b < 0) {
            done = true;
            return -1;
        }
        if (b == '\n') {
            if (inBody) {
                linesSent++;
            } else if (lineLength == 0) {
                inBody = true; // the empty line that ends the header (RFC 5322 §2.1)
            }
            lineLength = 0;
        } else if (b != '\r') {
            lineLength++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int count = 0;
        while (count < length) {
            int b = read();
            if (b < 0) {
                break;
            }
            buffer[offset + count++] = (byte) b;
        }
        return count == 0 ? -1 : count;
    }

    @Override
    public void close() throws IOException {
        message.close();
    }
}
