package org.maillab.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A trivial line protocol for the tests: greets with {@code * hello}, echoes each line as {@code ECHO <line>},
 * and understands a few commands:
 * <ul>
 *   <li>{@code QUIT} -> {@code BYE}, close</li>
 *   <li>{@code LIT n} -> {@code + go}, then reads an n-byte literal; replies {@code LITERAL n <sha-256>}</li>
 *   <li>{@code LIT+ n} -> a non-synchronizing literal (RFC 7888): no {@code + go}; if n is over the limit,
 *       {@code NO too big} and the n bytes are skipped</li>
 *   <li>{@code STLS} -> {@code OK begin TLS}, then startTls</li>
 *   <li>{@code SECURE?} -> {@code SECURE true|false}</li>
 *   <li>{@code DEFLATE} -> {@code OK deflate}, then startCompression ({@code NO <why>} if refused)</li>
 *   <li>{@code STREAM n} -> {@code STREAM n}, n streamed bytes of {@link PatternSource}, {@code END}</li>
 * </ul>
 */
class EchoHandler implements ProtocolHandler {

    private MessageDigest digest;
    private long literalBytes;

    @Override
    public void onConnect(Connection c) {
        c.writeLine("* hello");
    }

    @Override
    public void onLine(Connection c, byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        if (text.equals("QUIT")) {
            c.writeLine("BYE");
            c.close();
        } else if (text.startsWith("LIT+ ")) {
            long n = Long.parseLong(text.substring(5));
            if (n > c.maxLiteralSize()) {
                c.writeLine("NO too big");
                c.discardLiteral(n);
                return;
            }
            digest = sha256();
            literalBytes = 0;
            c.expectLiteral(n);
        } else if (text.startsWith("LIT ")) {
            long n = Long.parseLong(text.substring(4));
            if (n > c.maxLiteralSize()) {
                c.writeLine("NO too big");
                return;
            }
            digest = sha256();
            literalBytes = 0;
            c.writeLine("+ go");
            c.expectLiteral(n);
        } else if (text.equals("STLS")) {
            if (c.isCompressed()) {
                c.writeLine("NO compressing");
                return;
            }
            c.writeLine("OK begin TLS");
            c.startTls();
        } else if (text.equals("DEFLATE")) {
            if (c.isCompressed()) {
                c.writeLine("NO already compressing");
                return;
            }
            c.writeLine("OK deflate");
            c.startCompression();
        } else if (text.startsWith("STREAM ")) {
            long n = Long.parseLong(text.substring(7));
            c.writeLine("STREAM " + n);
            c.stream(new PatternSource(n));
            c.writeLine("END");
        } else if (text.equals("SECURE?")) {
            c.writeLine("SECURE " + c.isSecure());
        } else {
            c.writeLine("ECHO " + text);
        }
    }

    @Override
    public void onLineTooLong(Connection c, long length) {
        c.writeLine("ERR line too long: " + length);
    }

    @Override
    public void onLiteralChunk(Connection c, ByteBuffer chunk) {
        literalBytes += chunk.remaining();
        digest.update(chunk);
    }

    @Override
    public void onLiteralEnd(Connection c, long size) {
        c.writeLine("LITERAL " + literalBytes + " " + HexFormat.of().formatHex(digest.digest()));
    }

    @Override
    public void onClose(Connection c, CloseReason reason) {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
