package org.maillab.simulator.scenario;

/**
 * One mistake in a scenario file.
 *
 * @param line    1-based line number
 * @param message what is wrong and, where possible, what would be right
 */
public record ScenarioError(int line, String message) {

    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
