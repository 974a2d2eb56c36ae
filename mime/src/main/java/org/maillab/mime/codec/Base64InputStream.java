package org.maillab.mime.codec;

import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes base64 (RFC 2045 §6.8) while reading, never holding more than a small buffer.
 *
 * <p>Lenient as RFC 2045 §6.8 asks: characters outside the alphabet (line breaks, spaces, garbage)
 * are skipped and counted in {@link #ignoredBytes()}; a {@code =} ends the current quantum, and data
 * after it is decoded again (mail systems concatenate base64 blocks). A truncated final quantum of
 * two or three characters still yields its one or two bytes; a lone dangling character is dropped
 * and counted in {@link #danglingCharacters()}. Never throws on bad input.
 */
public final class Base64InputStream extends InputStream {

    private static final byte[] DECODE = new byte[256];
    private static final byte INVALID = -1;
    private static final byte PAD = -2;

    static {
        java.util.Arrays.fill(DECODE, INVALID);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            DECODE[alphabet.charAt(i)] = (byte) i;
        }
        DECODE['='] = PAD;
    }

    private final InputStream in;
    private final byte[] encoded = new byte[8192];
    private final byte[] decoded = new byte[8192 / 4 * 3 + 3];
    private int decodedPos;
    private int decodedLen;
    private int quantum;
    private int count;
    private boolean eof;
    private long ignored;
    private long dangling;

    public Base64InputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        if (decodedPos == decodedLen && !fill()) {
            return -1;
        }
        return decoded[decodedPos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (decodedPos == decodedLen && !fill()) {
            return -1;
        }
        int n = Math.min(len, decodedLen - decodedPos);
        System.arraycopy(decoded, decodedPos, b, off, n);
        decodedPos += n;
        return n;
    }

    @Override
    public int available() {
        return decodedLen - decodedPos;
    }

    /** Bytes skipped because they are not in the base64 alphabet (white space excluded). */
    public long ignoredBytes() {
        return ignored;
    }

    /** Lone characters left over at a quantum's end that could not make a byte. */
    public long danglingCharacters() {
        return dangling;
    }

    private boolean fill() throws IOException {
        decodedPos = 0;
        decodedLen = 0;
        while (decodedLen == 0) {
            if (eof) {
                return false;
            }
            int n = in.read(encoded);
            if (n < 0) {
                eof = true;
                flushPartial();
                return decodedLen > 0;
            }
            for (int i = 0; i < n; i++) {
                int b = encoded[i] & 0xff;
                int d = DECODE[b];
                if (d >= 0) {
                    quantum = (quantum << 6) | d;
                    if (++count == 4) {
                        decoded[decodedLen++] = (byte) (quantum >> 16);
                        decoded[decodedLen++] = (byte) (quantum >> 8);
                        decoded[decodedLen++] = (byte) quantum;
                        count = 0;
                        quantum = 0;
                    }
                } else if (d == PAD) {
                    flushPartial();
                } else if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
                    ignored++;
                }
            }
        }
        return true;
    }

    private void flushPartial() {
        switch (count) {
            case 2 -> decoded[decodedLen++] = (byte) (quantum >> 4);
            case 3 -> {
                decoded[decodedLen++] = (byte) (quantum >> 10);
                decoded[decodedLen++] = (byte) (quantum >> 2);
            }
            case 1 -> dangling++;
            default -> {
            }
        }
        count = 0;
        quantum = 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
