package org.maillab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.maillab.transport.transcript.MemoryTranscript;
import org.maillab.transport.transcript.PrintStreamTranscript;
import org.maillab.transport.transcript.TrafficCounter;
import org.maillab.transport.transcript.TranscriptEntry;
import org.maillab.transport.transcript.TranscriptSink;

class TranscriptTest {

    /** A POP3-like toy: masks PASS, masks the line after AUTH, reports state changes. */
    private static final class Pop3ish extends EchoHandler {
        final CompletableFuture<Long> id = new CompletableFuture<>();

        @Override
        public void onConnect(Connection c) {
            id.complete(c.id());
            c.setClientLineMasker(line -> line.regionMatches(true, 0, "PASS ", 0, 5) ? "PASS ***" : line);
            c.transcriptState("AUTHORIZATION");
            c.writeLine("+OK ready");
        }

        @Override
        public void onLine(Connection c, byte[] line) {
            String text = new String(line, StandardCharsets.UTF_8);
            if (text.startsWith("PASS ")) {
                c.transcriptState("TRANSACTION");
                c.writeLine("+OK logged in");
            } else if (text.equals("AUTH PLAIN")) {
                c.maskNextClientLine();
                c.writeLine("+ ");
            } else {
                super.onLine(c, line);
            }
        }
    }

    @Test
    void clientAndServerLinesStateChangesAndMaskedPasswordsAreRecordedInOrder() throws Exception {
        MemoryTranscript memory = new MemoryTranscript();
        TrafficCounter traffic = new TrafficCounter();
        TransportServer server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2)
                .withTranscript(TranscriptSink.both(memory, traffic)));
        Pop3ish handler = new Pop3ish();
        try {
            Listener l = server.listen(ListenerConfig.of("pop3", new InetSocketAddress("127.0.0.1", 0), c -> handler));
            try (LineClient client = new LineClient(l.localAddress())) {
                assertEquals("+OK ready", client.readLine());
                client.send("USER alice\r\n");
                assertEquals("ECHO USER alice", client.readLine());
                client.send("PASS secret\r\n");
                assertEquals("+OK logged in", client.readLine());
                client.send("AUTH PLAIN\r\n");
                assertEquals("+ ", client.readLine());
                client.send("AGFsaWNlAHNlY3JldA==\r\n");
                assertEquals("ECHO AGFsaWNlAHNlY3JldA==", client.readLine());
                client.send("QUIT\r\n");
                assertEquals("BYE", client.readLine());
            }
            long id = handler.id.get(10, TimeUnit.SECONDS);
            memory.await(e -> e.connectionId() == id && e.kind() == TranscriptEntry.Kind.CLOSE, 10_000);
            List<String> lines = memory.lines(id);
            assertTrue(lines.get(0).startsWith("* pop3 connection from 127.0.0.1:"), lines.get(0));
            assertEquals(List.of(
                    "* state AUTHORIZATION",
                    "S: +OK ready",
                    "C: USER alice",
                    "S: ECHO USER alice",
                    "C: PASS ***",
                    "* state TRANSACTION",
                    "S: +OK logged in",
                    "C: AUTH PLAIN",
                    "S: + ",
                    "C: ***",
                    "S: ECHO AGFsaWNlAHNlY3JldA==",
                    "C: QUIT",
                    "S: BYE",
                    "* closed: by handler"), lines.subList(1, lines.size()));
            assertTrue(memory.lines().stream().noneMatch(s -> s.contains("secret") && !s.contains("AGFs")));

            int fromClient = "USER alice\r\nPASS secret\r\nAUTH PLAIN\r\nAGFsaWNlAHNlY3JldA==\r\nQUIT\r\n".length();
            int toClient = "+OK ready\r\nECHO USER alice\r\n+OK logged in\r\n+ \r\nECHO AGFsaWNlAHNlY3JldA==\r\nBYE\r\n".length();
            assertEquals(new TrafficCounter.Traffic(fromClient, toClient, 5), traffic.traffic(id));
        } finally {
            server.close();
        }
    }

    @Test
    void onAListenerThatKeepsLineEndsTheMaskerAndTheTranscriptSeeLinesWithoutThem() throws Exception {
        MemoryTranscript memory = new MemoryTranscript();
        TransportServer server = TransportServer.start(ServerConfig.defaults().withWorkerThreads(2)
                .withTranscript(memory));
        // a masker that matches whole lines, as SMTP's AUTH masker does: a terminator would defeat it
        CompletableFuture<Long> connection = new CompletableFuture<>();
        ProtocolHandler handler = new EchoHandler() {
            @Override
            public void onConnect(Connection c) {
                connection.complete(c.id());
                c.setClientLineMasker(line -> line.matches("PASS \\S+") ? "PASS ***" : line);
                c.writeLine("+OK ready");
            }

            @Override
            public void onLine(Connection c, byte[] line) {
                c.writeLine("+OK logged in");
            }
        };
        try {
            Listener l = server.listen(ListenerConfig.of("smtp", new InetSocketAddress("127.0.0.1", 0), c -> handler)
                    .withLineEndsKept());
            try (LineClient client = new LineClient(l.localAddress())) {
                assertEquals("+OK ready", client.readLine());
                client.send("PASS secret\r\n");
                assertEquals("+OK logged in", client.readLine());
                client.send("PASS other\n");
                assertEquals("+OK logged in", client.readLine());
            }
            long id = connection.get(10, TimeUnit.SECONDS);
            memory.await(e -> e.connectionId() == id && e.kind() == TranscriptEntry.Kind.CLOSE, 10_000);
            List<String> clientLines = memory.lines(id).stream().filter(s -> s.startsWith("C: ")).toList();
            assertEquals(List.of("C: PASS ***", "C: PASS ***"), clientLines);
        } finally {
            server.close();
        }
    }

    @Test
    void printStreamTranscriptWritesOneFormattedLinePerEntry() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStreamTranscript sink = new PrintStreamTranscript(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Instant t = Instant.parse("2026-11-27T00:05:19.123Z");
        sink.entry(new TranscriptEntry(t, 7, TranscriptEntry.Kind.CLIENT, "USER alice"));
        sink.entry(new TranscriptEntry(t, 7, TranscriptEntry.Kind.STATE, "TRANSACTION"));
        assertEquals("2026-11-27T00:05:19.123Z [7] C: USER alice\n2026-11-27T00:05:19.123Z [7] * state TRANSACTION\n",
                bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void trafficCounterCountsARoundTripEachTimeTheClientSpeaksAfterTheServer() {
        TrafficCounter counter = new TrafficCounter();
        counter.bytes(1, false, 10); // greeting
        counter.bytes(1, true, 5);   // command: 1
        counter.bytes(1, true, 5);   // same burst
        counter.bytes(1, false, 100);
        counter.bytes(1, true, 6);   // 2
        counter.bytes(2, true, 1);   // another connection, client first: no round trip yet
        assertEquals(new TrafficCounter.Traffic(16, 110, 2), counter.traffic(1));
        assertEquals(new TrafficCounter.Traffic(1, 0, 0), counter.traffic(2));
        assertEquals(new TrafficCounter.Traffic(17, 110, 2), counter.total());
        assertEquals(2, counter.connections());
    }
}
