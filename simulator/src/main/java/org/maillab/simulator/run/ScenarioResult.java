package org.maillab.simulator.run;

import java.util.List;
import java.util.Optional;
import org.maillab.simulator.scenario.Scenario;
import org.maillab.simulator.scenario.StrategyName;

/**
 * A scenario's runs, one per compared strategy.
 *
 * @param scenario the scenario as run (seed and network overrides applied)
 * @param target   what was measured, e.g. "MailLab in-process servers"
 * @param messages messages the scenario delivers in all
 * @param runs     one per strategy, in the scenario's order
 */
public record ScenarioResult(Scenario scenario, String target, int messages, List<RunResult> runs) {

    public ScenarioResult {
        runs = List.copyOf(runs);
    }

    public Optional<RunResult> run(StrategyName strategy) {
        return runs.stream().filter(r -> r.strategy() == strategy).findFirst();
    }

    /** The run of that strategy if it produced measurements. */
    public Optional<RunResult> measured(StrategyName strategy) {
        return run(strategy).filter(RunResult::measured);
    }
}
