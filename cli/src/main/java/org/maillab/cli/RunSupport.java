package org.maillab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.maillab.simulator.network.NetworkProfile;
import org.maillab.simulator.report.Report;
import org.maillab.simulator.report.ReportFiles;
import org.maillab.simulator.report.TextReport;
import org.maillab.simulator.run.RunResult;
import org.maillab.simulator.run.ScenarioResult;
import org.maillab.simulator.scenario.Scenario;

/** What the {@code demo} and {@code simulate} commands share: option values and the end of a run. */
final class RunSupport {

    private RunSupport() {
    }

    static Scenario adjust(Scenario scenario, Optional<Long> seed, Optional<String> network) {
        Scenario s = seed.map(scenario::withSeed).orElse(scenario);
        return network.map(s::withNetworkForAll).orElse(s);
    }

    static Optional<Long> parseSeed(String v, PrintStream err) {
        try {
            return Optional.of(Long.parseLong(v));
        } catch (NumberFormatException e) {
            err.println("maillab: --seed needs a whole number, not '" + v + "'");
            return Optional.empty();
        }
    }

    static Optional<String> parseNetwork(String v, PrintStream err) {
        Optional<String> n = NetworkProfile.named(v).map(NetworkProfile::name);
        if (n.isEmpty()) {
            err.println("maillab: unknown network '" + v + "' (known: " + NetworkProfile.names() + ")");
        }
        return n;
    }

    /** Prints the table and verdicts, writes the files, prints their paths; 1 if any run failed. */
    static int finish(List<ScenarioResult> results, Path outDir, PrintStream out, PrintStream err) throws IOException {
        Report report = Report.of(results);
        TextReport.write(report, out);
        List<Path> files = ReportFiles.write(report, outDir);
        out.println();
        out.println("Report written:");
        for (Path f : files) {
            out.println("  " + f.toAbsolutePath().normalize());
        }
        boolean failed = results.stream().flatMap(r -> r.runs().stream()).anyMatch(r -> r.status() == RunResult.Status.FAILED);
        if (failed) {
            err.println("maillab: some strategies failed; the report says where and why.");
        }
        return failed ? 1 : 0;
    }
}
