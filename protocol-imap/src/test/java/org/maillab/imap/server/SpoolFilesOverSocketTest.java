package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;

/**
 * Issue 11, finding 2: a literal spooled to a file (over 8 KiB) is deleted on every path, not only when
 * an APPEND stores it: a refused command, a BAD, a SEARCH, a dropped connection, a stop. The files are
 * in the server's own spool directory, so each test asserts that directory is empty afterwards.
 */
class SpoolFilesOverSocketTest {

    static final int LARGE = 60_000; // far above the 8 KiB kept in memory

    MailStore store;
    ImapServer server;

    @BeforeEach
    void setUp() throws Exception {
        store = new InMemoryStore();
        store.createAccount("alice", "secret", false);
        server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    WireClient connect() throws Exception {
        WireClient c = new WireClient(new Socket("127.0.0.1", server.port().orElseThrow()));
        assertTrue(c.readLine().startsWith("* OK"));
        return c;
    }

    static String octets(int n) {
        return "x".repeat(n);
    }

    List<Path> spooled() {
        return server.spool().files();
    }

    /** Before the fix: BAD, and the 50 MiB file stayed in the JVM temp directory. */
    @Test
    void anAppendRefusedBeforeLoginLeavesNoFile() throws Exception {
        try (WireClient c = connect()) {
            c.send("a APPEND INBOX {" + LARGE + "+}\r\n" + octets(LARGE) + "\r\n");
            assertTrue(c.readLine().startsWith("a BAD"));
            assertEquals(List.of(), spooled());
        }
    }

    /** Before the fix: OK, and the file stayed. */
    @Test
    void aSearchWithALargeLiteralLeavesNoFile() throws Exception {
        try (WireClient c = connect()) {
            assertTrue(c.command("a", "LOGIN alice secret").get(0).startsWith("a OK"));
            assertTrue(last(c.command("b", "SELECT INBOX")).startsWith("b OK"));
            c.send("t SEARCH TEXT {" + LARGE + "+}\r\n" + octets(LARGE) + "\r\n");
            assertTrue(last(c.until("t")).startsWith("t OK"));
            assertEquals(List.of(), spooled());
        }
    }

    @Test
    void commandsAnsweredBadOrNoLeaveNoFile() throws Exception {
        try (WireClient c = connect()) {
            c.send("a FOO {" + LARGE + "+}\r\n" + octets(LARGE) + "\r\n"); // no such command: BAD
            assertTrue(c.readLine().startsWith("a BAD"));
            assertTrue(c.command("b", "LOGIN alice secret").get(0).startsWith("b OK"));
            c.send("c APPEND INBOX (\\Bogus) {" + LARGE + "+}\r\n" + octets(LARGE) + "\r\n"); // unknown flag
            assertTrue(c.readLine().startsWith("c BAD"));
            c.send("d APPEND Nowhere {" + LARGE + "+}\r\n" + octets(LARGE) + "\r\n"); // no such mailbox
            assertTrue(c.readLine().startsWith("d NO [TRYCREATE]"));
            c.send("e APPEND INBOX {" + LARGE + "+}\r\n" + octets(LARGE) + " junk\r\n"); // trailing garbage
            assertTrue(c.readLine().startsWith("e BAD"));
            c.send("f APPEND INBOX {" + LARGE + "}\r\n");
            assertEquals("+ Ready for literal data", c.readLine());
            c.send(octets(LARGE) + "\r\n");
            assertTrue(c.readLine().startsWith("f OK [APPENDUID"));
            assertEquals(List.of(), spooled());
        }
    }

    @Test
    void aConnectionDroppedMidLiteralLeavesNoFile() throws Exception {
        WireClient c = connect();
        c.send("a APPEND INBOX {" + LARGE + "}\r\n");
        assertEquals("+ Ready for literal data", c.readLine());
        assertEquals(1, spooled().size(), "the literal is being spooled");
        c.send(octets(LARGE / 2));
        c.close();
        assertTrue(server.awaitEndedSessions(1, Duration.ofSeconds(20)), "the session ended");
        assertEquals(List.of(), spooled());
    }

    @Test
    void stoppingTheServerRemovesItsSpoolDirectory() throws Exception {
        try (WireClient c = connect()) {
            c.send("a APPEND INBOX {" + LARGE + "}\r\n");
            assertEquals("+ Ready for literal data", c.readLine());
            Path dir = server.spool().path();
            assertEquals(1, spooled().size());
            server.close();
            assertFalse(Files.exists(dir), dir + " is gone");
        }
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }
}
