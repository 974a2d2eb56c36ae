package org.maillab.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing (docs/fuzzing.md) of the scenario parser. Any text gives a scenario or a
 * non-empty list of errors, each on a line of the file and with a message; a scenario it accepts is
 * written out by {@link ScenarioFormatter} and parses back to the same scenario. The corpus is the
 * standard scenarios, the examples of docs/scenario-format.md and what fuzzing found since.
 */
class ScenarioParserFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void parserThenFormatter(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8); // as the command line reads a file
        ParseResult result = ScenarioParser.parse(text);
        assertNotNull(result);
        if (result instanceof ParseResult.Rejected rejected) {
            int lines = text.split("\r\n|\r|\n", -1).length;
            assertFalse(rejected.errors().isEmpty(), "rejected without an error");
            for (ScenarioError e : rejected.errors()) {
                assertTrue(e.line() >= 1 && e.line() <= lines, () -> e + " is not a line of the file");
                assertFalse(e.message() == null || e.message().isBlank(), "an error without a message");
            }
            return;
        }
        Scenario scenario = ((ParseResult.Parsed) result).scenario();
        String formatted = ScenarioFormatter.format(scenario);
        assertEquals(result, ScenarioParser.parse(formatted), () -> "round trip through\n" + formatted);
    }
}
