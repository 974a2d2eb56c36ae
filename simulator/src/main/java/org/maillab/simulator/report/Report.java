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

    /** One row per claim C1..C19: the verdicts the scenarios gave it, or where it is shown instead. */
    public record ClaimRow(String claim, String statement, List<Placed> verdicts, String whereShown) {
        public ClaimRow {
            verdicts = List.copyOf(verdicts);
        }
    }

    /** A verdict and the scenario it came from. */
    public record Placed(String scenario, Verdict verdict) {
    }

    /** Every claim of the article, in order, whether or not a scenario of this report decides it. */
    public List<ClaimRow> claimIndex() {
        return Claims.ALL.stream().map(c -> new ClaimRow(c, Claims.text(c), entries.stream()
                .flatMap(e -> e.verdicts().stream().filter(v -> v.claim().equals(c))
                        .filter(v -> v.kind() != Verdict.Kind.NOT_MEASURED || !Claims.rule(c).isEmpty())
                        .map(v -> new Placed(e.result().scenario().name(), v)))
                .toList(), Claims.whereShown(c))).toList();
    }

    /** Judges every scenario's claims. */
    public static Report of(List<ScenarioResult> results) {
        return new Report(results.stream().map(r -> new Entry(r, ClaimJudge.judge(r))).toList());
    }
}
