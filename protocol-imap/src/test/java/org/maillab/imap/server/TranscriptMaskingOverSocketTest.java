package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.transport.transcript.MemoryTranscript;

/** Issue 11, findings 3 and 4, with tracing on: every LOGIN form is answered and its password hidden. */
class TranscriptMaskingOverSocketTest {

    MailStore store;
    MemoryTranscript transcript;
    ImapServer server;

    @BeforeEach
    void setUp() throws Exception {
        store = new InMemoryStore();
        store.createAccount("alice", "secret", false);
        transcript = new MemoryTranscript();
        server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1).withTranscript(transcript));
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

    List<String> clientLines() {
        return transcript.lines().stream().filter(l -> l.startsWith("C: ")).toList();
    }

    /**
     * Before the fix the masking regex overflowed the stack on this line; the error escaped the handler,
     * nothing answered and the server never closed its side (CLOSE-WAIT, one fd per connection).
     */
    @Test
    void aLoginWith5000OctetUserIsAnsweredAndItsConnectionEnds() throws Exception {
        String user = "u".repeat(5000);
        try (WireClient c = connect()) {
            List<String> answer = c.command("a", "LOGIN \"" + user + "\" secret");
            assertTrue(answer.get(0).startsWith("a NO [AUTHENTICATIONFAILED]"), answer.toString());
            List<String> logout = c.command("b", "LOGOUT");
            assertTrue(logout.get(0).startsWith("* BYE"), logout.toString());
        }
        // The server closed its end too: the session ended and freed its resources.
        assertTrue(server.awaitEndedSessions(1, Duration.ofSeconds(20)));
        assertTrue(clientLines().contains("C: a LOGIN \"" + user + "\" ***"), clientLines().toString());
    }

    /** Before the fix: {@code t1 LOGIN {5}}, {@code +}, {@code alice secret} showed {@code C:  secret}. */
    @Test
    void aUserNameInALiteralDoesNotShowThePassword() throws Exception {
        try (WireClient c = connect()) {
            c.send("t1 LOGIN {5}\r\n");
            assertEquals("+ Ready for literal data", c.readLine());
            c.send("alice secret\r\n");
            assertTrue(c.until("t1").get(0).startsWith("t1 OK"));
            c.send("t2 LOGOUT\r\n");
            c.until("t2");
        }
        assertEquals(List.of("C: t1 LOGIN {5}", "C: <literal of 5 bytes>", "C: ***", "C: t2 LOGOUT"), clientLines());
    }

    @Test
    void literalPlusDoubleSpacesAndTabsDoNotShowThePassword() throws Exception {
        try (WireClient c = connect()) {
            c.send("a LOGIN {5+}\r\nalice {6+}\r\nsecret\r\n");
            assertTrue(c.until("a").get(0).startsWith("a OK"));
        }
        try (WireClient c = connect()) {
            assertTrue(c.command("b", "LOGIN alice  secret").get(0).startsWith("b "));
            assertTrue(c.command("c", "LOGIN\talice\tsecret").get(0).startsWith("c "));
            assertTrue(c.command("d", "LOGIN \"alice\" \"secret\"").get(0).startsWith("d OK"));
        }
        assertTrue(clientLines().stream().noneMatch(l -> l.contains("secret")), clientLines().toString());
        assertTrue(clientLines().contains("C: b LOGIN alice ***"), clientLines().toString());
        assertTrue(clientLines().contains("C: c LOGIN\talice ***"), clientLines().toString());
    }

    /** A refused literal, and the person types the password anyway: the framer reads a new command. */
    @Test
    void thePasswordTypedAfterARefusedLiteralIsHidden() throws Exception {
        try (WireClient c = connect()) {
            c.send("a LOGIN alice {99999999}\r\n");
            assertTrue(c.readLine().startsWith("a BAD [TOOBIG]"));
            c.send("secret\r\n");
            assertTrue(c.readLine().contains("BAD"));
            assertTrue(c.command("b", "NOOP").get(0).startsWith("b OK"));
        }
        assertEquals(List.of("C: a LOGIN alice ***", "C: ***", "C: b NOOP"), clientLines());
    }
}
