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

/**
 * The time to authenticate counts from connect whatever the client sends: a byte every 3 s does not keep
 * an unauthenticated connection (issue 11, finding 10), while an authenticated one stays.
 */
class AuthTimeoutTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private TransportServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private Listener listen(HandlerFactory handlers) throws Exception {
        server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2).withClock(clock));
        return server.listen(ListenerConfig.of("login", new InetSocketAddress("127.0.0.1", 0), handlers)
                .withAuthTimeout(Duration.ofSeconds(60)));
    }

    private void advance(Duration d) throws Exception {
        clock.advance(d);
        server.sweepNow().get(10, TimeUnit.SECONDS);
    }

    private class Recorded extends LoginHandler {
        @Override
        public void onClose(Connection c, CloseReason reason) {
            closed.complete(reason);
        }
    }

    @Test
    void aTricklingUnauthenticatedClientIsClosedAfterTheLimitWhileALoggedInOneStays() throws Exception {
        Listener l = listen(c -> new Recorded());
        try (LineClient loggedIn = new LineClient(l.localAddress());
             LineClient trickler = new LineClient(l.localAddress())) {
            assertEquals("* hello", loggedIn.readLine());
            assertEquals("* hello", trickler.readLine());
            loggedIn.send("LOGIN alice right\r\n");
            assertEquals("OK alice", loggedIn.readLine());
            for (int i = 0; i < 19; i++) { // 57 s of traffic
                advance(Duration.ofSeconds(3));
                trickler.send("x\r\n");
                assertEquals("ECHO x", trickler.readLine());
            }
            advance(Duration.ofSeconds(3));
            assertEquals("BYE too slow", trickler.readLine());
            assertNull(trickler.readLine());
            assertEquals(CloseReason.AUTH_TIMEOUT, closed.get(10, TimeUnit.SECONDS));

            advance(Duration.ofMinutes(5));
            loggedIn.send("still here\r\n");
            assertEquals("ECHO still here", loggedIn.readLine());
        }
    }

    @Test
    void aHandlerThatDoesNotCloseIsClosedForItAfterAGrace() throws Exception {
        Listener l = listen(c -> new Recorded() {
            @Override
            public void onAuthTimeout(Connection c) {
                c.writeLine("* you are late"); // and no close()
            }
        });
        try (LineClient client = new LineClient(l.localAddress())) {
            assertEquals("* hello", client.readLine());
            advance(Duration.ofSeconds(60));
            assertEquals("* you are late", client.readLine());
            advance(Duration.ofSeconds(10));
            assertNull(client.readLine());
        }
        assertEquals(CloseReason.AUTH_TIMEOUT, closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void withoutALimitNothingCloses() throws Exception {
        server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2).withClock(clock));
        Listener l = server.listen(ListenerConfig.of("echo", new InetSocketAddress("127.0.0.1", 0),
                c -> new LoginHandler()).withIdleTimeout(Duration.ZERO));
        try (LineClient client = new LineClient(l.localAddress())) {
            assertEquals("* hello", client.readLine());
            advance(Duration.ofDays(1));
            client.send("x\r\n");
            assertEquals("ECHO x", client.readLine());
        }
    }
}
