package org.maillab.testkit.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.maillab.mailstore.SystemFlag;
import org.maillab.testkit.MailLabExtension;
import org.maillab.testkit.ReceivedMessage;

/**
 * An application that sends mail, tested as it would be: it sends with Angus Mail's SMTP transport to the
 * lab, and the test waits for the mail in the recipients' mailboxes and reads it back over IMAP and POP3.
 */
class AngusSmtpExampleTest {

    @RegisterExtension
    static MailLabExtension mail = MailLabExtension.withAccounts("alice", "bob");

    private static Session smtpSession(boolean auth) {
        Properties p = new Properties();
        p.put("mail.smtp.host", mail.host());
        p.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "20000");
        p.put("mail.smtp.auth", Boolean.toString(auth));
        return Session.getInstance(p);
    }

    /** What the application under test does: a welcome mail to a new user, copied to the admin. */
    private static void sendWelcome(Session session, String to, String cc) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("noreply@shop.example"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        if (cc != null) {
            m.setRecipient(Message.RecipientType.CC, new InternetAddress(cc));
        }
        m.setSubject("Welcome to the shop", "UTF-8");
        m.setText("Your account is ready. Grüße!", "UTF-8");
        Transport.send(m);
    }

    @Test
    void theWelcomeMailReachesBothRecipientsAndReadsBackOverImap() throws Exception {
        sendWelcome(smtpSession(false), mail.address("alice"), mail.address("bob"));

        ReceivedMessage toAlice = mail.awaitMessages("alice", 1).get(0);
        ReceivedMessage toBob = mail.awaitMessages("bob", 1).get(0);
        assertEquals("Welcome to the shop", toAlice.subject());
        assertEquals("Your account is ready. Grüße!\r\n", toAlice.text().orElseThrow());
        assertTrue(toAlice.header("Received").isPresent(), "the server added its trace field (RFC 5321 §4.4)");
        assertEquals(toAlice.header("Message-ID"), toBob.header("Message-ID"), "one message, two recipients");

        Properties p = new Properties();
        p.put("mail.imap.timeout", "20000");
        Store store = Session.getInstance(p).getStore("imap");
        store.connect(mail.host(), mail.imapPort(), "alice", mail.password("alice"));
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message m = inbox.getMessage(1);
            assertEquals("Welcome to the shop", m.getSubject());
            assertArrayEquals(new Address[] {new InternetAddress("noreply@shop.example")}, m.getFrom());
            assertEquals("Your account is ready. Grüße!\r\n", m.getContent());
            inbox.close(false);
        } finally {
            store.close();
        }
        mail.assertFlags("alice", toAlice.uid(), SystemFlag.SEEN);
        mail.assertFlags("bob", toBob.uid());
    }

    @Test
    void submissionWithTheAccountsPasswordAndReadingBackOverPop3() throws Exception {
        Session session = smtpSession(true);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(mail.address("alice")));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.address("bob")));
        m.setSubject("Lunch?");
        m.setText("At noon.");
        Transport.send(m, "alice", mail.password("alice")); // AUTH PLAIN (RFC 4954)

        mail.awaitMessages("bob", 1);
        Properties p = new Properties();
        p.put("mail.pop3.timeout", "20000");
        Store pop = Session.getInstance(p).getStore("pop3");
        pop.connect(mail.host(), mail.pop3Port(), "bob", mail.password("bob"));
        try {
            Folder inbox = pop.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertEquals("Lunch?", inbox.getMessage(1).getSubject());
            assertEquals("At noon.\r\n", inbox.getMessage(1).getContent());
            inbox.close(false);
        } finally {
            pop.close();
        }
        String transcript = mail.lab().transcript();
        assertTrue(transcript.contains("C: AUTH "), transcript);
        assertFalse(transcript.contains(mail.password("alice")), transcript);
    }

    @Test
    void anUnknownRecipientIsRefusedAndNothingIsDelivered() throws Exception {
        SendFailedException refused = assertThrows(SendFailedException.class,
                () -> sendWelcome(smtpSession(false), mail.address("alice"), "carol@localhost"));
        assertEquals(List.of(new InternetAddress("carol@localhost")), List.of(refused.getInvalidAddresses()));
        assertTrue(refused.getNextException().getMessage().startsWith("550 5.1.1"),
                refused.getNextException().getMessage());
        // Angus sends nothing when a recipient is refused (mail.smtp.sendpartial is false): no mail at all
        assertEquals(List.of(), mail.messages("alice"));
    }
}
