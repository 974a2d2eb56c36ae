package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.imap.codec.Framer;
import org.maillab.imap.codec.FramerEvent;
import org.maillab.imap.codec.FramerLimits;
import org.maillab.imap.codec.LiteralSpooler;
import org.maillab.imap.codec.ParsedResponse;
import org.maillab.imap.codec.ResponseParser;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.maildir.MaildirStore;
import org.maillab.mailstore.testing.WireMutator;
import org.maillab.transport.TransportServer;
import org.maillab.transport.LoginThrottle;
import org.maillab.transport.ServerConfig;

/**
 * The socket-level mutation fuzz of the IMAP server (docs/fuzzing.md): thousands of sessions derived
 * from the transcripts by {@link WireMutator}, against a server on a loopback port over a Maildir in a
 * temporary directory. Each must be answered with grammatical responses and closed by the server once
 * the client has stopped sending; meanwhile and afterwards another account's session reads its mail
 * byte for byte as stored, no server thread dies, and no spooled literal is left behind.
 */
class ImapWireMutationTest {

    static final long SEED = 20261208L;
    /** Sessions per run; {@code -Dwire.mutations=N} runs more (docs/fuzzing.md). */
    static final int SESSIONS = Integer.getInteger("wire.mutations", 1000);
    static final int CHECK_EVERY = 250;
    static final int SAFETY_NET_MILLIS = 30_000;

    static final List<byte[]> KEPT = List.of(
            "From: a@example.org\r\nSubject: one\r\n\r\nFirst.\r\n".getBytes(StandardCharsets.US_ASCII),
            ("Subject: large\r\n\r\n" + "0123456789abcdef\r\n".repeat(1500)).getBytes(StandardCharsets.US_ASCII),
            "Subject: 8bit\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\u00e9t\u00e9 {3}\r\n.\r\n"
                    .getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path maildir;
    MaildirStore store;
    ImapServer server;
    final List<Throwable> uncaught = Collections.synchronizedList(new ArrayList<>());
    Thread.UncaughtExceptionHandler previousHandler;

    private TransportServer transport;

    @BeforeEach
    void setUp() throws Exception {
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        store = MaildirStore.open(maildir, MaildirStore.Options.defaults().withFsync(false).withPbkdf2Iterations(1000));
        Account fred = store.createAccount("fred", "secret", false);
        fred.create("Work");
        for (byte[] m : KEPT) {
            fred.append("INBOX", new ByteArrayInputStream(m), Flags.NONE, Instant.parse("2026-01-01T10:00:00Z"));
        }
        Account keeper = store.createAccount("keeper", "keeper-secret", false);
        for (byte[] m : KEPT) {
            keeper.append("INBOX", new ByteArrayInputStream(m), Flags.NONE, Instant.parse("2026-01-02T10:00:00Z"));
        }
        // Mutated sessions fail logins on purpose, all from 127.0.0.1: the login throttle would make each
        // later one wait up to 16 s for its answer (that is LoginLimitsOverSocketTest's subject, not this test's).
        transport = TransportServer.start(ServerConfig.defaults().withLoginPolicy(LoginThrottle.Policy.noDelay()));
        server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1), transport);
    }

    @AfterEach
    void tearDown() {
        server.close();
        transport.close();
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }

    @Test
    void mutatedTranscriptsAreAnsweredAndClosedAndHarmNoOtherSession() throws Exception {
        List<byte[]> seeds = WireMutator.clientStreams(WireMutator.resourceDirectory(getClass(), "/transcripts"));
        WireMutator mutator = new WireMutator(SEED);
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port().orElseThrow());
        for (int i = 0; i < SESSIONS; i++) {
            WireMutator.Mutant mutant = mutator.mutate(seeds.get(i % seeds.size()));
            WireMutator.Outcome outcome = mutator.play(address, mutant, SAFETY_NET_MILLIS);
            String context = "session " + i + " (" + mutant.description() + ")";
            assertTrue(outcome.closedByServer(), () -> context + ": neither answered nor closed; got "
                    + tail(outcome.text()));
            if (!mutant.abrupt()) {
                assertTrue(outcome.text().startsWith("* OK"), () -> context + ": no greeting");
            }
            assertGrammatical(outcome.received(), context);
            if (i % CHECK_EVERY == CHECK_EVERY - 1) {
                assertKeeperReadsItsMail();
            }
        }
        assertKeeperReadsItsMail();
        // Every session (the mutants and the keeper's) has freed what it held: then nothing is spooled.
        long sessions = SESSIONS + SESSIONS / CHECK_EVERY + 1;
        assertTrue(server.awaitEndedSessions(sessions, java.time.Duration.ofMillis(SAFETY_NET_MILLIS)),
                "sessions still open after their clients left");
        assertEquals(List.of(), uncaught, "a server thread died");
        assertEquals(List.of(), server.spool().files(), "spooled literals left behind");
    }

    /** Every complete response the server sent is in the grammar (our client's parser is the judge). */
    static void assertGrammatical(byte[] received, String context) {
        Framer framer = new Framer(Framer.Role.CLIENT, FramerLimits.defaults().withMaxAppendSize(Long.MAX_VALUE),
                LiteralSpooler.inMemory());
        for (FramerEvent e : framer.feed(received)) {
            if (!(e instanceof FramerEvent.Complete c)) {
                fail(context + ": the server's output does not frame: " + e);
                return;
            }
            if (ResponseParser.parse(c.frame()) instanceof ParsedResponse.Error error) {
                fail(context + ": the server sent " + error.line() + " (" + error.reason() + ")");
            }
        }
    }

    /** A well-behaved session of another account: logs in and reads every message as it was stored. */
    void assertKeeperReadsItsMail() throws Exception {
        try (WireClient c = new WireClient(new Socket("127.0.0.1", server.port().orElseThrow()))) {
            assertTrue(c.readLine().startsWith("* OK"));
            List<String> login = c.command("k1", "LOGIN keeper keeper-secret");
            assertTrue(login.get(login.size() - 1).startsWith("k1 OK"), login::toString);
            List<String> select = c.command("k2", "EXAMINE INBOX");
            assertTrue(select.contains("* " + KEPT.size() + " EXISTS"), select::toString);
            for (int n = 1; n <= KEPT.size(); n++) {
                byte[] expected = KEPT.get(n - 1);
                c.send("k3 FETCH " + n + " BODY.PEEK[]\r\n");
                assertArrayEquals(expected, fetchedLiteral(c, "* " + n + " FETCH (BODY[] {" + expected.length + "}"),
                        "message " + n + " changed");
                List<String> rest = c.until("k3");
                assertTrue(rest.get(rest.size() - 1).startsWith("k3 OK"), rest::toString);
            }
            assertEquals("k4 OK LOGOUT completed", c.command("k4", "LOGOUT").get(1));
        }
    }

    private static byte[] fetchedLiteral(WireClient c, String expectedLine) throws Exception {
        StringBuilder line = new StringBuilder();
        for (int b = c.in.read(); b != '\n'; b = c.in.read()) {
            assertTrue(b >= 0, "connection closed");
            line.append((char) b);
        }
        assertEquals(expectedLine, line.toString().stripTrailing());
        int size = Integer.parseInt(expectedLine.substring(expectedLine.lastIndexOf('{') + 1,
                expectedLine.length() - 1));
        return c.in.readNBytes(size);
    }

    private static String tail(String text) {
        return text.length() <= 300 ? text : "..." + text.substring(text.length() - 300);
    }
}
