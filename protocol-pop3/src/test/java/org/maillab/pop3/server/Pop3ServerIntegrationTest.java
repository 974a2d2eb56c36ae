package org.maillab.pop3.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.pop3.client.Pop3Client;
import org.maillab.pop3.client.Pop3Exception;
import org.maillab.pop3.client.Pop3Reply;
import org.maillab.pop3.codec.Command;
import org.maillab.pop3.codec.ResponseCode;
import org.maillab.pop3.testing.LockWatch;
import org.maillab.transport.ServerConfig;
import org.maillab.transport.transcript.MemoryTranscript;

/** The server over real loopback sockets, driven by MailLab's own client and by raw bytes. */
class Pop3ServerIntegrationTest {

    static final String SMALL = "From: a@example.org\r\nSubject: small\r\n\r\nHello\r\n.\r\n..two dots\r\n";
    static byte[] large;

    InMemoryStore store;
    LockWatch watch;
    MemoryTranscript transcript;
    Pop3Server server;
    Account alice;

    @BeforeEach
    void start() throws Exception {
        store = new InMemoryStore();
        alice = store.createAccount("alice", "wonderland", true);
        store.createAccount("bob", "builder", true);
        deliver(alice, SMALL.getBytes(StandardCharsets.US_ASCII));
        large = largeMessage(3_000_000);
        deliver(alice, large);
        watch = new LockWatch(store);
        transcript = new MemoryTranscript();
        startServer(Pop3ServerConfig.defaults());
    }

    void startServer(Pop3ServerConfig config) throws Exception {
        if (server != null) {
            server.close();
        }
        server = Pop3Server.start(watch.store(), config, new InetSocketAddress("127.0.0.1", 0), null,
                ServerConfig.defaults().withWorkerThreads(4).withTranscript(transcript));
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    static void deliver(Account account, byte[] message) {
        account.append("INBOX", new ByteArrayInputStream(message), Flags.NONE, Instant.parse("2026-11-27T00:00:00Z"));
    }

    /** A message of about {@code size} octets with many lines that start with a dot. */
    static byte[] largeMessage(int size) {
        Random random = new Random(42);
        StringBuilder m = new StringBuilder("From: big@example.org\r\nSubject: large\r\n\r\n");
        while (m.length() < size) {
            if (random.nextInt(10) == 0) {
                m.append('.');
            }
            for (int i = random.nextInt(76); i > 0; i--) {
                m.append((char) ('a' + random.nextInt(26)));
            }
            m.append("\r\n");
        }
        return m.toString().getBytes(StandardCharsets.US_ASCII);
    }

    Pop3Client connect() throws Exception {
        return Pop3Client.connect("127.0.0.1", server.port());
    }

    @Test
    void aWholeSessionRetrievesDeletesAndUpdates_rfc1939() throws Exception {
        try (Pop3Client pop = connect()) {
            assertTrue(pop.apopTimestamp().isPresent(), "greeting carries an APOP timestamp");
            pop.login("alice", "wonderland");
            assertEquals(new Pop3Client.Stat(2, SMALL.length() + large.length), pop.stat());
            assertEquals(List.of(new Pop3Client.Listing(1, SMALL.length()), new Pop3Client.Listing(2, large.length)),
                    pop.list());
            assertArrayEquals(SMALL.getBytes(StandardCharsets.US_ASCII), pop.retr(1));
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            assertEquals(large.length, pop.retr(2, sink));
            assertArrayEquals(large, sink.toByteArray(), "3 MB streamed and un-stuffed intact");
            pop.dele(1);
            pop.quit();
        }
        assertEquals(LockWatch.Release.COMMITTED, watch.awaitRelease());
        assertEquals(1, alice.status("INBOX").messages());
    }

    @Test
    void messagesEitherSideOfTheOneWriteLimitArriveIntact_rfc1939s5() throws Exception {
        // Up to 64 KiB a RETR reply goes out in one write, above it is streamed: both sides of the
        // limit, a message ending in a dot line, and one without a final CRLF (the server adds it).
        Account carol = store.createAccount("carol", "secret", true);
        List<byte[]> messages = new ArrayList<>();
        for (int size : new int[] {65_535, 65_536, 65_537, 200_003}) {
            byte[] m = java.util.Arrays.copyOf(largeMessage(size + 100), size);
            m[size - 2] = '\r';
            m[size - 1] = '\n';
            messages.add(m);
        }
        messages.add("Subject: dot\r\n\r\nlast line is a dot\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
        for (byte[] m : messages) {
            deliver(carol, m);
        }
        try (Pop3Client pop = connect()) {
            pop.login("carol", "secret");
            for (int n = 1; n <= messages.size(); n++) {
                byte[] expected = messages.get(n - 1);
                assertArrayEquals(expected, pop.retr(n), "message " + n + " in memory");
                ByteArrayOutputStream sink = new ByteArrayOutputStream();
                assertEquals(expected.length, pop.retr(n, sink));
                assertArrayEquals(expected, sink.toByteArray(), "message " + n + " streamed");
            }
            assertEquals(new Pop3Client.Stat(messages.size(), messages.stream().mapToLong(m -> m.length).sum()),
                    pop.stat(), "the session goes on after every reply");
            pop.quit();
        }
    }

    @Test
    void aLimitedClientTranscriptKeepsOnlyTheLastLinesWhileTheListenerSeesAll() throws Exception {
        try (Pop3Client pop = connect()) {
            List<String> heard = new ArrayList<>();
            pop.onTranscript(heard::add);
            pop.limitTranscript(3);
            pop.login("alice", "wonderland");
            for (int i = 0; i < 100; i++) {
                pop.noop();
            }
            pop.retr(1, OutputStream.nullOutputStream());
            assertEquals(List.of("S: +OK " + SMALL.length() + " octets", "S: (" + SMALL.length() + " octets of message)",
                    "S: ."), pop.transcript());
            assertEquals(4 + 200 + 4, heard.size(), "USER, PASS, 100 NOOPs and a RETR, every line heard");
            pop.limitTranscript(0);
            assertEquals(List.of(), pop.transcript());
            pop.quit();
            assertEquals(List.of(), pop.transcript());
        }
    }

    @Test
    void apopAndAuthPlainLogIn_rfc1939s7_rfc5034() throws Exception {
        try (Pop3Client pop = connect()) {
            pop.apop("alice", "wonderland");
            pop.quit();
        }
        watch.awaitRelease();
        try (Pop3Client pop = connect()) {
            pop.authPlain("alice", "wonderland", true);
            pop.quit();
        }
        watch.awaitRelease();
        try (Pop3Client pop = connect()) {
            pop.authPlain("alice", "wonderland", false);
            assertEquals(2, pop.stat().messages());
            pop.quit();
        }
    }

    @Test
    void pipelinedCommandsGetTheirRepliesInOrder_rfc2449s6_6() throws Exception {
        try (Pop3Client pop = connect()) {
            assertTrue(pop.capa().contains("PIPELINING"));
            List<Command> commands = List.of(new Command.User("alice"), new Command.Pass("wonderland"),
                    new Command.Stat(), new Command.Retr(1), new Command.List(OptionalInt.empty()),
                    new Command.Retr(9), new Command.Dele(1), new Command.Uidl(OptionalInt.of(1)),
                    new Command.Noop(), new Command.Quit());
            List<Pop3Reply> replies = pop.pipeline(commands);
            assertEquals(10, replies.size());
            assertEquals("2 " + (SMALL.length() + large.length), replies.get(2).status().text());
            assertArrayEquals(SMALL.getBytes(StandardCharsets.US_ASCII), replies.get(3).body().orElseThrow());
            assertEquals(List.of("1 " + SMALL.length(), "2 " + large.length), replies.get(4).lines());
            assertTrue(!replies.get(5).ok(), "RETR 9 fails in its place");
            assertEquals("message 1 already deleted", replies.get(7).status().text());
            assertTrue(replies.get(9).ok());
        }
        assertEquals(LockWatch.Release.COMMITTED, watch.awaitRelease());
        assertEquals(1, alice.status("INBOX").messages());
    }

    @Test
    void aSecondConnectionGetsInUse_rfc2449s8_1_1() throws Exception {
        try (Pop3Client first = connect(); Pop3Client second = connect()) {
            first.login("alice", "wonderland");
            second.user("alice");
            Pop3Exception e = assertThrows(Pop3Exception.class, () -> second.pass("wonderland"));
            assertEquals(Optional.of(ResponseCode.IN_USE), e.status().code());
            second.login("bob", "builder"); // other users are not affected
        }
    }

    @Test
    void uidlIsStableAcrossSessions_rfc1939s7() throws Exception {
        List<Pop3Client.UniqueId> before;
        try (Pop3Client pop = connect()) {
            pop.login("alice", "wonderland");
            before = pop.uidl();
            pop.dele(1);
            pop.quit();
        }
        watch.awaitRelease();
        try (Pop3Client pop = connect()) {
            pop.login("alice", "wonderland");
            assertEquals(List.of(new Pop3Client.UniqueId(1, before.get(1).uid())), pop.uidl());
        }
    }

    @Test
    void aClientVanishingMidRetrReleasesTheLockAndDeletesNothing_rfc1939s6() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            readLine(in);
            out.write("USER alice\r\nPASS wonderland\r\nDELE 1\r\nRETR 2\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 4; i++) {
                assertTrue(readLine(in).startsWith("+OK"));
            }
            in.readNBytes(1000); // a little of the 3 MB body, then gone
        }
        assertEquals(LockWatch.Release.CLOSED_WITHOUT_UPDATE, watch.awaitRelease());
        assertEquals(2, alice.status("INBOX").messages());
        try (Pop3Client pop = connect()) {
            pop.login("alice", "wonderland");
            assertEquals(2, pop.stat().messages());
        }
    }

    @Test
    void arbitraryBytesGetErrAndTheSessionGoesOn() throws Exception {
        Random random = new Random(7);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            readLine(in);
            int lines = 0;
            ByteArrayOutputStream junk = new ByteArrayOutputStream();
            for (int i = 0; i < 200; i++) {
                byte[] line = new byte[random.nextInt(60)];
                random.nextBytes(line);
                for (int j = 0; j < line.length; j++) {
                    if (line[j] == '\n' || line[j] == '\r') {
                        line[j] = 'x';
                    }
                }
                // Keep clear of real commands that would change the state.
                if (line.length >= 4) {
                    line[0] = '#';
                }
                junk.write(line);
                junk.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                lines++;
            }
            out.write(junk.toByteArray());
            out.write("USER alice\r\nPASS wonderland\r\nSTAT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < lines; i++) {
                assertTrue(readLine(in).startsWith("-ERR"), "junk line " + i);
            }
            assertTrue(readLine(in).startsWith("+OK"));
            assertTrue(readLine(in).startsWith("+OK maildrop has 2"));
            assertEquals("+OK 2 " + (SMALL.length() + large.length), readLine(in));
        }
    }

    @Test
    void anOverlongLineGetsErrAndTheSessionGoesOn_rfc2449s4() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            readLine(in);
            out.write(("USER " + "x".repeat(100_000) + "\r\nNOOP\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("-ERR line too long", readLine(in));
            assertTrue(readLine(in).startsWith("-ERR NOOP is not valid"));
            assertTrue(readLine(in).startsWith("+OK"));
        }
    }

    @Test
    void hundredsOfConnectionsHitTheLimitWhileOthersAreServed() throws Exception {
        startServer(Pop3ServerConfig.defaults().withConnectionLimits(10, 10));
        try (Pop3Client served = connect()) {
            served.login("alice", "wonderland");
            List<Socket> flood = new ArrayList<>();
            int refused = 0;
            try {
                for (int i = 0; i < 300; i++) {
                    Socket s = new Socket("127.0.0.1", server.port());
                    s.setSoTimeout(10_000);
                    flood.add(s);
                    String line = readLine(s.getInputStream());
                    if (line.equals("-ERR [SYS/TEMP] too many connections, try again later")) {
                        refused++;
                        assertEquals(-1, s.getInputStream().read(), "a refused connection is closed");
                    } else {
                        assertTrue(line.startsWith("+OK"), line);
                    }
                }
                assertEquals(300 - 9, refused);
                assertEquals(2, served.stat().messages(), "the session in progress is still served");
            } finally {
                for (Socket s : flood) {
                    s.close();
                }
            }
        }
    }

    @Test
    void theAutologoutTimerEndsTheSessionWithoutUpdate_rfc1939s3() throws Exception {
        startServer(Pop3ServerConfig.defaults().withAutologout(Duration.ofMillis(300)));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            readLine(in);
            out.write("USER alice\r\nPASS wonderland\r\nDELE 1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 3; i++) {
                assertTrue(readLine(in).startsWith("+OK"));
            }
            // Now silence: the server's timer, not the client, ends the session.
            assertEquals("-ERR autologout timer expired, nothing deleted", readLine(in));
            assertEquals(-1, in.read());
        }
        assertEquals(LockWatch.Release.CLOSED_WITHOUT_UPDATE, watch.awaitRelease());
        assertEquals(2, alice.status("INBOX").messages());
    }

    @Test
    void theTranscriptShowsStatesAndMasksPasswords() throws Exception {
        try (Pop3Client pop = connect()) {
            pop.login("alice", "wonderland");
            pop.quit();
        }
        watch.awaitRelease();
        try (Pop3Client pop = connect()) {
            pop.authPlain("alice", "wonderland", true);
            pop.quit();
        }
        watch.awaitRelease();
        try (Pop3Client pop = connect()) {
            pop.authPlain("alice", "wonderland", false);
            pop.quit();
        }
        watch.awaitRelease();
        transcript.await(e -> e.connectionId() == 3 && e.text().contains("CLOSED"), 10_000);
        List<String> lines = transcript.lines();
        String base64 = java.util.Base64.getEncoder().encodeToString("\0alice\0wonderland".getBytes(StandardCharsets.UTF_8));
        assertTrue(lines.contains("C: PASS ***"), lines.toString());
        assertTrue(lines.contains("C: AUTH PLAIN ***"), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains("wonderland") || l.contains(base64)), lines.toString());
        String joined = String.join("\n", lines);
        assertTrue(joined.indexOf("TRANSACTION") < joined.indexOf("UPDATE"), joined);
    }

    static String readLine(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new java.io.EOFException("closed after: " + line);
            }
            line.write(b);
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
