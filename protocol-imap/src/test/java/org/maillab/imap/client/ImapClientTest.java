package org.maillab.imap.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.imap.codec.Command;
import org.maillab.imap.codec.FetchAttribute;
import org.maillab.imap.codec.FetchData;
import org.maillab.imap.codec.Literal;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.SearchKey;
import org.maillab.imap.codec.Section;
import org.maillab.imap.codec.SequenceSet;
import org.maillab.imap.server.ImapServer;
import org.maillab.imap.server.ImapServerConfig;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;

/** The blocking client against MailLab's server over loopback. */
class ImapClientTest {

    MailStore store;
    ImapServer server;
    int port;

    @BeforeEach
    void setUp() throws Exception {
        store = new InMemoryStore();
        store.createAccount("fred", "secret", false).append("INBOX", new ByteArrayInputStream(
                "Subject: one\r\n\r\nfirst\r\n".getBytes(StandardCharsets.US_ASCII)), Flags.NONE, Instant.now());
        server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1));
        port = server.port().orElseThrow();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void loginAppendSelectFetchSearchLogout() throws Exception {
        try (ImapClient c = ImapClient.connect("127.0.0.1", port)) {
            assertTrue(c.hasCapability("IMAP4rev2"));
            c.login("fred", "secret");
            Optional<Long> uid = c.append("INBOX", List.of("\\Flagged"), Literal.of("Subject: two\r\n\r\nsecond\r\n"));
            assertEquals(Optional.of(2L), uid);
            Reply select = c.select("INBOX");
            assertEquals(2, select.all(Response.Exists.class).get(0).count());
            Reply fetch = c.fetch(true, SequenceSet.single(2), List.of(new FetchAttribute.Body(Section.WHOLE, true,
                    Optional.empty())));
            Response.Fetch f = fetch.all(Response.Fetch.class).get(0);
            FetchData.BodySection body = (FetchData.BodySection) f.items().get(1);
            assertEquals("Subject: two\r\n\r\nsecond\r\n", new String(body.content().orElseThrow().readAll(),
                    StandardCharsets.US_ASCII));
            assertEquals(List.of(2L), c.search(true, new SearchKey.Flag(SearchKey.Simple.FLAGGED)));
            assertEquals(List.of(1L), c.search(false, new SearchKey.Text(SearchKey.TextField.BODY, "first")));
            assertEquals(Response.Status.OK, c.logout().done().status());
        }
    }

    @Test
    void stringsWithLineBreaksGoAsNonSyncLiteralsWithLiteralPlus() throws Exception {
        try (ImapClient c = ImapClient.connect("127.0.0.1", port)) {
            List<String> log = new ArrayList<>();
            c.setTranscript(log::add);
            // A password with a space and a quote forces a quoted string; with CR LF it needs a literal.
            Reply r = c.execute(new Command.Login("fred", "x\r\ny"));
            assertEquals(Response.Status.NO, r.done().status());
            // The server has LITERAL+, so the client sent {n+} and never waited for "+".
            assertTrue(log.stream().noneMatch(l -> l.startsWith("S: +")), log.toString());
            assertTrue(log.stream().noneMatch(l -> l.contains("x\r\ny")), "password masked: " + log);
        }
    }

    @Test
    void noAndBadBecomeExceptionsWhenAsked() throws Exception {
        try (ImapClient c = ImapClient.connect("127.0.0.1", port)) {
            ImapException e = assertThrows(ImapException.class, () -> c.login("fred", "wrong"));
            assertEquals(Response.Status.NO, e.response().status());
            c.authenticatePlain("fred", "secret");
            assertThrows(ImapException.class, () -> c.select("Nowhere"));
        }
    }

    @Test
    void idleDeliversPushedResponses_rfc2177() throws Exception {
        try (ImapClient watcher = ImapClient.connect("127.0.0.1", port);
                ImapClient writer = ImapClient.connect("127.0.0.1", port)) {
            watcher.login("fred", "secret");
            watcher.select("INBOX");
            writer.login("fred", "secret");
            ImapClient.Idle idle = watcher.idle();
            writer.append("INBOX", List.of(), Literal.of("Subject: new\r\n\r\nnew\r\n"));
            Response pushed = idle.next(Duration.ofSeconds(20)).orElseThrow();
            assertEquals(new Response.Exists(2), pushed);
            assertTrue(idle.done().ok());
            assertFalse(watcher.noop().untagged().contains(new Response.Exists(2)));
        }
    }

    @Test
    void transcriptMasksLoginPasswords() throws Exception {
        try (ImapClient c = ImapClient.connect("127.0.0.1", port)) {
            List<String> log = new ArrayList<>();
            c.setTranscript(log::add);
            c.login("fred", "secret");
            assertTrue(log.stream().anyMatch(l -> l.matches("C: C\\d+ LOGIN fred \\*\\*\\*")), log.toString());
            assertTrue(log.stream().noneMatch(l -> l.contains("secret")), log.toString());
        }
    }
}
