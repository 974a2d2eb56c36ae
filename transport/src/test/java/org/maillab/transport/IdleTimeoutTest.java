package org.maillab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RFC 1939 §3 (autologout) and RFC 9051 §5.4: the protocol is told, says goodbye, and closes. */
class IdleTimeoutTest {

    private TransportServer server;
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

    @AfterEach
    void stop() {
        server.close();
    }

    private class ByeOnIdle extends EchoHandler {
        @Override
        public void onIdleTimeout(Connection c) {
            c.writeLine("* BYE autologout");
            c.close();
        }

        @Override
        public void onClose(Connection c, CloseReason reason) {
            closed.complete(reason);
        }
    }

    @Test
    void aSilentClientIsToldGoodbyeAndClosedAfterTheIdleTimeout() throws Exception {
        server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2));
        Listener l = server.listen(ListenerConfig.of("echo", new InetSocketAddress("127.0.0.1", 0), c -> new ByeOnIdle())
                .withIdleTimeout(Duration.ofMillis(40)));
        try (LineClient client = new LineClient(l.localAddress())) {
            assertEquals("* hello", client.readLine());
            assertEquals("* BYE autologout", client.readLine()); // blocks until the timeout fires
            assertNull(client.readLine());
        }
        assertEquals(CloseReason.IDLE_TIMEOUT, closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void activityRestartsTheIdleTimerAndTheProtocolCanSetItsOwnTimeout() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2).withClock(clock));
        Listener l = server.listen(ListenerConfig.of("echo", new InetSocketAddress("127.0.0.1", 0), c -> new ByeOnIdle() {
            @Override
            public void onConnect(Connection c) {
                c.setIdleTimeout(Duration.ofMinutes(30)); // e.g. IMAP's own default, RFC 9051 §5.4
                super.onConnect(c);
            }
        }));
        try (LineClient client = new LineClient(l.localAddress())) {
            assertEquals("* hello", client.readLine());
            clock.advance(Duration.ofMinutes(29));
            server.sweepNow().get(10, TimeUnit.SECONDS);
            client.send("still here\r\n"); // had the timer fired, BYE would come first
            assertEquals("ECHO still here", client.readLine());
            clock.advance(Duration.ofMinutes(29));
            server.sweepNow().get(10, TimeUnit.SECONDS);
            client.send("again\r\n");
            assertEquals("ECHO again", client.readLine());
            clock.advance(Duration.ofMinutes(30));
            server.sweepNow().get(10, TimeUnit.SECONDS);
            assertEquals("* BYE autologout", client.readLine());
            assertNull(client.readLine());
        }
        assertEquals(CloseReason.IDLE_TIMEOUT, closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aZeroTimeoutNeverFires() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2).withClock(clock));
        Listener l = server.listen(ListenerConfig.of("echo", new InetSocketAddress("127.0.0.1", 0), c -> new ByeOnIdle())
                .withIdleTimeout(Duration.ZERO));
        try (LineClient client = new LineClient(l.localAddress())) {
            assertEquals("* hello", client.readLine());
            clock.advance(Duration.ofDays(365));
            server.sweepNow().get(10, TimeUnit.SECONDS);
            client.send("x\r\n");
            assertEquals("ECHO x", client.readLine());
        }
    }
}
