package org.maillab.testkit.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.activation.DataHandler;
import jakarta.mail.Flags.Flag;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.maillab.mailstore.SystemFlag;
import org.maillab.mime.parse.MessageTree;
import org.maillab.testkit.MailLabExtension;
import org.maillab.testkit.ReceivedMessage;

/**
 * How an application's tests use the kit: the code under test talks to MailLab with Angus Mail (Jakarta
 * Mail) over IMAP and POP3 as it would talk to a production server, and the test checks what reached
 * the store. Only the kit's public API is used here.
 */
class AngusMailExampleTest {

    @RegisterExtension
    static MailLabExtension mail = MailLabExtension.withAccounts("alice", "bob");

    static final String REPORT = "From: Bob <bob@example.org>\r\nTo: alice@example.org\r\n"
            + "Subject: Quarterly figures\r\n\r\nRevenue is up.\r\n";

    private Store connect(String protocol, String account) throws MessagingException {
        Properties p = new Properties();
        p.put("mail." + protocol + ".connectiontimeout", "10000");
        p.put("mail." + protocol + ".timeout", "20000");
        Store store = Session.getInstance(p).getStore(protocol);
        int port = protocol.equals("imap") ? mail.imapPort() : mail.pop3Port();
        store.connect(mail.host(), port, account, mail.password(account));
        return store;
    }

    @Test
    void anImapClientReadsTheMessageAndFlagsIt() throws Exception {
        long uid = mail.deliver("alice", REPORT);
        Store store = connect("imap", "alice");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message m = inbox.getMessage(1);
            assertEquals("Quarterly figures", m.getSubject());
            assertEquals("Revenue is up.\r\n", m.getContent()); // BODY[] without PEEK: \Seen
            m.setFlag(Flag.FLAGGED, true);
            inbox.close(false);
        } finally {
            store.close();
        }
        mail.assertFlags("alice", uid, SystemFlag.SEEN, SystemFlag.FLAGGED);
    }

    @Test
    void aMessageTheApplicationFilesIntoSentIsReadBackAsAMimeTree() throws Exception {
        Session session = Session.getInstance(new Properties());
        MimeMessage sent = new MimeMessage(session);
        sent.setFrom(new InternetAddress("alice@example.org"));
        sent.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));
        sent.setSubject("Invoice 42");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Please find the invoice attached.", "UTF-8");
        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[] {'%', 'P', 'D', 'F'}, "application/pdf")));
        pdf.setFileName("invoice-42.pdf");
        sent.setContent(new MimeMultipart(text, pdf));
        sent.saveChanges();

        Store store = connect("imap", "alice");
        try {
            Folder folder = store.getFolder("Sent");
            folder.create(Folder.HOLDS_MESSAGES);
            folder.appendMessages(new Message[] {sent});
        } finally {
            store.close();
        }

        ReceivedMessage copy = mail.lab().messages("alice", "Sent").get(0);
        MessageTree tree = copy.tree();
        assertEquals("multipart/mixed", tree.root().contentType().mimeType());
        assertEquals("invoice-42.pdf", tree.part("2").orElseThrow().filename());
        assertEquals("Please find the invoice attached.", copy.text().orElseThrow());
        assertEquals("Invoice 42", copy.subject());
    }

    @Test
    void aPop3ClientDownloadsAndDeletesWhatItFetched() throws Exception {
        mail.deliver("bob", "Subject: one\r\n\r\n1\r\n");
        mail.deliver("bob", "Subject: two\r\n\r\n2\r\n");
        Store store = connect("pop3", "bob");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message[] messages = inbox.getMessages();
            assertEquals(2, messages.length);
            assertEquals("one", messages[0].getSubject());
            messages[0].setFlag(Flag.DELETED, true);
            inbox.close(true); // DELE, then QUIT: the UPDATE state removes it (RFC 1939 §6)
        } finally {
            store.close();
        }
        assertEquals("two", mail.messages("bob").get(0).subject());
        assertEquals(1, mail.messages("bob").size());
    }

    @Test
    void aSecondPop3SessionIsRefusedWhileTheFirstHoldsTheMaildrop() throws Exception {
        mail.deliver("bob", "Subject: one\r\n\r\n1\r\n");
        Store first = connect("pop3", "bob");
        try {
            Folder inbox = first.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE); // holds the maildrop lock (RFC 1939 §8)
            MessagingException refused = assertThrows(MessagingException.class, () -> {
                Store second = connect("pop3", "bob");
                Folder again = second.getFolder("INBOX");
                again.open(Folder.READ_WRITE);
            });
            assertTrue(refused.getMessage().contains("[IN-USE]"), refused.getMessage());
            inbox.close(false);
        } finally {
            first.close();
        }
    }
}
