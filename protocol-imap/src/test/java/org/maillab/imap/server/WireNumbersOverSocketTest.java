package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;

/**
 * Issue 11, finding 1, against the real server: literal sizes that overflow {@code long} are refused
 * with an answer, and nothing they do reaches other sessions.
 */
class WireNumbersOverSocketTest {

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

    /** Before the fix 2^63 wrapped to a negative size and the worker spun forever; eight such stopped the server. */
    @Test
    void aNonSynchronizingLiteralOf2To63IsAnsweredAndOthersAreStillServed() throws Exception {
        List<WireClient> attackers = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                WireClient c = connect();
                attackers.add(c);
                c.send("a LOGIN alice {9223372036854775808+}\r\nxx\r\n");
                assertEquals("a BAD [TOOBIG] Literal too large", c.readLine());
                assertEquals("* BYE [TOOBIG] Literal too large", c.readLine());
            }
            try (WireClient other = connect()) {
                assertEquals("b OK", other.command("b", "LOGIN alice secret").get(0).substring(0, 4));
                assertTrue(other.command("c", "NOOP").get(0).startsWith("c OK"));
            }
        } finally {
            for (WireClient c : attackers) {
                c.close();
            }
        }
    }

    /** Before the fix 2^64 + 6 wrapped to 6: "+ Ready", then "secret" logged alice in. */
    @Test
    void aLiteralOf2To64Plus6DoesNotWrapAroundToSixOctets() throws Exception {
        try (WireClient c = connect()) {
            c.send("b LOGIN alice {18446744073709551622}\r\n");
            assertEquals("b BAD [TOOBIG] Literal too large", c.readLine());
            c.send("secret\r\n");
            String next = c.readLine();
            assertTrue(next.startsWith("secret BAD") || next.startsWith("* BAD"), next);
            List<String> select = c.command("c", "SELECT INBOX");
            assertFalse(select.get(select.size() - 1).startsWith("c OK"), select.toString());
            assertTrue(select.get(select.size() - 1).startsWith("c BAD"), select.toString());
        }
    }

    /** The same sizes in the other literal forms and in number arguments. */
    @Test
    void overflowingNumbersAnywhereGetBad() throws Exception {
        try (WireClient c = connect()) {
            assertTrue(c.command("a", "LOGIN alice secret").get(0).startsWith("a OK"));
            assertTrue(c.command("b", "SELECT INBOX").stream().anyMatch(l -> l.startsWith("b OK")));
            assertTrue(last(c.command("c", "FETCH 18446744073709551622 FLAGS")).startsWith("c BAD"));
            assertTrue(last(c.command("d", "UID FETCH 1:4294967296 FLAGS")).startsWith("d BAD"));
            assertTrue(last(c.command("e", "FETCH 1 (FLAGS) (CHANGEDSINCE 9223372036854775808)")).startsWith("e BAD"));
            assertTrue(last(c.command("f", "FETCH 1 BODY[]<18446744073709551616.1>")).startsWith("f BAD"));
            c.send("g APPEND INBOX ~{18446744073709551622}\r\n");
            assertEquals("g BAD [TOOBIG] Literal too large", c.readLine());
            assertTrue(last(c.command("h", "NOOP")).startsWith("h OK"));
        }
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }
}
