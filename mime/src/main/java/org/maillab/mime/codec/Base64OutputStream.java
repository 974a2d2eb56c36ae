package org.maillab.mime.codec;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes base64 while writing (RFC 2045 §6.8): lines of at most 76 characters, each ended by CRLF.
 * {@link #finish()} writes the final quantum with its padding and the last CRLF without closing the
 * underlying stream, so a writer can continue with a boundary.
 */
public final class Base64OutputStream extends OutputStream {

    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** RFC 2045 §6.8: encoded lines must be no more than 76 characters long. */
    public static final int LINE_LENGTH = 76;

    private final OutputStream out;
    private final byte[] line = new byte[LINE_LENGTH + 2];
    private int linePos;
    private int quantum;
    private int count;
    private boolean finished;

    public Base64OutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        quantum = (quantum << 8) | (b & 0xff);
        if (++count == 3) {
            emit(quantum >> 18);
            emit(quantum >> 12);
            emit(quantum >> 6);
            emit(quantum);
            count = 0;
            quantum = 0;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    private void emit(int sextet) throws IOException {
        line[linePos++] = ALPHABET[sextet & 0x3f];
        if (linePos == LINE_LENGTH) {
            endLine();
        }
    }

    private void emitPad() throws IOException {
        line[linePos++] = '=';
        if (linePos == LINE_LENGTH) {
            endLine();
        }
    }

    private void endLine() throws IOException {
        line[linePos++] = '\r';
        line[linePos++] = '\n';
        out.write(line, 0, linePos);
        linePos = 0;
    }

    /** Writes the last quantum (with {@code =} padding) and ends the last line; idempotent. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (count == 1) {
            emit(quantum >> 2);
            emit(quantum << 4);
            emitPad();
            emitPad();
        } else if (count == 2) {
            emit(quantum >> 10);
            emit(quantum >> 4);
            emit(quantum << 2);
            emitPad();
        }
        if (linePos > 0) {
            endLine();
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }
}
