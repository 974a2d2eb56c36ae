package org.maillab.load;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a load run.
 *
 * @param target   where the load went
 * @param clients  concurrent clients
 * @param elapsed  wall time from the first connection to the last client's end
 * @param perType  statistics per command type, in {@link CommandType} order, types not sent left out
 * @param overall  every command together
 * @param sent     commands written by all clients
 * @param tagged   tagged completions read by all clients; equals {@code sent} unless a connection failed
 * @param errors   connection failures, timeouts and unexpected closes (each ends its client)
 * @param firstErrors up to ten error messages, for diagnosis
 * @param refusals the first NO or BAD completion line of each command type that got one, for diagnosis
 */
public record LoadReport(LoadTarget target, int clients, Duration elapsed, Map<CommandType, TypeStats> perType,
        TypeStats overall, long sent, long tagged, long errors, List<String> firstErrors,
        Map<CommandType, String> refusals) {

    public LoadReport {
        perType = Map.copyOf(perType);
        firstErrors = List.copyOf(firstErrors);
        refusals = Map.copyOf(refusals);
    }

    /** Completed commands per second of wall time. */
    public double commandsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : overall.count() / seconds;
    }

    /** A table: one row per command type and one for all, latencies in milliseconds. */
    public String format() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s: %d clients, %d commands in %.2f s = %.0f commands/s%n",
                target, clients, overall.count(), elapsed.toNanos() / 1e9, commandsPerSecond()));
        s.append(String.format(Locale.ROOT, "%-14s %8s %8s %6s %6s %9s %9s %9s %9s%n",
                "command", "count", "ok", "no", "bad", "p50 ms", "p90 ms", "p99 ms", "max ms"));
        for (CommandType type : CommandType.values()) {
            TypeStats t = perType.get(type);
            if (t != null) {
                row(s, type.name(), t);
            }
        }
        row(s, "all", overall);
        for (CommandType type : CommandType.values()) {
            if (refusals.containsKey(type)) {
                s.append("first refused ").append(type).append(": ").append(refusals.get(type))
                        .append(System.lineSeparator());
            }
        }
        if (errors > 0) {
            s.append("errors: ").append(errors).append(' ').append(firstErrors).append(System.lineSeparator());
        }
        return s.toString();
    }

    private static void row(StringBuilder s, String name, TypeStats t) {
        s.append(String.format(Locale.ROOT, "%-14s %8d %8d %6d %6d %9.3f %9.3f %9.3f %9.3f%n", name, t.count(), t.ok(),
                t.no(), t.bad(), millis(t.p50()), millis(t.p90()), millis(t.p99()), millis(t.max())));
    }

    static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }
}
