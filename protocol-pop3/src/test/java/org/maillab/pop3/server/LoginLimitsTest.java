package org.maillab.pop3.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.transport.Listener;
import org.maillab.transport.ServerConfig;
import org.maillab.transport.TransportServer;
import org.maillab.transport.transcript.MemoryTranscript;
import org.maillab.transport.transcript.TranscriptEntry;

/**
 * Issue 11, findings 5 and 10 over POP3: a failed PASS, APOP or AUTH is answered after a growing delay
 * counted per connection, address and account (so reconnecting does not start over), a good login
 * meanwhile is answered at once, and a connection that does not log in within a minute is closed. The
 * server runs on the test's clock: no waiting.
 */
class LoginLimitsTest {

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

    /** A raw POP3 client. */
    static final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Client(Listener l) throws Exception {
            socket = new Socket("127.0.0.1", l.localAddress().getPort());
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
            assertTrue(in.readLine().startsWith("+OK"));
        }

        void send(String line) throws Exception {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        String line() throws Exception {
            return in.readLine();
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    private final ManualClock clock = new ManualClock();
    private final MemoryTranscript transcript = new MemoryTranscript();
    private TransportServer transport;
    private Listener listener;

    @BeforeEach
    void start() throws Exception {
        InMemoryStore store = new InMemoryStore();
        store.createAccount("alice", "wonderland", true);
        store.createAccount("bob", "builder", true);
        transport = TransportServer.start(ServerConfig.defaults().withClock(clock).withTranscript(transcript));
        listener = transport.listen(Pop3Server.listenerConfig(store, Pop3ServerConfig.defaults(),
                new InetSocketAddress("127.0.0.1", 0), null));
    }

    @AfterEach
    void stop() {
        transport.close();
    }

    private void awaitDelay(long millis) throws InterruptedException {
        transcript.await(e -> e.text().equals("next answer in " + millis + " ms"), 10_000);
    }

    private void advance(Duration d) throws Exception {
        clock.advance(d);
        transport.sweepNow().get(10, TimeUnit.SECONDS);
    }

    @Test
    void passApopAndAuthFailuresWaitLongerEachTimeAndReconnectingDoesNotStartOver() throws Exception {
        Instant start = clock.instant();
        try (Client guesser = new Client(listener); Client alice = new Client(listener)) {
            guesser.send("USER bob");
            assertEquals("+OK send PASS for bob", guesser.line());
            guesser.send("PASS guess1");
            guesser.send("NOOP"); // pipelined: waits for the answer
            awaitDelay(2000);
            alice.send("USER alice");
            alice.line();
            alice.send("PASS wonderland");
            assertTrue(alice.line().startsWith("+OK maildrop has"));
            TranscriptEntry good = transcript.await(e -> e.text().startsWith("+OK maildrop has"), 10_000);
            assertEquals(start, good.time()); // not delayed by the guesser

            advance(Duration.ofSeconds(2));
            assertEquals("-ERR [AUTH] invalid user name or password", guesser.line());
            assertEquals("-ERR NOOP is not valid in the AUTHORIZATION state", guesser.line());

            guesser.send("APOP bob 0123456789abcdef0123456789abcdef");
            awaitDelay(4000);
            advance(Duration.ofSeconds(4));
            assertEquals("-ERR [AUTH] invalid user name or password", guesser.line());

            guesser.send("AUTH PLAIN " + Base64.getEncoder().encodeToString(
                    "\0bob\0guess3".getBytes(StandardCharsets.US_ASCII)));
            awaitDelay(8000);
            advance(Duration.ofSeconds(8));
            assertEquals("-ERR [AUTH] invalid user name or password", guesser.line());
            assertNull(guesser.line()); // third failure: closed
        }
        try (Client again = new Client(listener)) {
            again.send("USER carol");
            again.line();
            again.send("PASS guess4");
            awaitDelay(16_000); // the address remembers: no fresh start at 2 s
            advance(Duration.ofSeconds(16));
            assertEquals("-ERR [AUTH] invalid user name or password", again.line());
        }
    }

    @Test
    void aConnectionThatDoesNotLogInWithinAMinuteIsClosed() throws Exception {
        try (Client idle = new Client(listener); Client alice = new Client(listener)) {
            alice.send("USER alice");
            alice.line();
            alice.send("PASS wonderland");
            assertTrue(alice.line().startsWith("+OK maildrop has"));
            for (int i = 0; i < 19; i++) {
                advance(Duration.ofSeconds(3));
                idle.send("CAPA");
                while (!".".equals(idle.line())) {
                    // the capability list
                }
            }
            advance(Duration.ofSeconds(3));
            assertEquals("-ERR [SYS/TEMP] too long without logging in", idle.line());
            assertNull(idle.line());
            alice.send("STAT");
            assertTrue(alice.line().startsWith("+OK "));
        }
    }
}
