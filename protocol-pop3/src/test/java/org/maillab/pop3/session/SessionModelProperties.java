package org.maillab.pop3.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.maillab.pop3.testing.FakeStore;

/**
 * Random command sequences against a model maildrop (the stateful test of DESIGN.md): every reply
 * must be what the model predicts, and at the end the store must hold exactly what RFC 1939 §6 says —
 * marked messages removed only after QUIT from TRANSACTION, and the lock always released.
 */
class SessionModelProperties {

    private static final String[] MESSAGES = {
        "Subject: a\r\n\r\none\r\n",
        "Subject: bb\r\n\r\n.leading dot\r\ntwo\r\n",
        "Subject: ccc\r\n\r\nthree\r\nthree\r\nthree\r\n",
        "Subject: dddd\r\n\r\n",
    };

    @Property(tries = 300, seed = "1939")
    void sessionAgreesWithTheModel_rfc1939(@ForAll("scripts") List<String> script) {
        FakeStore store = new FakeStore();
        FakeStore.FakeAccount alice = store.add("alice", "secret");
        for (String m : MESSAGES) {
            alice.deliver(m);
        }
        List<Long> uids = alice.uids();
        SessionHarness h = new SessionHarness(store, SessionSettings.DEFAULTS);
        Model model = new Model();

        for (String line : script) {
            if (model.state == Pop3State.CLOSED) {
                break;
            }
            String reply = h.send(line);
            String expected = model.expect(line);
            if (expected.endsWith("*")) {
                assertTrue(reply.startsWith(expected.substring(0, expected.length() - 1)),
                        line + " -> " + reply + " (model: " + expected + ")");
            } else {
                assertEquals(expected, reply, line);
            }
            assertEquals(model.state, h.session.state(), "state after " + line);
        }
        h.session.connectionLost();

        Set<Long> expectedLeft = new TreeSet<>(uids);
        if (model.committed) {
            model.deleted.forEach(n -> expectedLeft.remove(uids.get(n - 1)));
        }
        assertEquals(List.copyOf(expectedLeft), alice.uids());
        assertFalse(alice.locked(), "the lock is released however the session ends");
    }

    /** A real session, as a client sends it; mutated below. */
    private static final List<String> REAL_SESSION = List.of("CAPA", "USER alice", "PASS secret", "STAT", "LIST",
            "UIDL", "TOP 1 2", "RETR 2", "DELE 1", "RSET", "DELE 3", "AUTH PLAIN", "NOOP", "QUIT");

    @Property(tries = 300, seed = "2449")
    void mutatedRealSessionsNeverBreakTheSession(@ForAll("mutations") List<byte[]> lines) {
        FakeStore store = new FakeStore();
        FakeStore.FakeAccount alice = store.add("alice", "secret");
        for (String m : MESSAGES) {
            alice.deliver(m);
        }
        Pop3Session session = new Pop3Session(store, SessionSettings.DEFAULTS.withLastCommand(true),
                SessionHarness.TIMESTAMP, false);
        for (byte[] line : lines) {
            if (session.state() == Pop3State.CLOSED) {
                break;
            }
            Reply reply = session.handleLine(line);
            String status = reply.response().statusLine();
            assertTrue(status.startsWith("+OK") || status.startsWith("-ERR") || status.startsWith("+ "), status);
            assertFalse(status.contains("\r") || status.contains("\n"), "one status line");
        }
        session.connectionLost();
        assertFalse(alice.locked(), "the lock is released however the session ends");
        if (alice.commits == 0) {
            assertEquals(MESSAGES.length, alice.uids().size(), "nothing deleted without UPDATE");
        }
    }

    @Provide
    Arbitrary<List<byte[]>> mutations() {
        Arbitrary<byte[]> realLine = Arbitraries.of(REAL_SESSION).map(l -> l.getBytes(StandardCharsets.US_ASCII));
        Arbitrary<byte[]> flipped = Combinators.combine(realLine, Arbitraries.integers().between(0, 40),
                Arbitraries.bytes()).as((line, at, b) -> {
                    byte[] copy = line.clone();
                    if (copy.length > 0) {
                        copy[at % copy.length] = b;
                    }
                    return copy;
                });
        Arbitrary<byte[]> truncated = Combinators.combine(realLine, Arbitraries.integers().between(0, 12))
                .as((line, n) -> java.util.Arrays.copyOf(line, Math.min(n, line.length)));
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(30);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, realLine),
                net.jqwik.api.Tuple.of(3, flipped),
                net.jqwik.api.Tuple.of(2, truncated),
                net.jqwik.api.Tuple.of(1, random)).list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<String>> scripts() {
        Arbitrary<String> n = Arbitraries.integers().between(0, 5).map(String::valueOf);
        Arbitrary<String> line = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just("USER alice")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("USER bob")),
                net.jqwik.api.Tuple.of(3, Arbitraries.just("PASS secret")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("PASS wrong")),
                net.jqwik.api.Tuple.of(2, Arbitraries.just("STAT")),
                net.jqwik.api.Tuple.of(2, n.map(x -> "LIST " + x)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("LIST")),
                net.jqwik.api.Tuple.of(2, n.map(x -> "RETR " + x)),
                net.jqwik.api.Tuple.of(4, n.map(x -> "DELE " + x)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("RSET")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("NOOP")),
                net.jqwik.api.Tuple.of(1, n.map(x -> "UIDL " + x)),
                net.jqwik.api.Tuple.of(1, n.map(x -> "TOP " + x + " 1")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("QUIT")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("BOGUS", "RETR x", "", "DELE 1 2")));
        return line.list().ofMaxSize(25);
    }

    /** What RFC 1939 says the replies must be, for a maildrop of {@link #MESSAGES}. */
    private static final class Model {
        Pop3State state = Pop3State.AUTHORIZATION;
        boolean userGiven;
        int failures;
        final Set<Integer> deleted = new TreeSet<>();
        boolean committed;

        String expect(String line) {
            boolean afterUser = userGiven;
            userGiven = false;
            String[] words = line.split(" ");
            String keyword = words[0];
            if (line.isEmpty() || line.equals("BOGUS") || line.equals("RETR x") || line.equals("DELE 1 2")) {
                return "-ERR*";
            }
            if (state == Pop3State.AUTHORIZATION) {
                switch (keyword) {
                    case "USER":
                        userGiven = true;
                        lastUserWasAlice = line.equals("USER alice");
                        return "+OK*";
                    case "PASS":
                        if (!afterUser) {
                            return "-ERR send USER first\r\n";
                        }
                        if (line.equals("PASS secret") && lastUserWasAlice) {
                            state = Pop3State.TRANSACTION;
                            return "+OK*";
                        }
                        if (++failures >= 3) {
                            state = Pop3State.CLOSED;
                        }
                        return "-ERR [AUTH] invalid user name or password\r\n";
                    case "QUIT":
                        state = Pop3State.CLOSED;
                        return "+OK*";
                    default:
                        return "-ERR " + keyword + " is not valid in the AUTHORIZATION state\r\n";
                }
            }
            // TRANSACTION
            switch (keyword) {
                case "STAT":
                    return "+OK " + (MESSAGES.length - deleted.size()) + " " + octets() + "\r\n";
                case "LIST":
                    if (words.length == 1) {
                        StringBuilder b = new StringBuilder("+OK " + (MESSAGES.length - deleted.size())
                                + " messages (" + octets() + " octets)\r\n");
                        for (int i = 1; i <= MESSAGES.length; i++) {
                            if (!deleted.contains(i)) {
                                b.append(i).append(' ').append(MESSAGES[i - 1].length()).append("\r\n");
                            }
                        }
                        return b.append(".\r\n").toString();
                    }
                    return numbered(words[1], n -> "+OK " + n + " " + MESSAGES[n - 1].length() + "\r\n");
                case "RETR":
                    return numbered(words[1], n -> "+OK " + MESSAGES[n - 1].length() + " octets\r\n"
                            + MESSAGES[n - 1].replace("\r\n.", "\r\n..") + ".\r\n");
                case "TOP":
                    return numbered(words[1], n -> "+OK top of message follows\r\n*");
                case "UIDL":
                    return numbered(words[1], n -> "+OK " + n + " " + FakeStore.UID_VALIDITY + "." + n + "\r\n");
                case "DELE":
                    return numbered(words[1], n -> {
                        deleted.add(n);
                        return "+OK message " + n + " deleted\r\n";
                    });
                case "RSET":
                    deleted.clear();
                    return "+OK*";
                case "NOOP":
                    return "+OK\r\n";
                case "QUIT":
                    state = Pop3State.CLOSED;
                    committed = true;
                    return "+OK MailLab POP3 server signing off (" + (MESSAGES.length - deleted.size())
                            + " messages left)\r\n";
                default:
                    return "-ERR " + keyword + " is not valid in the TRANSACTION state\r\n";
            }
        }

        boolean lastUserWasAlice = true;

        private String numbered(String arg, java.util.function.IntFunction<String> ok) {
            int n = Integer.parseInt(arg);
            if (n < 1 || n > MESSAGES.length) {
                return "-ERR no such message, only " + MESSAGES.length + " in the maildrop\r\n";
            }
            if (deleted.contains(n)) {
                return "-ERR message " + n + " already deleted\r\n";
            }
            return ok.apply(n);
        }

        private long octets() {
            long sum = 0;
            for (int i = 1; i <= MESSAGES.length; i++) {
                sum += deleted.contains(i) ? 0 : MESSAGES[i - 1].length();
            }
            return sum;
        }
    }
}
