package org.maillab.simulator.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.maillab.simulator.scenario.ParseResult;
import org.maillab.simulator.scenario.Scenario;
import org.maillab.simulator.scenario.ScenarioParser;

/** The scenarios shipped with MailLab ({@code src/main/resources/scenarios/}), in demo order. */
public final class StandardScenarios {

    /** Their names, each the file name without {@code .scenario}. */
    public static final List<String> NAMES = List.of("daily", "three-devices", "hotel", "lost-laptop", "small-quota",
            "old-message", "shared-inbox", "traveller", "leave-on-server", "slow-link-compress");

    private StandardScenarios() {
    }

    /** The text of a standard scenario. */
    public static String text(String name) {
        try (InputStream in = StandardScenarios.class.getResourceAsStream("/scenarios/" + name + ".scenario")) {
            if (in == null) {
                throw new IllegalArgumentException("no standard scenario named " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A standard scenario, parsed (they are tested to be valid). */
    public static Scenario load(String name) {
        ParseResult result = ScenarioParser.parse(text(name));
        if (result instanceof ParseResult.Parsed parsed) {
            return parsed.scenario();
        }
        throw new IllegalStateException("standard scenario " + name + " is invalid: " + ((ParseResult.Rejected) result).errors());
    }

    /** All of them, in order. */
    public static List<Scenario> all() {
        return NAMES.stream().map(StandardScenarios::load).toList();
    }
}
