package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.imap.client.Compression;
import org.maillab.imap.client.ImapClient;
import org.maillab.imap.client.ImapException;
import org.maillab.imap.client.Reply;
import org.maillab.imap.codec.FetchAttribute;
import org.maillab.imap.codec.FetchData;
import org.maillab.imap.codec.Literal;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseCode;
import org.maillab.imap.codec.Section;
import org.maillab.imap.codec.SequenceSet;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.transport.tls.TlsContexts;

/** COMPRESS=DEFLATE end to end: {@link ImapClient#compress()} against the server over loopback (RFC 4978). */
class CompressOverSocketTest {

    private MailStore store;
    private Account fred;
    private ImapServer server;
    private byte[] large;

    @BeforeEach
    void setUp() throws Exception {
        store = new InMemoryStore();
        fred = store.createAccount("fred", "secret", false);
        for (int i = 1; i <= 20; i++) {
            append(("From: alice@example.org\r\nTo: fred@example.org\r\nSubject: note " + i
                    + "\r\n\r\nThe meeting is at " + i + " o'clock in room " + i + ".\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        StringBuilder big = new StringBuilder("Subject: the big one\r\n\r\n");
        java.util.Random random = new java.util.Random(5);
        while (big.length() < 1_000_000) {
            big.append("line ").append(random.nextInt(1000)).append(" of a long report\r\n");
        }
        large = big.toString().getBytes(StandardCharsets.US_ASCII);
        append(large);
        server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1));
    }

    private void append(byte[] message) {
        fred.append("INBOX", new ByteArrayInputStream(message), Flags.NONE, Instant.parse("2026-01-01T10:00:00Z"));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private ImapClient connect() throws Exception {
        Socket s = new Socket("127.0.0.1", server.port().orElseThrow());
        s.setSoTimeout(30_000);
        return ImapClient.over(s);
    }

    private static byte[] body(Reply r, long sequence) {
        for (Response.Fetch f : r.all(Response.Fetch.class)) {
            if (f.sequence() == sequence) {
                for (FetchData d : f.items()) {
                    if (d instanceof FetchData.BodySection b && b.content().isPresent()) {
                        return b.content().get().readAll();
                    }
                }
            }
        }
        throw new AssertionError("no body for " + sequence + " in " + r);
    }

    private static final List<FetchAttribute> BODY = List.of(new FetchAttribute.Body(new Section(List.of(), Section.Text.ALL, List.of()), true,
            Optional.empty()));

    @Test
    void aCompressedSessionFetchesTheSameBytesWithFewerOnTheWire() throws Exception {
        try (ImapClient c = connect()) {
            assertTrue(c.hasCapability("COMPRESS=DEFLATE"), c.capabilities().toString());
            c.login("fred", "secret");
            assertEquals("DEFLATE active", c.compress().done().text());
            c.select("INBOX");
            Reply r = c.fetch(false, SequenceSet.range(1, 21), BODY);
            assertArrayEquals(large, body(r, 21), "a 1 MB literal streamed through the compressor");
            assertTrue(new String(body(r, 3), StandardCharsets.US_ASCII).contains("room 3."));
            Compression.Counts counts = c.compressionCounts().orElseThrow();
            assertTrue(counts.received() > large.length, counts.toString());
            assertTrue(counts.receivedOnWire() * 3 < counts.received(), counts.toString());
            assertTrue(counts.sentOnWire() > 0 && counts.sent() > 0, counts.toString());
            assertTrue(c.noop().ok(), "the session goes on after the large literal");
        }
    }

    @Test
    void loginAndCompressPipelinesBothInOneFlight_rfc4978_3() throws Exception {
        try (ImapClient c = connect()) {
            assertEquals("DEFLATE active", c.loginAndCompress("fred", "secret").done().text());
            assertTrue(c.hasCapability("COMPRESS=DEFLATE"), "LOGIN's capabilities were learnt");
            assertEquals(21, c.select("INBOX").all(Response.Exists.class).get(0).count());
        }
    }

    @Test
    void aFailedLoginLeavesThePipelinedCompressRefusedAndTheSessionPlain() throws Exception {
        try (ImapClient c = connect()) {
            assertThrows(ImapException.class, () -> c.loginAndCompress("fred", "wrong"));
            assertTrue(c.compressionCounts().isEmpty());
            c.login("fred", "secret");
            assertTrue(c.select("INBOX").ok(), "still plain: the server did not switch either");
        }
    }

    @Test
    void aSecondCompressIsRefusedWithCompressionActiveOverTheCompressedLink_rfc4978_3() throws Exception {
        try (ImapClient c = connect()) {
            c.login("fred", "secret");
            c.compress();
            ImapException e = assertThrows(ImapException.class, c::compress);
            assertEquals(Optional.of(ResponseCode.COMPRESSIONACTIVE), e.response().code());
            assertTrue(c.noop().ok());
        }
    }

    @Test
    void compressBeforeLoginIsBadAndTheSessionStaysPlain() throws Exception {
        try (ImapClient c = connect()) {
            assertThrows(ImapException.class, c::compress);
            assertTrue(c.compressionCounts().isEmpty());
            c.login("fred", "secret");
            c.compress();
            assertTrue(c.select("INBOX").ok());
        }
    }

    @Test
    void appendAndIdleUpdatesWorkCompressed() throws Exception {
        try (ImapClient c = connect(); ImapClient other = connect()) {
            c.login("fred", "secret");
            c.compress();
            c.select("INBOX");
            byte[] message = "Subject: sent compressed\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
            assertEquals(Optional.of(22L), c.append("INBOX", List.of(), Literal.of(message)));
            ImapClient.Idle idle = c.idle();
            other.login("fred", "secret");
            other.append("INBOX", List.of(), Literal.of("Subject: pushed\r\n\r\nx\r\n"));
            // Written by the store's event thread, not in reply to a command: still flushed at once.
            Response pushed = idle.next(Duration.ofSeconds(20)).orElseThrow();
            assertEquals(new Response.Exists(23), pushed);
            assertTrue(idle.done().ok());
        }
    }

    @Test
    void compressionRunsInsideStartTls(@TempDir Path dir) throws Exception {
        char[] pw = TlsContexts.defaultPassword();
        Path ks = TlsContexts.ensureSelfSignedKeystore(dir.resolve("ks.p12"), pw);
        SSLContext clientTls = TlsContexts.clientContextTrusting(ks, pw);
        try (ImapServer secure = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1)
                .withTls(TlsContexts.serverContext(ks, pw), false))) {
            Socket s = new Socket("127.0.0.1", secure.port().orElseThrow());
            s.setSoTimeout(30_000);
            try (ImapClient c = ImapClient.over(s)) {
                c.startTls(clientTls);
                c.login("fred", "secret");
                c.compress();
                c.select("INBOX");
                assertArrayEquals(large, body(c.fetch(false, SequenceSet.range(21, 21), BODY), 21));
            }
        }
    }
}
