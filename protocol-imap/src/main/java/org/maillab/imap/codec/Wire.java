package org.maillab.imap.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds wire data: chooses for each string the atom, quoted or literal form (RFC 9051 §4.3) so that
 * any value — CR, LF, 8-bit text — can be sent and parsed back unchanged.
 */
final class Wire {

    /** Strings longer than this are sent as literals even if they could be quoted. */
    static final int MAX_QUOTED = 1000;

    private final List<Encoded.Chunk> chunks = new ArrayList<>();
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private final boolean client;
    private final boolean nonSync;
    private final boolean utf8;

    /**
     * @param client  writing a command (literals may need a continuation)
     * @param nonSync use {@code {n+}} literals (the server announced LITERAL+)
     * @param utf8    8-bit text may be quoted (IMAP4rev2 / UTF8=ACCEPT); otherwise it goes as a literal
     */
    Wire(boolean client, boolean nonSync, boolean utf8) {
        this.client = client;
        this.nonSync = nonSync;
        this.utf8 = utf8;
    }

    static Wire response() {
        return new Wire(false, false, true);
    }

    Wire raw(String ascii) {
        byte[] b = ascii.getBytes(StandardCharsets.UTF_8);
        text.write(b, 0, b.length);
        return this;
    }

    Wire sp() {
        text.write(' ');
        return this;
    }

    Wire number(long n) {
        return raw(Long.toString(n));
    }

    Wire crlf() {
        text.write('\r');
        text.write('\n');
        return this;
    }

    /** astring: an atom when possible, else a string. */
    Wire astring(String s) {
        if (Syntax.isAstringAtom(s)) {
            return raw(s);
        }
        return string(s);
    }

    /** list-mailbox: like astring, but {@code %} and {@code *} may stay unquoted. */
    Wire listMailbox(String s) {
        boolean plain = !s.isEmpty();
        for (int i = 0; i < s.length() && plain; i++) {
            plain = Syntax.isListChar(s.charAt(i));
        }
        return plain ? raw(s) : string(s);
    }

    /** string: quoted when safe and short, else a literal. */
    Wire string(String s) {
        if (quotable(s)) {
            text.write('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    text.write('\\');
                }
                if (c < 0x80) {
                    text.write(c);
                } else {
                    byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                        b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                        i++;
                    }
                    text.write(b, 0, b.length);
                }
            }
            text.write('"');
            return this;
        }
        return literal(Literal.of(s));
    }

    private boolean quotable(String s) {
        if (s.length() > MAX_QUOTED) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || (c >= 0x80 && !utf8)) {
                return false;
            }
            if (Character.isSurrogate(c)) {
                // Lone surrogates cannot be encoded as UTF-8 faithfully; a literal will show the damage.
                boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1));
                if (!paired) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    Wire nstring(Optional<String> s) {
        return s.isPresent() ? string(s.get()) : raw("NIL");
    }

    /** A literal: announcement, CRLF, then the octets streamed from their source. */
    Wire literal(Literal literal) {
        return literal(literal, false);
    }

    Wire literal(Literal literal, boolean binary) {
        boolean sync = client && !nonSync;
        raw((binary ? "~{" : "{") + literal.size() + (client && nonSync ? "+}" : "}"));
        crlf();
        flushText();
        chunks.add(new Encoded.Chunk.LiteralOctets(literal, sync));
        return this;
    }

    Wire nstringLiteral(Optional<Literal> literal) {
        return literal.isPresent() ? literal(literal.get()) : raw("NIL");
    }

    /** "(" items ")" of atoms (flags, capabilities) separated by spaces. */
    Wire atomList(List<String> atoms) {
        text.write('(');
        for (int i = 0; i < atoms.size(); i++) {
            if (i > 0) {
                sp();
            }
            raw(atoms.get(i));
        }
        text.write(')');
        return this;
    }

    private void flushText() {
        if (text.size() > 0) {
            chunks.add(new Encoded.Chunk.Octets(text.toByteArray()));
            text.reset();
        }
    }

    Encoded finish() {
        flushText();
        return new Encoded(chunks);
    }

    /** An astring as text, for descriptions (section field names); quoted when not an atom. */
    static String astringText(String s) {
        if (Syntax.isAstringAtom(s)) {
            return s;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c == '\r' || c == '\n' ? ' ' : c);
        }
        return sb.append('"').toString();
    }
}
