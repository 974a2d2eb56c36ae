package org.maillab.testkit.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.mailstore.SystemFlag;
import org.maillab.testkit.MailLabExtension;

/**
 * python3's {@code imaplib} (run with ProcessBuilder) against the lab: as the code under test (a script
 * that answers mail), and as the reader of what a Java application sent with Angus Mail over SMTP.
 * Skipped where python3 is missing; CI has it.
 */
class PythonImaplibExampleTest {

    @RegisterExtension
    MailLabExtension mail = MailLabExtension.withAccounts("alice");

    /** Answers every unseen message whose subject asks for a reply: marks it \Answered, prints the subject. */
    static final String RESPONDER = """
            import imaplib, sys
            m = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
            m.login(sys.argv[3], sys.argv[4])
            m.select('INBOX')
            typ, data = m.uid('SEARCH', None, 'UNSEEN', 'SUBJECT', '"please reply"')
            for uid in data[0].split():
                typ, fetched = m.uid('FETCH', uid, '(BODY[HEADER.FIELDS (SUBJECT)])')
                print('answered', uid.decode(), fetched[0][1].decode().strip())
                m.uid('STORE', uid, '+FLAGS', '(\\\\Answered)')
            m.logout()
            """;

    @Test
    void theScriptAnswersOnlyWhatAsksForAReply(@TempDir Path dir) throws Exception {
        long ask = mail.deliver("alice", "Subject: please reply\r\n\r\nWell?\r\n");
        long news = mail.deliver("alice", "Subject: newsletter\r\n\r\nNothing to answer.\r\n");

        String out = python(dir, RESPONDER, mail.host(), Integer.toString(mail.imapPort()), "alice",
                mail.password("alice"));

        assertEquals("answered " + ask + " Subject: please reply\n", out);
        // the FETCH of BODY[...] (no PEEK) set \Seen, as RFC 9051 §6.4.5 says it must
        mail.assertFlags("alice", ask, SystemFlag.SEEN, SystemFlag.ANSWERED);
        mail.assertFlags("alice", news);
        String transcript = mail.lab().transcript();
        assertTrue(transcript.contains(" LOGIN alice "), transcript);
        assertFalse(transcript.contains(mail.password("alice")), transcript);
    }

    /** Reads the INBOX with imaplib and prints each message's sender and subject, and its flags. */
    static final String LISTER = """
            import imaplib, sys, email
            from email.header import decode_header, make_header
            m = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
            m.login(sys.argv[3], sys.argv[4])
            m.select('INBOX', readonly=True)
            typ, data = m.fetch('1:*', '(FLAGS BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)])')
            for item in data:
                if isinstance(item, tuple):
                    headers = email.message_from_bytes(item[1])
                    print(headers['From'], '|', str(make_header(decode_header(headers['Subject']))))
            m.logout()
            """;

    @Test
    void whatTheApplicationSendsWithAngusOverSmtpImaplibReadsBack(@TempDir Path dir) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", mail.host());
        p.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
        p.put("mail.smtp.timeout", "20000");
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("reports@example.org"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.address("alice")));
        m.setSubject("Rapport über März", "UTF-8");
        m.setText("see attachment");
        Transport.send(m);
        mail.awaitMessages("alice", 1);

        String out = python(dir, LISTER, mail.host(), Integer.toString(mail.imapPort()), "alice",
                mail.password("alice"));

        assertEquals("reports@example.org | Rapport über März\n", out);
    }

    /** Runs a python3 script with arguments; its standard output (the test fails on a non-zero exit). */
    static String python(Path dir, String script, String... args) throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("python3"), "python3 not installed");
        Path file = Files.writeString(dir.resolve("client.py"), script);
        List<String> command = new ArrayList<>(List.of("python3", file.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
