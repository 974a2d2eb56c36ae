package org.maillab.transport.framing;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Splits a byte stream into {@link FrameEvent}s: lines (with a maximum length) and, when the protocol asks
 * for one, a literal of a known size delivered in bounded chunks. No I/O and no threads: feed it bytes,
 * take events out. The connection uses one per client; an IMAP client can use one for server responses.
 *
 * <p>Usage: call {@link #next(ByteBuffer)} until it returns {@code null} (it needs more bytes); between two
 * calls, after a {@link FrameEvent.Line} or {@link FrameEvent.LiteralEnd}, the protocol may call
 * {@link #expectLiteral(long)} (IMAP {@code {n}} / {@code {n+}}, RFC 9051 §4.3, RFC 7888) or
 * {@link #discardLiteral(long)} (a non-synchronizing literal the server refused). Input is consumed from
 * the buffer's position; unconsumed bytes stay there for the next call.
 *
 * <p>Memory is bounded by {@code maxLineLength + 1} for the partial line plus one chunk: an over-long line
 * is counted and dropped, never buffered. {@code next} never throws on any input.
 */
public final class Framer {

    /** The default largest literal chunk handed out at once. */
    public static final int DEFAULT_CHUNK_SIZE = 16 * 1024;

    private static final byte LF = '\n';
    private static final byte CR = '\r';

    private enum Mode { LINE, DISCARDING_LINE, LITERAL, SKIPPING }

    private final int maxLineLength;
    private final int chunkSize;
    private final boolean keepLineEnds;

    private Mode mode = Mode.LINE;
    private byte[] line = new byte[0];
    private int lineLength;
    private long discardedLength;
    private boolean discardedEndsWithCr;
    private long literalSize;
    private long literalRemaining;

    /**
     * @param maxLineLength the longest line accepted, in bytes without the terminator (at least 1)
     */
    public Framer(int maxLineLength) {
        this(maxLineLength, DEFAULT_CHUNK_SIZE);
    }

    /**
     * @param maxLineLength the longest line accepted, in bytes without the terminator (at least 1)
     * @param chunkSize     the largest {@link FrameEvent.LiteralChunk} handed out (at least 1)
     */
    public Framer(int maxLineLength, int chunkSize) {
        this(maxLineLength, chunkSize, false);
    }

    /**
     * @param maxLineLength the longest line accepted, in bytes without the terminator (at least 1)
     * @param chunkSize     the largest {@link FrameEvent.LiteralChunk} handed out (at least 1)
     * @param keepLineEnds  whether each {@link FrameEvent.Line} keeps its terminator (CRLF or a bare LF), for
     *                      a protocol that must tell them apart (SMTP DATA, RFC 5321 §2.3.8)
     */
    public Framer(int maxLineLength, int chunkSize, boolean keepLineEnds) {
        if (maxLineLength < 1 || maxLineLength == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxLineLength " + maxLineLength);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize " + chunkSize);
        }
        this.maxLineLength = maxLineLength;
        this.chunkSize = chunkSize;
        this.keepLineEnds = keepLineEnds;
    }

    /** The longest line accepted, without its terminator. */
    public int maxLineLength() {
        return maxLineLength;
    }

    /**
     * The next event from {@code input}, or {@code null} when more bytes are needed (all of {@code input}
     * has then been consumed).
     */
    public FrameEvent next(ByteBuffer input) {
        while (true) {
            switch (mode) {
                case LITERAL -> {
                    if (literalRemaining == 0) {
                        mode = Mode.LINE;
                        return new FrameEvent.LiteralEnd(literalSize);
                    }
                    if (!input.hasRemaining()) {
                        return null;
                    }
                    int n = (int) Math.min(Math.min(literalRemaining, input.remaining()), chunkSize);
                    byte[] chunk = new byte[n];
                    input.get(chunk);
                    literalRemaining -= n;
                    return new FrameEvent.LiteralChunk(ByteBuffer.wrap(chunk).asReadOnlyBuffer());
                }
                case SKIPPING -> {
                    int n = (int) Math.min(literalRemaining, input.remaining());
                    input.position(input.position() + n);
                    literalRemaining -= n;
                    if (literalRemaining > 0) {
                        return null;
                    }
                    mode = Mode.LINE;
                }
                case LINE -> {
                    if (!input.hasRemaining()) {
                        return null;
                    }
                    int lf = indexOfLf(input);
                    int end = lf < 0 ? input.limit() : lf;
                    int n = end - input.position();
                    if ((long) lineLength + n > maxLineLength + 1L) {
                        // Too long even if the last byte is the CR of a CRLF: stop buffering.
                        discardedLength = lineLength;
                        discardedEndsWithCr = false;
                        lineLength = 0;
                        shrinkLine();
                        mode = Mode.DISCARDING_LINE;
                        continue;
                    }
                    ensureLineCapacity(lineLength + n);
                    input.get(line, lineLength, n);
                    lineLength += n;
                    if (lf < 0) {
                        return null;
                    }
                    input.get(); // the LF
                    int length = lineLength > 0 && line[lineLength - 1] == CR ? lineLength - 1 : lineLength;
                    int lineEnd = lineLength;
                    lineLength = 0;
                    if (length > maxLineLength) {
                        shrinkLine();
                        return new FrameEvent.LineTooLong(length);
                    }
                    byte[] bytes;
                    if (keepLineEnds) {
                        bytes = Arrays.copyOf(line, lineEnd + 1);
                        bytes[lineEnd] = LF;
                    } else {
                        bytes = Arrays.copyOf(line, length);
                    }
                    shrinkLine();
                    return new FrameEvent.Line(bytes);
                }
                case DISCARDING_LINE -> {
                    if (!input.hasRemaining()) {
                        return null;
                    }
                    int lf = indexOfLf(input);
                    int end = lf < 0 ? input.limit() : lf;
                    int n = end - input.position();
                    if (n > 0) {
                        discardedEndsWithCr = input.get(end - 1) == CR;
                        discardedLength += n;
                    }
                    input.position(end);
                    if (lf < 0) {
                        return null;
                    }
                    input.get(); // the LF
                    mode = Mode.LINE;
                    return new FrameEvent.LineTooLong(discardedLength - (discardedEndsWithCr ? 1 : 0));
                }
                default -> throw new AssertionError(mode);
            }
        }
    }

    /**
     * The next {@code size} bytes are a literal: they come out as {@link FrameEvent.LiteralChunk}s and a
     * {@link FrameEvent.LiteralEnd} (also for {@code size == 0}), never as lines. Only allowed at a line
     * boundary, i.e. after a {@link FrameEvent.Line} or {@link FrameEvent.LiteralEnd}.
     *
     * @throws IllegalStateException    if a line or literal is in progress
     * @throws IllegalArgumentException if {@code size < 0}
     */
    public void expectLiteral(long size) {
        requireLineBoundary(size);
        literalSize = size;
        literalRemaining = size;
        mode = Mode.LITERAL;
    }

    /**
     * The next {@code size} bytes are a literal the protocol refused (e.g. a too large non-synchronizing
     * literal, RFC 7888 §4): they are consumed silently, without events, then line framing resumes.
     */
    public void discardLiteral(long size) {
        requireLineBoundary(size);
        literalRemaining = size;
        mode = size == 0 ? Mode.LINE : Mode.SKIPPING;
    }

    /** Whether the framer sits at a line boundary (no partial line, no literal in progress). */
    public boolean atLineBoundary() {
        return mode == Mode.LINE && lineLength == 0;
    }

    /** Forgets any partial line or literal (used when a connection switches to TLS). */
    public void reset() {
        mode = Mode.LINE;
        lineLength = 0;
        literalRemaining = 0;
        discardedLength = 0;
        shrinkLine();
    }

    private void requireLineBoundary(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("literal size " + size);
        }
        if (!atLineBoundary()) {
            throw new IllegalStateException("a literal can only start at a line boundary (now " + mode + ")");
        }
    }

    private static int indexOfLf(ByteBuffer input) {
        if (input.hasArray()) {
            byte[] a = input.array();
            int off = input.arrayOffset();
            for (int i = input.position(), lim = input.limit(); i < lim; i++) {
                if (a[off + i] == LF) {
                    return i;
                }
            }
            return -1;
        }
        for (int i = input.position(), lim = input.limit(); i < lim; i++) {
            if (input.get(i) == LF) {
                return i;
            }
        }
        return -1;
    }

    private void ensureLineCapacity(int needed) {
        if (needed > line.length) {
            int grown = Math.max(needed, Math.min(maxLineLength + 1, Math.max(64, line.length * 2)));
            line = Arrays.copyOf(line, grown);
        }
    }

    /** Idle connections keep no line buffer beyond a small one. */
    private void shrinkLine() {
        if (line.length > 1024) {
            line = new byte[0];
        }
    }
}
