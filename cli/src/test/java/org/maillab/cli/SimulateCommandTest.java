package org.maillab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return Maillab.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aBrokenFileReportsEveryErrorWithItsLineAndRunsNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.scenario");
        Files.writeString(file, """
                scenario broken
                seed twelve
                account alice
                device laptop account alice network carrier-pigeon
                at 1h desktop open newest
                """);
        Path report = dir.resolve("report");
        assertEquals(1, run("simulate", file.toString(), "--out", report.toString()));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains(file + ":2: expected a seed (a whole number), found 'twelve'"), errors);
        assertTrue(errors.contains(file + ":4: 'carrier-pigeon' is not a network"), errors);
        assertTrue(errors.contains(file + ":5: no device named 'desktop' is declared"), errors);
        assertTrue(errors.contains("3 error(s); nothing was run."), errors);
        assertFalse(Files.exists(report));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aValidFileRunsWithSeedAndNetworkOverrides(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.scenario");
        Files.writeString(file, """
                scenario tiny
                duration 2h
                compare pop3-delete imap-online
                account a
                mail a count 3 every 10m
                device d account a
                """);
        assertEquals(0, run("simulate", file.toString(), "--seed", "5", "--network", "satellite", "--out",
                dir.resolve("r").toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("== tiny: tiny"), text);
        assertTrue(text.contains("seed 5, 3 messages"), text);
        assertTrue(text.contains("tiny: IMAP online: done"), text);
        assertTrue(text.lines().anyMatch(l -> l.strip().startsWith("IMAP online ")), "IMAP online has a row of numbers: " + text);
        assertTrue(Files.readString(dir.resolve("r/report.json")).contains("\"seed\": 5"));
    }

    @Test
    void standardScenariosCanBeNamedInsteadOfAFile(@TempDir Path dir) throws Exception {
        assertEquals(0, run("simulate", "lost-laptop", "--out", dir.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("== lost-laptop"));
    }

    @Test
    void badArgumentsAreUsageErrors() throws Exception {
        assertEquals(2, run("simulate"));
        assertEquals(2, run("simulate", "x.scenario", "--target", "http://example.org"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--target needs pop3://HOST:PORT or imap://HOST:PORT"));
        assertEquals(1, run("simulate", "/no/such/file.scenario"));
    }

    @Test
    void aRemoteTargetNeedsALoginAndAMaildir() throws Exception {
        assertEquals(2, run("simulate", "lost-laptop", "--target", "pop3://127.0.0.1:1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--target needs --user, --password and --maildir"));
    }
}
