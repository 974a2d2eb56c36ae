package org.maillab.imap.resync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.maillab.imap.client.ImapClient;
import org.maillab.imap.client.Reply;
import org.maillab.imap.client.Selected;
import org.maillab.imap.codec.Command;
import org.maillab.imap.codec.FetchAttribute;
import org.maillab.imap.codec.FetchData;
import org.maillab.imap.codec.Literal;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.SequenceSet;

/**
 * The disconnected client of claim C12, as a script any IMAP server can be put through: it synchronises
 * a mailbox fully and remembers UIDVALIDITY, HIGHESTMODSEQ and every message's flags; while it is away,
 * another session makes changes (flags, expunges, appends); then it comes back and catches up in one of
 * three ways ({@link Method}), counting the octets each way on the socket and the wall time. The same
 * script, the same client code and the same generated mail serve MailLab and Dovecot, in
 * {@link QresyncBenchmark} and at small scale in {@code QresyncResyncTest}.
 */
final class ResyncScenario {

    static final String PASSWORD = "secret";
    private static final List<FetchAttribute> FLAGS = List.of(new FetchAttribute.Simple(FetchAttribute.Item.FLAGS));
    private static final List<String> CHANGED_FLAGS = List.of("\\Seen", "\\Flagged", "\\Answered", "$Label1");

    private ResyncScenario() {
    }

    /** One generated message: its octets (CRLF lines) and its Maildir flag letters (ASCII order). */
    record Mail(byte[] octets, String letters) {
    }

    /** What a client remembers of a mailbox. Flags are lower-cased (they are case-insensitive) without \Recent. */
    record ClientState(long uidValidity, long highestModSeq, SortedMap<Long, Set<String>> flags) {

        ClientState {
            flags = Collections.unmodifiableSortedMap(new TreeMap<>(flags));
        }

        long maxUid() {
            return flags.isEmpty() ? 0 : flags.lastKey();
        }
    }

    /** Octets the client received and sent, and the wall time, of one resynchronisation. */
    record Cost(long received, long sent, long nanos) {
    }

    /** The state a resynchronisation arrived at, what it cost, and how many UIDs VANISHED (EARLIER) named. */
    record Outcome(ClientState state, Cost cost, int vanishedReported) {
    }

    /** How the returning client catches up. */
    enum Method {
        /** {@code SELECT INBOX} and {@code UID FETCH 1:* (FLAGS)}: what a client without QRESYNC must do. */
        FULL("SELECT + UID FETCH 1:* (FLAGS)"),
        /**
         * {@code SELECT INBOX (QRESYNC (uidvalidity modseq known-uids))}, then {@code UID FETCH max+1:* (FLAGS)}
         * for mail that arrived meanwhile: the server reports changes only for known UIDs (RFC 7162 §3.2.5.1).
         */
        QRESYNC_KNOWN_UIDS("SELECT (QRESYNC (v m known-uids)) + UID FETCH max+1:*"),
        /** {@code SELECT INBOX (QRESYNC (uidvalidity modseq))}: known UIDs default to 1:UIDNEXT-1, new mail too. */
        QRESYNC("SELECT (QRESYNC (v m))");

        final String wire;

        Method(String wire) {
            this.wire = wire;
        }
    }

    /** A change made while the client is away. */
    sealed interface Change {
        record SetFlag(long uid, String flag, boolean add) implements Change {
        }

        record Expunge(long uid) implements Change {
        }

        record Append(Mail mail) implements Change {
        }
    }

    // ---------------------------------------------------------------- the mail

    /** {@code count} small messages (300 to 900 octets), about 60% \Seen, 5% \Flagged, 3% \Answered. */
    static List<Mail> mailbox(int count, long seed) {
        Random random = new Random(seed);
        List<Mail> mail = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            mail.add(message(random, i));
        }
        return mail;
    }

    private static Mail message(Random random, int i) {
        StringBuilder m = new StringBuilder(1024);
        m.append("From: sender").append(random.nextInt(200)).append("@example.org\r\n")
                .append("To: alice@example.org\r\n")
                .append("Subject: resync message ").append(i).append("\r\n")
                .append("Message-ID: <").append(i).append('.').append(random.nextInt(1_000_000))
                .append("@qresync.maillab>\r\n\r\n");
        int size = 300 + random.nextInt(600);
        while (m.length() < size) {
            for (int w = 1 + random.nextInt(10); w > 0; w--) {
                for (int k = 1 + random.nextInt(8); k > 0; k--) {
                    m.append((char) ('a' + random.nextInt(26)));
                }
                m.append(' ');
            }
            m.append("\r\n");
        }
        String letters = (random.nextInt(100) < 5 ? "F" : "") + (random.nextInt(100) < 3 ? "R" : "")
                + (random.nextInt(100) < 60 ? "S" : "");
        return new Mail(m.toString().getBytes(StandardCharsets.US_ASCII), letters);
    }

    /**
     * Writes the messages into a Maildir's {@code cur/} as a delivery agent would, in delivery order by
     * name, with {@code S=} and {@code W=} sizes: Dovecot and MailLab's store both adopt them on first
     * look and number them 1, 2, 3... in this order.
     */
    static void writeMaildir(Path maildir, List<Mail> mail) {
        try {
            for (String sub : List.of("cur", "new", "tmp")) {
                Files.createDirectories(maildir.resolve(sub));
            }
            Path cur = maildir.resolve("cur");
            for (int i = 0; i < mail.size(); i++) {
                Mail m = mail.get(i);
                int n = m.octets().length;
                Files.write(cur.resolve(String.format(Locale.ROOT, "%d.M%dP1.qresync,S=%d,W=%d:2,%s",
                        1_700_000_000L + i, i, n, n, m.letters())), m.octets());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- sessions

    static ImapClient login(CountingSocket socket, String user) throws IOException {
        ImapClient client = ImapClient.over(socket);
        client.login(user, PASSWORD);
        return client;
    }

    /** The reference state: {@code SELECT INBOX (CONDSTORE)} and {@code UID FETCH 1:* (FLAGS)}. */
    static ClientState condstoreSync(int port, String user) throws IOException {
        try (ImapClient c = login(CountingSocket.loopback(port), user)) {
            Selected selected = c.selectCondstore("INBOX");
            SortedMap<Long, Set<String>> flags = new TreeMap<>();
            learnFlags(c.fetch(true, SequenceSet.range(1, SequenceSet.STAR), FLAGS), 0, flags);
            c.logout();
            return new ClientState(selected.uidValidity(), selected.highestModSeq().orElseThrow(
                    () -> new IllegalStateException("no HIGHESTMODSEQ after SELECT (CONDSTORE)")), flags);
        }
    }

    /** Expunges every {@code step}-th UID, a history of deletions from before the client's last sync. */
    static int expungeEvery(int port, String user, int step) throws IOException {
        try (ImapClient c = login(CountingSocket.loopback(port), user)) {
            Selected selected = Selected.of(c.select("INBOX"));
            List<Long> doomed = new ArrayList<>();
            for (long uid = step; uid <= selected.exists(); uid += step) {
                doomed.add(uid);
            }
            for (int from = 0; from < doomed.size(); from += 500) { // keep each command line short
                c.execute(new Command.Store(true, SequenceSet.ofNumbers(doomed.subList(from,
                        Math.min(from + 500, doomed.size()))), Command.StoreMode.ADD, true,
                        List.of("\\Deleted"))).orThrow();
            }
            c.execute(new Command.Expunge()).orThrow();
            c.logout();
            return doomed.size();
        }
    }

    /**
     * {@code count} changes in a random order: a tenth expunges, a twentieth appends, the rest flag
     * changes. Each flag change really changes the flag (adds it where the state lacks it, removes it
     * where it has it), so each is one new mod-sequence on any server.
     */
    static List<Change> plan(ClientState state, List<Mail> newMail, int count, long seed) {
        Random random = new Random(seed);
        int expunges = Math.max(1, count / 10);
        int appends = Math.min(newMail.size(), Math.max(1, count / 20));
        List<Character> kinds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            kinds.add(i < expunges ? 'x' : i < expunges + appends ? 'a' : 'f');
        }
        Collections.shuffle(kinds, random);
        List<Long> uids = new ArrayList<>(state.flags().keySet());
        List<Change> changes = new ArrayList<>();
        int appended = 0;
        for (char kind : kinds) {
            if (kind == 'a') {
                changes.add(new Change.Append(newMail.get(appended++)));
                continue;
            }
            long uid = uids.remove(random.nextInt(uids.size())); // expunged, or changed once: never picked again
            if (kind == 'x') {
                changes.add(new Change.Expunge(uid));
            } else {
                String flag = CHANGED_FLAGS.get(random.nextInt(CHANGED_FLAGS.size()));
                boolean has = state.flags().get(uid).contains(flag.toLowerCase(Locale.ROOT));
                changes.add(new Change.SetFlag(uid, flag, !has));
            }
        }
        return changes;
    }

    /** Another session makes the changes, one command each (UID EXPUNGE after its STORE for an expunge). */
    static void apply(int port, String user, List<Change> changes) throws IOException {
        try (ImapClient c = login(CountingSocket.loopback(port), user)) {
            c.select("INBOX");
            for (Change change : changes) {
                if (change instanceof Change.SetFlag f) {
                    c.execute(new Command.Store(true, SequenceSet.single(f.uid()),
                            f.add() ? Command.StoreMode.ADD : Command.StoreMode.REMOVE, true, List.of(f.flag())))
                            .orThrow();
                } else if (change instanceof Change.Expunge x) {
                    c.execute(new Command.Store(true, SequenceSet.single(x.uid()), Command.StoreMode.ADD, true,
                            List.of("\\Deleted"))).orThrow();
                    c.execute(new Command.UidExpunge(SequenceSet.single(x.uid()))).orThrow();
                } else if (change instanceof Change.Append a) {
                    c.append("INBOX", flagNames(a.mail().letters()), Literal.of(a.mail().octets()));
                }
            }
            c.logout();
        }
    }

    private static List<String> flagNames(String letters) {
        List<String> names = new ArrayList<>();
        for (char letter : letters.toCharArray()) {
            names.add(switch (letter) {
                case 'F' -> "\\Flagged";
                case 'R' -> "\\Answered";
                case 'S' -> "\\Seen";
                default -> throw new IllegalArgumentException("flag letter " + letter);
            });
        }
        return names;
    }

    // ---------------------------------------------------------------- coming back

    /**
     * The returning client: a new connection and LOGIN (and ENABLE QRESYNC for the QRESYNC methods),
     * not measured; then the measured catching up, from the first octet of SELECT to the last of the
     * final tagged OK.
     */
    static Outcome resync(int port, String user, ClientState known, Method method) throws IOException {
        CountingSocket socket = CountingSocket.loopback(port);
        try (ImapClient c = login(socket, user)) {
            if (method != Method.FULL) {
                List<String> enabled = c.enable("QRESYNC");
                if (enabled.stream().noneMatch("QRESYNC"::equalsIgnoreCase)) {
                    throw new IllegalStateException("the server did not enable QRESYNC: " + enabled);
                }
            }
            long received = socket.received();
            long sent = socket.sent();
            long start = System.nanoTime();
            SortedMap<Long, Set<String>> flags = new TreeMap<>();
            long uidValidity;
            long highestModSeq = 0;
            int vanished = 0;
            if (method == Method.FULL) {
                uidValidity = Selected.of(c.select("INBOX")).uidValidity();
                learnFlags(c.fetch(true, SequenceSet.range(1, SequenceSet.STAR), FLAGS), 0, flags);
            } else {
                Optional<SequenceSet> knownUids = method == Method.QRESYNC_KNOWN_UIDS && !known.flags().isEmpty()
                        ? Optional.of(SequenceSet.ofNumbers(known.flags().keySet())) : Optional.empty();
                Selected s = c.selectQresync("INBOX", known.uidValidity(), known.highestModSeq(), knownUids);
                if (s.uidValidity() != known.uidValidity()) {
                    throw new IllegalStateException("UIDVALIDITY changed: a QRESYNC client must start over");
                }
                uidValidity = s.uidValidity();
                highestModSeq = s.highestModSeq().orElseThrow(() -> new IllegalStateException("no HIGHESTMODSEQ"));
                vanished = s.vanished().size();
                flags.putAll(known.flags());
                s.vanished().forEach(flags::remove);
                for (Response.Fetch f : s.changed()) {
                    learnFlags(f, 0, flags);
                }
                if (knownUids.isPresent()) {
                    // RFC 9051 §6.4.8: "n:*" with n above every UID still names the last message; filtered below
                    learnFlags(c.fetch(true, SequenceSet.range(known.maxUid() + 1, SequenceSet.STAR), FLAGS),
                            known.maxUid(), flags);
                }
            }
            long nanos = System.nanoTime() - start;
            Cost cost = new Cost(socket.received() - received, socket.sent() - sent, nanos);
            c.logout();
            return new Outcome(new ClientState(uidValidity, highestModSeq, flags), cost, vanished);
        }
    }

    private static void learnFlags(Reply reply, long above, SortedMap<Long, Set<String>> into) {
        for (Response.Fetch f : reply.all(Response.Fetch.class)) {
            learnFlags(f, above, into);
        }
    }

    /** Takes UID and FLAGS from a FETCH response (both must be there), for UIDs above {@code above}. */
    private static void learnFlags(Response.Fetch fetch, long above, SortedMap<Long, Set<String>> into) {
        long uid = -1;
        Set<String> flags = null;
        for (FetchData item : fetch.items()) {
            if (item instanceof FetchData.Uid u) {
                uid = u.uid();
            } else if (item instanceof FetchData.Flags f) {
                flags = new TreeSet<>();
                for (String flag : f.flags()) {
                    if (!flag.equalsIgnoreCase("\\Recent")) { // per session, not part of the mailbox's state
                        flags.add(flag.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        if (uid < 0 || flags == null) {
            throw new IllegalStateException("FETCH without UID or FLAGS: " + fetch);
        }
        if (uid > above) {
            into.put(uid, Collections.unmodifiableSet(flags));
        }
    }

    /** Fails loudly unless a resynchronised state is the reference state (UIDVALIDITY, every UID, every flag). */
    static void check(String what, ClientState reference, Outcome outcome, Method method) {
        ClientState got = outcome.state();
        if (got.uidValidity() != reference.uidValidity() || !got.flags().equals(reference.flags())) {
            throw new AssertionError(what + ": " + method + " arrived at another state than a full sync: "
                    + difference(reference.flags(), got.flags()));
        }
        if (method != Method.FULL && got.highestModSeq() != reference.highestModSeq()) {
            throw new AssertionError(what + ": " + method + " reports HIGHESTMODSEQ " + got.highestModSeq()
                    + ", a CONDSTORE select " + reference.highestModSeq());
        }
    }

    /** The first few UIDs where two states differ, for a failure message. */
    static String difference(SortedMap<Long, Set<String>> expected, SortedMap<Long, Set<String>> actual) {
        StringBuilder sb = new StringBuilder();
        TreeSet<Long> uids = new TreeSet<>(expected.keySet());
        uids.addAll(actual.keySet());
        int shown = 0;
        for (long uid : uids) {
            Set<String> e = expected.get(uid);
            Set<String> a = actual.get(uid);
            if (e == null ? a != null : !e.equals(a)) {
                sb.append(" UID ").append(uid).append(": expected ").append(e).append(", got ").append(a).append(';');
                if (++shown == 10) {
                    sb.append(" ...");
                    break;
                }
            }
        }
        return sb.length() == 0 ? "(same flags)" : sb.toString();
    }
}
