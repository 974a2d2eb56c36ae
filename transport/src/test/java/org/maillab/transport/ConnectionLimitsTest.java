package org.maillab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maillab.transport.transcript.MemoryTranscript;

class ConnectionLimitsTest {

    private final MemoryTranscript transcript = new MemoryTranscript();
    private TransportServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private Listener listen(int total, int perAddress) throws Exception {
        server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2).withTranscript(transcript));
        return server.listen(ListenerConfig.of("echo", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler())
                .withConnectionLimits(total, perAddress, "-ERR [SYS/TEMP] too many connections"));
    }

    private static List<LineClient> open(Listener l, int n) throws Exception {
        List<LineClient> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LineClient c = new LineClient(l.localAddress());
            assertEquals("* hello", c.readLine());
            clients.add(c);
        }
        return clients;
    }

    @Test
    void aConnectionOverTheTotalLimitGetsTheRefusalLineAndIsClosedWhileOthersAreServed() throws Exception {
        Listener l = listen(3, 100);
        List<LineClient> clients = open(l, 3);
        try (LineClient extra = new LineClient(l.localAddress())) {
            assertEquals("-ERR [SYS/TEMP] too many connections", extra.readLine());
            assertNull(extra.readLine());
        }
        for (LineClient c : clients) {
            c.send("still here\r\n");
            assertEquals("ECHO still here", c.readLine());
        }
        // A slot frees when a client leaves.
        clients.get(0).send("QUIT\r\n");
        assertEquals("BYE", clients.get(0).readLine());
        transcript.await(e -> e.text().startsWith("closed"), 10_000);
        try (LineClient again = new LineClient(l.localAddress())) {
            assertEquals("* hello", again.readLine());
        }
        for (LineClient c : clients) {
            c.close();
        }
        transcript.await(e -> e.text().contains("refused: too many connections (3)"), 10_000);
    }

    @Test
    void aConnectionOverThePerAddressLimitIsRefused() throws Exception {
        Listener l = listen(100, 2);
        List<LineClient> clients = open(l, 2);
        try (LineClient extra = new LineClient(l.localAddress())) {
            assertEquals("-ERR [SYS/TEMP] too many connections", extra.readLine());
            assertNull(extra.readLine());
        }
        transcript.await(e -> e.text().contains("refused: too many connections from this address (2)"), 10_000);
        assertEquals(2, l.openConnections());
        for (LineClient c : clients) {
            c.close();
        }
    }

    @Test
    void hundredsOfConnectionsHitTheLimitAndTheServerKeepsServingTheAdmittedOnes() throws Exception {
        Listener l = listen(50, 50);
        List<LineClient> admitted = open(l, 50);
        for (int i = 0; i < 200; i++) {
            try (LineClient extra = new LineClient(l.localAddress())) {
                assertEquals("-ERR [SYS/TEMP] too many connections", extra.readLine());
            }
        }
        for (LineClient c : admitted) {
            c.send("ok\r\n");
        }
        for (LineClient c : admitted) {
            assertEquals("ECHO ok", c.readLine());
            c.close();
        }
    }

    @Test
    void theServerWideLimitCountsEveryListener() throws Exception {
        server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2).withTranscript(transcript)
                .withMaxConnections(3));
        Listener a = server.listen(ListenerConfig.of("a", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler())
                .withConnectionLimits(100, 100, "-ERR [SYS/TEMP] too many connections"));
        Listener b = server.listen(ListenerConfig.of("b", new InetSocketAddress("127.0.0.1", 0), c -> new EchoHandler())
                .withConnectionLimits(100, 100, "* BYE too many connections"));
        List<LineClient> clients = new ArrayList<>(open(a, 2));
        clients.addAll(open(b, 1));
        try (LineClient extra = new LineClient(b.localAddress())) {
            assertEquals("* BYE too many connections", extra.readLine());
            assertNull(extra.readLine());
        }
        transcript.await(e -> e.text().contains("refused: too many connections on this server (3)"), 10_000);
        for (LineClient c : clients) {
            c.send("ok\r\n");
            assertEquals("ECHO ok", c.readLine());
            c.close();
        }
    }
}
