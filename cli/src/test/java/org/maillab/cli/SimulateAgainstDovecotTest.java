package org.maillab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.mailstore.testing.DovecotServer;

/** {@code maillab simulate --target} against Dovecot (Debian packages) on loopback. */
class SimulateAgainstDovecotTest {

    @Test
    void simulateRunsAScenarioAgainstDovecotsPop3(@TempDir Path dir) throws Exception {
        DovecotServer.assumeAvailable();
        Path data = Files.createTempDirectory("maillab-sim-cli-dovecot-");
        try (DovecotServer dovecot = DovecotServer.start(data)) {
            Path maildir = dovecot.maildir("alice");
            Files.createDirectories(maildir);
            dovecot.handOver(maildir.getParent());
            Path scenario = dir.resolve("s.scenario");
            Files.writeString(scenario, """
                    scenario dovecot
                    duration 2h
                    compare pop3-keep pop3-delete imap-online
                    account alice
                    mail alice count 4 every 15m size 2KB..10KB
                    device laptop account alice check-every 30m
                    """);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Maillab.run(List.of("simulate", scenario.toString(),
                            "--target", "pop3://127.0.0.1:" + dovecot.pop3Port(),
                            "--target", "imap://127.0.0.1:" + dovecot.imapPort(), "--user", "alice",
                            "--password", DovecotServer.PASSWORD, "--maildir", maildir.toString(),
                            "--maildir-owner", "vmail", "--out", dir.resolve("report").toString()),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, status, err.toString(StandardCharsets.UTF_8) + text);
            assertTrue(text.contains("target pop3://127.0.0.1:" + dovecot.pop3Port() + " and imap://127.0.0.1:"
                    + dovecot.imapPort() + " as alice"), text);
            assertTrue(text.contains("POP3 leave-on-server (UIDL)"), text);
            assertTrue(text.contains("dovecot: IMAP online: done"), text);
            assertTrue(Files.exists(dir.resolve("report/report.html")));
        }
    }
}
