package org.maillab.labkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.mailstore.testing.DovecotServer;

/**
 * conform against the reference Dovecot: every check passes. Dovecot's greeting carries no APOP
 * timestamp (APOP is a MAY, RFC 1939 §7), so that check is skipped, not failed.
 */
class DovecotConformTest {

    @TempDir
    Path data;

    @Test
    void dovecotPassesEveryCheckAndKeepsNoTestMail() throws Exception {
        DovecotServer.assumeAvailable();
        try (DovecotServer dovecot = DovecotServer.start(data)) {
            List<CheckResult> results = new Pop3Conformance(
                    new Pop3Conformance.Target("127.0.0.1", dovecot.pop3Port(), "alice", DovecotServer.PASSWORD),
                    Optional.of(new ImapDelivery("127.0.0.1", dovecot.imapPort(), "alice", DovecotServer.PASSWORD)),
                    n -> { }, "dovecot").run();

            assertEquals(List.of("greeting.apop-timestamp SKIP"), results.stream()
                    .filter(r -> r.outcome() != Outcome.PASS).map(r -> r.id() + " " + r.outcome()).toList(),
                    results.toString());
            for (String dir : List.of("cur", "new")) {
                Path maildir = dovecot.maildir("alice").resolve(dir);
                if (Files.isDirectory(maildir)) {
                    try (var files = Files.list(maildir)) {
                        assertEquals(0, files.count(), "conform removed its test mail from " + dir);
                    }
                }
            }
        }
    }
}
