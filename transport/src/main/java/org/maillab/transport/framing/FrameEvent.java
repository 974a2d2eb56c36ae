package org.maillab.transport.framing;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What the {@link Framer} splits a client's byte stream into: lines, over-long lines, and the chunks of
 * a literal. Framing comes before grammar (STYLE.md, after imap-codec's fragmentizer): a protocol parses
 * a {@link Line} only, so literal bytes can never be mistaken for a command.
 */
public sealed interface FrameEvent {

    /**
     * One line without its terminator (CRLF, or a bare LF, which is accepted too; a CR elsewhere in the
     * line is kept). The array is the event's own copy.
     */
    record Line(byte[] bytes) implements FrameEvent {
        /** The line as text, ISO-8859-1 (one char per byte, so it never fails). */
        public String latin1() {
            return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Line other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Line[" + latin1() + "]";
        }
    }

    /**
     * A line longer than the maximum line length was read and thrown away up to and including its
     * terminator; {@code length} is how many bytes it had (without the terminator). The next event starts
     * with the next line, so the protocol answers {@code -ERR} / {@code BAD} and the session goes on.
     */
    record LineTooLong(long length) implements FrameEvent {
    }

    /**
     * The next bytes of a literal announced with {@link Framer#expectLiteral(long)}. The buffer is a
     * read-only view that is valid only while the event is being handled; copy what you keep.
     */
    record LiteralChunk(ByteBuffer bytes) implements FrameEvent {
        /** A copy of the chunk's remaining bytes (convenient in tests). */
        public byte[] toArray() {
            ByteBuffer b = bytes.duplicate();
            byte[] a = new byte[b.remaining()];
            b.get(a);
            return a;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LiteralChunk other && bytes.equals(other.bytes);
        }

        @Override
        public int hashCode() {
            return bytes.hashCode();
        }
    }

    /** All bytes of the literal have been delivered; line framing goes on with the rest of the command. */
    record LiteralEnd(long size) implements FrameEvent {
    }
}
