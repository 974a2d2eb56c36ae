package org.maillab.mime.codec;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes quoted-printable (RFC 2045 §6.7) while writing.
 *
 * <p>In text mode a line end in the input (CRLF, or a bare LF or CR) becomes a CRLF hard line break;
 * in binary mode CR and LF are encoded as {@code =0D} and {@code =0A} so the octets survive exactly.
 * Encoded lines are at most 76 characters (rule 5, soft breaks {@code =CRLF}); white space before a
 * line end is encoded (rule 3); a line starting with {@code "From "} or {@code "."} has its first
 * character encoded so that mbox files and SMTP do not alter it (RFC 2049 §3, item 8).
 * {@link #finish()} ends the output without closing the underlying stream.
 */
public final class QuotedPrintableOutputStream extends OutputStream {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int MAX_LINE = 76;

    private final OutputStream out;
    private final boolean binary;
    /** The current input line, encoded lazily so trailing white space can be seen. */
    private final byte[] pending = new byte[MAX_LINE * 3 + 8];
    private int column;
    private int pendingSpace = -1;
    private boolean lastWasCr;
    private boolean lineStart = true;
    private final byte[] lookahead = new byte[5];
    private int lookaheadLen;

    public QuotedPrintableOutputStream(OutputStream out, boolean binary) {
        this.out = out;
        this.binary = binary;
    }

    @Override
    public void write(int value) throws IOException {
        int b = value & 0xff;
        if (!binary && (b == '\r' || b == '\n')) {
            if (b == '\n' && lastWasCr) {
                lastWasCr = false;
                return;
            }
            lastWasCr = b == '\r';
            flushLookahead();
            hardBreak();
            return;
        }
        lastWasCr = false;
        if (lineStart && column == 0 && pendingSpace < 0 && (b == 'F' || lookaheadLen > 0)) {
            lookahead[lookaheadLen++] = (byte) b;
            if (!"From ".startsWith(new String(lookahead, 0, lookaheadLen, java.nio.charset.StandardCharsets.ISO_8859_1))) {
                flushLookahead();
            } else if (lookaheadLen == 5) {
                lineStart = false;
                lookaheadLen = 0;
                encoded('F');
                for (byte c : "rom".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
                    literal(c);
                }
                pendSpace(' ');
            }
            return;
        }
        emitChar(b);
    }

    private void flushLookahead() throws IOException {
        int n = lookaheadLen;
        lookaheadLen = 0;
        lineStart = false;
        for (int i = 0; i < n; i++) {
            emitChar(lookahead[i] & 0xff);
        }
    }

    private void emitChar(int b) throws IOException {
        boolean first = lineStart && column == 0 && pendingSpace < 0;
        lineStart = false;
        if (pendingSpace >= 0) {
            int s = pendingSpace;
            pendingSpace = -1;
            literal(s);
        }
        if (b == ' ' || b == '\t') {
            pendSpace(b);
        } else if (b == '=' || b < 33 || b > 126 || (first && b == '.')) {
            encoded(b);
        } else {
            literal(b);
        }
    }

    private void pendSpace(int b) {
        pendingSpace = b;
    }

    private void literal(int b) throws IOException {
        room(1);
        out.write(b);
        column++;
    }

    private void encoded(int b) throws IOException {
        room(3);
        out.write('=');
        out.write(HEX[b >> 4]);
        out.write(HEX[b & 0xf]);
        column += 3;
    }

    /** Inserts a soft line break if {@code n} more characters plus a possible '=' would pass 76. */
    private void room(int n) throws IOException {
        if (column + n > MAX_LINE - 1) {
            out.write('=');
            out.write('\r');
            out.write('\n');
            column = 0;
        }
    }

    private void hardBreak() throws IOException {
        if (pendingSpace >= 0) {
            int s = pendingSpace;
            pendingSpace = -1;
            encoded(s); // rule 3: no literal white space before a line end
        }
        out.write('\r');
        out.write('\n');
        column = 0;
        lineStart = true;
    }

    /** Ends the encoding (trailing white space is encoded); idempotent; keeps the stream open. */
    public void finish() throws IOException {
        flushLookahead();
        if (pendingSpace >= 0) {
            int s = pendingSpace;
            pendingSpace = -1;
            encoded(s);
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
