package org.maillab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownTest {

    @Test
    void gracefulShutdownTellsEachHandlerWhichSaysGoodbyeThenStopsAccepting() throws Exception {
        CompletableFuture<CloseReason> closed = new CompletableFuture<>();
        TransportServer server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2));
        Listener l = server.listen(ListenerConfig.of("echo", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler() {
            @Override
            public void onShutdown(Connection c) {
                c.writeLine("* BYE shutting down");
                c.close();
            }

            @Override
            public void onClose(Connection c, CloseReason reason) {
                closed.complete(reason);
            }
        }));
        try (LineClient client = new LineClient(l.localAddress())) {
            assertEquals("* hello", client.readLine());
            CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(() -> server.shutdown(Duration.ofSeconds(10)));
            assertEquals("* BYE shutting down", client.readLine());
            assertNull(client.readLine());
            assertTrue(shutdown.get(20, TimeUnit.SECONDS));
        }
        assertEquals(CloseReason.SHUTDOWN, closed.get(10, TimeUnit.SECONDS));
        assertEquals(0, server.openConnections());
        assertThrows(ConnectException.class, () -> new LineClient(l.localAddress()).close());
    }

    @Test
    void connectionsStillOpenAfterTheGracePeriodAreAborted() throws Exception {
        CompletableFuture<CloseReason> closed = new CompletableFuture<>();
        TransportServer server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2));
        Listener l = server.listen(ListenerConfig.of("echo", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler() {
            @Override
            public void onShutdown(Connection c) {
                // A stubborn protocol that ignores the shutdown.
            }

            @Override
            public void onClose(Connection c, CloseReason reason) {
                closed.complete(reason);
            }
        }));
        try (LineClient client = new LineClient(l.localAddress())) {
            assertEquals("* hello", client.readLine());
            assertFalse(server.shutdown(Duration.ofMillis(50)));
            assertNull(client.readLine());
        }
        assertEquals(CloseReason.SHUTDOWN, closed.get(10, TimeUnit.SECONDS));
    }
}
