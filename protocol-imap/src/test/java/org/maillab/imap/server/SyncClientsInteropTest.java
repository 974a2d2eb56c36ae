package org.maillab.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.mailstore.Account;
import org.maillab.mailstore.Flags;
import org.maillab.mailstore.MailStore;
import org.maillab.mailstore.SystemFlag;
import org.maillab.mailstore.memory.InMemoryStore;

/** Debian's mbsync (isync) and fetchmail against the server over loopback (installed by .ci/run). */
class SyncClientsInteropTest {

    MailStore store;
    Account fred;
    ImapServer server;
    int port;

    @BeforeEach
    void setUp() throws Exception {
        store = new InMemoryStore();
        fred = store.createAccount("fred", "secret", false);
        fred.create("Work");
        put("INBOX", "Subject: one\r\n\r\nfirst\r\n", Flags.of(SystemFlag.SEEN));
        put("INBOX", "Subject: two\r\n\r\nsecond\r\n", Flags.NONE);
        put("Work", "Subject: three\r\n\r\nthird\r\n", Flags.of(SystemFlag.FLAGGED));
        server = ImapServer.start(store, ImapServerConfig.defaults().withPorts(0, -1));
        port = server.port().orElseThrow();
    }

    private void put(String mailbox, String message, Flags flags) {
        fred.append(mailbox, new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)), flags,
                Instant.parse("2026-01-01T10:00:00Z"));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private static boolean installed(String path) {
        return Files.isExecutable(Path.of(path));
    }

    private static String run(Path dir, List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "did not finish: " + out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void mbsyncPullsEveryMailboxIntoAMaildirWithFlags(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(installed("/usr/bin/mbsync"), "mbsync not installed");
        Path local = dir.resolve("mail");
        Files.createDirectories(local);
        Path config = dir.resolve("mbsyncrc");
        Files.writeString(config, String.join("\n",
                "IMAPAccount maillab",
                "Host 127.0.0.1",
                "Port " + port,
                "User fred",
                "Pass secret",
                "SSLType None",
                "AuthMechs LOGIN",
                "",
                "IMAPStore remote",
                "Account maillab",
                "",
                "MaildirStore local",
                "Path " + local + "/",
                "Inbox " + local + "/INBOX",
                "SubFolders Verbatim",
                "",
                "Channel sync",
                "Far :remote:",
                "Near :local:",
                "Patterns *",
                "Create Near",
                "Sync Pull",
                "SyncState *",
                ""));
        run(dir, List.of("/usr/bin/mbsync", "-c", config.toString(), "-a"));
        List<Path> inbox = files(local.resolve("INBOX"));
        List<Path> work = files(local.resolve("Work"));
        assertEquals(2, inbox.size(), inbox.toString());
        assertEquals(1, work.size(), work.toString());
        assertTrue(inbox.stream().anyMatch(f -> f.getFileName().toString().endsWith(",S")), inbox.toString());
        assertTrue(work.get(0).getFileName().toString().endsWith(",F"), work.toString());
        assertTrue(Files.readString(work.get(0)).contains("Subject: three"));
        // A second run finds nothing new: UIDs and UIDVALIDITY are stable.
        run(dir, List.of("/usr/bin/mbsync", "-c", config.toString(), "-a"));
        assertEquals(2, files(local.resolve("INBOX")).size());
    }

    private static List<Path> files(Path maildir) throws Exception {
        try (Stream<Path> cur = Files.list(maildir.resolve("cur")); Stream<Path> neu = Files.list(maildir.resolve("new"))) {
            return Stream.concat(cur, neu).sorted().toList();
        }
    }

    @Test
    void fetchmailDownloadsOverImap(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(installed("/usr/bin/fetchmail"), "fetchmail not installed");
        Path mbox = dir.resolve("delivered");
        Path rc = dir.resolve("fetchmailrc");
        Files.writeString(rc, "poll 127.0.0.1 service " + port + " protocol IMAP auth password\n"
                + "  user \"fred\" password \"secret\" is \"fred\" here\n"
                + "  keep sslproto \"\" mda \"/bin/sh -c 'cat >> " + mbox + "'\"\n");
        Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
        Process p = new ProcessBuilder("/usr/bin/fetchmail", "-f", rc.toString(), "--all", "--nodetach",
                "--pidfile", dir.resolve("pid").toString(), "--idfile", dir.resolve("ids").toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        String delivered = Files.readString(mbox);
        assertTrue(delivered.contains("Subject: one") && delivered.contains("Subject: two"), delivered + out);
    }
}
