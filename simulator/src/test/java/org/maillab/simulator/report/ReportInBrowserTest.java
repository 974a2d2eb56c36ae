package org.maillab.simulator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a reader gets it: Debian's headless Chromium loads the page from a file, with no
 * network, and the DOM it builds shows every claim. Skipped where Chromium is missing, except under CI,
 * where {@code .ci/run} installs it.
 */
class ReportInBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void chromiumLoadsTheReportWithoutErrorsAndShowsEveryClaim() throws Exception {
        assumeChromium();
        Path page = dir.resolve("report.html");
        Files.writeString(page, HtmlReport.render(ReportTest.report()), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.resolve("profile"), "--enable-logging=stderr", "--v=0",
                "--dump-dom", page.toUri().toString())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("stderr.txt")));
        List<String> pageErrors = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("stderr.txt"))) {
            if (line.contains("CONSOLE") || line.contains("Uncaught") || line.contains("net::ERR")) {
                pageErrors.add(line);
            }
        }
        assertEquals(List.of(), pageErrors, "what the page itself logged");
        assertTrue(dom.contains("<h2>Every claim of the article</h2>"), "the claim table was rendered");
        for (int c = 1; c <= 19; c++) {
            assertTrue(dom.contains("<tr><td>C" + c + "</td>"), "C" + c + " is shown");
        }
        assertTrue(dom.contains("<svg"), "the charts are in the DOM");
    }

    private static void assumeChromium() throws IOException {
        if (Files.isExecutable(CHROMIUM)) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("Chromium is required under CI: .ci/run installs Debian's chromium");
        }
        Assumptions.assumeTrue(false, "Debian's chromium is not installed");
    }
}
