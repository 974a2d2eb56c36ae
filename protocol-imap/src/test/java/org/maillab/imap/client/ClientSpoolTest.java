package org.maillab.imap.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maillab.imap.codec.FetchAttribute;
import org.maillab.imap.codec.FetchData;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.SequenceSet;
import org.maillab.imap.server.ImapServer;
import org.maillab.imap.server.ImapServerConfig;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.memory.InMemoryStore;

/**
 * The client spools a large FETCHed message to a file of its own spool directory, readable until the
 * client is closed, and closing deletes it (before, such files stayed in the JVM temp directory).
 */
class ClientSpoolTest {

    @Test
    void aLargeFetchedMessageIsSpooledUntilTheClientCloses() throws Exception {
        InMemoryStore store = new InMemoryStore();
        Account fred = store.createAccount("fred", "secret", false);
        String body = "Subject: big\r\n\r\n" + "x".repeat(100_000) + "\r\n";
        fred.append("INBOX", new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)), Flags.NONE,
                Instant.parse("2026-01-01T10:00:00Z"));
        try (ImapServer server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1))) {
            ImapClient c = ImapClient.connect("127.0.0.1", server.port().orElseThrow());
            Path dir = c.spool().path();
            c.login("fred", "secret");
            c.select("INBOX");
            Reply r = c.fetch(false, SequenceSet.single(1),
                    List.of(new FetchAttribute.Simple(FetchAttribute.Item.RFC822)));
            Response.Fetch f = (Response.Fetch) r.untagged().stream().filter(u -> u instanceof Response.Fetch)
                    .findFirst().orElseThrow();
            FetchData.Rfc822 message = (FetchData.Rfc822) f.items().stream()
                    .filter(i -> i instanceof FetchData.Rfc822).findFirst().orElseThrow();
            assertEquals(body, new String(message.content().orElseThrow().readAll(), StandardCharsets.US_ASCII));
            assertEquals(1, c.spool().files().size(), "spooled, not in memory");
            c.logout();
            c.close();
            assertFalse(Files.exists(dir), dir + " is gone");
        }
    }
}
