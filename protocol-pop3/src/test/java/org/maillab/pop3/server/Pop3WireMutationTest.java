package org.maillab.pop3.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.maildir.MaildirStore;
import org.maillab.mailstore.testing.WireMutator;
import org.maillab.transport.LoginThrottle;
import org.maillab.transport.ServerConfig;

/**
 * The socket-level mutation fuzz of the POP3 server (docs/fuzzing.md): sessions derived from the
 * transcripts by {@link WireMutator}, against a server on a loopback port over a Maildir in a temporary
 * directory. Each must get the greeting and whole CRLF lines and be closed by the server once the
 * client has stopped sending; meanwhile and afterwards another account reads its mail byte for byte
 * as stored, and no server thread dies.
 */
class Pop3WireMutationTest {

    static final long SEED = 20261208L;
    /** Sessions per run; {@code -Dwire.mutations=N} runs more (docs/fuzzing.md). */
    static final int SESSIONS = Integer.getInteger("wire.mutations", 1000);
    static final int CHECK_EVERY = 250;
    static final int SAFETY_NET_MILLIS = 30_000;

    static final List<byte[]> KEPT = List.of(
            "From: a@example.org\r\nSubject: one\r\n\r\nFirst.\r\n".getBytes(StandardCharsets.US_ASCII),
            ("Subject: large\r\n\r\n" + "0123456789abcdef\r\n".repeat(1500)).getBytes(StandardCharsets.US_ASCII),
            "Subject: dots\r\n\r\n.\r\n..two\r\n.\r\n\u00e9t\u00e9\r\n".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path maildir;
    Pop3Server server;
    final List<Throwable> uncaught = Collections.synchronizedList(new ArrayList<>());
    Thread.UncaughtExceptionHandler previousHandler;

    @BeforeEach
    void setUp() throws Exception {
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        MaildirStore store = MaildirStore.open(maildir,
                MaildirStore.Options.defaults().withFsync(false).withPbkdf2Iterations(1000));
        Account mrose = store.createAccount("mrose", "tanstaaf", true);
        Account keeper = store.createAccount("keeper", "keeper-secret", false);
        for (byte[] m : KEPT) {
            mrose.append("INBOX", new ByteArrayInputStream(m), Flags.NONE, Instant.parse("2026-01-01T10:00:00Z"));
            keeper.append("INBOX", new ByteArrayInputStream(m), Flags.NONE, Instant.parse("2026-01-02T10:00:00Z"));
        }
        // Mutated sessions fail logins on purpose, all from 127.0.0.1: the login throttle would make each
        // later one wait up to 16 s for its answer (that is LoginLimitsTest's subject, not this test's).
        server = Pop3Server.start(store, Pop3ServerConfig.defaults(), new InetSocketAddress("127.0.0.1", 0), null,
                ServerConfig.defaults().withLoginPolicy(LoginThrottle.Policy.noDelay()));
    }

    @AfterEach
    void tearDown() {
        server.close();
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }

    @Test
    void mutatedTranscriptsAreAnsweredAndClosedAndHarmNoOtherSession() throws Exception {
        List<byte[]> seeds = WireMutator.clientStreams(WireMutator.resourceDirectory(getClass(), "/transcripts"));
        WireMutator mutator = new WireMutator(SEED);
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
        for (int i = 0; i < SESSIONS; i++) {
            WireMutator.Mutant mutant = mutator.mutate(seeds.get(i % seeds.size()));
            WireMutator.Outcome outcome = mutator.play(address, mutant, SAFETY_NET_MILLIS);
            String context = "session " + i + " (" + mutant.description() + ")";
            assertTrue(outcome.closedByServer(), () -> context + ": neither answered nor closed; got "
                    + outcome.text());
            if (!mutant.abrupt()) {
                assertTrue(outcome.text().startsWith("+OK "), () -> context + ": no greeting");
                assertTrue(outcome.text().endsWith("\r\n"), () -> context + ": a reply cut short: " + outcome.text());
            }
            if (i % CHECK_EVERY == CHECK_EVERY - 1) {
                assertKeeperReadsItsMail();
            }
        }
        assertKeeperReadsItsMail();
        assertEquals(List.of(), uncaught, "a server thread died");
    }

    /** A well-behaved session of another account: every message retrieved as it was stored. */
    void assertKeeperReadsItsMail() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(SAFETY_NET_MILLIS);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            assertTrue(line(in).startsWith("+OK"));
            out.write("USER keeper\r\nPASS keeper-secret\r\nSTAT\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(line(in).startsWith("+OK"));
            assertTrue(line(in).startsWith("+OK"));
            assertTrue(line(in).startsWith("+OK " + KEPT.size() + " "));
            for (int n = 1; n <= KEPT.size(); n++) {
                out.write(("RETR " + n + "\r\n").getBytes(StandardCharsets.US_ASCII));
                assertTrue(line(in).startsWith("+OK"));
                assertArrayEquals(KEPT.get(n - 1), body(in), "message " + n + " changed");
            }
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(line(in).startsWith("+OK"));
        }
    }

    /** A multi-line body up to its terminator, dot-unstuffed (RFC 1939 §3). */
    private static byte[] body(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String line = line(in); !line.equals("."); line = line(in)) {
            byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
            int from = bytes.length > 0 && bytes[0] == '.' ? 1 : 0;
            body.write(bytes, from, bytes.length - from);
            body.write('\r');
            body.write('\n');
        }
        return body.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
