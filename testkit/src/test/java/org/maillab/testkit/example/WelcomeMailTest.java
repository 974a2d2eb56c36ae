package org.maillab.testkit.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.maillab.mailstore.SystemFlag;
import org.maillab.testkit.MailLabExtension;
import org.maillab.testkit.ReceivedMessage;

/** The complete example of testkit/README.md, word for word: it must keep compiling and passing. */
class WelcomeMailTest {

    @RegisterExtension                              // static: one lab for the class, reset before each test
    static MailLabExtension mail = MailLabExtension.withAccounts("alice", "bob");

    @Test
    void theWelcomeMailArrivesAndIsReadOverImap() throws Exception {
        // the application under test, pointed at the lab's SMTP port
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", mail.host());
        smtp.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
        MimeMessage welcome = new MimeMessage(Session.getInstance(smtp));
        welcome.setFrom(new InternetAddress("noreply@shop.example"));
        welcome.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.address("alice")));  // alice@localhost
        welcome.setSubject("Welcome to the shop");
        welcome.setText("Your account is ready.");
        Transport.send(welcome);

        // waits on the store's events (no polling), at most 10 s; on failure it says what did arrive
        ReceivedMessage received = mail.awaitMessages("alice", 1).get(0);
        assertEquals("Welcome to the shop", received.subject());
        assertEquals("Your account is ready.\r\n", received.text().orElseThrow());

        // a reader over IMAP
        Store imap = Session.getInstance(new Properties()).getStore("imap");
        imap.connect(mail.host(), mail.imapPort(), "alice", mail.password("alice"));
        Folder inbox = imap.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        assertEquals("Your account is ready.\r\n", inbox.getMessage(1).getContent());  // BODY[]: sets \Seen
        inbox.close(false);
        imap.close();

        mail.assertFlags("alice", received.uid(), SystemFlag.SEEN);
    }
}
