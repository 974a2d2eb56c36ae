package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.maildir.MaildirStore;
import org.maillab.mailstore.memory.InMemoryStore;

/**
 * A FETCH answered while another session expunges its messages: a message whose response was made
 * before the expunge is still delivered whole, and so is one whose turn comes after (the store keeps
 * it until this session is told), the FETCH ends OK and the connection is never lost (RFC 9051
 * §7.5.1, RFC 2180 §4.1.1).
 *
 * <p>Message 1 is larger than the socket buffers and client A does not read it at first, so the server
 * is held inside the answer: it has made the responses of the first {@link ReplyWriter#WINDOW}
 * messages (their files open) and not the others, until A reads on.
 */
class ExpungedWhileStreamingTest {

    static final int BIG = 24 << 20;
    static final Instant DATE = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"maildir", "memory"})
    void fetchAnsweredBeforeAnotherSessionExpungesIsStillSent_rfc9051_7_5_1(String kind) throws Exception {
        MailStore store = store(kind);
        Account fred = store.createAccount("fred", "secret", false);
        byte[] big = bigMessage();
        fred.append("INBOX", new ByteArrayInputStream(big), Flags.NONE, DATE);
        byte[] small = small(2);
        fred.append("INBOX", new ByteArrayInputStream(small), Flags.NONE, DATE);
        try (ImapServer server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1))) {
            int port = server.port().orElseThrow();
            try (WireClient a = slowReader(port); WireClient b = new WireClient(new Socket("127.0.0.1", port))) {
                a.send("c FETCH 1:2 BODY.PEEK[]\r\n");
                // The response's first line: both messages' answers are made, their octets opened.
                assertEquals("* 1 FETCH (BODY[] {" + big.length + "}", rawLine(a.in));
                login(b);
                b.command("c", "STORE 2 +FLAGS.SILENT (\\Deleted)");
                assertTrue(b.command("d", "EXPUNGE").contains("* 2 EXPUNGE"));
                a.in.skipNBytes(big.length);
                assertEquals(")", rawLine(a.in));
                assertEquals(fetched(2, small), a.readLine());
                // The answer was complete (its tagged OK made) before B's changes: they follow with NOOP.
                assertEquals(List.of("c OK FETCH completed"), a.until("c"));
                // \Recent stays with the message for A until A is told it is gone
                assertEquals(List.of("* 2 FETCH (FLAGS (\\Deleted \\Recent))", "* 2 EXPUNGE", "d OK NOOP completed"),
                        a.command("d", "NOOP"));
            }
        } finally {
            store.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"maildir", "memory"})
    void fetchOfManyMessagesStillSendsTheOneExpungedBeforeItsTurn_rfc2180_4_1_1(String kind) throws Exception {
        int count = ReplyWriter.WINDOW + 8;
        int early = 3;                        // its response is made before the expunge
        int late = ReplyWriter.WINDOW + 5;    // its turn comes after the expunge
        MailStore store = store(kind);
        Account fred = store.createAccount("fred", "secret", false);
        byte[] big = bigMessage();
        fred.append("INBOX", new ByteArrayInputStream(big), Flags.NONE, DATE);
        for (int n = 2; n <= count; n++) {
            fred.append("INBOX", new ByteArrayInputStream(small(n)), Flags.NONE, DATE);
        }
        try (ImapServer server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1))) {
            int port = server.port().orElseThrow();
            try (WireClient a = slowReader(port); WireClient b = new WireClient(new Socket("127.0.0.1", port))) {
                a.send("c FETCH 1:* BODY.PEEK[]\r\n");
                assertEquals("* 1 FETCH (BODY[] {" + big.length + "}", rawLine(a.in));
                login(b);
                b.command("c", "STORE " + early + "," + late + " +FLAGS.SILENT (\\Deleted)");
                assertEquals(List.of("* " + early + " EXPUNGE", "* " + (late - 1) + " EXPUNGE",
                        "d OK EXPUNGE completed"), b.command("d", "EXPUNGE"));
                a.in.skipNBytes(big.length);
                assertEquals(")", rawLine(a.in));
                for (int n = 2; n <= count; n++) {
                    assertEquals(fetched(n, small(n)), a.readLine(), "message " + n);
                }
                // Flag changes may be announced with the FETCH, expunges not (RFC 9051 §7.5.1).
                assertEquals(List.of("* " + early + " FETCH (FLAGS (\\Deleted \\Recent))",
                        "* " + late + " FETCH (FLAGS (\\Deleted \\Recent))", "c OK FETCH completed"), a.until("c"));
                // The connection goes on; the EXPUNGEs are announced after the FETCH (RFC 9051 §7.5.1).
                assertEquals(List.of("* " + early + " EXPUNGE", "* " + (late - 1) + " EXPUNGE",
                        "d OK NOOP completed"), a.command("d", "NOOP"));
            }
        } finally {
            store.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"maildir", "memory"})
    void aDroppedConnectionClosesEveryMessageItOpened(String kind) throws Exception {
        OpenStreams streams = new OpenStreams();
        MailStore real = store(kind);
        MailStore store = streams.wrap(real);
        Account fred = store.createAccount("fred", "secret", false);
        fred.append("INBOX", new ByteArrayInputStream(bigMessage()), Flags.NONE, DATE);
        for (int n = 2; n <= 3 * ReplyWriter.WINDOW; n++) {
            fred.append("INBOX", new ByteArrayInputStream(small(n)), Flags.NONE, DATE);
        }
        try (ImapServer server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1))) {
            WireClient a = slowReader(server.port().orElseThrow());
            a.send("c FETCH 1:* BODY.PEEK[]\r\n");
            assertTrue(rawLine(a.in).startsWith("* 1 FETCH (BODY[] {"));
            // Only a window's worth of messages is open while the client does not read.
            assertEquals(ReplyWriter.WINDOW, streams.opened());
            a.socket.setSoLinger(true, 0); // reset: the client vanishes mid-answer
            a.close();
            assertTrue(streams.awaitAllClosed(20_000), "every opened message is closed");
            assertEquals(ReplyWriter.WINDOW, streams.opened());
            assertEquals(ReplyWriter.WINDOW, streams.mostOpenAtOnce());
        } finally {
            real.close();
        }
    }

    private MailStore store(String kind) {
        return kind.equals("maildir") ? MaildirStore.open(dir) : new InMemoryStore();
    }

    /** A logged-in client with INBOX selected and a tiny receive buffer: the big body stays queued. */
    private static WireClient slowReader(int port) throws IOException {
        Socket raw = new Socket();
        raw.setReceiveBufferSize(4096);
        raw.connect(new InetSocketAddress("127.0.0.1", port));
        WireClient a = new WireClient(raw);
        login(a);
        return a;
    }

    private static void login(WireClient c) throws IOException {
        c.readLine();
        c.command("a", "LOGIN fred secret");
        c.command("b", "SELECT INBOX");
    }

    private static byte[] bigMessage() {
        byte[] line = "0123456789012345678901234567890123456789012345678901234567890123456789\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] big = new byte[BIG - BIG % line.length];
        for (int i = 0; i < big.length; i += line.length) {
            System.arraycopy(line, 0, big, i, line.length);
        }
        return big;
    }

    private static byte[] small(int n) {
        return ("Subject: message " + n + "\r\n\r\nBody of message " + n + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The FETCH response of message {@code seq} as {@link WireClient#readLine()} returns it. */
    private static String fetched(int seq, byte[] body) {
        return "* " + seq + " FETCH (BODY[] {" + body.length + "}" + new String(body, StandardCharsets.US_ASCII) + ")";
    }

    private static String rawLine(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            s.append((char) c);
        }
        return s.toString().strip();
    }
}
