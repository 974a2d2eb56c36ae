package org.maillab.mime.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.maillab.mime.header.ContentType;
import org.maillab.mime.header.HeaderField;

/**
 * A pull tokenizer for RFC 5322 / MIME messages: call {@link #next()} until it returns
 * {@link Event#END_OF_STREAM}. It reads the stream once, holds only a small buffer (2 KiB, growing to
 * 64 KiB for long lines and large messages, plus one header field) and never a body, and reports
 * byte offsets and line counts so a caller can slice any part out of the stored message later.
 *
 * <p>Events for a message with two parts:
 * <pre>
 * START_MESSAGE FIELD* END_HEADER START_MULTIPART PREAMBLE*
 *   START_BODYPART FIELD* END_HEADER BODY* END_BODYPART
 *   START_BODYPART FIELD* END_HEADER BODY* END_BODYPART
 * EPILOGUE* END_MULTIPART END_MESSAGE END_OF_STREAM
 * </pre>
 * A {@code message/rfc822} part (not base64- or QP-encoded) contains a nested
 * {@code START_MESSAGE ... END_MESSAGE} instead of BODY events.
 *
 * <p>Line ends may be CRLF, bare LF or bare CR (each is one line end; bare ones are a defect). As
 * RFC 2046 §5.1.1 says, the line end before a boundary delimiter belongs to the delimiter, not to the
 * part before it. Total: never throws on any input (only the stream's own {@link IOException}),
 * never loops without consuming, and enforces the limits of {@link MimeConfig}.
 */
public final class MimeTokenizer {

    /** What {@link #next()} found. */
    public enum Event {
        /** A message starts (the top one or one inside a message/rfc822 part); its header follows. */
        START_MESSAGE,
        /** A body part of a multipart starts; its header follows. */
        START_BODYPART,
        /** One header field: {@link #field()}. */
        FIELD,
        /** The header ended; {@link #position()} is the body start, {@link #contentType()} is known. */
        END_HEADER,
        /** The body is a multipart: preamble, body parts and epilogue follow. */
        START_MULTIPART,
        /** Bytes of the preamble: {@link #chunk()}. */
        PREAMBLE,
        /** Bytes of a leaf body, still transfer-encoded: {@link #chunk()}. */
        BODY,
        /** Bytes of the epilogue: {@link #chunk()}. */
        EPILOGUE,
        /** The multipart ended (its close delimiter or an enclosing one, or the end of input). */
        END_MULTIPART,
        /** A body part ended; {@link #position()} is its body end. */
        END_BODYPART,
        /** A message ended; {@link #position()} is its body end. */
        END_MESSAGE,
        /** Nothing more. */
        END_OF_STREAM
    }

    private enum State { START, HEADER, AFTER_HEADER, CONTENT, UNWIND, DONE }

    private enum Phase { HEADER, BODY, PREAMBLE, PARTS, EPILOGUE, MESSAGE }

    /** One open entity: a message or a body part. */
    private static final class Frame {
        final boolean message;
        final int depth;
        final boolean inDigest;
        final boolean topLevel;
        Phase phase = Phase.HEADER;
        String contentTypeValue;
        String transferEncodingValue;
        int fieldCount;
        int skippedLines;
        ContentType contentType;
        boolean contentTypeDefaulted;
        String transferEncoding;
        byte[] boundary;
        boolean multipartOpen;
        int bodyParts;

        Frame(boolean message, int depth, boolean inDigest, boolean topLevel) {
            this.message = message;
            this.depth = depth;
            this.inDigest = inDigest;
            this.topLevel = topLevel;
        }
    }

    private static final int BUFFER = 64 * 1024;
    private static final int INITIAL_BUFFER = 2 * 1024;

    private final InputStream in;
    private final MimeConfig config;
    private byte[] buf;
    private final int maxBuffer;
    private int start;
    private int limit;
    private long base;
    private boolean eof;
    private long linesConsumed;

    private final List<Frame> frames = new ArrayList<>();
    private State state = State.START;
    private int entities;

    // content scanning state
    private int pendingEol;
    private boolean midLine;
    private boolean bareLineEndSeen;

    // event payload
    private Event event;
    private HeaderField field;
    private int chunkOff;
    private int chunkLen;
    private int chunkLines;
    private long position;
    private long positionLines;
    private final Deque<Defect> defects = new ArrayDeque<>();

    // header field accumulation
    private byte[] fieldBuf = new byte[256];
    private int fieldLen;
    private long fieldOffset = -1;
    private int fieldEol;
    private boolean fieldTruncated;

    // pending delimiter
    private int delimFrame = -1;
    private boolean delimClose;
    private int delimEnd;
    private boolean delimHasEol;
    private boolean delimJunk;
    private long delimBodyEnd;
    private long delimBodyEndLines;
    private int closeEol;

    public MimeTokenizer(InputStream in) {
        this(in, MimeConfig.DEFAULT);
    }

    public MimeTokenizer(InputStream in, MimeConfig config) {
        this(in, config, BUFFER);
    }

    /** For tests: a small buffer exercises the paths where lines and delimiters cross its end. */
    MimeTokenizer(InputStream in, MimeConfig config, int bufferSize) {
        this.in = in;
        this.config = config;
        this.maxBuffer = bufferSize;
        // Small messages are the common case: start small and grow only when a line needs it.
        this.buf = new byte[Math.min(bufferSize, INITIAL_BUFFER)];
    }

    /** Advances to the next event. */
    public Event next() throws IOException {
        field = null;
        chunkLen = 0;
        chunkLines = 0;
        event = advance();
        return event;
    }

    /** The current event (null before the first {@link #next()}). */
    public Event event() {
        return event;
    }

    /** The header field of a {@link Event#FIELD} event. */
    public HeaderField field() {
        return field;
    }

    /**
     * The bytes of a PREAMBLE, BODY or EPILOGUE event, raw (still transfer-encoded); a read-only view
     * valid until the next call of {@link #next()}.
     */
    public ByteBuffer chunk() {
        return ByteBuffer.wrap(buf, chunkOff, chunkLen).asReadOnlyBuffer();
    }

    /** Copies the current chunk into {@code out} (no allocation). */
    public void writeChunkTo(java.io.OutputStream out) throws IOException {
        out.write(buf, chunkOff, chunkLen);
    }

    /** Number of line ends inside the current chunk. */
    public int chunkLines() {
        return chunkLines;
    }

    /**
     * The byte offset in the message that the current event marks: where an entity's header starts
     * (START_*), where its body starts (END_HEADER), where its body ends (END_*), where a chunk
     * starts, or where a field starts.
     */
    public long position() {
        return position;
    }

    /** Number of line ends in the message before {@link #position()}. */
    public long linesBeforePosition() {
        return positionLines;
    }

    /** Nesting depth of the current entity (the top message is 0). */
    public int depth() {
        return frames.size() - 1;
    }

    /** The effective Content-Type of the current entity (after END_HEADER); defaults applied. */
    public ContentType contentType() {
        Frame f = top();
        return f == null ? null : f.contentType;
    }

    /** True if the current entity had no usable Content-Type (the default of RFC 2045 §5.2 applies). */
    public boolean contentTypeDefaulted() {
        Frame f = top();
        return f != null && f.contentTypeDefaulted;
    }

    /** The current entity's Content-Transfer-Encoding in lower case, {@code 7bit} when absent. */
    public String transferEncoding() {
        Frame f = top();
        return f == null ? null : f.transferEncoding;
    }

    /** Removes and returns the defects found since the last call, in order. */
    public List<Defect> drainDefects() {
        if (defects.isEmpty()) {
            return List.of();
        }
        List<Defect> out = new ArrayList<>(defects);
        defects.clear();
        return out;
    }

    private Frame top() {
        return frames.isEmpty() ? null : frames.get(frames.size() - 1);
    }

    private long absolute(int index) {
        return base + index;
    }

    private void defect(Defect.Kind kind, long offset, String detail) {
        if (defects.size() < 10_000) {
            defects.add(new Defect(kind, offset, detail));
        }
    }

    private void mark(long pos, long lines) {
        position = pos;
        positionLines = lines;
    }

    private Event advance() throws IOException {
        while (true) {
            switch (state) {
                case START -> {
                    frames.add(new Frame(true, 0, false, true));
                    boundaryCache = UNKNOWN;
                    entities = 1;
                    state = State.HEADER;
                    mark(0, 0);
                    return Event.START_MESSAGE;
                }
                case HEADER -> {
                    return header();
                }
                case AFTER_HEADER -> {
                    Event e = afterHeader();
                    if (e != null) {
                        return e;
                    }
                }
                case CONTENT -> {
                    Event e = content();
                    if (e != null) {
                        return e;
                    }
                }
                case UNWIND -> {
                    Event e = unwind();
                    if (e != null) {
                        return e;
                    }
                }
                case DONE -> {
                    mark(absolute(start), linesConsumed);
                    return Event.END_OF_STREAM;
                }
            }
        }
    }

    // ---------------------------------------------------------------- input

    /** Reads more input, compacting first; false at end of input or when the buffer is full. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, limit - start);
            limit -= start;
            base += start;
            start = 0;
        }
        if (limit == buf.length || (buf.length < maxBuffer && base > 8L * buf.length)) {
            // grow when a line needs it, or when the message turns out to be large (fewer, bigger chunks)
            if (buf.length >= maxBuffer) {
                return false;
            }
            buf = java.util.Arrays.copyOf(buf, Math.min(maxBuffer, buf.length * 2));
        }
        int n = in.read(buf, limit, buf.length - limit);
        while (n == 0) {
            n = in.read(buf, limit, buf.length - limit);
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    /** Makes sure at least one byte is available at {@code start}; false at end of input. */
    private boolean ensureByte() throws IOException {
        while (start == limit) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- header

    private Event header() throws IOException {
        Frame f = top();
        while (true) {
            if (!ensureByte()) {
                if (fieldOffset >= 0) {
                    Event e = emitField(f);
                    if (e != null) {
                        return e;
                    }
                    continue;
                }
                return endHeader(f); // RFC 5322 §3.5: the body (and the blank line before it) is optional
            }
            int b = buf[start] & 0xff;
            if (fieldOffset >= 0) {
                if (b == ' ' || b == '\t') {
                    appendEolToField();
                    readLineInto(true);
                    continue;
                }
                Event e = emitField(f);
                if (e != null) {
                    return e;
                }
                continue;
            }
            if (b == '\r' || b == '\n') {
                consumeEol();
                return endHeader(f);
            }
            // a delimiter starts with '-': other lines need no look at the open multiparts
            int match = b == '-' ? matchDelimiter(start) : NO_MATCH;
            if (match == MATCH) {
                defect(Defect.Kind.HEADER_ENDED_BY_BOUNDARY, absolute(start), "boundary delimiter inside a header");
                return endHeader(f);
            }
            if (b == ' ' || b == '\t') {
                defect(Defect.Kind.SKIPPED_HEADER_LINE, absolute(start), "continuation line with no field");
                skipLine();
                continue;
            }
            int nameEnd = fieldName();
            if (nameEnd < 0) {
                if (f.fieldCount == 0 && f.message && f.skippedLines == 0 && startsWithAtStart("From ")) {
                    f.skippedLines++;
                    defect(Defect.Kind.SKIPPED_HEADER_LINE, absolute(start), "mbox From_ line");
                    skipLine();
                    continue;
                }
                if (nextLineIsField()) {
                    // A stray line among the fields (a note above the header, a fold that lost its
                    // white space): the header goes on, so skip it. If no field follows, the header
                    // has ended without its blank line and this line is the body's first.
                    f.skippedLines++;
                    defect(Defect.Kind.SKIPPED_HEADER_LINE, absolute(start), "line in the header that is not a field");
                    skipLine();
                    continue;
                }
                defect(Defect.Kind.MISSING_HEADER_BODY_SEPARATOR, absolute(start),
                        "line is not a header field; the body starts here");
                return endHeaderAt(f, absolute(start), linesConsumed);
            }
            fieldOffset = absolute(start);
            fieldLen = 0;
            fieldTruncated = false;
            readLineInto(true);
        }
    }

    /** Looks past the line at {@code start} (within the buffer) to see whether a field line follows. */
    private boolean nextLineIsField() throws IOException {
        while (true) {
            int i = start;
            while (i < limit && buf[i] != '\n' && buf[i] != '\r') {
                i++;
            }
            if (i + 2 >= limit) {
                if (!fill()) {
                    return false;
                }
                continue;
            }
            i += buf[i] == '\r' && buf[i + 1] == '\n' ? 2 : 1;
            int j = i;
            boolean space = false;
            while (j < limit) {
                int c = buf[j] & 0xff;
                if (c == ':') {
                    return j > i;
                }
                if (c == ' ' || c == '\t') {
                    space = j > i; // obs-optional: white space before the colon, not before the name
                    if (!space) {
                        return false;
                    }
                } else if (c < 33 || c > 126 || space) {
                    return false;
                }
                j++;
            }
            if (!fill()) {
                return false;
            }
        }
    }

    private boolean startsWithAtStart(String text) throws IOException {
        while (limit - start < text.length()) {
            if (!fill()) {
                return false;
            }
        }
        for (int i = 0; i < text.length(); i++) {
            if (buf[start + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks that the line at {@code start} begins with a field name and a colon (RFC 5322 §3.6.8:
     * printable ASCII but colon; obs-optional white space before the colon). Returns the name's
     * length or -1.
     */
    private int fieldName() throws IOException {
        int i = start;
        boolean space = false;
        while (true) {
            if (i == limit) {
                int offset = i - start;
                if (!fill()) {
                    return -1;
                }
                i = start + offset;
                continue;
            }
            int c = buf[i] & 0xff;
            if (c == ':') {
                return i > start ? i - start : -1;
            }
            if (c == ' ' || c == '\t') {
                space = true;
            } else if (c < 33 || c > 126 || space) {
                return -1;
            }
            i++;
        }
    }

    private void appendField(byte[] src, int off, int len) {
        if (len <= 0) {
            return;
        }
        int room = config.maxFieldBytes() - fieldLen;
        if (len > room) {
            if (!fieldTruncated) {
                fieldTruncated = true;
                defect(Defect.Kind.FIELD_TOO_LONG, fieldOffset, "field longer than " + config.maxFieldBytes() + " bytes");
            }
            len = Math.max(0, room);
        }
        if (fieldLen + len > fieldBuf.length) {
            fieldBuf = java.util.Arrays.copyOf(fieldBuf, Math.max(fieldBuf.length * 2, fieldLen + len));
        }
        System.arraycopy(src, off, fieldBuf, fieldLen, len);
        fieldLen += len;
    }

    private void appendEolToField() {
        byte[] eol = fieldEol == 2 ? CRLF : fieldEol == 1 ? LF : NONE;
        appendField(eol, 0, eol.length);
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LF = {'\n'};
    private static final byte[] NONE = {};

    /**
     * Consumes one line (to and including its line end), appending its content to the field when
     * {@code keep}. Remembers the line end's kind in {@link #fieldEol} (2 = CRLF, 1 = LF or CR).
     */
    private void readLineInto(boolean keep) throws IOException {
        fieldEol = 0;
        while (true) {
            if (start == limit && !fill()) {
                return;
            }
            int i = start;
            int end = limit;
            while (i < end) {
                byte c = buf[i];
                if (c == '\n' || c == '\r') {
                    break;
                }
                i++;
            }
            if (keep) {
                appendField(buf, start, i - start);
            }
            start = i;
            if (i < end) {
                consumeEol();
                return;
            }
        }
    }

    private void skipLine() throws IOException {
        readLineInto(false);
    }

    /** Consumes the line end at {@code start} (CRLF, LF or CR) and counts it. */
    private void consumeEol() throws IOException {
        byte c = buf[start];
        if (c == '\n') {
            noteBareLineEnd(start);
            start++;
            fieldEol = 1;
        } else {
            start++;
            if (start == limit) {
                fill();
            }
            if (start < limit && buf[start] == '\n') {
                start++;
                fieldEol = 2;
            } else {
                fieldEol = 1;
                noteBareLineEnd(start - 1);
            }
        }
        linesConsumed++;
    }

    private void noteBareLineEnd(int index) {
        if (!bareLineEndSeen) {
            bareLineEndSeen = true;
            defect(Defect.Kind.BARE_LINE_END, absolute(index), "line ended by a bare LF or CR");
        }
    }

    private Event emitField(Frame f) {
        byte[] raw = java.util.Arrays.copyOf(fieldBuf, fieldLen);
        int colon = 0;
        while (colon < raw.length && raw[colon] != ':') {
            colon++;
        }
        String name = new String(raw, 0, colon, StandardCharsets.ISO_8859_1).strip();
        HeaderField hf = new HeaderField(name, raw, fieldOffset);
        mark(fieldOffset, -1);
        fieldOffset = -1;
        if (fieldBuf.length > 64 * 1024) {
            fieldBuf = new byte[256];
        }
        f.fieldCount++;
        if (f.fieldCount > config.maxHeaderFields()) {
            if (f.fieldCount == config.maxHeaderFields() + 1) {
                defect(Defect.Kind.TOO_MANY_FIELDS, hf.offset(), "more than " + config.maxHeaderFields() + " fields");
            }
            return null; // over the limit: not reported, the header goes on
        }
        for (byte b : raw) {
            if (b < 0) {
                if (!org.maillab.mime.codec.Charsets.isValidUtf8(raw, 0, raw.length)) {
                    defect(Defect.Kind.EIGHT_BIT_HEADER, hf.offset(), name);
                }
                break;
            }
        }
        if (hf.is("Content-Type")) {
            if (f.contentTypeValue == null) {
                f.contentTypeValue = hf.value();
            } else {
                defect(Defect.Kind.DUPLICATE_CONTENT_TYPE, hf.offset(), hf.value());
            }
        } else if (hf.is("Content-Transfer-Encoding") && f.transferEncodingValue == null) {
            f.transferEncodingValue = hf.value();
        }
        field = hf;
        return Event.FIELD;
    }

    private Event endHeader(Frame f) {
        return endHeaderAt(f, absolute(start), linesConsumed);
    }

    private Event endHeaderAt(Frame f, long bodyStart, long lines) {
        resolveContentType(f);
        state = State.AFTER_HEADER;
        mark(bodyStart, lines);
        return Event.END_HEADER;
    }

    private void resolveContentType(Frame f) {
        Optional<ContentType> parsed = ContentType.parse(f.contentTypeValue);
        if (parsed.isEmpty() && f.contentTypeValue != null) {
            defect(Defect.Kind.INVALID_CONTENT_TYPE, absolute(start), f.contentTypeValue);
        }
        if (parsed.isPresent() && parsed.get().isMultipart()
                && (parsed.get().boundary() == null || parsed.get().boundary().isEmpty())) {
            // RFC 2046 §5.1.1 requires the boundary; without it the field is invalid and the default
            // of RFC 2045 §5.2 applies (as in mime4j; IMAP cannot show a multipart without parts).
            defect(Defect.Kind.MISSING_BOUNDARY, absolute(start), f.contentTypeValue);
            parsed = Optional.empty();
        }
        f.contentTypeDefaulted = parsed.isEmpty();
        f.contentType = parsed.orElse(f.inDigest ? ContentType.MESSAGE_RFC822 : ContentType.DEFAULT);
        if (!f.contentType.parameters().duplicates().isEmpty()) {
            defect(Defect.Kind.DUPLICATE_PARAMETER, absolute(start), f.contentType.parameters().duplicates().toString());
        }
        String cte = f.transferEncodingValue == null ? "7bit"
                : stripComment(f.transferEncodingValue).strip().toLowerCase(Locale.ROOT);
        if (cte.isEmpty()) {
            cte = "7bit";
        }
        f.transferEncoding = cte;
        if (!KNOWN_ENCODINGS.contains(cte)) {
            defect(Defect.Kind.UNKNOWN_TRANSFER_ENCODING, absolute(start), cte);
        }
    }

    private static String stripComment(String s) {
        int paren = s.indexOf('(');
        return paren < 0 ? s : s.substring(0, paren);
    }

    static final List<String> KNOWN_ENCODINGS = List.of("7bit", "8bit", "binary", "base64", "quoted-printable");

    private static boolean identity(String cte) {
        return !cte.equals("base64") && !cte.equals("quoted-printable");
    }

    // ---------------------------------------------------------------- structure

    private Event afterHeader() {
        Frame f = top();
        ContentType ct = f.contentType;
        if (ct.isMultipart()) {
            String boundary = ct.boundary();
            // resolveContentType already turned a multipart without a boundary into the default type
            if (f.depth + 1 >= config.maxDepth()) {
                defect(Defect.Kind.NESTING_TOO_DEEP, absolute(start), "depth " + (f.depth + 1));
            } else {
                if (!identity(f.transferEncoding)) {
                    defect(Defect.Kind.ENCODED_COMPOSITE, absolute(start), f.transferEncoding);
                }
                f.boundary = boundary.getBytes(StandardCharsets.UTF_8);
                f.phase = Phase.PREAMBLE;
                f.multipartOpen = true;
                boundaryCache = 1; // this multipart is open now
                beginContent();
                mark(absolute(start), linesConsumed);
                return Event.START_MULTIPART;
            }
        } else if (ct.isMessage()) {
            if (!identity(f.transferEncoding)) {
                // RFC 2046 §5.2.1 forbids it; we cannot offer offsets into decoded bytes, so it stays a leaf.
                defect(Defect.Kind.ENCODED_COMPOSITE, absolute(start), f.transferEncoding);
            } else if (f.depth + 1 >= config.maxDepth()) {
                defect(Defect.Kind.NESTING_TOO_DEEP, absolute(start), "depth " + (f.depth + 1));
            } else if (entities >= config.maxParts()) {
                defect(Defect.Kind.TOO_MANY_PARTS, absolute(start), "more than " + config.maxParts() + " parts");
            } else {
                f.phase = Phase.MESSAGE;
                frames.add(new Frame(true, f.depth + 1, false, false));
                entities++;
                state = State.HEADER;
                mark(absolute(start), linesConsumed);
                return Event.START_MESSAGE;
            }
        }
        f.phase = Phase.BODY;
        beginContent();
        return null;
    }

    private void beginContent() {
        state = State.CONTENT;
        pendingEol = 0;
        midLine = false;
    }

    private static final int MATCH = 1;
    private static final int NO_MATCH = 0;
    private static final int NEED_MORE = -1;

    // anyBoundaryActive() is asked on every line that may be a delimiter; deep nesting made the walk
    // over all frames quadratic, so its answer is kept. Pushing a frame cannot change it (a new frame
    // has no open multipart), nor can popping one (a frame is popped after its multipart ended); an
    // opening multipart makes it true; only a multipart that ends or reaches its epilogue forgets it.
    private static final int UNKNOWN = -1;
    private int boundaryCache = UNKNOWN;

    private boolean anyBoundaryActive() {
        if (boundaryCache == UNKNOWN) {
            boundaryCache = scanForActiveBoundary() ? 1 : 0;
        }
        return boundaryCache == 1;
    }

    private boolean scanForActiveBoundary() {
        for (int k = frames.size() - 1; k >= 0; k--) {
            Frame f = frames.get(k);
            if (f.boundary != null && f.multipartOpen && f.phase != Phase.EPILOGUE) {
                return true;
            }
        }
        return false;
    }

    /**
     * Is the line at {@code p} a boundary delimiter of an open multipart (RFC 2046 §5.1.1: at the
     * start of a line, "--" boundary, optionally "--", optional white space, line end)? Checks the
     * innermost multipart first. On MATCH sets {@link #delimFrame}, {@link #delimClose} and
     * {@link #delimEnd} (buffer index after the line end). Needs to be called with {@code p} relative
     * to the current buffer; NEED_MORE asks the caller to fill and retry.
     */
    private int matchDelimiter(int p) throws IOException {
        if (!anyBoundaryActive()) {
            return NO_MATCH;
        }
        while (true) {
            int r = tryMatch(p);
            if (r != NEED_MORE) {
                return r;
            }
            int offset = p - start;
            boolean more = fill();
            p = start + offset;
            if (!more) {
                // end of input or a full buffer: decide with what we have
                return tryMatchFinal(p);
            }
        }
    }

    private boolean finalAttempt;

    private int tryMatchFinal(int p) {
        finalAttempt = true;
        try {
            int r = tryMatch(p);
            return r == NEED_MORE ? NO_MATCH : r;
        } finally {
            finalAttempt = false;
        }
    }

    private int tryMatch(int p) {
        if (p >= limit) {
            return eof || finalAttempt ? NO_MATCH : NEED_MORE;
        }
        if (buf[p] != '-') {
            return NO_MATCH;
        }
        if (p + 1 >= limit) {
            return eof || finalAttempt ? NO_MATCH : NEED_MORE;
        }
        if (buf[p + 1] != '-') {
            return NO_MATCH;
        }
        boolean needMore = false;
        for (int k = frames.size() - 1; k >= 0; k--) {
            Frame f = frames.get(k);
            if (f.boundary == null || !f.multipartOpen || f.phase == Phase.EPILOGUE) {
                continue;
            }
            int r = matchOne(p, f.boundary);
            if (r == MATCH) {
                delimFrame = k;
                return MATCH;
            }
            if (r == NEED_MORE) {
                needMore = true;
            }
        }
        return needMore ? NEED_MORE : NO_MATCH;
    }

    private int matchOne(int p, byte[] boundary) {
        int q = p + 2;
        int n = boundary.length;
        if (limit - q < n) {
            // compare what we have; if it already differs, no match
            for (int i = 0; i < limit - q; i++) {
                if (buf[q + i] != boundary[i]) {
                    return NO_MATCH;
                }
            }
            return eof || finalAttempt ? NO_MATCH : NEED_MORE;
        }
        for (int i = 0; i < n; i++) {
            if (buf[q + i] != boundary[i]) {
                return NO_MATCH;
            }
        }
        q += n;
        boolean close = false;
        if (q + 1 < limit && buf[q] == '-' && buf[q + 1] == '-') {
            close = true;
            q += 2;
        } else if (q + 1 >= limit && q < limit && buf[q] == '-' && !(eof || finalAttempt)) {
            return NEED_MORE;
        }
        // RFC 2046 §5.1.1: "it is sufficient that the boundary appear in its entirety following the
        // CRLF". We read that as mime4j does: the boundary must end there -- followed by "--", white
        // space or the line end -- so "--ab" is not a delimiter for boundary "a", but text after
        // white space ("--a ignored") does not stop the line being one.
        if (!close && q < limit && buf[q] != ' ' && buf[q] != '\t' && buf[q] != '\r' && buf[q] != '\n') {
            return NO_MATCH;
        }
        boolean junk = false;
        while (q < limit) {
            byte c = buf[q];
            if (c == '\r' || c == '\n') {
                break;
            }
            if (c != ' ' && c != '\t') {
                junk = true;
            }
            q++;
        }
        if (q == limit) {
            if (!(eof || finalAttempt)) {
                return NEED_MORE;
            }
            delimHasEol = false;
            delimEnd = q;
        } else if (buf[q] == '\r') {
            if (q + 1 == limit && !(eof || finalAttempt)) {
                return NEED_MORE;
            }
            delimHasEol = true;
            delimEnd = q + 1 < limit && buf[q + 1] == '\n' ? q + 2 : q + 1;
        } else {
            delimHasEol = true;
            delimEnd = q + 1;
        }
        delimClose = close;
        delimJunk = junk;
        return MATCH;
    }

    // ---------------------------------------------------------------- content

    /**
     * Scans preamble, body or epilogue bytes up to the next delimiter of an open multipart or the end
     * of input. Returns a chunk event, or null after switching to UNWIND.
     */
    private Event content() throws IOException {
        Frame f = top();
        Event kind = f.phase == Phase.PREAMBLE ? Event.PREAMBLE : f.phase == Phase.EPILOGUE ? Event.EPILOGUE : Event.BODY;
        boolean boundaries = anyBoundaryActive();
        restart:
        while (true) {
            int chunkFrom = start;
            int p = start + pendingEol;
            boolean atLineStart = !midLine;
            int eolBefore = pendingEol;
            int eols = 0;
            while (true) {
                if (atLineStart && boundaries && p < limit && buf[p] == '-') {
                    int offset = p - start;
                    int r = matchDelimiter(p);
                    if (start != chunkFrom) {
                        // the buffer moved while looking ahead: rescan from the new start
                        continue restart;
                    }
                    p = start + offset;
                    if (r == MATCH) {
                        int end = p - eolBefore;
                        if (end > chunkFrom) {
                            int lines = (pendingEol > 0 ? 1 : 0) + eols - (eolBefore > 0 ? 1 : 0);
                            return emitChunk(kind, chunkFrom, end, lines, eolBefore, false);
                        }
                        delimBodyEnd = absolute(chunkFrom);
                        delimBodyEndLines = linesConsumed;
                        linesConsumed += eolBefore > 0 ? 1 : 0; // the line end before the delimiter
                        if (delimClose && delimHasEol) {
                            // The line end after a close delimiter may be the one before an enclosing
                            // delimiter (RFC 2046 §5.1.1: "[CRLF epilogue]"), so it is held like content.
                            int eolLength = buf[delimEnd - 1] == '\n' && delimEnd - 2 >= 0 && buf[delimEnd - 2] == '\r' ? 2 : 1;
                            start = delimEnd - eolLength;
                            closeEol = eolLength;
                        } else {
                            linesConsumed += delimHasEol ? 1 : 0;
                            start = delimEnd;
                            closeEol = 0;
                        }
                        pendingEol = 0;
                        midLine = false;
                        state = State.UNWIND;
                        return null;
                    }
                }
                if (atLineStart && p == limit) {
                    if (eof) {
                        break;
                    }
                    int end = p - eolBefore;
                    if (end > chunkFrom) {
                        int lines = (pendingEol > 0 ? 1 : 0) + eols - (eolBefore > 0 ? 1 : 0);
                        return emitChunk(kind, chunkFrom, end, lines, eolBefore, false);
                    }
                    fill();
                    continue restart;
                }
                // scan to the end of this line
                int i = p;
                int stop = limit;
                byte[] b = buf;
                while (i < stop) {
                    byte c = b[i];
                    // one comparison for almost every byte: line ends are below 14
                    if (c <= '\r' && c >= 0 && (c == '\n' || c == '\r')) {
                        break;
                    }
                    i++;
                }
                if (i < stop) {
                    int eol;
                    if (buf[i] == '\n') {
                        eol = 1;
                        noteBareLineEnd(i);
                    } else if (i + 1 < stop) {
                        eol = buf[i + 1] == '\n' ? 2 : 1;
                        if (eol == 1) {
                            noteBareLineEnd(i);
                        }
                    } else if (eof) {
                        eol = 1;
                        noteBareLineEnd(i);
                    } else {
                        // a CR at the end of the buffer: its LF may follow; emit what precedes it
                        if (i > chunkFrom) {
                            int lines = (pendingEol > 0 ? 1 : 0) + eols;
                            return emitChunk(kind, chunkFrom, i, lines, 0, true);
                        }
                        fill();
                        continue restart;
                    }
                    eols++;
                    eolBefore = eol;
                    p = i + eol;
                    atLineStart = true;
                    continue;
                }
                // no line end in the buffer: the line goes on
                if (eof) {
                    p = limit;
                    eolBefore = 0;
                    break;
                }
                if (limit > p) {
                    int lines = (pendingEol > 0 ? 1 : 0) + eols;
                    return emitChunk(kind, chunkFrom, limit, lines, 0, true);
                }
                fill();
                continue restart;
            }
            // end of input: everything left is content
            if (limit > chunkFrom) {
                int lines = (pendingEol > 0 ? 1 : 0) + eols;
                return emitChunk(kind, chunkFrom, limit, lines, 0, false);
            }
            delimFrame = -1;
            state = State.UNWIND;
            return null;
        }
    }

    private Event emitChunk(Event kind, int from, int to, int lines, int heldEol, boolean insideLine) {
        chunkOff = from;
        chunkLen = to - from;
        chunkLines = lines;
        mark(absolute(from), linesConsumed);
        linesConsumed += lines;
        start = to;
        pendingEol = heldEol;
        midLine = insideLine;
        return kind;
    }

    private Event unwind() {
        if (frames.isEmpty()) {
            state = State.DONE;
            return null;
        }
        int k = delimFrame;
        Frame f = top();
        long end = k < 0 ? absolute(start) : delimBodyEnd;
        long endLines = k < 0 ? linesConsumed : delimBodyEndLines;
        if (k >= 0 && frames.size() - 1 == k) {
            // the delimiter belongs to this multipart
            if (delimClose) {
                if (delimJunk) {
                    defect(Defect.Kind.TEXT_AFTER_DELIMITER, delimBodyEnd, "text after the close delimiter");
                }
                if (f.bodyParts == 0) {
                    defect(Defect.Kind.NO_BODY_PARTS, delimBodyEnd, "multipart with no body part");
                }
                f.phase = Phase.EPILOGUE;
                boundaryCache = UNKNOWN;
                delimFrame = -1;
                beginContent();
                pendingEol = closeEol;
                return null;
            }
            if (delimJunk) {
                defect(Defect.Kind.TEXT_AFTER_DELIMITER, delimBodyEnd, "text after the boundary delimiter");
            }
            if (entities >= config.maxParts()) {
                defect(Defect.Kind.TOO_MANY_PARTS, absolute(start), "more than " + config.maxParts() + " parts");
                f.phase = Phase.EPILOGUE;
                boundaryCache = UNKNOWN;
                delimFrame = -1;
                beginContent();
                return null;
            }
            f.phase = Phase.PARTS;
            f.bodyParts++;
            entities++;
            delimFrame = -1;
            frames.add(new Frame(false, f.depth + 1, f.contentType.subtype().equals("digest"), false));
            state = State.HEADER;
            mark(absolute(start), linesConsumed);
            return Event.START_BODYPART;
        }
        if (f.multipartOpen) {
            f.multipartOpen = false;
            boundaryCache = UNKNOWN;
            if (f.phase != Phase.EPILOGUE) {
                defect(Defect.Kind.MISSING_CLOSE_DELIMITER, end, "multipart not closed");
                if (f.bodyParts == 0) {
                    defect(Defect.Kind.NO_BODY_PARTS, end, "multipart with no body part");
                }
            }
            mark(end, endLines);
            return Event.END_MULTIPART;
        }
        frames.remove(frames.size() - 1);
        mark(end, endLines);
        return f.message ? Event.END_MESSAGE : Event.END_BODYPART;
    }
}
