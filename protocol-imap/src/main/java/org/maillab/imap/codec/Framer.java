package org.maillab.imap.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.maillab.transport.wire.WireNumber;

/**
 * Splits an IMAP byte stream into frames — lines and the literals they announce — before any grammar
 * is applied (RFC 9051 §4.3, §7.5). Literal octets can therefore never be mistaken for commands, and an
 * over-long line or oversized literal is discarded whole, so the session goes on with the next command.
 *
 * <p>Sans-I/O: {@link #feed(ByteBuffer)} takes whatever bytes arrived and returns what they completed.
 * In the {@link Role#SERVER server} role a synchronizing literal {@code {n}} yields a {@link
 * FramerEvent.ContinuationNeeded} and the client waits for {@code +}; {@code {n+}} (LITERAL+, RFC 7888)
 * arrives at once. In the {@link Role#CLIENT client} role every literal arrives at once.
 *
 * <p>Not thread-safe: one framer per connection, fed by one thread at a time.
 */
public final class Framer {

    /** Which side of the connection the framer reads for. */
    public enum Role {
        /** Reads commands. */
        SERVER,
        /** Reads responses. */
        CLIENT
    }

    private enum State {
        LINE,
        LITERAL,
        DISCARD_LINE,
        DISCARD_LITERAL
    }

    private static final int TAIL = 32;
    private static final int TAG_PREFIX = 64;

    private final Role role;
    private final FramerLimits limits;
    private final LiteralSpooler spooler;

    private State state = State.LINE;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<Frame.Fragment> fragments = new ArrayList<>();
    private long literalRemaining;
    private boolean literalNonSync;
    private ByteArrayOutputStream literalBytes;
    private LiteralSpooler.Spool literalSpool;
    /** First octets of the command's first line: where the tag is, even when the rest was dropped. */
    private byte[] commandPrefix;
    /** Last octets of a line being discarded: whether it announced a literal. */
    private final byte[] tail = new byte[TAIL];
    private int tailLength;
    private boolean rejectionSent;

    public Framer(Role role, FramerLimits limits, LiteralSpooler spooler) {
        this.role = role;
        this.limits = limits;
        this.spooler = spooler;
    }

    /** A framer with default limits that spools large literals to temporary files. */
    public static Framer server() {
        return new Framer(Role.SERVER, FramerLimits.defaults(), LiteralSpooler.tempFiles());
    }

    /** Consumes all of {@code in}; returns the events its bytes completed, in order. */
    public List<FramerEvent> feed(ByteBuffer in) {
        List<FramerEvent> events = new ArrayList<>();
        while (in.hasRemaining()) {
            switch (state) {
                case LINE -> readLine(in, events);
                case LITERAL -> readLiteral(in);
                case DISCARD_LINE -> discardLine(in, events);
                case DISCARD_LITERAL -> discardLiteral(in);
            }
        }
        // A literal of zero octets is complete as soon as it is accepted.
        if (state == State.LITERAL && literalRemaining == 0) {
            finishLiteral();
        }
        return events;
    }

    /** Convenience for tests and small inputs. */
    public List<FramerEvent> feed(byte[] bytes) {
        return feed(ByteBuffer.wrap(bytes));
    }

    /** The connection ended: frees a half-received literal (a vanished APPEND leaves nothing behind). */
    public void close() {
        if (literalSpool != null) {
            literalSpool.abort();
            literalSpool = null;
        }
        for (Frame.Fragment f : fragments) {
            if (f instanceof Frame.Fragment.LiteralPart lit) {
                lit.literal().release();
            }
        }
        fragments.clear();
        line.reset();
        state = State.LINE;
    }

    /**
     * Octets of literal still expected (to keep or to skip), or -1 between literals. An I/O layer that
     * frames lines itself (the transport) uses it to ask for exactly the literal's octets next.
     */
    public long literalRemaining() {
        if (state == State.LITERAL || (state == State.DISCARD_LITERAL && literalRemaining != Long.MAX_VALUE)) {
            return literalRemaining;
        }
        return -1;
    }

    /** True while the framer is in the middle of a command (bytes buffered, literal pending). */
    public boolean midCommand() {
        return state != State.LINE || line.size() > 0 || !fragments.isEmpty();
    }

    private void readLine(ByteBuffer in, List<FramerEvent> events) {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                line.reset();
                int length = bytes.length;
                if (length > 0 && bytes[length - 1] == '\r') {
                    length--;
                }
                if (length > limits.maxLineLength()) {
                    // maxLineLength + 1 octets ended by a bare LF: the octet kept for a CR was text.
                    startDiscarding(bytes);
                    for (int k = Math.max(0, bytes.length - TAIL); k < bytes.length; k++) {
                        remember(bytes[k]);
                    }
                    discardLine(ByteBuffer.wrap(new byte[] {'\n'}), events);
                    return;
                }
                byte[] text = java.util.Arrays.copyOf(bytes, length);
                lineComplete(text, events);
                return;
            }
            if (line.size() >= limits.maxLineLength() + 1) { // +1: room for the CR of CRLF
                startDiscarding(line.toByteArray());
                line.reset();
                remember(b);
                return;
            }
            line.write(b);
        }
    }

    private void lineComplete(byte[] text, List<FramerEvent> events) {
        if (fragments.isEmpty()) {
            commandPrefix = java.util.Arrays.copyOf(text, Math.min(text.length, TAG_PREFIX));
        }
        fragments.add(new Frame.Fragment.Line(text));
        Announcement literal = Announcement.find(text, text.length);
        if (literal == null) {
            events.add(new FramerEvent.Complete(new Frame(fragments)));
            fragments.clear();
            return;
        }
        int literals = (fragments.size() + 1) / 2;
        if (literals > limits.maxLiterals()) {
            rejectCommand(FramerEvent.Reason.TOO_MANY_LITERALS, literal, events);
            return;
        }
        if (literal.size > limitFor(literal)) {
            rejectCommand(FramerEvent.Reason.LITERAL_TOO_LARGE, literal, events);
            return;
        }
        literalRemaining = literal.size;
        literalNonSync = literal.nonSync;
        if (literal.size > limits.inMemoryThreshold()) {
            literalSpool = spooler.start(literal.size);
        } else {
            literalBytes = new ByteArrayOutputStream((int) literal.size);
        }
        state = State.LITERAL;
        if (role == Role.SERVER && !literal.nonSync) {
            events.add(new FramerEvent.ContinuationNeeded(literal.size));
        }
    }

    private long limitFor(Announcement literal) {
        if (role == Role.SERVER && limits.literalMinus() && literal.nonSync && literal.size > 4096) {
            return -1; // RFC 7888 §5: LITERAL- allows non-synchronizing literals up to 4096 octets only
        }
        if (role == Role.CLIENT) {
            return limits.maxAppendSize(); // responses carry whole messages
        }
        return isAppend() ? limits.maxAppendSize() : limits.maxLiteralSize();
    }

    /** Whether the command being framed is APPEND: only its message literal may be large. */
    private boolean isAppend() {
        String prefix = new String(commandPrefix, StandardCharsets.ISO_8859_1);
        int sp = prefix.indexOf(' ');
        if (sp < 0) {
            return false;
        }
        String rest = prefix.substring(sp + 1);
        return rest.regionMatches(true, 0, "APPEND ", 0, 7);
    }

    private void rejectCommand(FramerEvent.Reason reason, Announcement literal, List<FramerEvent> events) {
        dropFragments();
        boolean mustSkipOctets = literal.nonSync || role == Role.CLIENT;
        if (!mustSkipOctets) {
            // The client waits for "+" that never comes; the tagged BAD tells it to give up (RFC 9051 §7.5).
            events.add(new FramerEvent.Rejected(tag(), reason, false));
            state = State.LINE;
            return;
        }
        if (literal.size > limits.maxDiscard()) {
            events.add(new FramerEvent.Rejected(tag(), reason, true));
            state = State.DISCARD_LITERAL;
            literalRemaining = Long.MAX_VALUE; // nothing more will be framed: the connection closes
            return;
        }
        events.add(new FramerEvent.Rejected(tag(), reason, false));
        rejectionSent = true;
        literalRemaining = literal.size;
        state = State.DISCARD_LITERAL;
    }

    private void readLiteral(ByteBuffer in) {
        int n = (int) Math.min(in.remaining(), literalRemaining);
        if (n > 0) {
            byte[] chunk = new byte[n];
            in.get(chunk);
            if (literalSpool != null) {
                literalSpool.write(chunk, 0, n);
            } else {
                literalBytes.write(chunk, 0, n);
            }
            literalRemaining -= n;
        }
        if (literalRemaining == 0) {
            finishLiteral();
        }
    }

    private void finishLiteral() {
        Literal literal;
        if (literalSpool != null) {
            literal = literalSpool.finish();
            literalSpool = null;
        } else {
            literal = Literal.of(literalBytes.toByteArray());
            literalBytes = null;
        }
        fragments.add(new Frame.Fragment.LiteralPart(literal, literalNonSync));
        state = State.LINE;
    }

    private void startDiscarding(byte[] soFar) {
        if (fragments.isEmpty()) {
            commandPrefix = java.util.Arrays.copyOf(soFar, Math.min(soFar.length, TAG_PREFIX));
        }
        dropFragments();
        tailLength = 0;
        state = State.DISCARD_LINE;
    }

    private void discardLine(ByteBuffer in, List<FramerEvent> events) {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                int end = tailLength > 0 && tail[tailLength - 1] == '\r' ? tailLength - 1 : tailLength;
                Announcement literal = Announcement.find(tail, end);
                tailLength = 0;
                if (literal != null && (literal.nonSync || role == Role.CLIENT)) {
                    // Octets follow whatever we say: skip them, then the rest of the command.
                    boolean hopeless = literal.size > limits.maxDiscard();
                    if (!rejectionSent || hopeless) {
                        events.add(new FramerEvent.Rejected(tag(), FramerEvent.Reason.LINE_TOO_LONG, hopeless));
                    }
                    rejectionSent = true;
                    literalRemaining = hopeless ? Long.MAX_VALUE : literal.size;
                    state = State.DISCARD_LITERAL;
                    return;
                }
                if (!rejectionSent) {
                    events.add(new FramerEvent.Rejected(tag(), FramerEvent.Reason.LINE_TOO_LONG, false));
                }
                rejectionSent = false;
                state = State.LINE;
                return;
            }
            remember(b);
        }
    }

    private void remember(byte b) {
        if (tailLength == TAIL) {
            System.arraycopy(tail, 1, tail, 0, TAIL - 1);
            tailLength--;
        }
        tail[tailLength++] = b;
    }

    private void discardLiteral(ByteBuffer in) {
        long n = Math.min(in.remaining(), literalRemaining);
        in.position(in.position() + (int) n);
        if (literalRemaining != Long.MAX_VALUE) {
            literalRemaining -= n;
        }
        if (literalRemaining == 0) {
            // The rest of the command line (and any further literals) belongs to the dropped command.
            tailLength = 0;
            state = State.DISCARD_LINE;
            rejectionSent = true;
        }
    }

    private void dropFragments() {
        for (Frame.Fragment f : fragments) {
            if (f instanceof Frame.Fragment.LiteralPart lit) {
                lit.literal().release();
            }
        }
        fragments.clear();
    }

    private Optional<String> tag() {
        if (commandPrefix == null) {
            return Optional.empty();
        }
        int end = 0;
        while (end < commandPrefix.length && commandPrefix[end] != ' ') {
            end++;
        }
        String candidate = new String(commandPrefix, 0, end, StandardCharsets.ISO_8859_1);
        return Syntax.isTag(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    /** A literal announcement {@code {n}}, {@code {n+}} at the end of a line. */
    private record Announcement(long size, boolean nonSync) {

        static Announcement find(byte[] text, int end) {
            if (end < 3 || text[end - 1] != '}') {
                return null;
            }
            int i = end - 2;
            boolean nonSync = false;
            if (text[i] == '+') {
                nonSync = true;
                i--;
            }
            int digitsEnd = i + 1;
            while (i >= 0 && text[i] >= '0' && text[i] <= '9') {
                i--;
            }
            int digitsStart = i + 1;
            if (i < 0 || text[i] != '{' || digitsStart == digitsEnd) {
                return null;
            }
            long size = WireNumber.parse(text, digitsStart, digitsEnd, Syntax.MAX_NUMBER64);
            if (size == WireNumber.INVALID) {
                size = Long.MAX_VALUE; // more than number64 holds: absurd, rejected by every limit
            }
            return new Announcement(size, nonSync);
        }
    }
}
