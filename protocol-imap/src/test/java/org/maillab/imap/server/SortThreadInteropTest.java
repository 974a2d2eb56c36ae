package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.imap.client.ImapClient;
import org.maillab.imap.codec.SearchKey;
import org.maillab.imap.codec.SortCriterion;
import org.maillab.imap.codec.ThreadAlgorithm;
import org.maillab.imap.codec.ThreadNode;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.memory.InMemoryStore;

/** SORT and THREAD (RFC 5256) over loopback: python3's imaplib and MailLab's own client. */
class SortThreadInteropTest {

    /** A small discussion: 1 starts "Lunch", 2 replies, 3 is unrelated, 4 replies to 2 without References. */
    static final List<String> MESSAGES = List.of(
            "From: Carol <carol@example.org>\r\nSubject: Lunch\r\nMessage-ID: <1@ex>\r\n"
                    + "Date: Mon, 5 Jan 2026 12:00:00 +0100\r\n\r\nLunch at one?\r\n",
            "From: alice@example.org\r\nSubject: Re: Lunch\r\nMessage-ID: <2@ex>\r\nReferences: <1@ex>\r\n"
                    + "Date: Mon, 5 Jan 2026 12:10:00 +0100\r\n\r\nYes.\r\n",
            "From: bob@example.org\r\nSubject: [team] Build broken\r\nMessage-ID: <3@ex>\r\n"
                    + "Date: Mon, 5 Jan 2026 09:00:00 +0000\r\n\r\nAgain, sorry, a longer message this time.\r\n",
            "From: dave@example.org\r\nSubject: =?UTF-8?Q?Re=3A_Lunch?=\r\nMessage-ID: <4@ex>\r\n"
                    + "In-Reply-To: <2@ex>\r\nDate: Mon, 5 Jan 2026 12:20:00 +0100\r\n\r\nMe too.\r\n");

    MailStore store;
    ImapServer server;
    int port;

    @BeforeEach
    void setUp() throws Exception {
        store = new InMemoryStore();
        Account fred = store.createAccount("fred", "secret", false);
        for (int i = 0; i < MESSAGES.size(); i++) {
            fred.append("INBOX", new ByteArrayInputStream(MESSAGES.get(i).getBytes(StandardCharsets.US_ASCII)),
                    Flags.NONE, Instant.parse("2026-01-06T10:00:00Z").minusSeconds(60L * i));
        }
        server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1));
        port = server.port().orElseThrow();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void pythonImaplibSortsAndThreads_rfc5256(@TempDir Path dir) throws Exception {
        String out = InteropTest.python(dir, port,
                "import imaplib, sys",
                "m = imaplib.IMAP4('127.0.0.1', int(sys.argv[1]))",
                "print('caps', ' '.join(sorted(m.capabilities)))",
                "m.login('fred', 'secret')",
                "m.select('INBOX')",
                "print('sort-subject', m.sort('(SUBJECT)', 'UTF-8', 'ALL'))",
                "print('sort-date', m.sort('(REVERSE DATE)', 'UTF-8', 'ALL'))",
                "print('sort-from', m.sort('(FROM)', 'US-ASCII', 'NOT', 'FROM', 'bob'))",
                "print('uid-sort', m.uid('SORT', '(SIZE)', 'UTF-8', 'ALL'))",
                "print('thread-refs', m.thread('REFERENCES', 'UTF-8', 'ALL'))",
                "print('thread-subj', m.thread('ORDEREDSUBJECT', 'UTF-8', 'ALL'))",
                "print('uid-thread', m.uid('THREAD', 'REFERENCES', 'UTF-8', 'SUBJECT', 'lunch'))",
                "print('badcharset', m.sort('(SUBJECT)', 'KOI8-R', 'ALL'))",
                "try:",
                "    m.sort('(NAME)', 'UTF-8', 'ALL')",
                "except imaplib.IMAP4.error as e:",
                "    print('bad', e)",
                "print('still', m.sort('(ARRIVAL)', 'UTF-8', 'ALL'))",
                "m.logout()");
        assertTrue(out.contains("SORT") && out.contains("THREAD=REFERENCES") && out.contains("THREAD=ORDEREDSUBJECT"),
                out);
        // base subjects "Build broken", "Lunch" x3 (by sequence among equals)
        assertTrue(out.contains("sort-subject ('OK', [b'3 1 2 4'])"), out);
        // sent dates in UTC: 3 09:00, 1 11:00, 2 11:10, 4 11:20
        assertTrue(out.contains("sort-date ('OK', [b'4 2 1 3'])"), out);
        assertTrue(out.contains("sort-from ('OK', [b'2 1 4'])"), out);
        assertTrue(out.contains("uid-sort ('OK', [b'1 2 4 3'])"), out);
        assertTrue(out.contains("thread-refs ('OK', [b'(3)(1 2 4)'])"), out);
        assertTrue(out.contains("thread-subj ('OK', [b'(3)(1 (2)(4))'])"), out);
        assertTrue(out.contains("uid-thread ('OK', [b'(1 2 4)'])"), out);
        assertTrue(out.contains("badcharset ('NO', [b'[BADCHARSET (UTF-8 US-ASCII)] Unsupported charset'])"), out);
        assertTrue(out.contains("bad SORT command error: BAD"), out);
        // internal dates go back a minute per message
        assertTrue(out.contains("still ('OK', [b'4 3 2 1'])"), out);
    }

    @Test
    void imapClientSortsAndThreads_rfc5256() throws Exception {
        try (ImapClient client = ImapClient.connect("127.0.0.1", port)) {
            assertTrue(client.hasCapability("SORT") && client.hasCapability("THREAD=REFERENCES"));
            client.login("fred", "secret");
            client.select("INBOX");
            assertEquals(List.of(4L, 2L, 1L, 3L), client.sort(false, List.of(SortCriterion.reversed(
                    SortCriterion.Key.DATE)), "UTF-8", new SearchKey.Flag(SearchKey.Simple.ALL)));
            assertEquals(List.of(2L, 1L, 4L), client.sort(true, List.of(SortCriterion.of(SortCriterion.Key.FROM)),
                    "UTF-8", new SearchKey.Not(new SearchKey.Text(SearchKey.TextField.FROM, "bob"))));
            List<ThreadNode> threads = client.thread(false, ThreadAlgorithm.REFERENCES, "UTF-8",
                    new SearchKey.Flag(SearchKey.Simple.ALL));
            assertEquals(List.of(ThreadNode.message(3), ThreadNode.message(1, List.of(ThreadNode.message(2,
                    List.of(ThreadNode.message(4)))))), threads);
            client.logout();
        }
    }
}
