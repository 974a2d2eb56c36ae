package org.maillab.imap.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.maillab.imap.server.ImapServer;
import org.maillab.imap.server.ImapServerConfig;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;

/** {@link ImapClient#over(Socket)}: the caller's socket and its read timeout, so a silent server cannot hang a caller. */
class ImapClientOverSocketTest {

    private static Socket connected(int port, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(timeoutMillis);
        return socket;
    }

    @Test
    void overRunsASessionAndKeepsTheCallersReadTimeout() throws Exception {
        MailStore store = new InMemoryStore();
        store.createAccount("fred", "secret", false).append("INBOX", new ByteArrayInputStream(
                "Subject: one\r\n\r\nfirst\r\n".getBytes(StandardCharsets.US_ASCII)), Flags.NONE, Instant.now());
        try (ImapServer server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1))) {
            Socket socket = connected(server.port().orElseThrow(), 7_000);
            try (ImapClient c = ImapClient.over(socket)) {
                c.login("fred", "secret");
                c.select("INBOX");
                ImapClient.Idle idle = c.idle();
                assertTrue(idle.next(Duration.ofMillis(50)).isEmpty());
                assertTrue(idle.done().ok());
                assertEquals(7_000, socket.getSoTimeout(), "neither attaching nor IDLE resets the timeout");
            }
            assertTrue(socket.isClosed());
        }
    }

    @Test
    void aServerThatNeverGreetsEndsInTheTimeoutAndTheSocketIsClosed() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket socket = connected(silent.getLocalPort(), 200);
            assertThrows(SocketTimeoutException.class, () -> ImapClient.over(socket));
            assertTrue(socket.isClosed());
        }
    }

    @Test
    void aServerThatFallsSilentMidSessionFailsTheCommandInsteadOfHanging() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket socket = connected(silent.getLocalPort(), 200);
            try (Socket accepted = silent.accept()) {
                OutputStream greeting = accepted.getOutputStream();
                greeting.write("* OK [CAPABILITY IMAP4rev2] hello\r\n".getBytes(StandardCharsets.US_ASCII));
                greeting.flush();
                try (ImapClient c = ImapClient.over(socket)) {
                    UncheckedIOException e = assertThrows(UncheckedIOException.class, c::noop);
                    assertInstanceOf(SocketTimeoutException.class, e.getCause());
                }
            }
        }
    }
}
