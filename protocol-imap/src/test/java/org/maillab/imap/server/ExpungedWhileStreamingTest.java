package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.maildir.MaildirStore;

/** A FETCH answered before another session expunges its message must still be delivered whole. */
class ExpungedWhileStreamingTest {

    static final int BIG = 24 << 20;

    @Test
    void fetchAnsweredBeforeAnotherSessionExpungesIsStillSent_rfc9051_7_5_1(@TempDir Path dir) throws Exception {
        MailStore store = MaildirStore.open(dir);
        Account fred = store.createAccount("fred", "secret", false);
        byte[] line = "0123456789012345678901234567890123456789012345678901234567890123456789\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] big = new byte[BIG - BIG % line.length];
        for (int i = 0; i < big.length; i += line.length) {
            System.arraycopy(line, 0, big, i, line.length);
        }
        fred.append("INBOX", new ByteArrayInputStream(big), Flags.NONE, Instant.parse("2026-01-01T10:00:00Z"));
        byte[] small = "Subject: two\r\n\r\nSecond\r\n".getBytes(StandardCharsets.US_ASCII);
        fred.append("INBOX", new ByteArrayInputStream(small), Flags.NONE, Instant.parse("2026-01-01T10:00:00Z"));
        org.maillab.transport.transcript.MemoryTranscript tx = new org.maillab.transport.transcript.MemoryTranscript();
        try (ImapServer server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1).withTranscript(tx))) {
            int port = server.port().orElseThrow();
            Socket raw = new Socket();
            raw.setReceiveBufferSize(4096); // the big body stays queued on the server while we do not read
            raw.connect(new InetSocketAddress("127.0.0.1", port));
            try (WireClient a = new WireClient(raw); WireClient b = new WireClient(new Socket("127.0.0.1", port))) {
                a.readLine();
                a.command("a", "LOGIN fred secret");
                a.command("b", "SELECT INBOX");
                a.send("c FETCH 1:2 BODY.PEEK[]\r\n");
                // The response's first line: both messages' answers are built and queued.
                assertEquals("* 1 FETCH (BODY[] {" + big.length + "}", rawLine(a.in));
                b.readLine();
                b.command("a", "LOGIN fred secret");
                b.command("b", "SELECT INBOX");
                b.command("c", "STORE 2 +FLAGS.SILENT (\\Deleted)");
                assertTrue(b.command("d", "EXPUNGE").contains("* 2 EXPUNGE"));
                a.in.skipNBytes(big.length);
                assertEquals(")", rawLine(a.in));
                String second = a.readLine();
                assertEquals("* 2 FETCH (BODY[] {" + small.length + "}Subject: two\r\n\r\nSecond\r\n)", second);
                List<String> rest = a.until("c");
                assertEquals("c OK FETCH completed", rest.get(rest.size() - 1));
            }
        } finally {
            store.close();
        }
    }

    private static String rawLine(InputStream in) throws java.io.IOException {
        StringBuilder s = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            s.append((char) c);
        }
        return s.toString().strip();
    }
}
