package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import org.maillab.mailstore.maildir.TempDirs;
import org.maillab.mailstore.testing.DovecotServer;

/**
 * MailLab's client compresses against Dovecot's imap_zlib (RFC 4978), the other implementation: the
 * same messages come back through DEFLATE, and Dovecot refuses a second COMPRESS as our server does.
 * Skipped where Dovecot is not installed (required under CI, see {@link DovecotServer}).
 */
class CompressDovecotTest {

    /** Dovecot 2.3's COMPRESS=DEFLATE: the imap_zlib plugin, which needs the zlib plugin (Debian ships both). */
    static final String ZLIB_CONFIG = String.join("\n",
            "mail_plugins = $mail_plugins zlib",
            "protocol imap {",
            "  mail_plugins = $mail_plugins imap_zlib",
            "}",
            "");

    private Path data;
    private DovecotServer dovecot;

    @BeforeEach
    void setUp() throws Exception {
        DovecotServer.assumeAvailable();
        data = TempDirs.create("maillab-compress-dovecot");
        dovecot = DovecotServer.start(data, ZLIB_CONFIG);
    }

    @AfterEach
    void tearDown() {
        if (dovecot != null) {
            dovecot.close();
        }
        TempDirs.delete(data);
    }

    private ImapClient connect() throws Exception {
        Socket s = new Socket("127.0.0.1", dovecot.imapPort());
        s.setSoTimeout(30_000);
        return ImapClient.over(s);
    }

    @Test
    void ourClientCompressesAgainstDovecotsImapZlib() throws Exception {
        List<byte[]> sent = new ArrayList<>();
        try (ImapClient c = connect()) {
            c.login("alice", DovecotServer.PASSWORD);
            for (int i = 1; i <= 10; i++) {
                byte[] m = ("From: bob@example.org\r\nSubject: minutes " + i + "\r\n\r\n"
                        + "Item " + i + ": agreed, as last week.\r\n".repeat(50)).getBytes(StandardCharsets.US_ASCII);
                sent.add(m);
                c.append("INBOX", List.of(), Literal.of(m));
            }
        }
        try (ImapClient c = connect()) {
            c.login("alice", DovecotServer.PASSWORD);
            assertTrue(c.hasCapability("COMPRESS=DEFLATE"), "Dovecot advertises it after login: " + c.capabilities());
            assertEquals("OK", c.compress().done().status().name());
            c.select("INBOX");
            Reply r = c.fetch(false, SequenceSet.range(1, 10), List.of(new FetchAttribute.Body(
                    new Section(List.of(), Section.Text.ALL, List.of()), true, Optional.empty())));
            List<Response.Fetch> fetches = r.all(Response.Fetch.class);
            assertEquals(10, fetches.size());
            for (Response.Fetch f : fetches) {
                byte[] body = f.items().stream().filter(d -> d instanceof FetchData.BodySection)
                        .map(d -> ((FetchData.BodySection) d).content().orElseThrow().readAll()).findFirst().orElseThrow();
                assertArrayEquals(sent.get((int) f.sequence() - 1), body);
            }
            Compression.Counts k = c.compressionCounts().orElseThrow();
            assertTrue(k.receivedOnWire() * 5 < k.received(), k.toString());
            ImapException again = org.junit.jupiter.api.Assertions.assertThrows(ImapException.class, c::compress);
            assertEquals(Optional.of(ResponseCode.COMPRESSIONACTIVE), again.response().code());
            assertTrue(c.noop().ok());
        }
    }

    @Test
    void loginAndCompressPipelinedWorksWithDovecot() throws Exception {
        try (ImapClient c = connect()) {
            c.loginAndCompress("alice", DovecotServer.PASSWORD);
            assertTrue(c.select("INBOX").ok());
            assertTrue(c.compressionCounts().orElseThrow().receivedOnWire() > 0);
        }
    }
}
