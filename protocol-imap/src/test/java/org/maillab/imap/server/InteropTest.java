package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;

/** Real clients on this machine against the server, over loopback: python3's imaplib and curl. */
class InteropTest {

    static final String MESSAGE = "From: alice@example.org\r\nSubject: Hello\r\n\r\nHi Fred.\r\n";

    MailStore store;
    ImapServer server;
    int port;

    @BeforeEach
    void setUp() throws Exception {
        store = new InMemoryStore();
        Account fred = store.createAccount("fred", "secret", false);
        fred.append("INBOX", new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.US_ASCII)), Flags.NONE,
                Instant.parse("2026-01-01T10:00:00Z"));
        server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1));
        port = server.port().orElseThrow();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a python3 script, given as its lines, with the server's port as its argument; its output. */
    static String python(Path dir, int port, String... lines) throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("python3"), "python3 not installed");
        Path script = Files.createTempFile(dir, "client", ".py");
        Files.writeString(script, String.join("\n", lines) + "\n");
        return run(List.of("python3", script.toString(), Integer.toString(port)));
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "client did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void pythonImaplibLogsInAppendsFetchesSearchesAndExpunges(@TempDir Path dir) throws Exception {
        String out = python(dir, port,
                "import imaplib, sys",
                "m = imaplib.IMAP4('127.0.0.1', int(sys.argv[1]))",
                "print('caps', ' '.join(sorted(m.capabilities)))",
                "m.login('fred', 'secret')",
                "print('list', m.list()[0])",
                "typ, data = m.append('INBOX', '(\\\\Flagged)', None, b'Subject: from python\\r\\n\\r\\nbody\\r\\n')",
                "print('append', typ)",
                "typ, data = m.select('INBOX')",
                "print('select', typ, data)",
                "typ, data = m.fetch('1', '(BODY.PEEK[HEADER.FIELDS (SUBJECT)] RFC822.SIZE)')",
                "print('fetch', data[0][0].decode(), data[0][1].decode().strip())",
                "typ, data = m.uid('SEARCH', None, 'FLAGGED')",
                "print('search', data)",
                "typ, data = m.search(None, 'SUBJECT', '\"python\"')",
                "print('search2', data)",
                "m.store('1', '+FLAGS', '\\\\Deleted')",
                "typ, data = m.expunge()",
                "print('expunge', data)",
                "typ, data = m.status('INBOX', '(MESSAGES UIDNEXT)')",
                "print('status', data)",
                "m.logout()");
        assertTrue(out.contains("IMAP4REV1") && out.contains("IDLE"), out);
        assertTrue(out.contains("append OK"), out);
        assertTrue(out.contains("select OK [b'2']"), out);
        assertTrue(out.contains("fetch 1 (BODY[HEADER.FIELDS (SUBJECT)] {18} Subject: Hello"), out);
        assertTrue(out.contains("search [b'2']"), out);
        assertTrue(out.contains("search2 [b'2']"), out);
        assertTrue(out.contains("expunge [b'1']"), out);
        assertTrue(out.contains("status [b'INBOX (MESSAGES 1 UIDNEXT 3)']"), out);
    }

    @Test
    void curlFetchesAMessageAndListsMailboxes() throws Exception {
        Assumptions.assumeTrue(onPath("curl"), "curl not installed");
        String message = run(List.of("curl", "-s", "--max-time", "30", "--user", "fred:secret",
                "imap://127.0.0.1:" + port + "/INBOX;UID=1"));
        assertEquals(MESSAGE, message);
        String list = run(List.of("curl", "-s", "--max-time", "30", "--user", "fred:secret",
                "imap://127.0.0.1:" + port + "/"));
        assertTrue(list.contains("INBOX"), list);
        List<String> search = new ArrayList<>(List.of("curl", "-s", "--max-time", "30", "--user", "fred:secret",
                "--request", "SEARCH SUBJECT Hello", "imap://127.0.0.1:" + port + "/INBOX"));
        assertTrue(run(search).contains("SEARCH 1"), "curl SEARCH");
    }
}
