package org.maillab.simulator.report;

import java.util.List;
import org.maillab.simulator.run.ScenarioResult;

/**
 * A finished set of scenario runs with their verdicts: what every output format renders.
 *
 * @param entries one per scenario, in run order
 */
public record Report(List<Entry> entries) {

    /** A scenario's results and the verdicts computed from them. */
    public record Entry(ScenarioResult result, List<Verdict> verdicts) {
        public Entry {
            verdicts = List.copyOf(verdicts);
        }
    }

    public Report {
        entries = List.copyOf(entries);
    }

    /** Judges every scenario's claims. */
    public static Report of(List<ScenarioResult> results) {
        return new Report(results.stream().map(r -> new Entry(r, ClaimJudge.judge(r))).toList());
    }
}
