package org.maillab.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.smtp.client.SmtpClient;
import org.maillab.smtp.codec.SmtpReply;
import org.maillab.smtp.testing.Mail;

/** SMTP and LMTP over real loopback sockets with MailLab's own client. */
class SmtpServerIntegrationTest {

    MailStore store;
    SmtpServer smtp;
    SmtpServer lmtp;

    @BeforeEach
    void start() throws Exception {
        store = new InMemoryStore();
        store.createAccount("alice", "alice-secret", false);
        store.createAccount("bob", "bob-secret", false);
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        smtp = SmtpServer.start(store, SmtpServerConfig.defaults(), any, null);
        lmtp = SmtpServer.startLmtp(store, SmtpServerConfig.defaults(), any, null);
    }

    @AfterEach
    void stop() {
        smtp.close();
        lmtp.close();
        store.close();
    }

    @Test
    void aMessageSentOverSmtpLandsInTheInboxUnderAReceivedField() throws Exception {
        try (SmtpClient client = SmtpClient.connect("127.0.0.1", smtp.port())) {
            assertEquals(220, client.greeting().code());
            List<String> ext = client.ehlo("client.example");
            assertTrue(ext.containsAll(List.of("PIPELINING", "8BITMIME", "ENHANCEDSTATUSCODES", "SMTPUTF8", "CHUNKING",
                    "AUTH PLAIN LOGIN")), ext.toString());
            client.mail("carol@example.org");
            client.rcpt("alice@localhost");
            List<SmtpReply> replies = client.data("Subject: hi\r\n\r\n.leading dot\r\nbye\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertEquals(250, replies.get(0).code());
            assertEquals("2.0.0", replies.get(0).enhanced());
            client.quit();
        }
        List<String> inbox = Mail.inbox(store, "alice");
        assertEquals(1, inbox.size());
        // RFC 5321 §4.5.2: the stuffed dot is removed; §4.4: the trace field is on top
        assertEquals("Subject: hi\r\n\r\n.leading dot\r\nbye\r\n", Mail.withoutReceived(inbox.get(0)));
        assertTrue(inbox.get(0).startsWith("Received: from client.example ([127.0.0.1])\r\n\tby localhost (MailLab) with ESMTP id "),
                inbox.get(0));
    }

    @Test
    void plaintextPipelinedAfterStartTlsIsDiscarded(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // RFC 3207 §6: commands the client sent before the handshake must not be executed
        java.nio.file.Path keystore = org.maillab.transport.tls.TlsContexts.ensureSelfSignedKeystore(
                dir.resolve("k.p12"), org.maillab.transport.tls.TlsContexts.defaultPassword());
        char[] pw = org.maillab.transport.tls.TlsContexts.defaultPassword();
        try (SmtpServer tls = SmtpServer.start(store, SmtpServerConfig.defaults(), new InetSocketAddress("127.0.0.1", 0),
                org.maillab.transport.tls.TlsContexts.serverContext(keystore, pw));
                java.net.Socket plain = new java.net.Socket("127.0.0.1", tls.port())) {
            plain.setSoTimeout(10_000);
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(plain.getInputStream(), StandardCharsets.US_ASCII));
            var out = plain.getOutputStream();
            in.readLine();
            out.write("EHLO client.example\r\n".getBytes(StandardCharsets.US_ASCII));
            while (!in.readLine().startsWith("250 ")) { /* the EHLO reply */ }
            out.write("STARTTLS\r\nMAIL FROM:<injected@example.org>\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("220 2.0.0 Ready to start TLS", in.readLine());
            javax.net.ssl.SSLSocket secure = (javax.net.ssl.SSLSocket) org.maillab.transport.tls.TlsContexts
                    .clientContextTrusting(keystore, pw).getSocketFactory()
                    .createSocket(plain, "127.0.0.1", tls.port(), true);
            secure.startHandshake();
            var tin = new java.io.BufferedReader(new java.io.InputStreamReader(secure.getInputStream(), StandardCharsets.US_ASCII));
            secure.getOutputStream().write("EHLO client.example\r\n".getBytes(StandardCharsets.US_ASCII));
            // had the injected MAIL run, its 503 would come first
            assertEquals("250-localhost greets client.example", tin.readLine());
        }
    }

    @Test
    void aCommandLineOverTheLimitIsRefusedAndTheSessionGoesOn() throws Exception {
        try (SmtpClient client = SmtpClient.connect("127.0.0.1", smtp.port())) {
            client.ehlo("client.example");
            assertEquals("500 5.5.2 Line too long", client.send("NOOP " + "x".repeat(20_000)).toString());
            assertEquals("250 2.0.0 OK", client.send("NOOP").toString());
        }
    }

    @Test
    void lmtpAnswersOncePerRecipientAfterTheData() throws Exception {
        try (SmtpClient client = SmtpClient.connectLmtp("127.0.0.1", lmtp.port())) {
            client.ehlo("mta.example");
            client.mail("carol@example.org");
            client.rcpt("alice@localhost");
            assertEquals(550, client.rcptReply("nobody@localhost").code());
            client.rcpt("bob@localhost");
            List<SmtpReply> replies = client.bdat("Subject: x\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII), true);
            assertEquals(List.of(250, 250), replies.stream().map(SmtpReply::code).toList());
            client.quit();
        }
        assertEquals(1, Mail.inbox(store, "alice").size());
        assertEquals(1, Mail.inbox(store, "bob").size());
        assertTrue(Mail.inbox(store, "bob").get(0).contains(" with LMTP id "));
    }
}
