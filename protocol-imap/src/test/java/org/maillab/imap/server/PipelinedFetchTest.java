package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;

/**
 * A FETCH of more messages than the server keeps open at once ({@link ReplyWriter#WINDOW}) is answered
 * in order and whole, and commands pipelined behind it are answered after it (RFC 9051 §5.5).
 */
class PipelinedFetchTest {

    @Test
    void commandsPipelinedBehindALongFetchAreAnsweredAfterIt_rfc9051_5_5() throws Exception {
        int count = 3 * ReplyWriter.WINDOW + 1;
        MailStore store = new InMemoryStore();
        Account fred = store.createAccount("fred", "secret", false);
        for (int n = 1; n <= count; n++) {
            fred.append("INBOX", new ByteArrayInputStream(message(n).getBytes(StandardCharsets.US_ASCII)), Flags.NONE,
                    Instant.parse("2026-01-01T10:00:00Z"));
        }
        try (ImapServer server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1));
                WireClient c = new WireClient(new Socket("127.0.0.1", server.port().orElseThrow()))) {
            c.readLine();
            c.command("a", "LOGIN fred secret");
            c.command("b", "SELECT INBOX");
            c.send("f FETCH 1:* BODY.PEEK[TEXT]\r\nn NOOP\r\ng FETCH 2 (UID)\r\n");
            List<String> expected = new ArrayList<>();
            for (int n = 1; n <= count; n++) {
                String text = "Body " + n + "\r\n";
                expected.add("* " + n + " FETCH (BODY[TEXT] {" + text.length() + "}" + text + ")");
            }
            expected.add("f OK FETCH completed");
            assertEquals(expected, c.until("f"));
            assertEquals(List.of("n OK NOOP completed"), c.until("n"));
            assertEquals(List.of("* 2 FETCH (UID 2)", "g OK FETCH completed"), c.until("g"));
        } finally {
            store.close();
        }
    }

    private static String message(int n) {
        return "Subject: " + n + "\r\n\r\nBody " + n + "\r\n";
    }
}
