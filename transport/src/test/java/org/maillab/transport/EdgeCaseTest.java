package org.maillab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maillab.transport.transcript.MemoryTranscript;

class EdgeCaseTest {

    private final MemoryTranscript transcript = new MemoryTranscript();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final TransportServer server;

    EdgeCaseTest() throws Exception {
        server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2).withTranscript(transcript).withClock(clock));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aClientThatNeverStartsTheHandshakeAfterStlsIsDroppedByTheIdleTimer() throws Exception {
        CompletableFuture<Void> saidGoodbye = new CompletableFuture<>();
        Listener l = server.listen(ListenerConfig.of("echo", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler() {
            @Override
            public void onIdleTimeout(Connection c) {
                c.writeLine("* BYE autologout"); // cannot be sent: the connection waits for a TLS handshake
                c.close();
                saidGoodbye.complete(null);
            }
        }).withTls(TestTls.server()).withIdleTimeout(Duration.ofMinutes(10)));
        try (LineClient client = new LineClient(l.localAddress())) {
            assertEquals("* hello", client.readLine());
            client.send("STLS\r\n");
            assertEquals("OK begin TLS", client.readLine());
            clock.advance(Duration.ofMinutes(11));
            server.sweepNow().get(10, TimeUnit.SECONDS); // the handler says goodbye and closes...
            saidGoodbye.get(10, TimeUnit.SECONDS);
            clock.advance(Duration.ofMinutes(11));
            server.sweepNow().get(10, TimeUnit.SECONDS); // ...which cannot finish, so the connection is aborted
            assertNull(client.readLine());
        }
        transcript.await(e -> e.text().equals("closed: idle timeout (timed out while closing)"), 10_000);
    }

    @Test
    void plaintextOnAnImplicitTlsPortFailsTheHandshakeAndClosesTheConnection() throws Exception {
        CompletableFuture<CloseReason> closed = new CompletableFuture<>();
        Listener l = server.listen(ListenerConfig.of("echos", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler() {
            @Override
            public void onClose(Connection c, CloseReason reason) {
                closed.complete(reason);
            }
        }).withImplicitTls(TestTls.server()));
        try (LineClient client = new LineClient(l.localAddress())) {
            client.send("USER alice\r\nPASS secret\r\n");
            client.drain(); // whatever alert the engine sends, then end of stream
        }
        assertEquals(CloseReason.TLS_FAILED, closed.get(10, TimeUnit.SECONDS));
        assertTrue(transcript.lines().stream().noneMatch(s -> s.startsWith("C:")), transcript.lines().toString());
    }

    @Test
    void aFailingHandlerFactoryCostsOnlyThatConnection() throws Exception {
        boolean[] first = {true};
        Listener l = server.listen(ListenerConfig.of("echo", new InetSocketAddress("127.0.0.1", 0), c -> {
            synchronized (first) {
                if (first[0]) {
                    first[0] = false;
                    throw new IllegalStateException("no handler (expected by this test)");
                }
            }
            return new EchoHandler();
        }));
        try (LineClient failed = new LineClient(l.localAddress())) {
            assertNull(failed.readLine());
        }
        try (LineClient ok = new LineClient(l.localAddress())) {
            assertEquals("* hello", ok.readLine());
        }
    }

    @Test
    void controlMethodsOutsideACallbackOrWithoutTlsAreRefused() throws Exception {
        CompletableFuture<Connection> connection = new CompletableFuture<>();
        CompletableFuture<CloseReason> closed = new CompletableFuture<>();
        Listener l = server.listen(ListenerConfig.of("echo", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler() {
            @Override
            public void onConnect(Connection c) {
                super.onConnect(c);
                connection.complete(c);
            }

            @Override
            public void onClose(Connection c, CloseReason reason) {
                closed.complete(reason);
            }
        }).withMaxLiteralSize(10));
        try (LineClient client = new LineClient(l.localAddress())) {
            assertEquals("* hello", client.readLine());
            Connection c = connection.get(10, TimeUnit.SECONDS);
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, c::startTls);
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> c.expectLiteral(1));
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> c.discardLiteral(1));
            client.send("STLS\r\n"); // this listener has no TLS context: the handler's startTls() throws
            client.drain(); // the connection is aborted (its queued "OK begin TLS" may or may not get out)
        }
        assertEquals(CloseReason.HANDLER_FAILED, closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void executeRunsPushedWorkSeriallyWithTheHandlerAndNotAfterClose() throws Exception {
        CompletableFuture<Connection> connection = new CompletableFuture<>();
        CompletableFuture<Boolean> ranAfterClose = new CompletableFuture<>();
        Listener l = server.listen(ListenerConfig.of("echo", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler() {
            @Override
            public void onConnect(Connection c) {
                super.onConnect(c);
                connection.complete(c);
            }

            @Override
            public void onClose(Connection c, CloseReason reason) {
                c.execute(() -> ranAfterClose.complete(true));
                c.execute(() -> { }); // queued behind the first; both must be dropped
                connection.obtrudeValue(c);
                ranAfterClose.completeOnTimeout(false, 200, TimeUnit.MILLISECONDS);
            }
        }));
        try (LineClient client = new LineClient(l.localAddress())) {
            assertEquals("* hello", client.readLine());
            Connection c = connection.get(10, TimeUnit.SECONDS);
            assertFalse(c.isSecure());
            c.execute(() -> c.writeLine("* 3 EXISTS")); // e.g. a store event for an IMAP IDLE session
            assertEquals("* 3 EXISTS", client.readLine());
            client.send("QUIT\r\n");
            assertEquals("BYE", client.readLine());
        }
        assertFalse(ranAfterClose.get(10, TimeUnit.SECONDS));
    }
}
