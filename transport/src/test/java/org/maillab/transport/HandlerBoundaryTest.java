package org.maillab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.maillab.transport.transcript.MemoryTranscript;

/**
 * Issue 11, finding 3: a {@code Throwable} anywhere on the input path (here a transcript masker that
 * overflows the stack, as the old password regex did, and a handler that throws an Error) never leaves
 * a session unanswered and open: the client gets the protocol's goodbye and the connection closes.
 */
class HandlerBoundaryTest {

    /** Echoes; its masker overflows on "LOGIN" lines, its handler throws on "CRASH". */
    private static final class Fragile extends EchoHandler {
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

        @Override
        public void onConnect(Connection c) {
            c.setClientLineMasker(line -> {
                if (line.startsWith("LOGIN")) {
                    throw new StackOverflowError("as the old regex did");
                }
                return line;
            });
            c.writeLine("+OK ready");
        }

        @Override
        public void onLine(Connection c, byte[] line) {
            if (new String(line, java.nio.charset.StandardCharsets.US_ASCII).equals("CRASH")) {
                throw new StackOverflowError("a bug in the protocol (expected by this test)");
            }
            super.onLine(c, line);
        }

        @Override
        public String failureGoodbye() {
            return "-ERR internal error";
        }

        @Override
        public void onClose(Connection c, CloseReason reason) {
            closed.complete(reason);
        }
    }

    @Test
    void aMaskerThatFailsHidesTheLineAndTheSessionGoesOn() throws Exception {
        MemoryTranscript memory = new MemoryTranscript();
        TransportServer server = TransportServer.start(ServerConfig.defaults().withTranscript(memory));
        Fragile handler = new Fragile();
        try {
            Listener l = server.listen(ListenerConfig.of("t", new InetSocketAddress("127.0.0.1", 0), c -> handler));
            try (LineClient client = new LineClient(l.localAddress())) {
                assertEquals("+OK ready", client.readLine());
                client.send("LOGIN alice secret\r\n");
                assertEquals("ECHO LOGIN alice secret", client.readLine());
                client.send("QUIT\r\n");
                assertEquals("BYE", client.readLine());
            }
            handler.closed.get(20, TimeUnit.SECONDS);
            List<String> lines = memory.lines();
            assertTrue(lines.contains("C: *** (masking failed: StackOverflowError)"), lines.toString());
            assertTrue(lines.stream().noneMatch(s -> s.startsWith("C: ") && s.contains("secret")), lines.toString());
        } finally {
            server.close();
        }
    }

    @Test
    void aHandlerThatThrowsAnErrorAnswersWithItsGoodbyeAndCloses() throws Exception {
        TransportServer server = TransportServer.start(ServerConfig.defaults());
        Fragile handler = new Fragile();
        try {
            Listener l = server.listen(ListenerConfig.of("t", new InetSocketAddress("127.0.0.1", 0), c -> handler));
            try (LineClient client = new LineClient(l.localAddress())) {
                assertEquals("+OK ready", client.readLine());
                client.send("CRASH\r\n");
                assertEquals("-ERR internal error", client.readLine());
                assertNull(client.readLine(), "the server closed its end");
            }
            assertEquals(CloseReason.HANDLER_FAILED, handler.closed.get(20, TimeUnit.SECONDS));
        } finally {
            server.close();
        }
    }
}
