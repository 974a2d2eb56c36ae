package org.maillab.smtp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;
import org.maillab.smtp.server.SmtpServer;
import org.maillab.smtp.server.SmtpServerConfig;
import org.maillab.smtp.testing.Mail;
import org.maillab.transport.ServerConfig;
import org.maillab.transport.tls.TlsContexts;
import org.maillab.transport.transcript.MemoryTranscript;

/**
 * Mail submitted by clients we did not write: python3's {@code smtplib} (SMTP with STARTTLS and AUTH,
 * and LMTP), Angus Mail's SMTP transport, {@code swaks} and {@code msmtp}. Each message must arrive
 * byte for byte under our {@code Received:} field, and no password may reach the transcript.
 */
class SmtpInteropTest {

    static final String BODY = "Subject: interop\r\nFrom: carol@example.org\r\n\r\nfirst line\r\n.a dot line\r\n";

    @TempDir
    static Path dir;

    static MailStore store;
    static SmtpServer smtp;
    static SmtpServer lmtp;
    static MemoryTranscript transcript;
    static Path certificatePem;

    @BeforeAll
    static void start() throws Exception {
        store = new InMemoryStore();
        store.createAccount("alice", "alice-secret", false);
        Path keystore = TlsContexts.ensureSelfSignedKeystore(dir.resolve("keystore.p12"), TlsContexts.defaultPassword());
        SSLContext tls = TlsContexts.serverContext(keystore, TlsContexts.defaultPassword());
        certificatePem = dir.resolve("cert.pem");
        Files.writeString(certificatePem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(TlsContexts.certificate(keystore, TlsContexts.defaultPassword()).getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        transcript = new MemoryTranscript();
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        smtp = SmtpServer.start(SmtpServer.listenerConfig(store, SmtpServerConfig.defaults().withRequireTls(true), any, tls),
                ServerConfig.defaults().withTranscript(transcript));
        lmtp = SmtpServer.start(SmtpServer.lmtpListenerConfig(store, SmtpServerConfig.defaults(), any, null),
                ServerConfig.defaults());
    }

    @AfterAll
    static void stop() {
        smtp.close();
        lmtp.close();
        store.close();
    }

    int before;

    @BeforeEach
    void count() {
        before = Mail.inbox(store, "alice").size();
    }

    /** The one new message in alice's INBOX, without the Received field. */
    String delivered() {
        List<String> inbox = Mail.inbox(store, "alice");
        assertEquals(before + 1, inbox.size(), "one message arrived");
        return Mail.withoutReceived(inbox.get(inbox.size() - 1));
    }

    void assertNoPasswordInTranscript() {
        String all = String.join("\n", transcript.lines());
        assertTrue(!all.contains("alice-secret") && !all.contains(Base64.getEncoder().encodeToString(
                "\0alice\0alice-secret".getBytes(StandardCharsets.US_ASCII))) && !all.contains("YWxpY2Utc2VjcmV0"),
                "a password reached the transcript:\n" + all);
    }

    @Test
    void pythonSmtplibSendsOverStartTlsWithAuthPlain() throws Exception {
        Programs.assumeInstalled("python3");
        String script = String.join("\n",
                "import smtplib, ssl, sys",
                "ctx = ssl.create_default_context(cafile=sys.argv[2]); ctx.check_hostname = False",
                "s = smtplib.SMTP('127.0.0.1', int(sys.argv[1]))",
                "s.ehlo('python.test')",
                "assert 'auth' not in s.esmtp_features, s.esmtp_features",
                "s.starttls(context=ctx)",
                "s.ehlo('python.test')",
                "s.login('alice', 'alice-secret')",
                "refused = s.sendmail('carol@example.org', ['alice@localhost'], sys.stdin.buffer.read())",
                "assert refused == {}, refused",
                "try:",
                "    s.sendmail('carol@example.org', ['someone@example.com'], b'Subject: relay\\r\\n\\r\\nx\\r\\n')",
                "    raise SystemExit('relayed!')",
                "except smtplib.SMTPRecipientsRefused as e:",
                "    print('refused', e.recipients['someone@example.com'][0])",
                "s.quit()");
        Programs.Result r = Programs.run(List.of("python3", "-c", script, Integer.toString(smtp.port()),
                certificatePem.toString()), BODY.getBytes(StandardCharsets.US_ASCII)).assertSuccess();
        assertEquals("refused 550", r.output().strip());
        assertEquals(BODY, delivered());
        assertTrue(Mail.inbox(store, "alice").get(before).contains(" with ESMTPSA id "));
        assertNoPasswordInTranscript();
    }

    @Test
    void pythonSmtplibLmtpGetsOneReplyPerRecipient() throws Exception {
        Programs.assumeInstalled("python3");
        String script = String.join("\n",
                "import smtplib, sys",
                "s = smtplib.LMTP('127.0.0.1', int(sys.argv[1]))",
                "refused = s.sendmail('carol@example.org', ['alice@localhost', 'nobody@localhost'], sys.stdin.buffer.read())",
                "print(refused)",
                "s.quit()");
        Programs.Result r = Programs.run(List.of("python3", "-c", script, Integer.toString(lmtp.port())),
                BODY.getBytes(StandardCharsets.US_ASCII)).assertSuccess();
        assertEquals("{'nobody@localhost': (550, b'5.1.1 <nobody@localhost>: no such user here')}", r.output().strip());
        assertEquals(BODY, delivered());
    }

    @Test
    void angusMailSmtpTransportSendsWithStartTlsAndAuth() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(smtp.port()));
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.trust", "*");
        props.put("mail.smtp.localhost", "angus.test");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("carol@example.org"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("alice@localhost"));
        message.setSubject("from Angus");
        message.setText("Hello from Angus Mail.\n.a dot line\n");
        Transport.send(message, "alice", "alice-secret");
        String got = delivered();
        assertTrue(got.contains("Subject: from Angus\r\n"), got);
        assertTrue(got.endsWith("\r\n\r\nHello from Angus Mail.\r\n.a dot line\r\n"), got);
        assertNoPasswordInTranscript();
    }

    @Test
    void swaksSendsWithStartTlsAuthLoginAndPipelining() throws Exception {
        Programs.assumeInstalled("swaks");
        Programs.Result r = Programs.run(List.of("swaks", "--server", "127.0.0.1", "--port", Integer.toString(smtp.port()),
                "--ehlo", "swaks.test", "--from", "carol@example.org", "--to", "alice@localhost", "--tls",
                "--auth", "LOGIN", "--auth-user", "alice", "--auth-password", "alice-secret", "--pipeline",
                "--data", "-"), BODY.getBytes(StandardCharsets.US_ASCII)).assertSuccess();
        assertTrue(r.output().contains("<~  250 2.0.0 Message accepted for delivery"), r.output());
        assertEquals(BODY + "\r\n", delivered()); // swaks ends the data with one more CRLF of its own
        assertNoPasswordInTranscript();
    }

    @Test
    void swaksOverLmtp() throws Exception {
        Programs.assumeInstalled("swaks");
        Programs.Result r = Programs.run(List.of("swaks", "--protocol", "LMTP", "--server", "127.0.0.1",
                "--port", Integer.toString(lmtp.port()), "--from", "carol@example.org", "--to", "alice@localhost",
                "--data", "-"), BODY.getBytes(StandardCharsets.US_ASCII)).assertSuccess();
        assertTrue(r.output().contains("<-  250 2.1.5 <alice@localhost> delivered"), r.output());
        assertEquals(BODY + "\r\n", delivered());
    }

    @Test
    void msmtpSendsWithStartTlsAndAuthPlain() throws Exception {
        Programs.assumeInstalled("msmtp");
        Programs.run(List.of("msmtp", "--host=127.0.0.1", "--port=" + smtp.port(), "--domain=msmtp.test",
                "--from=carol@example.org", "--auth=plain", "--user=alice", "--passwordeval=echo alice-secret",
                "--tls=on", "--tls-starttls=on", "--tls-trust-file=" + certificatePem, "--tls-certcheck=off",
                "alice@localhost"), BODY.replace("\r\n", "\n").getBytes(StandardCharsets.US_ASCII)).assertSuccess();
        String got = delivered();
        assertTrue(got.endsWith("\r\n" + BODY), got); // msmtp adds Date: and Message-ID: on top
        assertNoPasswordInTranscript();
    }
}
