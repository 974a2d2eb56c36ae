package org.maillab.simulator.report;

import java.time.Duration;
import java.util.Locale;
import org.maillab.simulator.scenario.Units;

/** How reports write numbers for people. */
public final class Numbers {

    private Numbers() {
    }

    public static String bytes(long octets) {
        return octets < 0 ? "n/a" : Units.human(octets);
    }

    /** A modelled duration: "350 ms", "2.4 s", "3 min 12 s", "1 h 5 min". */
    public static String time(Duration d) {
        long ms = d.toMillis();
        if (ms < 1) {
            return String.format(Locale.ROOT, "%.2f ms", d.toNanos() / 1e6);
        }
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = d.getSeconds();
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
