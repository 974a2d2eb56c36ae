package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.imap.client.ImapClient;
import org.maillab.imap.codec.Literal;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.transport.transcript.TranscriptEntry;

/** Eclipse Angus Mail's IMAP provider (what Jakarta Mail applications use) against the server. */
class AngusInteropTest {

    MailStore store;
    ImapServer server;
    final CountDownLatch idleStarted = new CountDownLatch(1);

    @BeforeEach
    void setUp() throws Exception {
        store = new InMemoryStore();
        store.createAccount("fred", "secret", false).append("INBOX", new ByteArrayInputStream(
                ("From: Alice <alice@example.org>\r\nTo: fred@example.org\r\nSubject: Hello\r\n\r\nHi Fred.\r\n")
                        .getBytes(StandardCharsets.US_ASCII)), org.maillab.mailstore.Flags.NONE, Instant.now());
        server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1).withTranscript(e -> {
            if (e.kind() == TranscriptEntry.Kind.CLIENT && e.text().endsWith(" IDLE")) {
                idleStarted.countDown(); // tells the test that Angus is idling: no sleeping
            }
        }));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private Store connect() throws Exception {
        return AngusConnections.connect(server, "fred", "secret");
    }

    @Test
    void angusReadsStructureAppendsFlagsAndExpunges() throws Exception {
        Store s = connect();
        try {
            Folder inbox = s.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertEquals(1, inbox.getMessageCount());
            Message first = inbox.getMessage(1);
            assertEquals("Hello", first.getSubject());
            assertEquals("alice@example.org", ((InternetAddress) first.getFrom()[0]).getAddress());
            assertEquals("Hi Fred.\r\n", first.getContent());

            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
            m.setSubject("With attachment");
            MimeMultipart mp = new MimeMultipart();
            MimeBodyPart text = new MimeBodyPart();
            text.setText("See attached.");
            MimeBodyPart att = new MimeBodyPart();
            att.setContent("a,b\n1,2\n", "text/csv");
            att.setFileName("data.csv");
            mp.addBodyPart(text);
            mp.addBodyPart(att);
            m.setContent(mp);
            m.saveChanges();
            inbox.appendMessages(new Message[] {m});
            assertEquals(2, inbox.getMessageCount());
            Message second = inbox.getMessage(2);
            MimeMultipart back = (MimeMultipart) second.getContent(); // BODYSTRUCTURE, then BODY[n] per part
            assertEquals(2, back.getCount());
            assertEquals("data.csv", back.getBodyPart(1).getFileName());
            assertEquals("See attached.", back.getBodyPart(0).getContent());

            first.setFlag(Flags.Flag.DELETED, true);
            assertEquals(1, inbox.expunge().length);
            assertEquals(1, inbox.getMessageCount());
            inbox.close(false);
        } finally {
            s.close();
        }
    }

    @Test
    void angusIdleWakesUpWhenAnotherClientAppends_rfc2177() throws Exception {
        Store s = connect();
        try {
            IMAPFolder inbox = (IMAPFolder) s.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            CountDownLatch added = new CountDownLatch(1);
            inbox.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent e) {
                    added.countDown();
                }
            });
            CompletableFuture<Void> idling = CompletableFuture.runAsync(() -> {
                try {
                    inbox.idle(true);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(idleStarted.await(20, TimeUnit.SECONDS), "Angus never sent IDLE");
            try (ImapClient other = ImapClient.connect("127.0.0.1", server.port().orElseThrow())) {
                other.login("fred", "secret");
                other.append("INBOX", java.util.List.of(), Literal.of("Subject: ping\r\n\r\nping\r\n"));
            }
            idling.get(20, TimeUnit.SECONDS);
            inbox.getMessageCount(); // lets Angus dispatch the queued event
            assertTrue(added.await(20, TimeUnit.SECONDS), "no messagesAdded event");
            assertEquals(2, inbox.getMessageCount());
        } finally {
            s.close();
        }
    }
}
