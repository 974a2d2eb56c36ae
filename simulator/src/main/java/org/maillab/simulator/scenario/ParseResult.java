package org.maillab.simulator.scenario;

import java.util.List;

/** What parsing a scenario file gives: the scenario, or every error found (then nothing may run). */
public sealed interface ParseResult {

    /** The file was valid. */
    record Parsed(Scenario scenario) implements ParseResult {
    }

    /** The file had mistakes; all of them, in line order. */
    record Rejected(List<ScenarioError> errors) implements ParseResult {
        public Rejected {
            errors = List.copyOf(errors);
        }
    }
}
