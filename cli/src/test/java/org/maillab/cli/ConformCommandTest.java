package org.maillab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.imap.server.ImapServer;
import org.maillab.imap.server.ImapServerConfig;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.pop3.server.Pop3Server;
import org.maillab.pop3.server.Pop3ServerConfig;
import org.w3c.dom.Document;

class ConformCommandTest {

    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    InMemoryStore store;
    Pop3Server pop3;
    ImapServer imap;

    @BeforeEach
    void start() throws Exception {
        store = new InMemoryStore();
        store.createAccount("alice", "alice-secret", true);
        pop3 = Pop3Server.start(store, Pop3ServerConfig.defaults(), new InetSocketAddress("127.0.0.1", 0), null);
        imap = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1));
    }

    @AfterEach
    void stop() throws Exception {
        imap.close();
        pop3.close();
        store.close();
    }

    @Test
    void aPassingServerGetsStatusZeroAReportAndJunitXml() throws Exception {
        Path junit = dir.resolve("conform.xml");
        int status = Maillab.run(List.of("conform", "pop3://127.0.0.1:" + pop3.port(), "--user", "alice",
                "--password", "alice-secret", "--deliver", "imap://127.0.0.1:" + imap.port().orElseThrow(),
                "--junit", junit.toString()), out, err);

        String printed = output.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, printed + errors);
        assertTrue(printed.contains("conform: adding 3 test messages to INBOX"), printed);
        assertTrue(printed.contains("PASS MUST   retr.dot-stuffing "), printed);
        assertTrue(printed.contains("26 checks: 26 passed, 0 failed (0 MUST), 0 skipped"), printed);
        assertTrue(!printed.contains("alice-secret"), "the report never shows the password");
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertEquals(26, xml.getElementsByTagName("testcase").getLength());
        assertEquals(0, xml.getElementsByTagName("failure").getLength());
    }

    @Test
    void aFailedMustCheckGivesStatusOneAndJsonSaysWhich() throws Exception {
        int status = Maillab.run(List.of("conform", "pop3://127.0.0.1:" + pop3.port(), "--user", "alice",
                "--password", "wrong", "--json"), out, err);

        String printed = output.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, printed + errors);
        assertTrue(printed.startsWith("{\"target\":\"pop3://127.0.0.1:" + pop3.port() + "\",\"mustFailed\":true"), printed);
        assertTrue(printed.contains("{\"id\":\"auth.user-pass\",\"area\":\"auth\",\"rfc\":\"RFC 1939 §7 (USER, PASS)\","
                + "\"level\":\"MUST\""), printed);
    }

    @Test
    void badUsageGivesStatusTwo() throws Exception {
        assertEquals(2, Maillab.run(List.of("conform", "imap://127.0.0.1:1143", "--user", "a", "--password", "p"), out, err));
        assertEquals(2, Maillab.run(List.of("conform", "pop3://127.0.0.1", "--user", "a", "--password", "p"), out, err));
        assertEquals(2, Maillab.run(List.of("conform", "pop3://127.0.0.1:1110"), out, err));
        assertTrue(errors.toString(StandardCharsets.UTF_8).contains("Usage: maillab conform"), errors.toString());
    }
}
