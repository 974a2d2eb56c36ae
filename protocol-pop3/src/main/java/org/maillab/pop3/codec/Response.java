package org.maillab.pop3.codec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A server reply (RFC 1939 §3): a status line, {@code +OK} or {@code -ERR} with an optional response
 * code (RFC 2449 §8), optionally followed by a multi-line body ending in a line with a single dot; or,
 * during AUTH, a continuation line {@code + data} (RFC 5034 §4).
 */
public sealed interface Response {

    /** The whole reply as a stream of wire bytes: status line, dot-stuffed body and terminator. */
    InputStream toWire() throws IOException;

    /** The status line as text, without CRLF (for transcripts). */
    String statusLine();

    /** Whether this is a positive reply ({@code +OK} or a continuation). */
    boolean ok();

    /** A single-line {@code +OK} or {@code -ERR} reply. */
    record Status(boolean ok, Optional<ResponseCode> code, String text) implements Response {

        public Status {
            text = printable(text);
        }

        @Override
        public String statusLine() {
            StringBuilder line = new StringBuilder(ok ? "+OK" : "-ERR");
            code.ifPresent(c -> line.append(" [").append(c.wire()).append(']'));
            if (!text.isEmpty()) {
                line.append(' ').append(text);
            }
            return line.toString();
        }

        @Override
        public InputStream toWire() {
            return new ByteArrayInputStream(bytes());
        }

        /** The status line with CRLF. */
        public byte[] bytes() {
            return (statusLine() + "\r\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** {@code +OK} followed by a body that is dot-stuffed on the way out (RFC 1939 §3). */
    record MultiLine(Status status, BodySource body) implements Response {

        public MultiLine {
            if (!status.ok()) {
                throw new IllegalArgumentException("only a positive reply has a multi-line body");
            }
        }

        @Override
        public boolean ok() {
            return true;
        }

        @Override
        public String statusLine() {
            return status.statusLine();
        }

        @Override
        public InputStream toWire() throws IOException {
            return new SequenceInputStream(status.toWire(), new DotStuffingInputStream(body.open()));
        }
    }

    /** {@code + data}: the server's SASL challenge, base64 (RFC 5034 §4); PLAIN's is empty. */
    record Continuation(String data) implements Response {

        public Continuation {
            data = printable(data);
        }

        @Override
        public boolean ok() {
            return true;
        }

        @Override
        public String statusLine() {
            return "+ " + data;
        }

        @Override
        public InputStream toWire() {
            return new ByteArrayInputStream((statusLine() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** {@code +OK text}. */
    static Status ok(String text) {
        return new Status(true, Optional.empty(), text);
    }

    /** {@code -ERR text}. */
    static Status err(String text) {
        return new Status(false, Optional.empty(), text);
    }

    /** {@code -ERR [CODE] text}. */
    static Status err(ResponseCode code, String text) {
        return new Status(false, Optional.of(code), text);
    }

    /** {@code +OK text} and the given lines as body (each without CRLF). */
    static MultiLine lines(String text, List<String> lines) {
        StringBuilder body = new StringBuilder();
        for (String line : lines) {
            body.append(printable(line)).append("\r\n");
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return new MultiLine(ok(text), () -> new ByteArrayInputStream(bytes));
    }

    /** {@code +OK text} and a streamed body. */
    static MultiLine stream(String text, BodySource body) {
        return new MultiLine(ok(text), body);
    }

    /** Text that cannot break the line structure: CR, LF and other controls become spaces. */
    private static String printable(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            clean.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return clean.toString();
    }
}
