package org.maillab.mime.codec;

import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes quoted-printable (RFC 2045 §6.7) while reading.
 *
 * <ul>
 *   <li>{@code =XX} (upper or lower case hex) is one octet;</li>
 *   <li>{@code =} followed by optional white space and a line end is a soft line break and vanishes;</li>
 *   <li>white space at the end of a line is deleted (rule 3: it was added in transport);</li>
 *   <li>a hard line end (CRLF, or a bare LF or CR) is a line break of the canonical form and
 *       decodes to CRLF (§6.7: "a line break in the encoded text represents a CRLF");</li>
 *   <li>an {@code =} not followed by two hex digits or a line end is kept literally, as §6.7 advises
 *       ("the robust implementation"), and counted in {@link #malformedEscapes()}.</li>
 * </ul>
 * Never throws on bad input.
 */
public final class QuotedPrintableInputStream extends InputStream {

    private enum State { TEXT, EQUALS, EQUALS_HEX, EQUALS_SPACE, SOFT_CR }

    /** Trailing white space longer than this cannot be "added in transport": it is kept. */
    private static final int MAX_PENDING_SPACE = 998;

    private final InputStream in;
    private final byte[] encoded = new byte[8192];
    private int encodedPos;
    private int encodedLen;
    private byte[] decoded = new byte[8192 + 2 * MAX_PENDING_SPACE + 8];
    private int decodedPos;
    private int decodedLen;
    private final byte[] space = new byte[MAX_PENDING_SPACE];
    private int spaceLen;
    private State state = State.TEXT;
    private int firstHex;
    private boolean eof;
    private long malformed;
    private boolean lastWasCr;

    public QuotedPrintableInputStream(InputStream in) {
        this.in = in;
    }

    /** Number of {@code =} that started neither an escape nor a soft line break. */
    public long malformedEscapes() {
        return malformed;
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

    private boolean fill() throws IOException {
        decodedPos = 0;
        decodedLen = 0;
        while (decodedLen == 0) {
            if (encodedPos == encodedLen) {
                if (eof) {
                    return false;
                }
                int n = in.read(encoded);
                if (n < 0) {
                    eof = true;
                    finishAtEnd();
                    return decodedLen > 0;
                }
                encodedPos = 0;
                encodedLen = n;
            }
            while (encodedPos < encodedLen && decodedLen < 8192) {
                step(encoded[encodedPos++] & 0xff);
            }
        }
        return true;
    }

    private void step(int b) {
        if (state != State.TEXT) {
            lastWasCr = false;
        }
        switch (state) {
            case TEXT -> text(b);
            case EQUALS -> {
                if (hex(b) >= 0) {
                    firstHex = b;
                    state = State.EQUALS_HEX;
                } else if (b == ' ' || b == '\t') {
                    spaceLen = 0;
                    pendSpace(b);
                    state = State.EQUALS_SPACE;
                } else if (b == '\r') {
                    state = State.SOFT_CR;
                } else if (b == '\n') {
                    state = State.TEXT;
                } else {
                    malformed++;
                    out('=');
                    state = State.TEXT;
                    text(b);
                }
            }
            case EQUALS_HEX -> {
                int low = hex(b);
                state = State.TEXT;
                if (low >= 0) {
                    out((hex(firstHex) << 4) | low);
                } else {
                    malformed++;
                    out('=');
                    out(firstHex);
                    text(b);
                }
            }
            case EQUALS_SPACE -> {
                if (b == ' ' || b == '\t') {
                    pendSpace(b);
                } else if (b == '\r') {
                    spaceLen = 0;
                    state = State.SOFT_CR;
                } else if (b == '\n') {
                    spaceLen = 0;
                    state = State.TEXT;
                } else {
                    malformed++;
                    out('=');
                    flushSpace();
                    state = State.TEXT;
                    text(b);
                }
            }
            case SOFT_CR -> {
                state = State.TEXT;
                if (b != '\n') {
                    text(b);
                }
            }
        }
    }

    private void text(int b) {
        boolean afterCr = lastWasCr;
        lastWasCr = false;
        if (b == ' ' || b == '\t') {
            pendSpace(b);
        } else if (b == '\r' || b == '\n') {
            spaceLen = 0; // rule 3: trailing white space is transport padding
            if (b == '\n' && afterCr) {
                return; // the LF of a CRLF already written
            }
            out('\r');
            out('\n');
            lastWasCr = b == '\r';
        } else if (b == '=') {
            flushSpace();
            state = State.EQUALS;
        } else {
            flushSpace();
            out(b);
        }
    }

    private void pendSpace(int b) {
        if (spaceLen == MAX_PENDING_SPACE) {
            flushSpace();
        }
        space[spaceLen++] = (byte) b;
    }

    private void flushSpace() {
        if (state == State.EQUALS_SPACE) {
            // the spaces after a malformed '=' are text
        }
        for (int i = 0; i < spaceLen; i++) {
            out(space[i]);
        }
        spaceLen = 0;
    }

    private void finishAtEnd() {
        switch (state) {
            case EQUALS_HEX -> {
                malformed++;
                out('=');
                out(firstHex);
            }
            default -> {
                // '=' at the very end is a soft break; trailing white space is padding
            }
        }
        spaceLen = 0;
        state = State.TEXT;
    }

    private void out(int b) {
        decoded[decodedLen++] = (byte) b;
    }

    private static int hex(int b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
