package org.maillab.transport.wire;

import java.util.Locale;
import java.util.Map;

/**
 * The one rule that keeps passwords out of transcripts, for every protocol: a command that carries a
 * credential (IMAP {@code LOGIN}, {@code AUTHENTICATE}; POP3 {@code PASS}, {@code APOP}, {@code AUTH})
 * is shown up to its name and the few words after it that are not secret (the user, the mechanism); the
 * rest of it is {@code ***}: the rest of the line, and every later line of the same command (after an
 * IMAP literal the command goes on on the next line). A line that answers a SASL challenge is {@code ***}
 * whole ({@link #maskNextLine()}).
 *
 * <p>A linear scan, no regular expression (a pattern with backtracking overflowed the stack on a 5,000
 * octet user name: issue 11). Whenever the scan is in doubt it masks: any control character or space
 * separates words (so a tab or a double space cannot shift the password into a shown word), a quoted
 * string that is not closed hides everything from its quote on, and the command name is looked for in
 * the first two words (a missing or empty tag cannot hide it).
 *
 * <p>One per connection, used from one thread at a time (the connection's input).
 */
public final class CredentialMask {

    /** What stands for a hidden credential. */
    public static final String MASK = "***";

    private final Map<String, Integer> shownAfterName;

    /** Whether the last line ended in a literal announcement: the next line continues the command. */
    private boolean continuing;
    /** Words of the continuing command still shown, or -1 when the command hides nothing. */
    private int shownLeft = -1;
    private boolean maskNext;

    /**
     * @param shownAfterName for each credential command (upper case), how many words after its name are
     *                       shown: IMAP {@code LOGIN} 1 (the user), POP3 {@code PASS} 0
     */
    public CredentialMask(Map<String, Integer> shownAfterName) {
        this.shownAfterName = Map.copyOf(shownAfterName);
    }

    /** The mask for IMAP (RFC 9051 §6.2.2, §6.2.3): the user of LOGIN and the mechanism of AUTHENTICATE show. */
    public static CredentialMask imap() {
        return new CredentialMask(Map.of("LOGIN", 1, "AUTHENTICATE", 1));
    }

    /** The mask for POP3 (RFC 1939 §7, RFC 5034): PASS hides all; APOP shows the user, AUTH the mechanism. */
    public static CredentialMask pop3() {
        return new CredentialMask(Map.of("PASS", 0, "APOP", 1, "AUTH", 1));
    }

    /** The mask for SMTP (RFC 4954 §4): AUTH shows its mechanism and hides an initial response. */
    public static CredentialMask smtp() {
        return new CredentialMask(Map.of("AUTH", 1));
    }

    /** The next line answers a SASL challenge (it carries the password): it is hidden whole. */
    public void maskNextLine() {
        maskNext = true;
    }

    /**
     * The protocol's framer says whether the command goes on after this line's literal (it may have
     * refused the literal, and then the next line is a new command). Without this call a line ending in
     * a literal announcement is taken to continue, which can only hide more.
     */
    public void commandContinues(boolean continues) {
        if (!continues && continuing && shownLeft >= 0) {
            // A credential's literal was refused: a careless client sends its octets all the same, and
            // the line that is a new command to the protocol is the password to the person typing it.
            maskNext = true;
        }
        continuing = continues;
        if (!continues) {
            shownLeft = -1;
        }
    }

    /** The line as the transcript shows it. */
    public String line(String text) {
        if (maskNext) {
            maskNext = false;
            return text.isEmpty() ? text : MASK;
        }
        int shown = continuing ? shownLeft : credentialCommand(text);
        String result = shown < 0 ? text : hideAfter(new Scan(text), shown);
        continuing = Scan.endsWithLiteral(text);
        // The literal is one of the command's words: the words still shown go on counting after it.
        shownLeft = continuing && shown >= 0 ? Math.max(0, shown - Scan.wordsIn(text)) : -1;
        return result;
    }

    /**
     * How many words of a new command are shown, or -1 if it carries no credential: the name is the
     * first word (POP3) or the second (after IMAP's tag).
     */
    private int credentialCommand(String text) {
        Scan scan = new Scan(text);
        for (int word = 0; word < 2 && scan.next(); word++) {
            String name = scan.word();
            if (scan.unterminated || name.startsWith("{") || name.startsWith("~{")) {
                return word; // a name that cannot be read (an open quote, a literal): hide the rest
            }
            if (scan.quoted) {
                name = name.substring(1, name.length() - 1); // not IMAP, but a person may type it
            }
            Integer after = shownAfterName.get(name.toUpperCase(Locale.ROOT));
            if (after != null) {
                return word + 1 + after;
            }
        }
        return -1;
    }

    /** The text up to the end of its first {@code shown} words, then {@link #MASK} if anything follows. */
    private static String hideAfter(Scan scan, int shown) {
        String text = scan.text;
        int end = 0;
        for (int i = 0; i < shown; i++) {
            if (!scan.next() || scan.unterminated) {
                break; // an open quote: its content may be the secret
            }
            end = scan.end;
        }
        boolean more = false;
        for (int i = end; i < text.length() && !more; i++) {
            more = !Scan.isSeparator(text.charAt(i));
        }
        if (!more) {
            return text;
        }
        return end == 0 ? MASK : text.substring(0, end) + " " + MASK;
    }

    /** Words of a line: runs of non-separators, or a quoted string with its backslash escapes. */
    private static final class Scan {
        final String text;
        int start;
        int end;
        boolean quoted;
        boolean unterminated;

        Scan(String text) {
            this.text = text;
        }

        static boolean isSeparator(char c) {
            return c <= 0x20 || c == 0x7f;
        }

        /** Advances to the next word; false at the end of the line. */
        boolean next() {
            int i = end;
            while (i < text.length() && isSeparator(text.charAt(i))) {
                i++;
            }
            if (i >= text.length()) {
                return false;
            }
            start = i;
            quoted = text.charAt(i) == '"';
            unterminated = false;
            if (quoted) {
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                if (i >= text.length()) {
                    unterminated = true;
                    end = text.length();
                    return true;
                }
                end = i + 1;
                return true;
            }
            while (i < text.length() && !isSeparator(text.charAt(i))) {
                i++;
            }
            end = i;
            return true;
        }

        String word() {
            return text.substring(start, end);
        }

        /** The number of words in {@code line} (a literal announcement counts as the literal's word). */
        static int wordsIn(String line) {
            Scan s = new Scan(line);
            int n = 0;
            while (s.next()) {
                n++;
            }
            return n;
        }

        /** Whether the line ends in {@code {n}}, {@code {n+}} or {@code ~{n}}: a literal follows. */
        static boolean endsWithLiteral(String line) {
            int i = line.length() - 1;
            if (i < 2 || line.charAt(i) != '}') {
                return false;
            }
            i--;
            if (line.charAt(i) == '+') {
                i--;
            }
            int digitsEnd = i;
            while (i >= 0 && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
                i--;
            }
            return i >= 0 && i < digitsEnd && line.charAt(i) == '{';
        }
    }
}
