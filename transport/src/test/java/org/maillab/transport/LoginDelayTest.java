package org.maillab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.transport.transcript.MemoryTranscript;
import org.maillab.transport.transcript.TranscriptEntry;

/**
 * A failed login is answered late, without a thread waiting, and the connection's next commands wait for
 * it; other clients' logins are answered at once meanwhile. The clock is the test's: a delayed answer
 * cannot come before the clock is moved, and the transcript's times show when each line went out.
 */
class LoginDelayTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(START);
    private final MemoryTranscript transcript = new MemoryTranscript();
    private TransportServer server;
    private Listener listener;

    @BeforeEach
    void start() throws Exception {
        server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2).withClock(clock)
                .withTranscript(transcript));
        listener = server.listen(ListenerConfig.of("login", new InetSocketAddress("127.0.0.1", 0),
                c -> new LoginHandler()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** When the server sent {@code line} (the manual clock's time). */
    private Instant sent(String line) throws InterruptedException {
        TranscriptEntry e = transcript.await(x -> x.kind() == TranscriptEntry.Kind.SERVER && x.text().equals(line),
                10_000);
        return e.time();
    }

    /** The failure is counted and its answer scheduled: only then may the clock move. */
    private void awaitDelay(long millis) throws InterruptedException {
        transcript.await(e -> e.text().equals("next answer in " + millis + " ms"), 10_000);
    }

    private void advance(Duration d) throws Exception {
        clock.advance(d);
        server.sweepNow().get(10, TimeUnit.SECONDS);
    }

    @Test
    void failuresAreAnsweredAfterAGrowingDelayPipelinedCommandsWaitAndTheThirdDisconnects() throws Exception {
        try (LineClient guesser = new LineClient(listener.localAddress());
             LineClient alice = new LineClient(listener.localAddress())) {
            assertEquals("* hello", guesser.readLine());
            assertEquals("* hello", alice.readLine());
            guesser.send("LOGIN bob guess1\r\nPING\r\n");
            awaitDelay(2000);

            // Meanwhile another client logs in at once: the guesser's delay holds no thread.
            alice.send("LOGIN alice right\r\n");
            assertEquals("OK alice", alice.readLine());
            assertEquals(START, sent("OK alice"));

            advance(Duration.ofSeconds(2));
            assertEquals("NO 2000", guesser.readLine());
            assertEquals("ECHO PING", guesser.readLine()); // held until the answer, then handled
            assertEquals(START.plusSeconds(2), sent("NO 2000"));
            List<String> lines = transcript.lines();
            assertTrue(lines.indexOf("S: NO 2000") < lines.indexOf("C: PING"), lines.toString());

            guesser.send("LOGIN bob guess2\r\n");
            awaitDelay(4000);
            advance(Duration.ofSeconds(2));
            advance(Duration.ofSeconds(2));
            assertEquals("NO 4000", guesser.readLine());
            assertEquals(START.plusSeconds(6), sent("NO 4000"));

            guesser.send("LOGIN bob guess3\r\n");
            awaitDelay(8000);
            advance(Duration.ofSeconds(8));
            assertEquals("NO 8000", guesser.readLine());
            assertEquals("BYE", guesser.readLine());
            assertNull(guesser.readLine());

            alice.send("still here\r\n");
            assertEquals("ECHO still here", alice.readLine());
        }
    }

    @Test
    void aNewConnectionFromTheSameAddressStartsWhereTheLastOneStopped() throws Exception {
        for (long expected : new long[] {2000, 4000, 8000}) {
            try (LineClient guesser = new LineClient(listener.localAddress())) {
                assertEquals("* hello", guesser.readLine());
                guesser.send("LOGIN user" + expected + " wrong\r\n");
                awaitDelay(expected);
                advance(Duration.ofMillis(expected));
                assertEquals("NO " + expected, guesser.readLine());
            }
        }
    }

    @Test
    void aClientThatLeavesDuringTheDelayIsSimplyClosed() throws Exception {
        try (LineClient guesser = new LineClient(listener.localAddress())) {
            assertEquals("* hello", guesser.readLine());
            guesser.send("LOGIN bob wrong\r\n");
            awaitDelay(2000);
        }
        // Its end of input waits behind the held answer, like any input: answered, then closed.
        advance(Duration.ofSeconds(2));
        transcript.await(e -> e.kind() == TranscriptEntry.Kind.CLOSE, 10_000);
        try (LineClient next = new LineClient(listener.localAddress())) {
            assertEquals("* hello", next.readLine());
            next.send("LOGIN bob right\r\n");
            assertEquals("OK bob", next.readLine());
        }
    }
}
