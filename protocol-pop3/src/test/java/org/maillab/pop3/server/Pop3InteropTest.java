package org.maillab.pop3.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Flags.Flag;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.memory.InMemoryStore;

/**
 * Interoperability with POP3 clients we did not write: python3's {@code poplib}, {@code curl pop3://}
 * and Eclipse Angus Mail's POP3 provider. Loopback only.
 */
class Pop3InteropTest {

    static final String FIRST = "From: a@example.org\r\nTo: alice@example.org\r\nSubject: first\r\n\r\n"
            + "Hello Alice.\r\n.\r\n.. this line starts with two dots\r\nBye\r\n";
    static final String SECOND = "From: b@example.org\r\nTo: alice@example.org\r\nSubject: second\r\n\r\n"
            + "line 1\r\nline 2\r\nline 3\r\n";

    InMemoryStore store;
    Account alice;
    Pop3Server server;

    @BeforeEach
    void start() throws Exception {
        store = new InMemoryStore();
        alice = store.createAccount("alice", "wonderland", true);
        for (String m : List.of(FIRST, SECOND)) {
            alice.append("INBOX", new ByteArrayInputStream(m.getBytes(StandardCharsets.US_ASCII)), Flags.NONE,
                    Instant.parse("2026-11-27T00:00:00Z"));
        }
        server = Pop3Server.start(store, Pop3ServerConfig.defaults(), new InetSocketAddress("127.0.0.1", 0), null);
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "process finished");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + text);
        return text;
    }

    @Test
    void pythonPoplibReadsDeletesAndUsesApop() throws Exception {
        String script = String.join("\n",
                "import poplib, sys",
                "p = poplib.POP3('127.0.0.1', int(sys.argv[1]), timeout=20)",
                "p.apop('alice', 'wonderland')",
                "print('STAT', *p.stat())",
                "print('CAPA', sorted(p.capa().keys()))",
                "resp, lines, octets = p.list()",
                "print('LIST', [l.decode() for l in lines])",
                "resp, lines, octets = p.retr(1)",
                "sys.stdout.write('RETR1 ' + repr(b'\\r\\n'.join(lines) + b'\\r\\n') + '\\n')",
                "resp, lines, octets = p.top(2, 1)",
                "print('TOP', [l.decode() for l in lines])",
                "print('UIDL', len(p.uidl()[1]))",
                "p.dele(1)",
                "print('QUIT', p.quit().decode())",
                "p = poplib.POP3('127.0.0.1', int(sys.argv[1]), timeout=20)",
                "p.user('alice'); p.pass_('wonderland')",
                "print('AFTER', *p.stat())",
                "p.quit()");
        String out = run(List.of("python3", "-c", script, Integer.toString(server.port())));
        assertTrue(out.contains("STAT 2 " + (FIRST.length() + SECOND.length())), out);
        assertTrue(out.contains("'PIPELINING'") && out.contains("'UIDL'") && out.contains("'TOP'"), out);
        assertTrue(out.contains("LIST ['1 " + FIRST.length() + "', '2 " + SECOND.length() + "']"), out);
        assertTrue(out.contains("RETR1 " + pythonRepr(FIRST)), out);
        assertTrue(out.contains("TOP ['From: b@example.org', 'To: alice@example.org', 'Subject: second', '', 'line 1']"),
                out);
        assertTrue(out.contains("UIDL 2"), out);
        assertTrue(out.contains("QUIT +OK MailLab POP3 server signing off (1 messages left)"), out);
        assertTrue(out.contains("AFTER 1 " + SECOND.length()), out);
    }

    /** How Python prints these ASCII bytes: b'...' with \r and \n escaped. */
    private static String pythonRepr(String ascii) {
        return "b'" + ascii.replace("\\", "\\\\").replace("'", "\\'").replace("\r", "\\r").replace("\n", "\\n") + "'";
    }

    @Test
    void curlListsAndRetrieves() throws Exception {
        String base = "pop3://127.0.0.1:" + server.port() + "/";
        String list = run(List.of("curl", "-sS", "--max-time", "20", "-u", "alice:wonderland", base));
        assertEquals("1 " + FIRST.length() + "\r\n2 " + SECOND.length() + "\r\n", list);
        String retr = run(List.of("curl", "-sS", "--max-time", "20", "-u", "alice:wonderland", base + "1"));
        assertEquals(FIRST, retr);
        String uidl = run(List.of("curl", "-sS", "--max-time", "20", "-u", "alice:wonderland", "-X", "UIDL", base));
        assertEquals(2, uidl.lines().count(), uidl);
    }

    @Test
    void angusMailReadsAndDeletes() throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.pop3.host", "127.0.0.1");
        props.setProperty("mail.pop3.port", Integer.toString(server.port()));
        props.setProperty("mail.pop3.connectiontimeout", "20000");
        props.setProperty("mail.pop3.timeout", "20000");
        Session session = Session.getInstance(props);
        List<String> uids = new ArrayList<>();
        Store pop = session.getStore("pop3");
        pop.connect("alice", "wonderland");
        try {
            Folder inbox = pop.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message[] messages = inbox.getMessages();
            assertEquals(2, messages.length);
            assertEquals("first", messages[0].getSubject());
            assertEquals("second", messages[1].getSubject());
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            messages[0].writeTo(raw);
            assertArrayEquals(FIRST.getBytes(StandardCharsets.US_ASCII), raw.toByteArray());
            assertArrayEquals(new int[] {FIRST.length(), SECOND.length()}, ((POP3Folder) inbox).getSizes(), "LIST sizes");
            for (Message m : messages) {
                uids.add(((POP3Folder) inbox).getUID(m));
            }
            messages[0].setFlag(Flag.DELETED, true);
            inbox.close(true); // expunge: DELE, then QUIT enters UPDATE
        } finally {
            pop.close();
        }
        assertEquals(1, alice.status("INBOX").messages());
        Store again = session.getStore("pop3");
        again.connect("alice", "wonderland");
        try {
            Folder inbox = again.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertEquals(uids.get(1), ((POP3Folder) inbox).getUID(inbox.getMessage(1)), "UIDL is stable");
            inbox.close(false);
        } finally {
            again.close();
        }
    }

}
