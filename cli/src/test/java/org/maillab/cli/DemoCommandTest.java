package org.maillab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maillab.simulator.report.MiniJson;
import org.maillab.simulator.report.WellFormed;
import org.maillab.simulator.run.StandardScenarios;
import org.w3c.dom.Document;

class DemoCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return Maillab.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void demoRunsScenariosPrintsTableAndVerdictsAndWritesWellFormedReportFiles(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("maillab-report");
        int status = run("demo", "--only", "lost-laptop,leave-on-server,small-quota", "--out", report.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains("[1/3] lost-laptop: POP3 download-and-delete..."), "progress is shown");
        assertTrue(text.contains("== lost-laptop: The lost laptop"));
        assertTrue(text.contains("C1 HOLDS ONLY WHEN: POP3 deletes from the server"), text);
        assertTrue(text.contains("C11 HOLDS: leave-on-server kept"), text);
        assertTrue(text.contains("C2 HOLDS: IMAP online filled the quota"), text);
        for (String file : List.of("report.html", "report.json", "report.csv")) {
            Path p = report.resolve(file);
            assertTrue(Files.size(p) > 0, file);
            assertTrue(text.contains(p.toAbsolutePath().normalize().toString()), "prints the path of " + file);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(Files.readString(report.resolve("report.json")));
        assertEquals(3, ((List<?>) json.get("scenarios")).size());
        Document html = WellFormed.parse(Files.readString(report.resolve("report.html")));
        assertTrue(html.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength() >= 3 * 3);
        List<String> csv = Files.readAllLines(report.resolve("report.csv"));
        assertEquals(1 + 4 + 2 + 4, csv.size(), "a header and one row per scenario and strategy");
    }

    @Test
    void listShowsEveryStandardScenarioWithItsClaims() throws Exception {
        assertEquals(0, run("demo", "--list"));
        String text = out.toString(StandardCharsets.UTF_8);
        for (String name : StandardScenarios.NAMES) {
            assertTrue(text.contains(name), name);
        }
        assertTrue(text.contains("The hotel: a slow link and a 10 MB video clip (claims C9 C19)"));
    }

    @Test
    void unknownScenarioOrOptionIsAUsageError() throws Exception {
        assertEquals(2, run("demo", "--only", "atlantis"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no standard scenario named 'atlantis'"));
        assertEquals(2, run("demo", "--network", "pigeon"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown network 'pigeon'"));
    }
}
