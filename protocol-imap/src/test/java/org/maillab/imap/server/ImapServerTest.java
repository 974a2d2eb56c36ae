package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.transport.tls.TlsContexts;

/** The server over loopback sockets: framing, literals both ways, IDLE, STARTTLS, IMAPS. */
class ImapServerTest {

    static final String MESSAGE = "From: alice@example.org\r\nSubject: Hello\r\n\r\nHi Fred.\r\n";

    MailStore store;
    Account fred;
    ImapServer server;

    @BeforeEach
    void setUp() throws Exception {
        store = new InMemoryStore();
        fred = store.createAccount("fred", "secret", false);
        fred.append("INBOX", new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.US_ASCII)), Flags.NONE,
                Instant.parse("2026-01-01T10:00:00Z"));
        server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    WireClient connect() throws Exception {
        WireClient c = new WireClient(new Socket("127.0.0.1", server.port().orElseThrow()));
        assertTrue(c.readLine().startsWith("* OK [CAPABILITY IMAP4rev1 IMAP4rev2"));
        return c;
    }

    @Test
    void aSessionOverTheWireWithLiteralsBothWays() throws Exception {
        try (WireClient c = connect()) {
            assertTrue(c.command("a", "LOGIN fred secret").get(0).startsWith("a OK"));
            c.send("b APPEND INBOX {24}\r\n");
            assertEquals("+ Ready for literal data", c.readLine());
            c.send("Subject: two\r\n\r\nSecond\r\n\r\n");
            assertTrue(c.until("b").get(0).matches("b OK \\[APPENDUID \\d+ 2\\] APPEND completed"));
            List<String> select = c.command("c", "SELECT INBOX");
            assertTrue(select.contains("* 2 EXISTS"), select.toString());
            List<String> fetch = c.command("d", "FETCH 2 BODY.PEEK[]");
            assertEquals("* 2 FETCH (BODY[] {24}Subject: two\r\n\r\nSecond\r\n)", fetch.get(0));
            assertEquals(List.of("* BYE Logging out", "e OK LOGOUT completed"), c.command("e", "LOGOUT"));
        }
    }

    @Test
    void idleClientHearsOfNewMailAtOnce_rfc2177() throws Exception {
        try (WireClient idler = connect(); WireClient other = connect()) {
            idler.command("a", "LOGIN fred secret");
            idler.command("b", "SELECT INBOX");
            idler.send("c IDLE\r\n");
            assertEquals("+ idling", idler.readLine());
            other.command("a", "LOGIN fred secret");
            other.send("b APPEND INBOX {5+}\r\nHello\r\n");
            other.until("b");
            assertEquals("* 2 EXISTS", idler.readLine()); // blocks until pushed; no sleeping
            assertEquals("* 2 RECENT", idler.readLine()); // IMAP4rev1: the idler is the first told of both
            idler.send("DONE\r\n");
            assertEquals("c OK IDLE terminated", idler.readLine());
        }
    }

    @Test
    void garbageAndOverlongLinesGetBadAndTheSessionGoesOn() throws Exception {
        try (WireClient c = connect()) {
            c.send("\u0000\u0001garbage\r\n");
            assertTrue(c.readLine().startsWith("* BAD"));
            c.send("x1 " + "A".repeat(70_000) + "\r\n");
            assertTrue(c.readLine().contains("BAD [TOOBIG]"));
            c.send("a2 LOGIN {999999999}\r\n");
            assertEquals("a2 BAD [TOOBIG] Literal too large", c.readLine());
            assertTrue(c.command("a3", "LOGIN fred secret").get(0).startsWith("a3 OK"));
        }
    }

    @Test
    void aClientVanishingMidAppendLeavesNoMessage() throws Exception {
        try (WireClient c = connect()) {
            c.command("a", "LOGIN fred secret");
            c.send("b APPEND INBOX {100000+}\r\n" + "x".repeat(5000));
        }
        try (WireClient c = connect()) {
            c.command("a", "LOGIN fred secret");
            List<String> status = c.command("b", "STATUS INBOX (MESSAGES)");
            assertEquals("* STATUS INBOX (MESSAGES 1)", status.get(0));
        }
    }

    @Test
    void startTlsThenLoginWhenTlsIsRequired(@TempDir Path dir) throws Exception {
        char[] pw = TlsContexts.defaultPassword();
        Path ks = TlsContexts.ensureSelfSignedKeystore(dir.resolve("ks.p12"), pw);
        SSLContext serverTls = TlsContexts.serverContext(ks, pw);
        SSLContext clientTls = TlsContexts.clientContextTrusting(ks, pw);
        try (ImapServer secure = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, 0)
                .withTls(serverTls, true))) {
            Socket plain = new Socket("127.0.0.1", secure.port().orElseThrow());
            try (WireClient c = new WireClient(plain)) {
                String greeting = c.readLine();
                assertTrue(greeting.contains("STARTTLS") && greeting.contains("LOGINDISABLED"), greeting);
                assertTrue(c.command("a", "LOGIN fred secret").get(0).startsWith("a NO [PRIVACYREQUIRED]"));
                assertEquals(List.of("b OK Begin TLS negotiation now"), c.command("b", "STARTTLS"));
                SSLSocket tls = (SSLSocket) clientTls.getSocketFactory().createSocket(plain, "localhost",
                        plain.getPort(), true);
                tls.startHandshake();
                c.attach(tls);
                List<String> caps = c.command("c", "CAPABILITY");
                assertFalse(caps.get(0).contains("LOGINDISABLED"), caps.toString());
                assertTrue(c.command("d", "LOGIN fred secret").get(0).startsWith("d OK"));
            }
            try (SSLSocket imaps = (SSLSocket) clientTls.getSocketFactory().createSocket("127.0.0.1",
                    secure.imapsPort().orElseThrow()); WireClient c = new WireClient(imaps)) {
                String greeting = c.readLine();
                assertFalse(greeting.contains("LOGINDISABLED"), greeting);
                assertTrue(c.command("a", "LOGIN fred secret").get(0).startsWith("a OK"));
            }
        }
    }

    @Test
    void aTenMegabyteMessageStreamsInAndOutAndSlicesByPartialFetch() throws Exception {
        long size = 10L * 1024 * 1024;
        String header = "Subject: big\r\n\r\n";
        org.maillab.imap.codec.Literal big = org.maillab.imap.codec.Literal.ofStream(size, () -> new java.io.InputStream() {
            long n;

            @Override
            public int read() {
                if (n >= size) {
                    return -1;
                }
                long i = n++;
                return i < header.length() ? header.charAt((int) i) : (i % 100 == 99 ? '\n' : (i % 100 == 98 ? '\r'
                        : 'a' + (int) (i % 26)));
            }
        });
        try (org.maillab.imap.client.ImapClient c = org.maillab.imap.client.ImapClient.connect("127.0.0.1",
                server.port().orElseThrow())) {
            c.login("fred", "secret");
            assertEquals(java.util.Optional.of(2L), c.append("INBOX", List.of(), big));
            c.select("INBOX");
            org.maillab.imap.client.Reply r = c.fetch(true, org.maillab.imap.codec.SequenceSet.single(2), List.of(
                    new org.maillab.imap.codec.FetchAttribute.Simple(org.maillab.imap.codec.FetchAttribute.Item.RFC822_SIZE),
                    new org.maillab.imap.codec.FetchAttribute.Body(org.maillab.imap.codec.Section.WHOLE, true,
                            java.util.Optional.of(new org.maillab.imap.codec.Partial(5_000_000, 10)))));
            String text = String.valueOf(r.all(org.maillab.imap.codec.Response.Fetch.class).get(0));
            assertTrue(text.contains("Rfc822Size[size=" + size + "]"), text);
            org.maillab.imap.codec.FetchData.BodySection slice = r.all(org.maillab.imap.codec.Response.Fetch.class)
                    .get(0).items().stream().filter(d -> d instanceof org.maillab.imap.codec.FetchData.BodySection)
                    .map(d -> (org.maillab.imap.codec.FetchData.BodySection) d).findFirst().orElseThrow();
            byte[] expected = new byte[10];
            try (java.io.InputStream in = big.open()) {
                in.skipNBytes(5_000_000);
                in.readNBytes(expected, 0, 10);
            }
            assertEquals(new String(expected, StandardCharsets.US_ASCII),
                    new String(slice.content().orElseThrow().readAll(), StandardCharsets.US_ASCII));
            assertEquals(java.util.OptionalLong.of(5_000_000), slice.origin());
        }
    }

    @Test
    void theWireTranscriptMasksPasswords() throws Exception {
        org.maillab.transport.transcript.MemoryTranscript transcript = new org.maillab.transport.transcript.MemoryTranscript();
        try (ImapServer traced = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1)
                .withTranscript(transcript)); WireClient c = new WireClient(new Socket("127.0.0.1",
                        traced.port().orElseThrow()))) {
            c.readLine();
            c.command("a", "LOGIN fred secret");
            c.command("b", "LOGOUT");
        }
        List<String> lines = transcript.lines();
        assertTrue(lines.stream().anyMatch(l -> l.contains("C: a LOGIN fred ***")), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains("secret")), lines.toString());
    }

    /** Regression: the SASL response was logged in clear and the command after it masked instead. */
    @Test
    void theWireTranscriptMasksSaslResponsesAndInitialResponses_rfc4959() throws Exception {
        org.maillab.transport.transcript.MemoryTranscript transcript = new org.maillab.transport.transcript.MemoryTranscript();
        try (ImapServer traced = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1)
                .withTranscript(transcript))) {
            try (WireClient c = new WireClient(new Socket("127.0.0.1", traced.port().orElseThrow()))) {
                c.readLine();
                c.send("a AUTHENTICATE PLAIN\r\n");
                assertEquals("+ ", c.readLine());
                c.send("AGZyZWQAc2VjcmV0\r\n");
                assertTrue(c.until("a").get(0).startsWith("a OK"));
                c.command("b", "NOOP");
                c.command("c", "LOGOUT");
            }
            try (WireClient c = new WireClient(new Socket("127.0.0.1", traced.port().orElseThrow()))) {
                c.readLine();
                assertTrue(c.command("a", "AUTHENTICATE PLAIN AGZyZWQAc2VjcmV0").get(0).startsWith("a OK"));
                c.command("b", "NOOP");
                c.command("c", "LOGOUT");
            }
        }
        List<String> lines = transcript.lines();
        assertEquals(List.of("C: a AUTHENTICATE PLAIN", "C: ***", "C: b NOOP", "C: c LOGOUT",
                "C: a AUTHENTICATE PLAIN ***", "C: b NOOP", "C: c LOGOUT"),
                lines.stream().filter(l -> l.startsWith("C: ")).toList());
        assertTrue(lines.stream().noneMatch(l -> l.contains("AGZyZWQAc2VjcmV0")), lines.toString());
    }

    @Test
    void idleTimeoutIsAtLeastThirtyMinutes_rfc9051_5_4() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ImapServerConfig("127.0.0.1", 0, -1, null, false,
                        org.maillab.imap.codec.FramerLimits.defaults(), java.time.Duration.ofMinutes(29), null));
    }
}
