package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.imap.client.ImapClient;
import org.maillab.imap.client.ImapException;
import org.maillab.imap.client.QuotaRoots;
import org.maillab.imap.codec.Command;
import org.maillab.imap.codec.Literal;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseCode;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;

/**
 * QUOTA (RFC 9208) over loopback: python3's imaplib ({@code getquota}, {@code getquotaroot},
 * {@code setquota}) and MailLab's own client against the server, with fred (a user with one message of
 * 56 octets) and root (an administrator).
 */
class QuotaInteropTest {

    static final String MESSAGE = "From: alice@example.org\r\nSubject: Hello\r\n\r\nHi Fred.\r\n";

    MailStore store;
    Account fred;
    ImapServer server;
    int port;

    @BeforeEach
    void setUp() throws Exception {
        store = new InMemoryStore();
        fred = store.createAccount("fred", "secret", false);
        store.createAccount("root", "toor", false);
        fred.append("INBOX", new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.US_ASCII)), Flags.NONE,
                Instant.parse("2026-01-01T10:00:00Z"));
        server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1).withAdminAccounts(Set.of("root")));
        port = server.port().orElseThrow();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void pythonImaplibGetsAndSetsQuotas_rfc9208Section4_1(@TempDir Path dir) throws Exception {
        String out = InteropTest.python(dir, port,
                "import imaplib, sys",
                "port = int(sys.argv[1])",
                "admin = imaplib.IMAP4('127.0.0.1', port)",
                "print('caps', ' '.join(sorted(admin.capabilities)))",
                "admin.login('root', 'toor')",
                "print('setquota', admin.setquota('\"#user/fred\"', '(STORAGE 1 MESSAGE 2)'))",
                "admin.logout()",
                "m = imaplib.IMAP4('127.0.0.1', port)",
                "m.login('fred', 'secret')",
                "print('getquota', m.getquota('\"\"'))",
                "print('getquotaroot', m.getquotaroot('INBOX'))",
                "print('user setquota', m.setquota('\"\"', '(STORAGE 100)'))",
                "print('unknown root', m.getquota('\"User quota\"'))",
                "print('append', m.append('INBOX', None, None, b'Subject: 2\\r\\n\\r\\nfits\\r\\n'))",
                "print('append', m.append('INBOX', None, None, b'Subject: 3\\r\\n\\r\\nno room\\r\\n'))",
                "print('status', m.status('INBOX', '(MESSAGES DELETED DELETED-STORAGE)'))",
                "try:",
                "    m.setquota('\"\"', 'STORAGE 1')",
                "except imaplib.IMAP4.error as e:",
                "    print('malformed', e)",
                "m.logout()");
        assertTrue(out.contains("QUOTA QUOTA=RES-MESSAGE QUOTA=RES-STORAGE QUOTASET"), out);
        assertTrue(out.contains("setquota ('OK', [b'#user/fred (STORAGE 1 1 MESSAGE 1 2)'])"), out);
        assertTrue(out.contains("getquota ('OK', [b'\"\" (STORAGE 1 1 MESSAGE 1 2)'])"), out);
        assertTrue(out.contains("getquotaroot ('OK', [[b'INBOX \"\"'], [b'\"\" (STORAGE 1 1 MESSAGE 1 2)']])"), out);
        assertTrue(out.contains("user setquota ('NO', [b'[NOPERM] Only an administrator may set quotas'])"), out);
        assertTrue(out.contains("unknown root ('NO', [b'[NONEXISTENT] No such quota root'])"), out);
        assertTrue(out.contains("append ('OK', [b'[APPENDUID "), out);
        assertTrue(out.contains("append ('NO', [b\"[OVERQUOTA] the account's quota does not allow this\"])"), out);
        assertTrue(out.contains("status ('OK', [b'INBOX (MESSAGES 2 DELETED 0 DELETED-STORAGE 0)'])"), out);
        assertTrue(out.contains("malformed SETQUOTA command error: BAD"), out);
        assertEquals(OptionalLong.of(1024), fred.quota().storageLimit());
    }

    @Test
    void ourClientGetsAndSetsQuotas_rfc9208Section4_1() throws Exception {
        try (ImapClient admin = ImapClient.connect("127.0.0.1", port)) {
            assertTrue(admin.hasCapability("QUOTASET"));
            admin.login("root", "toor");
            Optional<Response.QuotaData> set = admin.setQuota("#user/fred",
                    List.of(new Command.QuotaLimit("MESSAGE", 1)));
            assertEquals(Optional.of(new Response.QuotaData("#user/fred",
                    List.of(new Response.QuotaResource("MESSAGE", 1, 1)))), set);
            ImapException e = org.junit.jupiter.api.Assertions.assertThrows(ImapException.class,
                    () -> admin.getQuota("#user/nobody"));
            assertEquals(Optional.of(ResponseCode.NONEXISTENT), e.response().code());
        }
        try (ImapClient client = ImapClient.connect("127.0.0.1", port)) {
            client.login("fred", "secret");
            assertEquals(new Response.QuotaData("", List.of(new Response.QuotaResource("MESSAGE", 1, 1))),
                    client.getQuota(""));
            QuotaRoots roots = client.getQuotaRoot("Archive");
            assertEquals(List.of(""), roots.roots());
            assertEquals(Optional.of(client.getQuota("")), roots.quota(""));
            ImapException full = org.junit.jupiter.api.Assertions.assertThrows(ImapException.class,
                    () -> client.append("INBOX", List.of(), Literal.of(MESSAGE)));
            assertEquals(Optional.of(ResponseCode.OVERQUOTA), full.response().code());
            ImapException denied = org.junit.jupiter.api.Assertions.assertThrows(ImapException.class,
                    () -> client.setQuota("", List.of()));
            assertEquals(Optional.of(ResponseCode.NOPERM), denied.response().code());
        }
    }
}
