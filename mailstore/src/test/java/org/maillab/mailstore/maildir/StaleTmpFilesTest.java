package org.maillab.mailstore.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;

/**
 * Issue 11, finding 11: opening the store removes files in {@code tmp/} older than 36 hours (the Maildir
 * convention: a delivery that will never finish), in INBOX's and in folders' {@code tmp/}, and keeps
 * younger ones (a delivery another program may still be writing). The mtimes are set by the test.
 */
class StaleTmpFilesTest {

    @TempDir
    Path data;

    private static Path file(Path dir, String name, Duration age) throws Exception {
        Files.createDirectories(dir);
        Path p = dir.resolve(name);
        Files.writeString(p, "partial");
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(age)));
        return p;
    }

    @Test
    void filesOlderThan36HoursInTmpAreRemovedAtOpenAndYoungerOnesKept() throws Exception {
        try (MaildirStore store = MaildirStore.open(data, MaildirStore.Options.defaults().withFsync(false))) {
            Account alice = store.createAccount("alice", "secret", false);
            alice.create("Work");
        }
        Path maildir = data.resolve("alice");
        Path killedAppend = file(maildir.resolve("tmp"), "1767225600.killed.host", Duration.ofHours(37));
        Path inProgress = file(maildir.resolve("tmp"), "1767225600.fresh.host", Duration.ofHours(35));
        Path folderStale = file(maildir.resolve(".Work").resolve("tmp"), "old.host", Duration.ofDays(10));
        Path curMessage = file(maildir.resolve("cur"), "old-message:2,S", Duration.ofDays(400));

        try (MaildirStore store = MaildirStore.open(data, MaildirStore.Options.defaults().withFsync(false))) {
            assertFalse(Files.exists(killedAppend));
            assertFalse(Files.exists(folderStale));
            assertTrue(Files.exists(inProgress));
            assertTrue(Files.exists(curMessage), "only tmp/ is cleaned");
            // and the store works as before
            Account alice = store.authenticate("alice", "secret").orElseThrow();
            alice.append("Work", new ByteArrayInputStream("Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII)),
                    Flags.NONE, Instant.now());
            assertEquals(1, alice.status("Work").messages());
        }
    }
}
