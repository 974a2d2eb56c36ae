package org.maillab.mailstore.maildir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.Mailbox;
import org.maillab.mailstore.MessageInfo;
import org.maillab.mailstore.SystemFlag;
import org.maillab.mailstore.testing.DovecotServer;

/**
 * A Maildir tree written by MailLab is read by Dovecot with the same messages, flags, keywords and
 * dates; a tree written by Dovecot (over IMAP on loopback) is read by MailLab the same way.
 */
class DovecotInteropTest {

    private static final DateTimeFormatter IMAP_DATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ROOT);

    private Path data;

    @BeforeEach
    void setUp() {
        DovecotServer.assumeAvailable();
        data = TempDirs.create("maillab-interop");
    }

    @AfterEach
    void tearDown() {
        TempDirs.delete(data);
    }

    private static MaildirStore openStore(Path data) {
        // Dovecot's layout: <data>/<user>/Maildir
        return MaildirStore.open(data, MaildirStore.Options.defaults().withPbkdf2Iterations(1000)
                .withAccountSubdirectory("Maildir"));
    }

    record Seen(Set<String> flags, long size, Instant date, byte[] body) {
    }

    /** UID FETCH of everything in a mailbox, as Dovecot serves it. */
    private static List<Seen> fetchAll(RawImap imap, String mailbox) throws IOException {
        imap.ok("SELECT \"" + mailbox + "\"");
        List<Seen> seen = new ArrayList<>();
        for (RawImap.Response r : imap.ok("UID FETCH 1:* (FLAGS RFC822.SIZE INTERNALDATE BODY.PEEK[])")) {
            if (!r.text().startsWith("* ") || !r.text().contains(" FETCH ")) {
                continue;
            }
            Matcher flags = Pattern.compile("FLAGS \\(([^)]*)\\)").matcher(r.text());
            Matcher size = Pattern.compile("RFC822\\.SIZE (\\d+)").matcher(r.text());
            Matcher date = Pattern.compile("INTERNALDATE \"([^\"]+)\"").matcher(r.text());
            assertTrue(flags.find() && size.find() && date.find(), r.text());
            Set<String> f = new TreeSet<>(Arrays.asList(flags.group(1).split(" ")));
            f.remove("");
            f.remove("\\Recent");
            Instant d = ZonedDateTime.parse(date.group(1).trim(), IMAP_DATE).toInstant();
            seen.add(new Seen(f, Long.parseLong(size.group(1)), d, r.literals().get(0)));
        }
        return seen;
    }

    private static Set<String> imapFlags(Flags flags) {
        Set<String> s = new TreeSet<>(flags.keywords());
        flags.system().forEach(f -> s.add(f.imapName()));
        return s;
    }

    private static byte[] message(String subject, int lines) {
        StringBuilder sb = new StringBuilder("From: a@example.org\r\nSubject: " + subject + "\r\n\r\n");
        for (int i = 0; i < lines; i++) {
            sb.append("line ").append(i).append(" of ").append(subject).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void dovecotReadsAMaildirWrittenByMailLab() throws Exception {
        Instant date = Instant.parse("2025-12-24T18:30:00Z");
        List<byte[]> inbox = List.of(message("one", 3), message("two", 500), message("three", 0));
        List<Flags> inboxFlags = List.of(Flags.NONE, Flags.of(SystemFlag.SEEN, SystemFlag.ANSWERED),
                new Flags(Set.of(SystemFlag.FLAGGED, SystemFlag.DRAFT), Set.of("$Forwarded", "Work")));
        try (MaildirStore store = openStore(data)) {
            Account alice = store.createAccount("alice", DovecotServer.PASSWORD, false);
            alice.create("Work/Reports");
            for (int i = 0; i < inbox.size(); i++) {
                alice.append("INBOX", new java.io.ByteArrayInputStream(inbox.get(i)), inboxFlags.get(i), date);
            }
            alice.append("Work/Reports", new java.io.ByteArrayInputStream(message("report", 10)),
                    Flags.of(SystemFlag.DELETED), date);
            try (Mailbox m = alice.open("INBOX", false)) {
                // a flag change after delivery renames the file: Dovecot must see the new name
                long uid = m.messages().get(0).uid();
                m.store(List.of(uid), org.maillab.mailstore.FlagOp.ADD, new Flags(Set.of(), Set.of("Work")));
            }
        }
        List<Set<String>> expected = List.of(Set.of("Work"), imapFlags(inboxFlags.get(1)), imapFlags(inboxFlags.get(2)));
        try (DovecotServer dovecot = DovecotServer.start(data); RawImap imap = new RawImap(dovecot.imapPort())) {
            imap.ok("LOGIN alice " + DovecotServer.PASSWORD);
            List<String> list = new ArrayList<>();
            for (RawImap.Response r : imap.ok("LIST \"\" \"*\"")) {
                if (r.text().startsWith("* LIST")) {
                    list.add(r.text().substring(r.text().lastIndexOf(' ') + 1).replace("\"", ""));
                }
            }
            assertEquals(Set.of("INBOX", "Work", "Work/Reports"), new TreeSet<>(list));
            List<Seen> seen = fetchAll(imap, "INBOX");
            assertEquals(3, seen.size());
            for (int i = 0; i < 3; i++) {
                assertEquals(expected.get(i), seen.get(i).flags(), "flags of message " + i);
                assertEquals(inbox.get(i).length, seen.get(i).size(), "size of message " + i);
                assertArrayEquals(inbox.get(i), seen.get(i).body(), "bytes of message " + i);
                assertEquals(date, seen.get(i).date(), "INTERNALDATE of message " + i);
            }
            List<Seen> reports = fetchAll(imap, "Work/Reports");
            assertEquals(1, reports.size());
            assertEquals(Set.of("\\Deleted"), reports.get(0).flags());
        }
    }

    @Test
    void mailLabReadsAMaildirWrittenByDovecot() throws Exception {
        List<byte[]> sent = List.of(message("alpha", 2), message("beta", 300), message("gamma", 1));
        try (DovecotServer dovecot = DovecotServer.start(data); RawImap imap = new RawImap(dovecot.imapPort())) {
            imap.ok("LOGIN bob " + DovecotServer.PASSWORD);
            imap.ok("CREATE Archive/2025");
            imap.append("INBOX", "\\Seen", sent.get(0));
            imap.append("INBOX", "\\Answered $Label1 Project", sent.get(1));
            imap.append("Archive/2025", "", sent.get(2));
            imap.ok("SELECT INBOX");
            imap.ok("UID STORE 1 +FLAGS (\\Flagged)");
        }
        try (MaildirStore store = openStore(data)) {
            // an account record beside Dovecot's Maildir; the mail is adopted as it is
            Account bob = store.createAccount("bob", "pw", false);
            assertEquals(List.of("INBOX", "Archive", "Archive/2025"),
                    bob.list("*").stream().map(i -> i.name()).toList());
            try (Mailbox m = bob.open("INBOX", true)) {
                List<MessageInfo> msgs = m.messages();
                assertEquals(2, msgs.size());
                assertEquals(Set.of("\\Seen", "\\Flagged"), imapFlags(msgs.get(0).flags()));
                assertEquals(Set.of("\\Answered", "$Label1", "Project"), imapFlags(msgs.get(1).flags()));
                for (int i = 0; i < 2; i++) {
                    assertEquals(sent.get(i).length, msgs.get(i).size(), "CRLF size of message " + i);
                    try (InputStream in = m.content(msgs.get(i).uid()).open()) {
                        assertArrayEquals(sent.get(i), in.readAllBytes(), "bytes of message " + i);
                    }
                    try (InputStream in = m.content(msgs.get(i).uid()).open(10, 20)) {
                        assertArrayEquals(Arrays.copyOfRange(sent.get(i), 10, 30), in.readAllBytes());
                    }
                }
            }
            try (Mailbox m = bob.open("Archive/2025", true)) {
                assertEquals(1, m.messages().size());
                try (InputStream in = m.content(m.messages().get(0).uid()).open()) {
                    assertArrayEquals(sent.get(2), in.readAllBytes());
                }
            }
        }
    }
}
