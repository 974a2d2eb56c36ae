package org.maillab.smtp.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One SMTP reply (RFC 5321 §4.2): a three-digit code, an optional enhanced status code (RFC 2034,
 * RFC 3463: {@code class.subject.detail}) and one or more lines of text. On the wire every line but
 * the last has a hyphen after the code ({@code 250-SIZE 1000}), the last a space ({@code 250 HELP}).
 *
 * @param code     the reply code, 200-599
 * @param enhanced the enhanced status code, e.g. {@code "5.1.1"}, or {@code null} where RFC 2034 §3
 *                 leaves it out (the greeting, the EHLO/LHLO reply)
 * @param lines    the text lines, at least one (may be empty text)
 */
public record SmtpReply(int code, String enhanced, List<String> lines) {

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
    }

    /** A one-line reply with an enhanced status code. */
    public static SmtpReply of(int code, String enhanced, String text) {
        return new SmtpReply(code, Objects.requireNonNull(enhanced, "enhanced"), List.of(text));
    }

    /** A one-line reply without an enhanced status code. */
    public static SmtpReply plain(int code, String text) {
        return new SmtpReply(code, null, List.of(text));
    }

    /** 2yz: the command was accepted (RFC 5321 §4.2.1). */
    public boolean positive() {
        return code < 400;
    }

    /** 4yz: a transient failure, the client may try again later. */
    public boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    /** The reply as it is sent, with CRLF after each line. */
    public String toWireString() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (enhanced != null) {
                out.append(enhanced).append(' ');
            }
            out.append(lines.get(i)).append("\r\n");
        }
        return out.toString();
    }

    /** {@link #toWireString()} in UTF-8 (RFC 6531 §3.7.4 allows UTF-8 reply text). */
    public byte[] toWire() {
        return toWireString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return toWireString().stripTrailing();
    }
}
