package org.maillab.imap.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.DateTimeException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.maillab.transport.wire.WireNumber;

/**
 * Reads the grammar's terminals from a frame: atoms, quoted strings, literals, numbers. Shared by the
 * command and response parsers. Failures are {@link Failure}s, caught by the parser's entry point and
 * turned into an error value; they never leave the codec.
 */
final class Cursor {

    /** A parse failure with the reason a BAD response will show. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Longest literal the parsers turn into a Java string (names, search strings). */
    static final int MAX_STRING_LITERAL = 1024 * 1024;

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    private final List<Frame.Fragment> fragments;
    private int index;
    private byte[] line;
    private int pos;

    Cursor(Frame frame) {
        this.fragments = frame.fragments();
        this.index = 0;
        this.line = ((Frame.Fragment.Line) fragments.get(0)).bytes();
        this.pos = 0;
    }

    // ---- position

    /** The next octet of the current line, or -1 at its end (before a literal or the end of the frame). */
    int peek() {
        return pos < line.length ? line[pos] & 0xff : -1;
    }

    int peek(int ahead) {
        return pos + ahead < line.length ? line[pos + ahead] & 0xff : -1;
    }

    boolean atEnd() {
        return pos >= line.length && index == fragments.size() - 1;
    }

    void end() throws Failure {
        if (!atEnd()) {
            throw new Failure("unexpected characters at end of command");
        }
    }

    Failure fail(String reason) {
        return new Failure(reason);
    }

    void expect(char c) throws Failure {
        if (peek() != c) {
            throw new Failure("expected '" + c + "'" + found());
        }
        pos++;
    }

    boolean accept(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    void sp() throws Failure {
        expect(' ');
    }

    private String found() {
        int c = peek();
        if (c < 0) {
            return " but found the end";
        }
        if (c < 0x20 || c >= 0x7f) {
            return String.format(" but found octet 0x%02x", c);
        }
        return " but found '" + (char) c + "'";
    }

    /** Accepts a keyword, case-insensitively, if it is next and not followed by more atom characters. */
    boolean acceptKeyword(String keyword) {
        int n = keyword.length();
        if (pos + n > line.length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (Character.toUpperCase((char) line[pos + i]) != keyword.charAt(i)) {
                return false;
            }
        }
        if (pos + n < line.length && Syntax.isAtomChar(line[pos + n] & 0xff) && line[pos + n] != '[') {
            return false;
        }
        pos += n;
        return true;
    }

    // ---- atoms and strings

    /** atom: 1*ATOM-CHAR. */
    String atom() throws Failure {
        int start = pos;
        while (pos < line.length && Syntax.isAtomChar(line[pos] & 0xff)) {
            pos++;
        }
        if (pos == start) {
            throw new Failure("expected an atom" + found());
        }
        return new String(line, start, pos - start, StandardCharsets.US_ASCII);
    }

    /** A run of characters matching the predicate (may be empty). */
    String run(java.util.function.IntPredicate allowed) {
        int start = pos;
        while (pos < line.length && allowed.test(line[pos] & 0xff)) {
            pos++;
        }
        return new String(line, start, pos - start, StandardCharsets.US_ASCII);
    }

    /** tag: 1*(ASTRING-CHAR except "+"). */
    String tag() throws Failure {
        String tag = run(c -> Syntax.isAstringChar(c) && c != '+');
        if (tag.isEmpty()) {
            throw new Failure("missing tag");
        }
        return tag;
    }

    /** astring: 1*ASTRING-CHAR / string. */
    String astring() throws Failure {
        int c = peek();
        // '~' is an ATOM-CHAR: "~x" is an atom; only "~{" would start a literal8, which astring excludes
        if (c == '"' || c == '{') {
            return string();
        }
        int start = pos;
        while (pos < line.length && Syntax.isAstringChar(line[pos] & 0xff)) {
            pos++;
        }
        if (pos == start) {
            throw new Failure("expected an astring" + found());
        }
        return new String(line, start, pos - start, StandardCharsets.US_ASCII);
    }

    /** string: quoted / literal. */
    String string() throws Failure {
        if (peek() == '"') {
            return quoted();
        }
        if (peek() == '{') {
            Literal literal = literal();
            if (literal.size() > MAX_STRING_LITERAL) {
                throw new Failure("literal too long for a string");
            }
            return utf8(literal.readAll());
        }
        throw new Failure("expected a string" + found());
    }

    /** nstring: string / NIL. */
    Optional<String> nstring() throws Failure {
        if (acceptKeyword("NIL")) {
            return Optional.empty();
        }
        return Optional.of(string());
    }

    /** nstring whose content may be large: a literal stays a literal. */
    Optional<Literal> nstringLiteral() throws Failure {
        if (acceptKeyword("NIL")) {
            return Optional.empty();
        }
        if (peek() == '{' || peek() == '~') {
            return Optional.of(literal());
        }
        return Optional.of(Literal.of(quoted()));
    }

    /** quoted: DQUOTE *QUOTED-CHAR DQUOTE, with the escapes {@code \\} and {@code \"}. */
    String quoted() throws Failure {
        expect('"');
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            int c = peek();
            if (c < 0) {
                throw new Failure("unterminated quoted string");
            }
            pos++;
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                int e = peek();
                if (e != '"' && e != '\\') {
                    throw new Failure("bad escape in quoted string");
                }
                pos++;
                out.write(e);
                continue;
            }
            if (c == '\r' || c == '\n' || c == 0) {
                throw new Failure("CR, LF and NUL are not allowed in a quoted string");
            }
            out.write(c);
        }
        return utf8(out.toByteArray());
    }

    /** literal: {@code {n}} or {@code {n+}} (or literal8 {@code ~{n}}) then the octets. */
    Literal literal() throws Failure {
        accept('~');
        expect('{');
        int start = pos;
        while (pos < line.length && line[pos] >= '0' && line[pos] <= '9') {
            pos++;
        }
        if (pos == start) {
            throw new Failure("expected literal length");
        }
        accept('+');
        expect('}');
        if (pos != line.length || index + 1 >= fragments.size()) {
            throw new Failure("literal announcement must end the line");
        }
        Frame.Fragment next = fragments.get(index + 1);
        if (!(next instanceof Frame.Fragment.LiteralPart part)) {
            throw new Failure("missing literal octets");
        }
        index += 2;
        line = ((Frame.Fragment.Line) fragments.get(index)).bytes();
        pos = 0;
        return part.literal();
    }

    private String utf8(byte[] bytes) throws Failure {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Failure("string is not valid UTF-8");
        }
    }

    /** list-mailbox: 1*list-char / string. */
    String listMailbox() throws Failure {
        int c = peek();
        if (c == '"' || c == '{') {
            return string();
        }
        String s = run(Syntax::isListChar);
        if (s.isEmpty()) {
            throw new Failure("expected a mailbox pattern" + found());
        }
        return s;
    }

    // ---- numbers

    /** number64 (or number when {@code max} is {@link Syntax#MAX_NUMBER}). */
    long number(long max) throws Failure {
        int start = pos;
        while (pos < line.length && line[pos] >= '0' && line[pos] <= '9') {
            pos++;
        }
        if (pos == start) {
            throw new Failure("expected a number" + found());
        }
        long value = WireNumber.parse(line, start, pos, max);
        if (value == WireNumber.INVALID) {
            throw new Failure("number too large");
        }
        return value;
    }

    long number() throws Failure {
        return number(Syntax.MAX_NUMBER);
    }

    long nzNumber() throws Failure {
        if (peek() == '0') {
            throw new Failure("expected a non-zero number");
        }
        return number(Syntax.MAX_NUMBER);
    }

    boolean atDigit() {
        int c = peek();
        return c >= '0' && c <= '9';
    }

    // ---- composite terminals

    /** sequence-set, or {@code $} (RFC 5182). */
    SequenceSet sequenceSet() throws Failure {
        if (accept('$')) {
            return new SequenceSet.LastResult();
        }
        java.util.ArrayList<SequenceSet.Range> ranges = new java.util.ArrayList<>();
        do {
            long first = seqNumber();
            long last = first;
            if (accept(':')) {
                last = seqNumber();
            }
            ranges.add(new SequenceSet.Range(first, last));
        } while (accept(','));
        return new SequenceSet.Ranges(ranges);
    }

    private long seqNumber() throws Failure {
        if (accept('*')) {
            return SequenceSet.STAR;
        }
        if (!atDigit()) {
            throw new Failure("expected a sequence number" + found());
        }
        return nzNumber();
    }

    /** flag-list: "(" [flag *(SP flag)] ")". */
    List<String> flagList() throws Failure {
        expect('(');
        java.util.ArrayList<String> flags = new java.util.ArrayList<>();
        if (accept(')')) {
            return flags;
        }
        do {
            flags.add(flag());
        } while (accept(' '));
        expect(')');
        return flags;
    }

    /** flag: "\" atom (system flag or extension) / atom (keyword); also "\*" where allowed. */
    String flag() throws Failure {
        if (accept('\\')) {
            if (accept('*')) {
                return "\\*";
            }
            return "\\" + atom();
        }
        return atom();
    }

    /** date: date-text / DQUOTE date-text DQUOTE, as in SEARCH (RFC 9051 §9). */
    LocalDate date() throws Failure {
        boolean quoted = accept('"');
        int day = (int) number(99);
        expect('-');
        int month = month();
        expect('-');
        int year = fourDigits();
        if (quoted) {
            expect('"');
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new Failure("no such date");
        }
    }

    /** date-time: DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE. */
    OffsetDateTime dateTime() throws Failure {
        expect('"');
        int day;
        if (accept(' ')) {
            day = digit();
        } else {
            day = digit() * 10 + digit();
        }
        expect('-');
        int month = month();
        expect('-');
        int year = fourDigits();
        sp();
        int hour = digit() * 10 + digit();
        expect(':');
        int minute = digit() * 10 + digit();
        expect(':');
        int second = digit() * 10 + digit();
        sp();
        int sign;
        if (accept('+')) {
            sign = 1;
        } else if (accept('-')) {
            sign = -1;
        } else {
            throw new Failure("expected a zone");
        }
        int zh = digit() * 10 + digit();
        int zm = digit() * 10 + digit();
        expect('"');
        try {
            ZoneOffset zone = ZoneOffset.ofHoursMinutes(sign * zh, sign * zm);
            return OffsetDateTime.of(year, month, day, hour, minute, second, 0, zone);
        } catch (DateTimeException e) {
            throw new Failure("no such date-time");
        }
    }

    private int digit() throws Failure {
        if (!atDigit()) {
            throw new Failure("expected a digit" + found());
        }
        return line[pos++] - '0';
    }

    private int fourDigits() throws Failure {
        return digit() * 1000 + digit() * 100 + digit() * 10 + digit();
    }

    private int month() throws Failure {
        if (pos + 3 > line.length) {
            throw new Failure("expected a month");
        }
        String m = new String(line, pos, 3, StandardCharsets.US_ASCII);
        for (int i = 0; i < 12; i++) {
            if (MONTHS[i].equalsIgnoreCase(m)) {
                pos += 3;
                return i + 1;
            }
        }
        throw new Failure("expected a month");
    }

    static String monthName(int month) {
        return MONTHS[month - 1];
    }

    /** The rest of the current line as text (resp-text), decoded leniently. */
    String restOfLine() {
        String s = new String(line, pos, line.length - pos, StandardCharsets.UTF_8);
        pos = line.length;
        return s;
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
