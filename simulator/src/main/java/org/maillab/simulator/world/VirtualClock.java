package org.maillab.simulator.world;

import java.time.Duration;
import java.time.Instant;

/**
 * Scenario time. Nothing in a run reads the wall clock: dates in messages and internal dates on the
 * server come from here, so a run is the same every time.
 */
public final class VirtualClock {

    /** Time zero of every scenario: a fixed Monday morning. */
    public static final Instant EPOCH = Instant.parse("2026-03-02T08:00:00Z");

    private Duration now = Duration.ZERO;

    public Duration now() {
        return now;
    }

    public Instant instant() {
        return at(now);
    }

    public static Instant at(Duration offset) {
        return EPOCH.plus(offset);
    }

    /** Moves time forward (never back). */
    public void advanceTo(Duration time) {
        if (time.compareTo(now) > 0) {
            now = time;
        }
    }
}
