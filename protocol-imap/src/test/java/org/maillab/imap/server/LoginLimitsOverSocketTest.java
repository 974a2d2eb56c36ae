package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.transport.ServerConfig;
import org.maillab.transport.TransportServer;
import org.maillab.transport.transcript.MemoryTranscript;
import org.maillab.transport.transcript.TranscriptEntry;

/**
 * Issue 11, findings 5 and 10 over IMAP: failed LOGIN and AUTHENTICATE answers are delayed (RFC 9051
 * §11.7), the third closes the connection, a good login meanwhile is answered at once; a connection
 * that does not log in within the time limit is told and closed. The server runs on the test's clock.
 */
class LoginLimitsOverSocketTest {

    /** A clock moved by hand. */
    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final MemoryTranscript transcript = new MemoryTranscript();
    private TransportServer transport;
    private ImapServer server;

    @BeforeEach
    void start() throws Exception {
        InMemoryStore store = new InMemoryStore();
        store.createAccount("fred", "secret", false);
        transport = TransportServer.start(ServerConfig.defaults().withClock(clock).withTranscript(transcript));
        server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1), transport);
    }

    @AfterEach
    void stop() {
        server.close();
        transport.close();
    }

    private WireClient connect() throws Exception {
        WireClient c = new WireClient(new Socket("127.0.0.1", server.port().orElseThrow()));
        assertTrue(c.readLine().startsWith("* OK"));
        return c;
    }

    private void awaitDelay(long millis) throws InterruptedException {
        transcript.await(e -> e.text().equals("next answer in " + millis + " ms"), 10_000);
    }

    private void advance(Duration d) throws Exception {
        clock.advance(d);
        transport.sweepNow().get(10, TimeUnit.SECONDS);
    }

    private Instant sent(String prefix) throws InterruptedException {
        return transcript.await(e -> e.kind() == TranscriptEntry.Kind.SERVER && e.text().startsWith(prefix), 10_000)
                .time();
    }

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void failedLoginsAreAnsweredLaterAndLaterAndTheThirdEndsTheConnection() throws Exception {
        Instant start = clock.instant();
        try (WireClient guesser = connect(); WireClient fred = connect()) {
            guesser.send("a LOGIN fred guess1\r\nb NOOP\r\n");
            awaitDelay(2000);
            assertTrue(fred.command("f1", "LOGIN fred secret").get(0).startsWith("f1 OK"));
            assertEquals(start, sent("f1 OK"));

            advance(Duration.ofSeconds(2));
            assertEquals("a NO [AUTHENTICATIONFAILED] Invalid credentials", guesser.readLine());
            assertEquals("b OK NOOP completed", guesser.readLine()); // waited for the answer before it
            assertEquals(start.plusSeconds(2), sent("a NO"));

            guesser.send("c AUTHENTICATE PLAIN " + plain("fred", "guess2") + "\r\n");
            awaitDelay(4000);
            advance(Duration.ofSeconds(4));
            assertEquals("c NO [AUTHENTICATIONFAILED] Invalid credentials", guesser.readLine());

            guesser.send("d AUTHENTICATE PLAIN\r\n");
            assertEquals("+ ", guesser.readLine());
            guesser.send(plain("fred", "guess3") + "\r\n");
            awaitDelay(8000);
            advance(Duration.ofSeconds(8));
            assertEquals("d NO [AUTHENTICATIONFAILED] Invalid credentials", guesser.readLine());
            assertEquals("* BYE Too many failed logins", guesser.readLine());
            assertThrows(IOException.class, guesser::readLine); // closed

            assertTrue(fred.command("f2", "NOOP").get(0).startsWith("f2 OK"));
        }
    }

    @Test
    void aConnectionThatDoesNotLogInWithinAMinuteIsClosedWhateverItSends() throws Exception {
        try (WireClient trickler = connect(); WireClient fred = connect()) {
            fred.command("f1", "LOGIN fred secret");
            for (int i = 0; i < 19; i++) {
                advance(Duration.ofSeconds(3));
                List<String> noop = trickler.command("n" + i, "NOOP");
                assertEquals("n" + i + " OK NOOP completed", noop.get(noop.size() - 1));
            }
            advance(Duration.ofSeconds(3));
            assertEquals("* BYE Too long without logging in", trickler.readLine());
            assertThrows(IOException.class, trickler::readLine); // closed
            assertTrue(fred.command("f2", "NOOP").get(0).startsWith("f2 OK")); // logged in: no limit
        }
    }
}
