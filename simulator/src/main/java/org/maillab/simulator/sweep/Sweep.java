package org.maillab.simulator.sweep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.maillab.simulator.scenario.Units;

/**
 * What a sweep varies and the values it takes: {@code rtt=20ms..2s}, {@code bandwidth=56k..100M} (bits per
 * second), {@code check=5m..4h}, {@code quota=1MB..50MB}, {@code seed=1..10}. A range whose ends differ by a
 * factor of ten or more is spaced geometrically, otherwise evenly; seeds take every whole number.
 *
 * @param kind   the parameter
 * @param values in the parameter's base unit: milliseconds, bits per second, seconds, octets, or the seed
 */
public record Sweep(Kind kind, List<Long> values) {

    /** The parameters a sweep can vary. */
    public enum Kind {
        /** Every device's round-trip time; bandwidths stay the device's network's. */
        RTT("rtt", "RTT"),
        /** Every device's bandwidth, the same both ways; RTTs stay the device's network's. */
        BANDWIDTH("bandwidth", "bandwidth"),
        /** Every device's check interval. */
        CHECK("check", "check interval"),
        /** Every account's quota. */
        QUOTA("quota", "quota"),
        /** The scenario's seed: what the numbers do over different mail. */
        SEED("seed", "seed");

        private final String word;
        private final String label;

        Kind(String word, String label) {
            this.word = word;
            this.label = label;
        }

        public String word() {
            return word;
        }

        public String label() {
            return label;
        }

        /**
         * Whether the sessions stay the same for every value: RTT and bandwidth change only the modelled
         * time, so one run serves all values; the others change what the clients do and are run again.
         */
        public boolean linkOnly() {
            return this == RTT || this == BANDWIDTH;
        }
    }

    /** At most this many values; more would only slow a run down. */
    public static final int MAX_STEPS = 50;

    private static final Pattern SPEC = Pattern.compile("([a-z]+)=([^.]+)\\.\\.(.+)");
    private static final Pattern RTT = Pattern.compile("(\\d{1,6})(ms|s)");
    private static final Pattern BITS = Pattern.compile("(\\d{1,6})([kMG]?)");

    public Sweep {
        values = List.copyOf(values);
    }

    /** Parses {@code NAME=FROM..TO} into {@code steps} values; empty with a reason in {@code why} otherwise. */
    public static Optional<Sweep> parse(String spec, int steps, StringBuilder why) {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            why.append("'").append(spec).append("' is not NAME=FROM..TO (e.g. rtt=20ms..2s)");
            return Optional.empty();
        }
        Optional<Kind> kind = java.util.Arrays.stream(Kind.values()).filter(k -> k.word.equals(m.group(1))).findFirst();
        if (kind.isEmpty()) {
            why.append("'").append(m.group(1)).append("' cannot be varied (rtt, bandwidth, check, quota, seed)");
            return Optional.empty();
        }
        Optional<Long> from = value(kind.get(), m.group(2));
        Optional<Long> to = value(kind.get(), m.group(3));
        if (from.isEmpty() || to.isEmpty()) {
            why.append("'").append(from.isEmpty() ? m.group(2) : m.group(3)).append("' is not a ")
                    .append(kind.get().label).append(unitsHint(kind.get()));
            return Optional.empty();
        }
        if (from.get() > to.get() || (kind.get() != Kind.SEED && kind.get() != Kind.RTT && from.get() == 0)) {
            why.append("the range must run upwards and, but for rtt and seed, start above zero");
            return Optional.empty();
        }
        if (steps < 2 || steps > MAX_STEPS) {
            why.append("--steps must be from 2 to ").append(MAX_STEPS);
            return Optional.empty();
        }
        return Optional.of(new Sweep(kind.get(), spread(kind.get(), from.get(), to.get(), steps)));
    }

    private static String unitsHint(Kind kind) {
        return switch (kind) {
            case RTT -> " (e.g. 20ms, 2s)";
            case BANDWIDTH -> " in bits per second (e.g. 56k, 100M)";
            case CHECK -> " (e.g. 5m, 4h)";
            case QUOTA -> " (e.g. 1MB, 50MB)";
            case SEED -> " (a whole number)";
        };
    }

    static Optional<Long> value(Kind kind, String text) {
        switch (kind) {
            case RTT -> {
                Matcher m = RTT.matcher(text);
                return m.matches() ? Optional.of(Long.parseLong(m.group(1)) * (m.group(2).equals("s") ? 1000 : 1)) : Optional.empty();
            }
            case BANDWIDTH -> {
                Matcher m = BITS.matcher(text);
                if (!m.matches()) {
                    return Optional.empty();
                }
                long scale = switch (m.group(2)) {
                    case "k" -> 1_000L;
                    case "M" -> 1_000_000L;
                    case "G" -> 1_000_000_000L;
                    default -> 1L;
                };
                return Optional.of(Long.parseLong(m.group(1)) * scale);
            }
            case CHECK -> {
                return Units.parseTime(text).map(Duration::getSeconds);
            }
            case QUOTA -> {
                return Units.parseSize(text);
            }
            default -> {
                return text.matches("\\d{1,9}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
            }
        }
    }

    private static List<Long> spread(Kind kind, long from, long to, int steps) {
        List<Long> out = new ArrayList<>();
        if (kind == Kind.SEED) {
            for (long s = from; s <= to && out.size() < MAX_STEPS; s++) {
                out.add(s);
            }
            return out;
        }
        boolean geometric = from > 0 && to >= 10 * from;
        for (int i = 0; i < steps; i++) {
            double f = (double) i / (steps - 1);
            long v = geometric ? Math.round(from * Math.pow((double) to / from, f)) : Math.round(from + (to - from) * f);
            if (out.isEmpty() || out.get(out.size() - 1) != v) {
                out.add(v);
            }
        }
        return out;
    }

    /** A value for people, in the parameter's unit. */
    public String format(long v) {
        return switch (kind) {
            case RTT -> v + " ms";
            case BANDWIDTH -> v >= 1_000_000 ? String.format(Locale.ROOT, "%.1f Mbit/s", v / 1e6)
                    : String.format(Locale.ROOT, "%.1f kbit/s", v / 1e3);
            case CHECK -> Units.formatTime(Duration.ofSeconds(v));
            case QUOTA -> Units.human(v);
            case SEED -> Long.toString(v);
        };
    }
}
