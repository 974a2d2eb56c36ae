package org.maillab.simulator.scenario;

import java.time.Duration;

/**
 * Something that happens on a device at a moment of virtual time.
 *
 * @param at     when
 * @param device which device
 * @param action what happens
 * @param line   the line of the scenario file it came from (0 when built in code)
 */
public record EventSpec(Duration at, String device, Action action, int line) {

    /** Equality ignores the line, so that a formatted and re-parsed scenario equals the original. */
    @Override
    public boolean equals(Object o) {
        return o instanceof EventSpec e && at.equals(e.at) && device.equals(e.device) && action.equals(e.action);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(at, device, action);
    }
}
