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
import org.maillab.simulator.report.WellFormed;

class SweepCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return Maillab.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aCheckIntervalSweepRunsOncePerValueAndWritesTheTableTheCsvAndThePlot(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("small.scenario");
        Files.writeString(file, """
                scenario small
                claims C10
                duration 3h
                compare pop3-delete imap-online
                account alice
                mail alice count 4 every 30m start 10m size 3KB
                device laptop account alice check-every 1h
                """);
        assertEquals(0, run("sweep", file.toString(), "--vary", "check=30m..90m", "--steps", "3", "--out", dir.toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("== sweep of small: check interval from 30m to 1h30m, 3 values (one run each)"), text);
        assertTrue(text.contains("running small with check interval 1h"), text);
        List<String> csv = Files.readAllLines(dir.resolve("sweep.csv"));
        assertEquals("check,pop3-delete_modelled_ns,pop3-delete_bytes_down,pop3-delete_round_trips,"
                + "imap-online_modelled_ns,imap-online_bytes_down,imap-online_round_trips,C10", csv.get(0));
        assertEquals(List.of("1800", "3600", "5400"), csv.subList(1, 4).stream().map(l -> l.split(",")[0]).toList());
        WellFormed.parse(Files.readString(dir.resolve("sweep.svg")));
    }

    @Test
    void aBadVarySaysWhyAndRunsNothing(@TempDir Path dir) throws Exception {
        assertEquals(2, run("sweep", "daily", "--vary", "colour=red..blue", "--out", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'colour' cannot be varied"));
        assertEquals(2, run("sweep", "daily"));
        assertTrue(Files.notExists(dir.resolve("sweep.csv")));
    }
}
