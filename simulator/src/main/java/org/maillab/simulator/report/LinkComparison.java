package org.maillab.simulator.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.maillab.simulator.network.LinkModel;
import org.maillab.simulator.network.NetworkProfile;
import org.maillab.simulator.network.TimeModel;
import org.maillab.simulator.run.RunResult;

/**
 * A time claim ("A takes less time than B") judged on every link at once. A run's wire record does not
 * depend on the link, only its modelled time does (TimeModel), so the same sessions say on which links the
 * claim holds, near which round-trip time the two strategies cross, and whether round trips or bytes
 * dominated.
 *
 * @param faster    the strategy the claim says is faster
 * @param slower    the other one
 * @param rows      one per link, fastest link first
 * @param crossover where the order flips, if it does between two neighbouring links
 */
record LinkComparison(RunResult faster, RunResult slower, List<Row> rows, Optional<Crossover> crossover) {

    /** Highest RTT the crossover is looked for: beyond every named link. */
    static final Duration MAX_RTT = Duration.ofSeconds(10);

    private static final Map<String, String> LABELS = Map.of("lan", "LAN", "broadband", "broadband", "4g", "4G",
            "3g", "3G", "dialup", "dial-up", "satellite", "satellite");

    /** One link: both strategies' modelled times and how much of each was round trips. */
    record Row(NetworkProfile link, Duration fasterTime, Duration slowerTime, Duration latency, Duration total) {
        boolean holds() {
            return fasterTime.compareTo(slowerTime) < 0;
        }

        /** Whether round trips were most of both strategies' time together. */
        boolean latencyDominated() {
            return latency.multipliedBy(2).compareTo(total) > 0;
        }
    }

    /** At {@code bandwidthOf}'s bandwidths the two strategies take the same time near {@code rtt}. */
    record Crossover(NetworkProfile bandwidthOf, Duration rtt) {
    }

    static LinkComparison of(RunResult faster, RunResult slower, LinkModel model) {
        List<Row> rows = new ArrayList<>();
        for (NetworkProfile link : NetworkProfile.ALL) {
            rows.add(row(faster, slower, model.on(link)));
        }
        Optional<Crossover> crossover = Optional.empty();
        for (int i = 1; i < rows.size() && crossover.isEmpty(); i++) {
            if (rows.get(i).holds() != rows.get(i - 1).holds()) {
                crossover = crossing(faster, slower, model, rows.get(i).link());
            }
        }
        return new LinkComparison(faster, slower, rows, crossover);
    }

    private static Row row(RunResult faster, RunResult slower, TimeModel model) {
        Duration a = faster.modelledTimeOn(model);
        Duration b = slower.modelledTimeOn(model);
        return new Row(model.network(), a, b, faster.latencyOn(model).plus(slower.latencyOn(model)), a.plus(b));
    }

    /**
     * Bisection on RTT with the link's bandwidths held: the difference of the two modelled times changes
     * sign at most once between 0 and {@link #MAX_RTT} (without slow start each time is linear in RTT;
     * with it, the search still finds one crossing where the sign changes).
     */
    private static Optional<Crossover> crossing(RunResult faster, RunResult slower, LinkModel model,
                                                NetworkProfile bandwidthOf) {
        long lo = 0;
        long hi = MAX_RTT.toMillis();
        boolean atLo = holdsAt(faster, slower, model, bandwidthOf, lo);
        if (atLo == holdsAt(faster, slower, model, bandwidthOf, hi)) {
            return Optional.empty();
        }
        while (hi - lo > 1) {
            long mid = (lo + hi) / 2;
            if (holdsAt(faster, slower, model, bandwidthOf, mid) == atLo) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Optional.of(new Crossover(bandwidthOf, Duration.ofMillis(hi)));
    }

    private static boolean holdsAt(RunResult faster, RunResult slower, LinkModel model, NetworkProfile link, long rttMillis) {
        return row(faster, slower, model.on(link.withRoundTrip(Duration.ofMillis(rttMillis)))).holds();
    }

    /** E.g. "holds on LAN, broadband and 4G; not on 3G, dial-up or satellite (...)". */
    String sentence() {
        List<String> yes = rows.stream().filter(Row::holds).map(r -> label(r.link())).toList();
        List<String> no = rows.stream().filter(r -> !r.holds()).map(r -> label(r.link())).toList();
        StringBuilder b = new StringBuilder();
        if (no.isEmpty()) {
            b.append("holds on every link (").append(join(yes, "and")).append(")");
        } else if (yes.isEmpty()) {
            b.append("holds on no link (").append(join(no, "or")).append(")");
        } else {
            b.append("holds on ").append(join(yes, "and")).append("; not on ").append(join(no, "or"));
        }
        crossover.ifPresent(c -> b.append("; crossover near ").append(Numbers.time(c.rtt())).append(" RTT at ")
                .append(label(c.bandwidthOf())).append(" bandwidth"));
        List<String> rtt = rows.stream().filter(Row::latencyDominated).map(r -> label(r.link())).toList();
        List<String> bytes = rows.stream().filter(r -> !r.latencyDominated()).map(r -> label(r.link())).toList();
        b.append(". Round trips dominated ").append(rtt.isEmpty() ? "on no link" : "on " + join(rtt, "and"))
                .append("; bytes ").append(bytes.isEmpty() ? "on no link" : "on " + join(bytes, "and")).append('.');
        return b.toString();
    }

    /** One line per link, for the verdict's numbers. */
    List<String> lines() {
        return rows.stream().map(r -> label(r.link()) + ": " + faster.strategy().label() + " " + Numbers.time(r.fasterTime())
                + ", " + slower.strategy().label() + " " + Numbers.time(r.slowerTime())).toList();
    }

    static String label(NetworkProfile link) {
        return LABELS.getOrDefault(link.name(), link.name());
    }

    private static String join(List<String> names, String last) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " " + last + " " + names.get(names.size() - 1);
    }
}
