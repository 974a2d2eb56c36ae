package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.imap.codec.FramerLimits;
import org.maillab.mailstore.memory.InMemoryStore;

/**
 * Literals too large for memory are spooled to disk, and the disk they take is bounded: per connection
 * (pipelined or multi-literal commands cannot pile up files) and over the server. A literal over a
 * limit is refused before any octet is written; sessions within the limits go on. Tiny limits:
 * literals over 1 KiB are spooled, 10,000 bytes per connection, 15,000 in all.
 */
class SpoolLimitsTest {

    private static final String BAD = " BAD [TOOBIG] Too much literal data in progress; try again later";
    private ImapServer server;

    @BeforeEach
    void start() throws Exception {
        InMemoryStore store = new InMemoryStore();
        store.createAccount("fred", "secret", false);
        FramerLimits limits = new FramerLimits(8192, 64 * 1024, 1024 * 1024, 1024, false, 1024 * 1024, 64);
        server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1).withLimits(limits)
                .withSpoolLimits(10_000, 15_000));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private WireClient login() throws Exception {
        WireClient c = new WireClient(new Socket("127.0.0.1", server.port().orElseThrow()));
        c.readLine();
        assertTrue(c.command("l", "LOGIN fred secret").get(0).startsWith("l OK"));
        return c;
    }

    private static String message(int size) {
        String head = "Subject: x\r\n\r\n";
        return head + "x".repeat(size - head.length());
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    @Test
    void oneCommandCannotSpoolMoreThanTheConnectionsShare() throws Exception {
        try (WireClient c = login()) {
            c.send("a APPEND INBOX {6000+}\r\n" + message(6000) + " {6000}\r\n");
            assertEquals("a" + BAD, c.readLine());
            // the first literal's file was given back: the next APPEND fits
            c.send("b APPEND INBOX {6000+}\r\n" + message(6000) + "\r\n");
            assertTrue(last(c.until("b")).startsWith("b OK"));
        }
    }

    @Test
    void theServerWideLimitRefusesALiteralUntilAnotherIsDoneAndSmallOnesGoOnMeanwhile() throws Exception {
        try (WireClient slow = login(); WireClient other = login()) {
            slow.send("s APPEND INBOX {8000}\r\n");
            assertEquals("+ Ready for literal data", slow.readLine());
            slow.send(message(8000).substring(0, 100)); // 8,000 reserved, 100 sent so far

            other.send("o1 APPEND INBOX {8000}\r\n");
            assertEquals("o1" + BAD, other.readLine()); // 16,000 > 15,000: refused before any octet
            other.send("o2 APPEND INBOX {500+}\r\n" + message(500) + "\r\n"); // in memory: not spooled
            assertTrue(last(other.until("o2")).startsWith("o2 OK"));

            slow.send(message(8000).substring(100) + "\r\n");
            assertTrue(last(slow.until("s")).startsWith("s OK"));
            other.send("o3 APPEND INBOX {8000}\r\n");
            assertEquals("+ Ready for literal data", other.readLine());
            other.send(message(8000) + "\r\n");
            assertTrue(last(other.until("o3")).startsWith("o3 OK"));
        }
    }
}
