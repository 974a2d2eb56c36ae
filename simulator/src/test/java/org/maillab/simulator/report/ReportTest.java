package org.maillab.simulator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.maillab.simulator.network.WireStats;
import org.maillab.simulator.run.Consistency;
import org.maillab.simulator.run.RunResult;
import org.maillab.simulator.run.ScenarioResult;
import org.maillab.simulator.run.SearchOutcome;
import org.maillab.simulator.run.SessionRecord;
import org.maillab.simulator.run.StorageSample;
import org.maillab.simulator.scenario.AccountSpec;
import org.maillab.simulator.scenario.DeviceSpec;
import org.maillab.simulator.scenario.Scenario;
import org.maillab.simulator.scenario.StrategyName;
import org.maillab.simulator.strategy.Strategies;
import org.w3c.dom.Document;

/** The output formats, on made-up results with awkward text in them. */
class ReportTest {

    static Scenario scenario(List<String> claims) {
        return new Scenario("odd<name>", "Quotes \" & <tags>, commas, and\nnewlines", claims, 3, Duration.ofHours(2),
                "broadband", List.of(StrategyName.POP3_DELETE, StrategyName.IMAP_ONLINE),
                List.of(new AccountSpec("a", "p", OptionalLong.empty(), OptionalLong.empty())), List.of(),
                List.of(new DeviceSpec("laptop", "a", Optional.empty(), Duration.ofHours(1), Duration.ZERO, Optional.empty(),
                        Optional.empty())), List.of());
    }

    static RunResult run(StrategyName s, long down, int lost) {
        SessionRecord session = new SessionRecord("laptop", "check", Duration.ZERO, "broadband",
                new WireStats(down, 40, 5, 4, 1), Duration.ofMillis(120), Optional.of(Duration.ofMillis(80)));
        List<StorageSample> storage = List.of(new StorageSample(Duration.ZERO, 0, Map.of("laptop", 0L)),
                new StorageSample(Duration.ofHours(1), 5000, Map.of("laptop", 0L)),
                new StorageSample(Duration.ofHours(2), 0, Map.of("laptop", down)));
        return new RunResult(s, RunResult.Status.COMPLETED, "", List.of(session), storage, new Consistency(0, 0, 0, 0),
                lost, 0, 3, 0, List.of(new SearchOutcome("laptop", "x,\"y\"", 1, 2, 0)), 3, 0);
    }

    static Report report() {
        ScenarioResult r = new ScenarioResult(scenario(List.of("C1", "C9")), "test", 3,
                List.of(run(StrategyName.POP3_DELETE, 5000, 0), RunResult.unavailable(StrategyName.IMAP_ONLINE, Strategies.NO_IMAP_RESULT)));
        return Report.of(List.of(r));
    }

    @Test
    void jsonIsWellFormedAndCarriesTheMeasures() {
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(JsonReport.render(report()));
        assertTrue(((String) root.get("formula")).startsWith("modelled_time = "));
        @SuppressWarnings("unchecked")
        Map<String, Object> s = ((List<Map<String, Object>>) root.get("scenarios")).get(0);
        assertEquals("Quotes \" & <tags>, commas, and\nnewlines", s.get("title"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> runs = (List<Map<String, Object>>) s.get("runs");
        assertEquals(5000L, runs.get(0).get("bytes_down"));
        assertEquals(120_000_000L, runs.get(0).get("modelled_ns"));
        assertEquals("unavailable", runs.get(1).get("status"));
        assertEquals(Strategies.NO_IMAP_RESULT, runs.get(1).get("note"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> verdicts = (List<Map<String, Object>>) s.get("verdicts");
        assertEquals(List.of("C1", "C9"), verdicts.stream().map(v -> v.get("claim")).toList());
        assertEquals("not measured", verdicts.get(1).get("verdict"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> claims = (List<Map<String, Object>>) root.get("claims");
        assertEquals(19, claims.size(), "every claim of the article has a row");
    }

    @Test
    void htmlIsWellFormedXmlWithOneSvgPerChart() throws Exception {
        String html = HtmlReport.render(report());
        Document doc = WellFormed.parse(html);
        int svgs = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength();
        assertEquals(3 + 1, svgs, "three bar charts and one storage chart (the unavailable strategy has none)");
        assertTrue(html.contains("did not run: " + Strategies.NO_IMAP_RESULT), "an unavailable strategy says why");
        assertTrue(html.contains("<h2>Every claim of the article</h2>"));
        for (int c = 1; c <= 19; c++) {
            assertTrue(html.contains("<tr><td>C" + c + "</td>"), "C" + c + " has a row");
        }
        assertTrue(html.contains("Quotes &quot; &amp; &lt;tags&gt;"));
        assertTrue(!html.contains("<script"), "self-contained and static");
    }

    @Test
    void csvHasOneRowPerRunAndQuotesAwkwardFields() {
        String csv = CsvReport.render(report());
        String[] lines = csv.split("\r\n");
        assertEquals(3, lines.length);
        assertEquals(CsvReport.COLUMNS.size(), lines[0].split(",").length);
        assertTrue(lines[2].contains("\"" + Strategies.NO_IMAP_RESULT.replace("\"", "\"\"") + "\"")
                || lines[2].endsWith(Strategies.NO_IMAP_RESULT));
        assertEquals("\"a,\"\"b\"\"\"", CsvReport.quote("a,\"b\""));
    }

    @Test
    void textTableListsMeasuredRunsAndSaysWhyOthersDidNotRun() {
        var bytes = new java.io.ByteArrayOutputStream();
        TextReport.write(report(), new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("POP3 download-and-delete"));
        assertTrue(text.contains("IMAP online: " + Strategies.NO_IMAP_RESULT));
        assertTrue(text.contains("C9 NOT MEASURED"));
        assertTrue(text.contains("modelled_time = (round_trips + connections"));
    }
}
