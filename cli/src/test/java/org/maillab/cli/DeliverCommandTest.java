package org.maillab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.maildir.MaildirStore;

class DeliverCommandTest {

    @TempDir
    Path data;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int deliver(String message, String... args) throws Exception {
        return DeliverCommand.deliver(List.of(args), new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aDeliveredMessageIsInTheUsersInbox() throws Exception {
        try (MailStore store = MaildirStore.open(data)) {
            store.createAccount("alice", "pw", false);
        }
        assertEquals(0, deliver("Subject: hi\r\n\r\nhello\r\n", "--data", data.toString(), "--user", "alice"));
        try (Stream files = new Stream(data.resolve("alice/tmp"))) {
            assertEquals(0, files.count(), "nothing left behind in tmp/");
        }
        try (MailStore store = MaildirStore.open(data)) {
            assertEquals(1, store.account("alice").orElseThrow().status("INBOX").messages());
        }
    }

    @Test
    void mailOverTheQuotaIsNotDeliveredAndExitsWithTempfail_rfc9208Section5() throws Exception {
        String message = "Subject: hi\n\nhello\n"; // 22 octets once line ends are CRLF
        try (MailStore store = MaildirStore.open(data)) {
            store.createAccount("alice", "pw", false).setQuota(OptionalLong.of(50), OptionalLong.of(5));
        }
        assertEquals(0, deliver(message, "--data", data.toString(), "--user", "alice"));
        assertEquals(0, deliver(message, "--data", data.toString(), "--user", "alice"), "44 of 50 octets");
        assertEquals(DeliverCommand.EX_TEMPFAIL, deliver(message, "--data", data.toString(), "--user", "alice"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(
                "alice is over quota (storage 44 of 50 octets used, message 22 octets; messages 2 of 5); nothing delivered"),
                err.toString(StandardCharsets.UTF_8));
        try (Stream files = new Stream(data.resolve("alice/tmp"))) {
            assertEquals(0, files.count(), "nothing left behind in tmp/");
        }
        try (MailStore store = MaildirStore.open(data)) {
            Account alice = store.account("alice").orElseThrow();
            assertEquals(2, alice.status("INBOX").messages());
            assertEquals(44, alice.quota().storageUsed());
            alice.setQuota(OptionalLong.empty(), OptionalLong.of(2));
        }
        assertEquals(DeliverCommand.EX_TEMPFAIL, deliver("x", "--data", data.toString(), "--user", "alice"),
                "the message limit counts too");
    }

    @Test
    void anUnknownUserIsRefused() throws Exception {
        assertEquals(1, deliver("Subject: hi\r\n\r\n", "--data", data.toString(), "--user", "nobody"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no account 'nobody'"));
    }

    @Test
    void namesThatClimbOutOfTheDataDirectoryAreRefused() throws Exception {
        assertEquals(2, deliver("x", "--data", data.toString(), "--user", "../etc"));
        assertEquals(2, deliver("x", "--data", data.toString(), "--user", ".hidden"));
    }

    @Test
    void aUserIsRequired() throws Exception {
        assertEquals(2, deliver("x", "--data", data.toString()));
    }

    /** Counts a directory's entries. */
    private static final class Stream implements AutoCloseable {
        private final java.util.stream.Stream<Path> files;

        Stream(Path dir) throws java.io.IOException {
            files = Files.list(dir);
        }

        long count() {
            return files.count();
        }

        @Override
        public void close() {
            files.close();
        }
    }
}
