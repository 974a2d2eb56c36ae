package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.imap.client.ImapClient;
import org.maillab.imap.client.ImapException;
import org.maillab.imap.client.Reply;
import org.maillab.imap.codec.Command;
import org.maillab.imap.codec.Literal;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseCode;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;

/**
 * Claim C6 end to end over loopback sockets: alice shares a folder with bob, bob works in it as far as
 * his rights go, alice revokes, and bob loses it, including in a session that has it selected.
 */
class SharingOverSocketsTest {

    static final String TEAM = "Other Users/alice/Team";

    MailStore store;
    ImapServer server;
    Account alice;

    @BeforeEach
    void start() throws Exception {
        store = new InMemoryStore();
        alice = store.createAccount("alice", "alice-pw", false);
        store.createAccount("bob", "bob-pw", false);
        alice.create("Team");
        deliver("Subject: plan\r\n\r\nThe plan.\r\n");
        server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1));
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    private void deliver(String message) {
        alice.append("Team", new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)), Flags.NONE,
                Instant.parse("2026-02-01T09:00:00Z"));
    }

    private ImapClient login(String user, String password) throws Exception {
        ImapClient c = ImapClient.connect("127.0.0.1", server.port().orElseThrow());
        c.login(user, password);
        return c;
    }

    private static List<String> list(ImapClient c, String pattern) {
        return c.execute(new Command.ListMailboxes(List.of(), "", List.of(pattern), List.of(), List.of())).orThrow()
                .all(Response.ListItem.class).stream().map(Response.ListItem::mailbox).toList();
    }

    private static ResponseCode code(ImapException e) {
        return e.response().code().orElseThrow();
    }

    @Test
    void aliceSharesBobWorksAliceRevokesBobLosesAccess() throws Exception {
        try (ImapClient a = login("alice", "alice-pw"); ImapClient b = login("bob", "bob-pw");
                ImapClient stayer = login("bob", "bob-pw")) {
            assertTrue(a.hasCapability("ACL") && a.hasCapability("RIGHTS=kxte"));
            assertFalse(list(b, "*").contains(TEAM), "nothing shared yet");
            assertEquals(ResponseCode.NONEXISTENT, code(assertThrows(ImapException.class, () -> b.select(TEAM))));

            a.setAcl("Team", "bob", "lrsi");
            assertEquals(Map.of("alice", "lrswipkxteacd", "bob", "lrsi"), a.getAcl("Team"));
            Response.ListRights rights = a.listRights("Team", "bob");
            assertEquals("", rights.required());
            assertTrue(rights.optional().containsAll(List.of("l", "r", "a", "c", "d")));

            assertEquals(List.of("Other Users/alice"), list(b, "Other Users/%"));
            assertTrue(list(b, "*").contains(TEAM));
            assertEquals("lrsi", b.myRights(TEAM));
            Reply selected = b.select(TEAM);
            assertEquals(ResponseCode.READ_WRITE, selected.done().code().orElseThrow());
            assertTrue(b.append(TEAM, List.of("\\Seen", "\\Flagged"),
                    Literal.of("Subject: from bob\r\n\r\nAgreed.\r\n")).isPresent());
            assertEquals(ResponseCode.NOPERM, code(assertThrows(ImapException.class,
                    () -> b.execute(new Command.Expunge()).orThrow())), "no e");
            assertEquals(ResponseCode.NOPERM, code(assertThrows(ImapException.class, () -> b.getAcl(TEAM))), "no a");

            // a second bob session keeps Team selected while alice revokes
            stayer.select(TEAM);
            a.deleteAcl("Team", "bob");
            assertEquals(Map.of("alice", "lrswipkxteacd"), a.getAcl("Team"));
            deliver("Subject: secret\r\n\r\nAfter the revoke.\r\n");
            Reply noop = stayer.noop();
            assertTrue(noop.all(Response.Exists.class).isEmpty(), "the selected session hears nothing more");
            ImapException fetch = assertThrows(ImapException.class, () -> stayer.search(false,
                    new org.maillab.imap.codec.SearchKey.Flag(org.maillab.imap.codec.SearchKey.Simple.ALL)));
            assertEquals(ResponseCode.NONEXISTENT, code(fetch), "no rights left: as if it did not exist");
            assertTrue(stayer.execute(new Command.Close()).ok(), "CLOSE still works");

            assertFalse(list(b, "*").contains(TEAM));
            assertEquals(ResponseCode.NONEXISTENT, code(assertThrows(ImapException.class, () -> b.select(TEAM))));
            assertEquals(ResponseCode.NONEXISTENT, code(assertThrows(ImapException.class, () -> b.myRights(TEAM))));
        }
        try (var team = alice.open("Team", true)) {
            assertEquals(3, team.messages().size());
            assertEquals(Flags.of(org.maillab.mailstore.SystemFlag.SEEN), team.messages().get(1).flags(),
                    "bob's \\Flagged needed w");
        }
    }
}
