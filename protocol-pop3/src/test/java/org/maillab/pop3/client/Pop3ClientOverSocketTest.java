package org.maillab.pop3.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.pop3.server.Pop3Server;
import org.maillab.pop3.server.Pop3ServerConfig;

/** {@link Pop3Client#over(Socket)} and {@link Pop3ServerConfig#withApopTimestamps}: callers own the socket and the timestamps. */
class Pop3ClientOverSocketTest {

    InMemoryStore store;
    Pop3Server server;

    @BeforeEach
    void start() {
        store = new InMemoryStore();
        store.createAccount("alice", "wonderland", true).append("INBOX",
                new ByteArrayInputStream("Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII)),
                Flags.NONE, Instant.parse("2026-11-27T00:00:00Z"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        store.close();
    }

    private Socket connected(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(5_000);
        return socket;
    }

    @Test
    void overRunsASessionOnTheCallersSocketAndCloseClosesIt() throws Exception {
        server = Pop3Server.start(store, Pop3ServerConfig.defaults(), new InetSocketAddress("127.0.0.1", 0), null);
        Socket socket = connected(server.port());
        try (Pop3Client client = Pop3Client.over(socket)) {
            client.login("alice", "wonderland");
            assertEquals(1, client.stat().messages());
            assertEquals(5_000, socket.getSoTimeout(), "the caller's read timeout is kept");
            client.quit();
        }
        assertTrue(socket.isClosed());
    }

    @Test
    void greetingsCarryTheSuppliedApopTimestamps_rfc1939s7() throws Exception {
        AtomicInteger n = new AtomicInteger();
        server = Pop3Server.start(store,
                Pop3ServerConfig.defaults().withApopTimestamps(() -> "<" + n.incrementAndGet() + ".fixed@lab>"),
                new InetSocketAddress("127.0.0.1", 0), null);
        for (String expected : List.of("<1.fixed@lab>", "<2.fixed@lab>")) {
            try (Pop3Client client = Pop3Client.over(connected(server.port()))) {
                assertEquals(expected, client.apopTimestamp().orElseThrow());
                client.quit();
            }
        }
    }

    @Test
    void withApopTimestampsSurvivesTheOtherWithers() {
        Pop3ServerConfig config = Pop3ServerConfig.defaults().withApopTimestamps(() -> "<x@y>")
                .withMaxLineLength(2000).withLastCommand(true);
        assertEquals("<x@y>", config.apopTimestamps().get());
        assertEquals(null, Pop3ServerConfig.defaults().apopTimestamps());
    }

    @Test
    void aSilentServerEndsInTheCallersTimeoutAndTheSocketIsClosed() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Socket socket = connected(silent.getLocalPort());
            socket.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, () -> Pop3Client.over(socket));
            assertTrue(socket.isClosed());
        }
    }
}
