package org.maillab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Clients that misbehave or vanish, and handlers that fail, cost one connection and nothing else. */
class FaultTest {

    private TransportServer server;
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

    @BeforeEach
    void start() throws Exception {
        server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Listener listen(HandlerFactory f) throws Exception {
        return server.listen(ListenerConfig.of("test", new InetSocketAddress("127.0.0.1", 0), f).withMaxLineLength(200));
    }

    private class Recording extends EchoHandler {
        @Override
        public void onClose(Connection c, CloseReason reason) {
            closed.complete(reason);
        }
    }

    @Test
    void aClientVanishingMidStreamClosesTheSourceAndFreesTheConnection() throws Exception {
        PatternSource source = new PatternSource(1L << 40); // far more than will ever be sent
        Listener l = listen(c -> new Recording() {
            @Override
            public void onConnect(Connection c) {
                c.stream(source);
            }
        });
        try (Socket socket = new Socket("127.0.0.1", l.port())) {
            socket.setSoTimeout(20_000);
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[100_000];
            int got = 0;
            while (got < buf.length) {
                got += in.read(buf, got, buf.length - got);
            }
            socket.setSoLinger(true, 0); // vanish with a reset, mid-stream
        }
        assertEquals(CloseReason.CLIENT_CLOSED, closed.get(20, TimeUnit.SECONDS));
        assertTrue(source.closed.await(20, TimeUnit.SECONDS), "the source was closed");
        assertEquals(0, l.openConnections());
    }

    @Test
    void aHandlerThatThrowsAbortsOnlyItsOwnConnection() throws Exception {
        // The failing connection's own close reason: the other connection may close first (its onClose
        // can run before the failed one's, which is queued on a worker), so one shared future would race.
        CompletableFuture<CloseReason> failedClosed = new CompletableFuture<>();
        Listener l = listen(c -> new Recording() {
            private boolean failed;

            @Override
            public void onLine(Connection c, byte[] line) {
                if (new String(line).equals("BOOM")) {
                    failed = true;
                    throw new IllegalStateException("a bug in the protocol (expected by this test)");
                }
                super.onLine(c, line);
            }

            @Override
            public void onClose(Connection c, CloseReason reason) {
                if (failed) {
                    failedClosed.complete(reason);
                }
            }
        });
        try (LineClient other = new LineClient(l.localAddress()); LineClient client = new LineClient(l.localAddress())) {
            assertEquals("* hello", other.readLine());
            assertEquals("* hello", client.readLine());
            client.send("BOOM\r\n");
            assertNull(client.readLine());
            other.send("fine\r\n");
            assertEquals("ECHO fine", other.readLine());
        }
        assertEquals(CloseReason.HANDLER_FAILED, failedClosed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aClientThatHalfClosesAfterPipelinedCommandsStillGetsEveryReply() throws Exception {
        Listener l = listen(c -> new Recording());
        try (LineClient client = new LineClient(l.localAddress())) {
            assertEquals("* hello", client.readLine());
            client.send("a\r\nb\r\nunterminated");
            client.socket.shutdownOutput();
            assertEquals("ECHO a", client.readLine());
            assertEquals("ECHO b", client.readLine());
            assertNull(client.readLine());
        }
        assertEquals(CloseReason.CLIENT_CLOSED, closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void randomBytesNeverBreakTheServerAndEveryCompleteLineGetsAnAnswer() throws Exception {
        Listener l = listen(c -> new EchoHandler() {
            @Override
            public void onLine(Connection c, byte[] line) {
                c.writeLine("LINE " + line.length); // never interprets the bytes: no literal, no QUIT
            }
        });
        Random random = new Random(2026);
        for (int round = 0; round < 20; round++) {
            byte[] garbage = new byte[random.nextInt(5000)];
            random.nextBytes(garbage);
            int lines = 0;
            for (byte b : garbage) {
                if (b == '\n') {
                    lines++;
                }
            }
            try (LineClient client = new LineClient(l.localAddress())) {
                assertEquals("* hello", client.readLine());
                client.send(garbage);
                client.send("\r\nPING\r\n");
                lines += 2;
                String last = null;
                for (int i = 0; i < lines; i++) {
                    last = client.readLine();
                    assertTrue(last.startsWith("LINE ") || last.startsWith("ERR line too long"), last);
                }
                assertEquals("LINE 4", last);
            }
        }
        try (LineClient client = new LineClient(l.localAddress())) {
            assertEquals("* hello", client.readLine());
        }
    }

    @Test
    void aSourceThatFailsMidStreamAbortsTheConnection() throws Exception {
        Listener l = listen(c -> new Recording() {
            @Override
            public void onConnect(Connection c) {
                c.writeLine("+OK");
                c.stream(() -> new InputStream() {
                    private int n;

                    @Override
                    public int read() throws IOException {
                        if (n++ > 1000) {
                            throw new IOException("disk on fire (expected by this test)");
                        }
                        return 'x';
                    }
                });
                c.writeLine(".");
            }
        });
        try (LineClient client = new LineClient(l.localAddress())) {
            assertEquals("+OK", client.readLine());
            client.drain();
        }
        assertEquals(CloseReason.SOURCE_FAILED, closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aSourceThatCannotBeOpenedIsReportedOnStandardErrorWithTheConnectionId() throws Exception {
        CompletableFuture<Long> id = new CompletableFuture<>();
        Listener l = listen(c -> new Recording() {
            @Override
            public void onConnect(Connection c) {
                id.complete(c.id());
                c.writeLine("* 2 FETCH (BODY[] {25}");
                c.stream(() -> {
                    throw new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException("gone (expected)"));
                });
            }
        });
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            try (LineClient client = new LineClient(l.localAddress())) {
                assertEquals("* 2 FETCH (BODY[] {25}", client.readLine());
                client.drain();
            }
            // onClose comes after the report, so the report is complete here.
            assertEquals(CloseReason.SOURCE_FAILED, closed.get(10, TimeUnit.SECONDS));
        } finally {
            System.setErr(err);
        }
        String report = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(report.contains("connection " + id.get() + " (test): streamed reply failed"), report);
        assertTrue(report.contains("gone (expected)"), report);
    }
}
