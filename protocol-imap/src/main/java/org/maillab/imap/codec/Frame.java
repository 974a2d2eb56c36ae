package org.maillab.imap.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One complete command (or response) as the framer split it: text lines without their CRLF,
 * alternating with the literals they announced. A command without literals is one line.
 * The grammar is applied to a frame only once it is complete (framing before grammar).
 */
public record Frame(List<Fragment> fragments) {

    public Frame {
        fragments = List.copyOf(fragments);
        if (fragments.isEmpty() || !(fragments.get(fragments.size() - 1) instanceof Fragment.Line)) {
            throw new IllegalArgumentException("a frame ends with a line");
        }
    }

    /** A frame of one line of text. */
    public static Frame ofLine(String line) {
        return new Frame(List.of(new Fragment.Line(line.getBytes(StandardCharsets.UTF_8))));
    }

    /** A frame of one line of octets. */
    public static Frame ofLine(byte[] line) {
        return new Frame(List.of(new Fragment.Line(line)));
    }

    /** The first line's octets (for AUTHENTICATE responses and IDLE's DONE, which are not commands). */
    public byte[] firstLine() {
        return ((Fragment.Line) fragments.get(0)).bytes();
    }

    /** The frame as text with literals shown as {@code {n}} markers, for logs and transcripts. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Fragment f : fragments) {
            if (f instanceof Fragment.Line line) {
                sb.append(new String(line.bytes(), StandardCharsets.UTF_8));
            } else if (f instanceof Fragment.LiteralPart lit) {
                sb.append("<").append(lit.literal().size()).append(" octets>");
            }
        }
        return sb.toString();
    }

    /** Frees spooled literals of a frame that will not be used. */
    public void release() {
        for (Fragment f : fragments) {
            if (f instanceof Fragment.LiteralPart lit) {
                lit.literal().release();
            }
        }
    }

    /** Builds frames from parts. */
    static List<Fragment> list() {
        return new ArrayList<>();
    }

    /** A piece of a frame. */
    public sealed interface Fragment {

        /** Text up to (not including) CRLF; if it ends with a literal announcement, a literal follows. */
        record Line(byte[] bytes) implements Fragment {
            public Line {
                bytes = bytes.clone();
            }

            @Override
            public byte[] bytes() {
                return bytes.clone();
            }

            int length() {
                return bytes.length;
            }

            byte at(int i) {
                return bytes[i];
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof Line other && java.util.Arrays.equals(bytes, other.bytes);
            }

            @Override
            public int hashCode() {
                return java.util.Arrays.hashCode(bytes);
            }

            @Override
            public String toString() {
                return "Line[" + new String(bytes, StandardCharsets.UTF_8) + "]";
            }
        }

        /** The octets of a literal; {@code nonSync} for {@code {n+}}. */
        record LiteralPart(Literal literal, boolean nonSync) implements Fragment {
        }
    }
}
