package org.maillab.labkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code maillab conform pop3://...}: RFC 1939 and RFC 2449 checks of anyone's POP3 server, run in
 * a fixed order over a few sessions. Each check names its RFC section and the strength of the rule.
 *
 * <p>Checks that need mail use three test messages put in by a {@link Delivery} (IMAP APPEND in the
 * product); they are found again by a marker header and removed at the end with DELE and QUIT.
 * Bytes on the wire are read with {@link PopWire}, not a client that would hide stuffing and counts.
 */
public final class Pop3Conformance {

    /** The server under test and the login. */
    public record Target(String host, int port, String user, String password) {
    }

    private static final Pattern STAT = Pattern.compile("\\+OK (\\d{1,9}) (\\d{1,18})(?: .*)?");
    private static final Pattern SCAN = Pattern.compile("(\\d{1,9}) (\\d{1,18})(?: .*)?");
    private static final Pattern UID_LINE = Pattern.compile("(\\d{1,9}) ([\\x21-\\x7e]{1,70})");
    private static final Pattern TIMESTAMP = Pattern.compile("<[^<>@\\s]+@[^<>\\s]+>");
    private static final String MARKER = "X-Maillab-Conform";
    private static final int TOP_LINES = 2;
    /** How often a login refused with [IN-USE] is tried, and how long apart. */
    private static final int LOGIN_ATTEMPTS = 20;
    private static final long LOGIN_RETRY_MILLIS = 100;

    private final Target target;
    private final Optional<Delivery> delivery;
    private final Consumer<String> notes;
    private final String token;
    private final List<CheckResult> results = new ArrayList<>();

    private boolean loggedIn;
    private Optional<Set<String>> capabilities = Optional.empty();
    private String mailSkip = "";
    /** Our test messages and, once found, their message numbers in the session that found them. */
    private final List<TestMail> mails = new ArrayList<>();
    private final Map<Integer, Integer> numberOf = new LinkedHashMap<>();
    private int countWithMail;
    private List<String> uidlWithMail = List.of();

    /**
     * @param delivery how test mail gets in, or empty to skip the checks that need mail
     * @param notes    told what mail is added and removed, as it happens
     * @param token    makes this run's test messages recognisable (e.g. a timestamp)
     */
    public Pop3Conformance(Target target, Optional<Delivery> delivery, Consumer<String> notes, String token) {
        this.target = target;
        this.delivery = delivery;
        this.notes = notes;
        this.token = token;
        for (int i = 1; i <= 3; i++) {
            mails.add(TestMail.make(i, MARKER, token));
        }
    }

    /** Runs every check once, in order, and returns the results in that order. */
    public List<CheckResult> run() {
        greetingAndAuthorization();
        transactionWithoutMail();
        setUpMail();
        mailChecks();
        return List.copyOf(results);
    }

    // ------------------------------------------------------------ sessions

    private void greetingAndAuthorization() {
        check("greeting.ok", "RFC 1939 §4", Level.MUST, "the greeting is one line starting with +OK", () -> {
            try (PopWire w = connect()) {
                expectOk(w.greeting(), "greeting");
            }
        });
        check("greeting.apop-timestamp", "RFC 1939 §7 (APOP)", Level.MUST,
                "an APOP timestamp, if offered, is a msg-id and differs on each greeting", () -> {
            String first;
            String second;
            try (PopWire w = connect()) {
                first = timestamp(w.greeting());
            }
            try (PopWire w = connect()) {
                second = timestamp(w.greeting());
            }
            if (first.equals(second)) {
                throw new CheckFailed("two greetings carried the same timestamp " + first);
            }
        });
        check("auth.commands-before-login", "RFC 1939 §3", Level.MUST,
                "STAT, LIST and RETR in the AUTHORIZATION state get -ERR", () -> {
            try (PopWire w = connect()) {
                for (String c : List.of("STAT", "LIST", "RETR 1")) {
                    expectErr(w.command(c), c + " before login");
                }
            }
        });
        check("errors.unknown-command", "RFC 1939 §3", Level.MUST, "an unrecognized command gets -ERR", () -> {
            try (PopWire w = connect()) {
                expectErr(w.command("XCONFORM nonsense"), "XCONFORM");
                expectOk(w.quit(), "QUIT after the -ERR (the session continues)");
            }
        });
        check("auth.wrong-password", "RFC 1939 §7 (PASS)", Level.MUST, "PASS with a wrong password gets -ERR", () -> {
            try (PopWire w = connect()) {
                expectOk(w.command("USER " + target.user()), "USER");
                expectErr(w.command("PASS " + target.password() + "-wrong"), "PASS with a wrong password");
            }
        });
        check("auth.user-pass", "RFC 1939 §7 (USER, PASS)", Level.MUST,
                "USER and PASS with the right password log in (conform needs it; the RFC makes it optional)", () -> {
            try (PopWire w = connect()) {
                expectOk(w.login(target.user(), target.password()), "USER/PASS");
                loggedIn = true;
                expectOk(w.quit(), "QUIT");
            }
        });
        check("capa.authorization", "RFC 2449 §5", Level.MAY,
                "CAPA in the AUTHORIZATION state lists capabilities (a multi-line reply)", () -> {
            try (PopWire w = connect()) {
                String reply = w.command("CAPA");
                if (!PopWire.ok(reply)) {
                    throw new CheckSkipped("the server does not support CAPA (" + reply + ")");
                }
                capabilities = Optional.of(capabilityNames(w.multiline()));
            }
        });
        check("capa.user", "RFC 2449 §6.2", Level.SHOULD, "CAPA lists USER when USER/PASS works", () -> {
            Set<String> caps = needCapa();
            if (loggedIn && !caps.contains("USER")) {
                throw new CheckFailed("USER/PASS works but CAPA does not list USER: " + caps);
            }
        });
    }

    private void transactionWithoutMail() {
        check("capa.transaction", "RFC 2449 §5", Level.MUST, "CAPA is also valid in the TRANSACTION state", () -> {
            needCapa();
            try (PopWire w = login()) {
                expectOk(w.command("CAPA"), "CAPA after login");
                w.multiline();
            }
        });
        check("stat.format", "RFC 1939 §5 (STAT)", Level.MUST,
                "STAT answers +OK, a space, the message count, a space, the size in octets", () -> {
            try (PopWire w = login()) {
                stat(w);
            }
        });
        check("list.scan-listing", "RFC 1939 §5 (LIST)", Level.MUST,
                "LIST lists one \"n octets\" line per message, as many as STAT counts, with the same total", () -> {
            try (PopWire w = login()) {
                long[] stat = stat(w);
                Map<Integer, Long> scan = list(w);
                long total = scan.values().stream().mapToLong(Long::longValue).reduce(0, Math::addExact);
                if (scan.size() != stat[0] || total != stat[1]) {
                    throw new CheckFailed("STAT says " + stat[0] + " messages, " + stat[1] + " octets; LIST has "
                            + scan.size() + " messages, " + total + " octets");
                }
            }
        });
        check("uidl.format", "RFC 1939 §7 (UIDL)", Level.MUST,
                "UIDL lists \"n unique-id\", ids of 1 to 70 octets in 0x21..0x7E, no two alike", () -> {
            try (PopWire w = login()) {
                uidl(w);
            }
        });
        check("noop.ok", "RFC 1939 §5 (NOOP)", Level.MUST, "NOOP in the TRANSACTION state answers +OK", () -> {
            try (PopWire w = login()) {
                expectOk(w.command("NOOP"), "NOOP");
            }
        });
        check("errors.bad-message-number", "RFC 1939 §5 (LIST, RETR, DELE)", Level.MUST,
                "a number that names no message gets -ERR, and the session continues", () -> {
            try (PopWire w = login()) {
                long beyond = stat(w)[0] + 1;
                for (String c : List.of("LIST " + beyond, "RETR " + beyond, "DELE " + beyond, "LIST 0", "RETR 0")) {
                    expectErr(w.command(c), c);
                }
                expectOk(w.command("NOOP"), "NOOP after the -ERRs");
                // nothing was marked deleted, but RSET makes sure a broken DELE cannot stick
                expectOk(w.command("RSET"), "RSET");
            }
        });
    }

    /** Delivers and finds the test mail, or sets {@link #mailSkip} to say why the mail checks cannot run. */
    private void setUpMail() {
        if (!loggedIn) {
            mailSkip = "cannot log in";
            return;
        }
        if (delivery.isEmpty()) {
            mailSkip = "no --deliver: POP3 cannot add mail, so the checks that need mail did not run";
            return;
        }
        notes.accept("adding " + mails.size() + " test messages to INBOX (header " + MARKER + ": "
                + token + "-N); they are removed at the end with DELE and QUIT");
        try {
            for (TestMail m : mails) {
                delivery.get().deliver(m.bytes());
            }
            try (PopWire w = login()) {
                int count = (int) stat(w)[0];
                for (int n = count; n >= 1 && numberOf.size() < mails.size(); n--) {
                    String marker = markerOf(retr(w, n));
                    for (TestMail m : mails) {
                        if (m.marker().equals(marker)) {
                            numberOf.put(m.index(), n);
                        }
                    }
                }
                countWithMail = count;
                expectOk(w.quit(), "QUIT");
            }
        } catch (Exception e) {
            mailSkip = "the test mail could not be added or found: " + e.getMessage();
        }
        if (mailSkip.isEmpty() && numberOf.size() != mails.size()) {
            mailSkip = "only " + numberOf.size() + " of " + mails.size() + " delivered test messages showed up in POP3";
        }
        if (!mailSkip.isEmpty()) {
            // asked for with --deliver, so a silent skip would pass a server conform could not test
            record("setup.test-mail", "conform itself, not an RFC rule", Level.MUST,
                    "the test mail given with --deliver shows up in the POP3 maildrop", Outcome.FAIL, mailSkip);
            notes.accept("test messages that did arrive stay in INBOX (header " + MARKER + ": " + token + "-N)");
        }
    }

    private void mailChecks() {
        TestMail plain = mails.get(0);
        TestMail dotted = mails.get(1);
        TestMail doomed = mails.get(2);
        mailCheck("list.single", "RFC 1939 §5 (LIST)", Level.MUST, "LIST n answers \"+OK n octets\" as the scan listing does", () -> {
            try (PopWire w = login()) {
                Map<Integer, Long> scan = list(w);
                int n = number(plain);
                String reply = w.command("LIST " + n);
                if (!reply.matches("\\+OK " + n + " " + scan.get(n) + "(?: .*)?")) {
                    throw new CheckFailed("LIST " + n + " answered \"" + reply + "\", the listing said " + n + " " + scan.get(n));
                }
            }
        });
        mailCheck("retr.octets-match-list", "RFC 1939 §5 (LIST)", Level.MUST,
                "the size LIST gives is the exact number of octets RETR sends", () -> {
            try (PopWire w = login()) {
                Map<Integer, Long> scan = list(w);
                for (TestMail m : mails) {
                    int n = number(m);
                    long sent = retr(w, n).length;
                    if (sent != scan.get(n)) {
                        throw new CheckFailed("LIST says message " + n + " is " + scan.get(n) + " octets, RETR sent " + sent);
                    }
                }
            }
        });
        mailCheck("retr.content", "RFC 1939 §5 (RETR)", Level.MUST,
                "RETR sends the message as delivered, ending with a line of \".\"", () -> {
            try (PopWire w = login()) {
                int n = number(plain);
                byte[] got = retr(w, n);
                if (!new String(got, StandardCharsets.ISO_8859_1).equals(plain.text())) {
                    throw new CheckFailed("message " + n + " differs from what was delivered");
                }
            }
        });
        mailCheck("retr.dot-stuffing", "RFC 1939 §3", Level.MUST,
                "a line of the message that begins with \".\" is sent with one more \".\"", () -> {
            try (PopWire w = login()) {
                int n = number(dotted);
                expectOk(w.command("RETR " + n), "RETR " + n);
                List<String> raw = w.multiline();
                for (String original : dotted.text().split("\r\n")) {
                    if (original.startsWith(".") && !raw.contains("." + original)) {
                        throw new CheckFailed("the line \"" + original + "\" was not dot-stuffed"
                                + (raw.contains(original) ? " (it came as it is)" : ""));
                    }
                }
            }
        });
        mailCheck("top.header-and-lines", "RFC 1939 §7 (TOP)", Level.MUST,
                "TOP n " + TOP_LINES + " sends the header, the blank line and the first " + TOP_LINES + " body lines", () -> {
            try (PopWire w = login()) {
                int n = number(plain);
                String reply = w.command("TOP " + n + " " + TOP_LINES);
                if (!PopWire.ok(reply)) {
                    optional("TOP", reply);
                }
                String got = unstuff(w.multiline());
                if (!got.equals(plain.top(TOP_LINES))) {
                    throw new CheckFailed("TOP " + n + " " + TOP_LINES + " sent " + got.length() + " octets, expected "
                            + plain.top(TOP_LINES).length() + ": " + abbreviate(got));
                }
            }
        });
        mailCheck("uidl.single", "RFC 1939 §7 (UIDL)", Level.MUST, "UIDL n answers \"+OK n id\" as the listing does", () -> {
            try (PopWire w = login()) {
                List<String> listing = uidl(w);
                int n = number(plain);
                String reply = w.command("UIDL " + n);
                if (!reply.equals("+OK " + listing.get(n - 1))) {
                    throw new CheckFailed("UIDL " + n + " answered \"" + reply + "\", the listing said \"" + listing.get(n - 1) + "\"");
                }
            }
        });
        mailCheck("dele.marks", "RFC 1939 §5 (DELE, STAT, LIST)", Level.MUST,
                "after DELE n, STAT and LIST leave message n out", () -> {
            int d = number(doomed);
            try (PopWire w = login()) {
                uidlWithMail = uidlIfAny(w);
                expectOk(w.command("DELE " + d), "DELE " + d);
                long[] stat = stat(w);
                Map<Integer, Long> scan = list(w);
                expectOk(w.command("RSET"), "RSET");
                if (stat[0] != countWithMail - 1 || scan.containsKey(d)) {
                    throw new CheckFailed("after DELE " + d + " STAT counts " + stat[0] + " (expected " + (countWithMail - 1)
                            + ") and LIST " + (scan.containsKey(d) ? "still lists it" : "leaves it out"));
                }
            }
        });
        mailCheck("dele.deleted-refused", "RFC 1939 §5 (RETR, DELE)", Level.MUST,
                "RETR and DELE of a message marked deleted get -ERR", () -> {
            int d = number(doomed);
            try (PopWire w = login()) {
                expectOk(w.command("DELE " + d), "DELE " + d);
                expectErr(w.command("RETR " + d), "RETR of a deleted message");
                expectErr(w.command("DELE " + d), "a second DELE of the same message");
                expectOk(w.command("RSET"), "RSET");
            }
        });
        mailCheck("rset.unmarks", "RFC 1939 §5 (RSET)", Level.MUST,
                "RSET unmarks deleted messages: they can be retrieved and are counted again", () -> {
            int d = number(doomed);
            try (PopWire w = login()) {
                expectOk(w.command("DELE " + d), "DELE " + d);
                expectOk(w.command("RSET"), "RSET");
                long[] stat = stat(w);
                if (stat[0] != countWithMail) {
                    throw new CheckFailed("after DELE " + d + " and RSET, STAT counts " + stat[0] + ", expected " + countWithMail);
                }
                expectOk(w.command("RETR " + d), "RETR " + d + " after RSET");
                w.multiline();
            }
        });
        mailCheck("update.none-without-quit", "RFC 1939 §6", Level.MUST,
                "a session that ends without QUIT removes nothing, even after DELE", () -> {
            int d = number(doomed);
            try (PopWire w = login()) {
                expectOk(w.command("DELE " + d), "DELE " + d);
                w.abort();
            }
            try (PopWire w = login()) {
                long count = stat(w)[0];
                String marker = count >= d ? markerOf(retr(w, d)) : "";
                if (count != countWithMail || !marker.equals(doomed.marker())) {
                    throw new CheckFailed("after DELE " + d + " and a dropped connection the maildrop has " + count
                            + " messages (expected " + countWithMail + ")" + (marker.equals(doomed.marker()) ? "" : "; message " + d + " is gone"));
                }
            }
        });
        mailCheck("uidl.stable", "RFC 1939 §7 (UIDL)", Level.MUST,
                "a message's unique-id persists across sessions", () -> {
            if (uidlWithMail.isEmpty()) {
                throw new CheckSkipped("UIDL did not answer");
            }
            try (PopWire w = login()) {
                List<String> now = uidl(w);
                if (!now.equals(uidlWithMail)) {
                    throw new CheckFailed("UIDL changed between sessions: " + abbreviate(String.valueOf(uidlWithMail))
                            + " then " + abbreviate(String.valueOf(now)));
                }
            }
        });
        mailCheck("update.quit-commits", "RFC 1939 §6", Level.MUST,
                "QUIT after DELE removes the messages (conform removes its test mail this way)", () -> {
            try (PopWire w = login()) {
                for (TestMail m : mails) {
                    expectOk(w.command("DELE " + number(m)), "DELE");
                }
                expectOk(w.quit(), "QUIT");
            }
            notes.accept("removed the " + mails.size() + " test messages (DELE and QUIT)");
            try (PopWire w = login()) {
                long count = stat(w)[0];
                if (count != countWithMail - mails.size()) {
                    throw new CheckFailed("after DELE of " + mails.size() + " and QUIT the maildrop has " + count
                            + " messages, expected " + (countWithMail - mails.size()));
                }
            }
        });
    }

    // ------------------------------------------------------------ helpers

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    private void check(String id, String rfc, Level level, String title, Body body) {
        try {
            body.run();
            record(id, rfc, level, title, Outcome.PASS, "");
        } catch (CheckSkipped e) {
            record(id, rfc, level, title, Outcome.SKIP, e.getMessage());
        } catch (CheckFailed e) {
            record(id, rfc, level, title, Outcome.FAIL, e.getMessage());
        } catch (Exception e) {
            record(id, rfc, level, title, Outcome.FAIL, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** A check that needs the test mail: skipped, saying why, when there is none. */
    private void mailCheck(String id, String rfc, Level level, String title, Body body) {
        check(id, rfc, level, title, () -> {
            if (!mailSkip.isEmpty()) {
                throw new CheckSkipped(mailSkip);
            }
            body.run();
        });
    }

    private int number(TestMail mail) {
        return numberOf.get(mail.index());
    }

    private void record(String id, String rfc, Level level, String title, Outcome outcome, String detail) {
        results.add(new CheckResult(id, id.substring(0, id.indexOf('.')), rfc, level, title, outcome, detail));
    }

    private PopWire connect() throws IOException {
        return PopWire.connect(target.host(), target.port());
    }

    /**
     * Logs in; a refusal with the IN-USE code (RFC 2449 §8.1.2: the maildrop is locked, e.g. just after
     * a dropped connection, RFC 1939 §8) is retried a few times, any other refusal fails the check.
     */
    private PopWire login() throws Exception {
        if (!loggedIn) {
            throw new CheckSkipped("cannot log in");
        }
        for (int attempt = 1; ; attempt++) {
            PopWire w = connect();
            String reply = w.login(target.user(), target.password());
            if (PopWire.ok(reply)) {
                return w;
            }
            w.abort();
            if (!reply.contains("[IN-USE]") || attempt == LOGIN_ATTEMPTS) {
                throw new CheckFailed("login failed: " + reply);
            }
            Thread.sleep(LOGIN_RETRY_MILLIS);
        }
    }

    private Set<String> needCapa() throws CheckSkipped {
        return capabilities.orElseThrow(() -> new CheckSkipped("the server does not support CAPA"));
    }

    /** A -ERR to an optional command is a skip when CAPA does not promise the command. */
    private void optional(String capability, String reply) throws CheckFailed, CheckSkipped {
        if (capabilities.isPresent() && capabilities.get().contains(capability)) {
            throw new CheckFailed("CAPA lists " + capability + " but " + capability + " answered \"" + reply + "\"");
        }
        throw new CheckSkipped("the server does not offer " + capability + " (" + reply + ")");
    }

    private static long[] stat(PopWire w) throws IOException, CheckFailed {
        String reply = w.command("STAT");
        Matcher m = STAT.matcher(reply);
        if (!m.matches()) {
            throw new CheckFailed("STAT answered \"" + reply + "\"");
        }
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    private static Map<Integer, Long> list(PopWire w) throws IOException, CheckFailed {
        expectOk(w.command("LIST"), "LIST");
        Map<Integer, Long> scan = new LinkedHashMap<>();
        for (String line : w.multiline()) {
            Matcher m = SCAN.matcher(line);
            if (!m.matches()) {
                throw new CheckFailed("a LIST line is not \"n octets\": \"" + line + "\"");
            }
            scan.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
        }
        return scan;
    }

    private List<String> uidl(PopWire w) throws Exception {
        String reply = w.command("UIDL");
        if (!PopWire.ok(reply)) {
            optional("UIDL", reply);
        }
        List<String> lines = w.multiline();
        Set<String> seen = new java.util.HashSet<>();
        for (String line : lines) {
            Matcher m = UID_LINE.matcher(line);
            if (!m.matches()) {
                throw new CheckFailed("a UIDL line is not \"n unique-id\" (1 to 70 octets 0x21..0x7E): \"" + line + "\"");
            }
            if (!seen.add(m.group(2))) {
                throw new CheckFailed("two messages share the unique-id " + m.group(2));
            }
        }
        return lines;
    }

    private List<String> uidlIfAny(PopWire w) throws Exception {
        try {
            return uidl(w);
        } catch (CheckSkipped e) {
            return List.of();
        }
    }

    /** RETR n, unstuffed, with CRLF line ends: the octets the message has. */
    private static byte[] retr(PopWire w, int n) throws IOException, CheckFailed {
        expectOk(w.command("RETR " + n), "RETR " + n);
        return unstuff(w.multiline()).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String unstuff(List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        return text.toString();
    }

    private static String markerOf(byte[] message) {
        for (String line : new String(message, StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            if (line.regionMatches(true, 0, MARKER + ":", 0, MARKER.length() + 1)) {
                return line.substring(MARKER.length() + 1).trim();
            }
        }
        return "";
    }

    private static String timestamp(String greeting) throws CheckSkipped, CheckFailed {
        int open = greeting.indexOf('<');
        if (open < 0) {
            throw new CheckSkipped("the greeting offers no APOP timestamp");
        }
        Matcher m = TIMESTAMP.matcher(greeting);
        if (!m.find()) {
            throw new CheckFailed("the greeting's timestamp is not a msg-id <...@...>: " + greeting);
        }
        return m.group();
    }

    private static Set<String> capabilityNames(List<String> lines) {
        Set<String> names = new java.util.TreeSet<>();
        for (String line : lines) {
            String[] words = line.trim().split(" +");
            if (!words[0].isEmpty()) {
                names.add(words[0].toUpperCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    private static void expectOk(String reply, String what) throws CheckFailed {
        if (!PopWire.ok(reply)) {
            throw new CheckFailed(what + " answered \"" + reply + "\", expected +OK");
        }
    }

    private static void expectErr(String reply, String what) throws CheckFailed {
        if (!reply.startsWith("-ERR")) {
            throw new CheckFailed(what + " answered \"" + reply + "\", expected -ERR");
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace("\r\n", "\\r\\n");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }
}
