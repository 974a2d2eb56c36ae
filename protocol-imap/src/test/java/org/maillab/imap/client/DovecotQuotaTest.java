package org.maillab.imap.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.imap.codec.Literal;
import org.maillab.imap.codec.Response;
import org.maillab.imap.codec.ResponseCode;
import org.maillab.mailstore.testing.DovecotServer;

/**
 * MailLab's client against Dovecot's quota plugin (RFC 9208 as Dovecot 2.3 serves it): its root is
 * called "User quota", limits come from its configuration, and it refuses an APPEND over the limit
 * with {@code NO [OVERQUOTA]} just as MailLab does.
 */
class DovecotQuotaTest {

    /** The quota plugin with the "count" backend: 1 MiB and 3 messages per user. */
    static final String QUOTA_CONFIG = String.join("\n",
            "mail_plugins = $mail_plugins quota",
            "protocol imap {",
            "  mail_plugins = $mail_plugins imap_quota",
            "}",
            "plugin {",
            "  quota = count:User quota",
            "  quota_vsizes = yes",
            "  quota_rule = *:storage=1M",
            "  quota_rule2 = *:messages=3",
            "}");

    @Test
    void ourClientReadsDovecotsQuotaAndItsOverquota_rfc9208Section4(@TempDir Path data) throws Exception {
        DovecotServer.assumeAvailable();
        try (DovecotServer dovecot = DovecotServer.start(data, QUOTA_CONFIG);
                ImapClient client = ImapClient.connect("127.0.0.1", dovecot.imapPort())) {
            client.login("alice", DovecotServer.PASSWORD);
            assertTrue(client.hasCapability("QUOTA"), client.capabilities().toString());
            QuotaRoots roots = client.getQuotaRoot("INBOX");
            assertEquals(List.of("User quota"), roots.roots());
            assertEquals(Optional.of(new Response.QuotaData("User quota", List.of(
                    new Response.QuotaResource("STORAGE", 0, 1024), new Response.QuotaResource("MESSAGE", 0, 3)))),
                    roots.quota("User quota"));
            for (int i = 0; i < 3; i++) {
                client.append("INBOX", List.of(), Literal.of("Subject: " + i + "\r\n\r\nbody\r\n"));
            }
            Response.QuotaData full = client.getQuota("User quota");
            assertEquals(new Response.QuotaResource("MESSAGE", 3, 3), full.resources().get(1));
            ImapException e = assertThrows(ImapException.class,
                    () -> client.append("INBOX", List.of(), Literal.of("Subject: 4\r\n\r\nno room\r\n")));
            assertEquals(Optional.of(ResponseCode.OVERQUOTA), e.response().code(), e.getMessage());
        }
    }
}
